import { readFileSync } from 'node:fs'
import type { CliIo } from './command'
import { UsageError } from './command'
import { commands } from './commands/index'

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
  return pkg.version
}

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)
  return [
    'toonmo: turn footage of a person into 2D cartoon rig animation',
    '',
    'Usage: toonmo <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    "  --help     show this help, or a command's help: toonmo <command> --help",
    '  --version  print the version',
    '',
  ].join('\n')
}

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTty: Boolean(process.stderr.isTTY),
}

/** Runs one CLI invocation and returns its exit code. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [first, ...rest] = argv
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out(helpText())
    return 0
  }
  if (first === '--version' || first === '-v') {
    io.out(`${packageVersion()}\n`)
    return 0
  }
  const command = commands.find((c) => c.name === first)
  if (!command) {
    io.err(`toonmo: unknown command "${first}"\n\n${helpText()}`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.usage.trimEnd()}\n`)
    return 0
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`toonmo ${command.name}: ${error.message}\n\n${command.usage.trimEnd()}\n`)
      return 2
    }
    const message = error instanceof Error ? error.message : String(error)
    io.err(`toonmo ${command.name}: ${message}\n`)
    return 1
  }
}
