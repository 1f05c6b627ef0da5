import { chromium } from 'playwright-core'
import type { Browser } from 'playwright-core'
import { findBrowser, headlessChromiumArgs, noBrowserMessage } from './findBrowser'

/**
 * Launches the machine's Chromium headless through playwright-core. Playwright gives every launch
 * a fresh temporary profile itself (it refuses a --user-data-dir argument), which is what the
 * headless flags assume.
 */
export async function launchHeadlessChromium(extraArgs: string[] = []): Promise<Browser> {
  const browser = findBrowser()
  if (!browser || browser.isElectron) throw new Error(noBrowserMessage)
  return chromium.launch({
    executablePath: browser.path,
    args: [...headlessChromiumArgs, ...extraArgs],
    timeout: 60_000,
  })
}
