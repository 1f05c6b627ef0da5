import { findBrowser, noBrowserMessage } from '../browser/findBrowser'
import type { DetectorBackend } from './detectorRun'
import { ElectronProcessDetector } from './electronProcessDetector'
import { HeadlessDetector } from './headlessDetector'

/**
 * The detector for headless callers: the machine's Chromium or Chrome driven over DevTools, or,
 * where the only Chromium is the Electron binary, that binary showing the page in a hidden window.
 */
export async function launchDetector({
  background = false,
}: { background?: boolean } = {}): Promise<DetectorBackend> {
  const browser = findBrowser()
  if (!browser) throw new Error(noBrowserMessage)
  if (browser.isElectron) return new ElectronProcessDetector(browser.path, { background })
  return HeadlessDetector.launch(undefined, { background })
}
