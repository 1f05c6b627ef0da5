import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findBrowser, headlessChromiumArgs, noBrowserMessage } from './findBrowser'

/** A headless Chromium showing one page, started by this process. */
export interface HeadlessPage {
  /** Settles when the browser exits, with a message when it exited on its own. */
  exited: Promise<string>
  close(): Promise<void>
}

/**
 * Opens `url` in a headless Chromium spawned directly, without a DevTools connection, for pages
 * that talk to a local server of ours over HTTP. Playwright mirrors every request body over its
 * DevTools pipe, which for a page uploading rendered frames (tens of megabytes) costs more CPU
 * than the rendering itself; with no DevTools client attached that cost is gone. Gets a fresh
 * profile folder, removed on close.
 */
export function spawnHeadlessPage(url: string, extraArgs: string[] = []): HeadlessPage {
  const browser = findBrowser()
  if (!browser) throw new Error(noBrowserMessage)
  if (browser.isElectron)
    throw new Error(
      `Only an Electron binary was found (${browser.path}); headless rendering needs a Chromium. ${noBrowserMessage}`,
    )
  const profile = mkdtempSync(join(tmpdir(), 'toonmo-chromium-'))
  const proc = spawn(
    browser.path,
    [...headlessChromiumArgs, `--user-data-dir=${profile}`, ...extraArgs, url],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  let stderr = ''
  proc.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)))
  let closing = false
  const exited = new Promise<string>((resolve) => {
    proc.on('error', (error) => resolve(`could not start ${browser.path}: ${error.message}`))
    proc.on('close', (code, signal) => {
      rmSync(profile, { recursive: true, force: true })
      resolve(
        closing
          ? 'closed'
          : `Chromium exited (${signal ?? `code ${code}`}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`,
      )
    })
  })
  return {
    exited,
    async close() {
      closing = true
      if (proc.exitCode === null && proc.signalCode === null) {
        // The profile is a throwaway and the page is done, so there is nothing to shut down
        // gracefully; Chromium's helper processes exit when their browser process goes.
        proc.kill('SIGKILL')
        await exited
      } else await exited
    },
  }
}
