import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'

export type BrowserSource = 'CHROMIUM_PATH' | 'system' | 'chrome' | 'playwright' | 'electron'

export interface BrowserLocation {
  path: string
  source: BrowserSource
  /** Electron runs pages too, but is launched differently from a Chromium. */
  isElectron: boolean
}

const require = createRequire(import.meta.url)

const systemChromiums = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
]
const chromes = [
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
]

function playwrightChromium(): string | undefined {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), '.cache', 'ms-playwright')
  if (!existsSync(root)) return undefined
  for (const dir of readdirSync(root)
    .filter((d) => d.startsWith('chromium'))
    .sort()
    .reverse()) {
    for (const rel of [
      'chrome-linux/chrome',
      'chrome-linux64/chrome',
      'chrome-mac/Chromium.app/Contents/MacOS/Chromium',
    ]) {
      const candidate = join(root, dir, rel)
      if (existsSync(candidate)) return candidate
    }
  }
  return undefined
}

function electronBinary(): string | undefined {
  try {
    // The electron package's index reads path.txt, written only once the binary was fetched;
    // read it ourselves so a missing binary never triggers a download attempt.
    const pkgDir = join(require.resolve('electron/package.json'), '..')
    const pathTxt = join(pkgDir, 'path.txt')
    if (!existsSync(pathTxt)) return undefined
    const rel = readFileSync(pathTxt, 'utf8').trim()
    const binary = join(pkgDir, 'dist', rel)
    return existsSync(binary) ? binary : undefined
  } catch {
    return undefined
  }
}

/** Finds a browser for headless work: CHROMIUM_PATH, a system Chromium, Chrome, Playwright's, Electron. */
export function findBrowser(): BrowserLocation | undefined {
  const env = process.env.CHROMIUM_PATH
  if (env && existsSync(env)) return { path: env, source: 'CHROMIUM_PATH', isElectron: false }
  for (const p of systemChromiums)
    if (existsSync(p)) return { path: p, source: 'system', isElectron: false }
  for (const p of chromes)
    if (existsSync(p)) return { path: p, source: 'chrome', isElectron: false }
  const pw = playwrightChromium()
  if (pw) return { path: pw, source: 'playwright', isElectron: false }
  const el = electronBinary()
  if (el) return { path: el, source: 'electron', isElectron: true }
  return undefined
}

/** The Electron binary if it has been fetched (it is not, on machines without internet). */
export function findElectronBinary(): string | undefined {
  return electronBinary()
}

export const noBrowserMessage =
  'No Chromium-based browser was found. Install one (Debian/Ubuntu: apt-get install chromium), ' +
  'or set CHROMIUM_PATH to a Chromium or Chrome executable.'

/** The flags every headless launch uses: no sandbox for root CI, and no background traffic. */
export const headlessChromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
