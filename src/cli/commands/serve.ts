import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { appRoot, rendererBuildDir } from '../../main/paths'
import { startServer } from '../../main/server/serve'
import { surviveStrayRejections } from '../../main/services/strayErrors'
import { optionString, parseArgs } from '../args'
import type { CliCommand } from '../command'
import { UsageError } from '../command'

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the app in a browser: real services, real renderer, on localhost',
  usage: `Usage: toonmo serve [--port N] [--no-build]

Starts Toonmo's main-process services in Node and serves the renderer on 127.0.0.1, for machines
without the Electron binary and for end-to-end tests. Prints the URL to open (it carries a
per-run token; the API refuses calls without it). Builds the renderer first if it is not built.
Stop with Ctrl-C.`,
  async run(args, io) {
    const parsed = parseArgs(args, { flags: ['no-build'], options: ['port'] })
    const portText = optionString(parsed, 'port')
    const port = portText === undefined ? 0 : Number(portText)
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be 0-65535, got ${portText}`)
    if (!existsSync(join(rendererBuildDir, 'index.html'))) {
      if (parsed.options.has('no-build')) {
        io.err('The renderer is not built. Run "npm run build" first.\n')
        return 1
      }
      io.err('Building the renderer (first run)...\n')
      const build = spawnSync(
        process.execPath,
        [join(appRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
        {
          cwd: appRoot,
          stdio: ['ignore', 'inherit', 'inherit'],
        },
      )
      if (build.status !== 0) {
        io.err('Building the renderer failed (see above).\n')
        return 1
      }
    }
    surviveStrayRejections((text) => io.err(text))
    const server = await startServer({ port })
    io.out(`Toonmo is running at ${server.url}\n`)
    await new Promise<void>((resolve) => {
      const stop = () => resolve()
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    await server.close()
    return 0
  },
}
