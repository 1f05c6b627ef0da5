import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { BrowserContext } from 'playwright-core'
import { findBrowser, headlessChromiumArgs, noBrowserMessage } from '../browser/findBrowser'
import { detectorPageDir } from './detectorPage'
import type { DetectorBackend, DetectorRunOptions } from './detectorRun'
import { detectorSettingsConfig, runFeed } from './detectorRun'
import { startDetectorServer } from './detectorServer'
import { poseModelPath } from './modelFiles'
import { tasksVisionWasmDir } from './wasmFiles'

export type { DetectorBackend, DetectorRunOptions } from './detectorRun'

/**
 * Runs the detector page in a Chromium this process launches (system Chromium, Chrome or
 * Playwright's; see findBrowser), with a fresh profile. One browser serves many runs; each run
 * gets its own page and local server.
 */
export class HeadlessDetector implements DetectorBackend {
  private constructor(
    private readonly context: BrowserContext,
    private readonly profileDir: string,
  ) {}

  static async launch(): Promise<HeadlessDetector> {
    const browser = findBrowser()
    if (!browser) throw new Error(noBrowserMessage)
    if (browser.isElectron) {
      throw new Error(
        `Only an Electron binary was found (${browser.path}); headless detection needs a Chromium. ${noBrowserMessage}`,
      )
    }
    const profileDir = mkdtempSync(join(tmpdir(), 'toonmo-detector-'))
    try {
      const context = await chromium.launchPersistentContext(profileDir, {
        executablePath: browser.path,
        headless: true,
        // Ctrl-C is ours to handle (cancel cleanly, keep the frames done); the browser runs in its
        // own process group, so the terminal's SIGINT does not reach it.
        handleSIGINT: false,
        args: [...headlessChromiumArgs, '--enable-unsafe-swiftshader'],
      })
      return new HeadlessDetector(context, profileDir)
    } catch (error) {
      rmSync(profileDir, { recursive: true, force: true })
      throw new Error(
        `Could not start ${browser.path} for detection: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      )
    }
  }

  async run(options: DetectorRunOptions): Promise<void> {
    const { settings } = options
    const [pageDir, modelPath] = await Promise.all([
      detectorPageDir(),
      poseModelPath(settings.model),
    ])
    const server = await startDetectorServer({
      pageDir,
      wasmDir: tasksVisionWasmDir(),
      modelPath,
      config: detectorSettingsConfig(settings),
    })
    const feed = runFeed(options)
    server.setFeed(feed)
    const page = await this.context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text())
    })
    page.on('crash', () => feed.fail(new Error('the detector page crashed')))
    page.on('close', () => feed.fail(new Error('the detector page closed')))
    try {
      await page.goto(server.pageUrl)
      await feed.done
    } catch (error) {
      if (pageErrors.length && error instanceof Error && !error.name.includes('Cancel')) {
        error.message += ` (page: ${pageErrors.slice(-3).join(' | ')})`
      }
      throw error
    } finally {
      await page.close().catch(() => undefined)
      await server.close()
    }
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined)
    rmSync(this.profileDir, { recursive: true, force: true })
  }
}
