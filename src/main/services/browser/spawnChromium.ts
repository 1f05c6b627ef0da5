import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runBelowNormal } from '../processPriority'
import { keepStderrTail } from '../stderrTail'
import { findBrowser, headlessChromiumArgs, noBrowserMessage } from './findBrowser'

/** A headless Chromium started by this process, with a throwaway profile. */
export interface SpawnedChromium {
  process: ChildProcess
  /** The executable that was started. */
  path: string
  /** Settles when the browser exits: 'closed' after close(), else why it exited. */
  exited: Promise<string>
  /** The last lines Chromium wrote to stderr, for error messages. */
  stderrTail(): string
  /** Kills the browser with its helper processes and waits for it; removes the profile. */
  close(): Promise<void>
}

/**
 * Starts the machine's Chromium (see findBrowser) headless with a fresh profile folder and
 * `args`; with `devToolsPipe`, file descriptors 3 and 4 are DevTools' pipe transport. The browser
 * runs in its own process group (Ctrl-C in a terminal is ours to handle, and close() can take
 * every helper process with it) and is killed if Node exits first.
 */
export function spawnChromium(
  args: string[],
  /** background: below normal priority, with every process it starts (batch detection). */
  options: { devToolsPipe?: boolean; background?: boolean } = {},
): SpawnedChromium {
  const browser = findBrowser()
  if (!browser) throw new Error(noBrowserMessage)
  if (browser.isElectron) {
    throw new Error(
      `Only an Electron binary was found (${browser.path}); this needs a Chromium. ${noBrowserMessage}`,
    )
  }
  const profileDir = mkdtempSync(join(tmpdir(), 'toonmo-chromium-'))
  const proc = spawn(
    browser.path,
    [
      ...headlessChromiumArgs,
      `--user-data-dir=${profileDir}`,
      ...(options.devToolsPipe ? ['--remote-debugging-pipe'] : []),
      ...args,
    ],
    {
      stdio: [
        'ignore',
        'ignore',
        'pipe',
        ...(options.devToolsPipe ? (['pipe', 'pipe'] as const) : []),
      ],
      detached: process.platform !== 'win32',
    },
  )
  // At once, before Chromium forks its zygote and renderers, so that they inherit it.
  if (options.background) runBelowNormal(proc.pid)
  const stderrTail = keepStderrTail(proc.stderr).lastLines
  let closing = false
  const killOnExit = (): void => killGroup(proc)
  process.once('exit', killOnExit)
  const exited = new Promise<string>((resolve) => {
    proc.on('error', (error) => resolve(`could not start ${browser.path}: ${error.message}`))
    proc.on('close', (code, signal) => {
      process.removeListener('exit', killOnExit)
      rmSync(profileDir, { recursive: true, force: true })
      resolve(closing ? 'closed' : `Chromium exited (${signal ?? `code ${code}`}): ${stderrTail()}`)
    })
  })
  return {
    process: proc,
    path: browser.path,
    exited,
    stderrTail,
    async close() {
      if (proc.exitCode === null && proc.signalCode === null) {
        closing = true
        // A throwaway profile and no page worth keeping: nothing to shut down gracefully.
        killGroup(proc)
      }
      await exited
    },
  }
}

function killGroup(proc: ChildProcess): void {
  try {
    if (proc.pid && process.platform !== 'win32') process.kill(-proc.pid, 'SIGKILL')
    else proc.kill('SIGKILL')
  } catch {
    proc.kill('SIGKILL')
  }
}
