import { spawnChromium } from './spawnChromium'

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
  const chromium = spawnChromium([...extraArgs, url])
  return { exited: chromium.exited, close: () => chromium.close() }
}
