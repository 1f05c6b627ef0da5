import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { resourcesDir } from '../../paths'
import { headlessChromiumArgs } from '../browser/findBrowser'
import { runBelowNormal } from '../processPriority'
import { keepStderrTail } from '../stderrTail'
import type { DetectorBackend, DetectorRunOptions } from './detectorRun'
import { serveRun } from './serveRun'

/** The Electron main script that shows the detector page in a hidden window. */
export const electronDetectorHostScript = join(resourcesDir, 'electron', 'detectorHost.cjs')

/**
 * Runs the detector page in a bare Electron binary, for headless callers (CLI, `toonmo serve`) on
 * a machine whose only Chromium is Electron's. Each run starts the binary on
 * resources/electron/detectorHost.cjs with the page's URL; the page pulls frames from this run's
 * local server over HTTP, as in headless Chromium. If the process exits before the last frame
 * (the page failed to load, its renderer died, Electron could not start), the run fails with what
 * the process said, keeping the frames already done.
 */
export class ElectronProcessDetector implements DetectorBackend {
  constructor(
    private readonly electronPath: string,
    private readonly options: { background?: boolean } = {},
  ) {}

  async run(options: DetectorRunOptions): Promise<void> {
    const { server, feed } = await serveRun(options)
    // Electron acts as plain Node when this is set (as it is for a CLI run under Electron).
    const env = { ...process.env }
    delete env.ELECTRON_RUN_AS_NODE
    const noDisplay =
      process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
    const proc = spawn(
      this.electronPath,
      [
        electronDetectorHostScript,
        `--toonmo-detector-url=${server.pageUrl}`,
        ...headlessChromiumArgs.filter((arg) => arg !== '--headless'),
        ...(noDisplay ? ['--ozone-platform=headless'] : []),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], env },
    )
    if (this.options.background) runBelowNormal(proc.pid)
    const said = keepStderrTail(proc.stderr).lastLines
    let finished = false
    proc.on('error', (error) =>
      feed.fail(new Error(`could not start ${this.electronPath}: ${error.message}`)),
    )
    proc.on('close', (code, signal) => {
      if (finished) return
      feed.fail(
        new Error(
          `the Electron detector host exited (${signal ?? `code ${code}`})${said() ? `: ${said()}` : ''}`,
        ),
      )
    })
    try {
      await feed.done
    } finally {
      finished = true
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL')
      await server.close()
    }
  }

  async close(): Promise<void> {}
}
