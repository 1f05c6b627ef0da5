import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron } from 'playwright-core'
import type { ElectronApplication } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { findElectronBinary } from '../src/main/services/browser/findBrowser'
import { defaultCleaningSettings } from '../src/core/keypoints/clean'
import { sharedDataDir } from '../src/main/paths'
import { repoRoot, screenshot } from './fixtures/serveApp'
import { distinctColours } from './fixtures/pixels'

const binary = findElectronBinary()
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY
if (!binary) {
  console.log(
    'SKIPPED: Electron e2e test: the Electron binary is not on this machine (it downloads on the first `npm start`; ' +
      'machines without internet cannot fetch it). The same UI is tested in Chromium through `toonmo serve`.',
  )
} else if (needsDisplay) {
  console.log('SKIPPED: Electron e2e test: no DISPLAY; run under xvfb-run to include it.')
}

/** The built app in Electron, with a cache of its own that starts empty (the caller removes it). */
async function launchWithEmptyCache(): Promise<{ app: ElectronApplication; cache: string }> {
  const cache = mkdtempSync(join(tmpdir(), 'toonmo-electron-cache-'))
  const app = await electron.launch({
    executablePath: binary!,
    args: [join(repoRoot, 'out', 'main', 'index.js')],
    cwd: repoRoot,
    env: { ...process.env, TOONMO_CACHE_DIR: cache } as Record<string, string>,
  })
  return { app, cache }
}

describe.skipIf(!binary || needsDisplay)('the app in Electron', () => {
  it('opens the main window with the sample project and a sandboxed renderer', async () => {
    const main = join(repoRoot, 'out', 'main', 'index.js')
    expect(existsSync(main), 'run npm run build first').toBe(true)
    const app = await electron.launch({ executablePath: binary!, args: [main], cwd: repoRoot })
    try {
      const page = await app.firstWindow()
      await page.locator('[data-testid="viewport-stage"][data-ready="true"]').waitFor()
      await expect.poll(() => page.getByTestId('project-title').textContent()).toContain('Sample')
      // The renderer has no Node and no ipcRenderer: only the bridge object.
      const exposed = await page.evaluate(() => ({
        bridge: typeof (window as unknown as { toonmoBridge?: unknown }).toonmoBridge,
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      }))
      expect(exposed).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined' })
      const canvas = await page.locator('[data-testid="viewport-stage"] canvas').screenshot()
      expect(distinctColours(canvas)).toBeGreaterThan(8)
      await screenshot(page, 'electron-main-window')
    } finally {
      await app.close()
    }
  })

  it('detects keypoints in its own hidden detector window, fed over a MessagePort', async () => {
    const clip = join(sharedDataDir, 'footage', 'mmhuman3d_single_person_demo.mp4')
    if (!existsSync(clip)) {
      console.log(`SKIPPED Electron detection: ${clip} is absent`)
      return
    }
    // An empty cache, so the clip is really detected rather than read back.
    const { app, cache } = await launchWithEmptyCache()
    try {
      const page = await app.firstWindow()
      await page.locator('[data-testid="viewport-stage"][data-ready="true"]').waitFor()
      const windowsDuringRun = page.evaluate(async (path) => {
        type Bridge = {
          call(m: string, a: unknown[]): Promise<{ result?: unknown; error?: { message: string } }>
          on(l: (e: { channel: string; payload: { ok?: boolean; message?: string } }) => void): void
        }
        const bridge = (window as unknown as { toonmoBridge: Bridge }).toonmoBridge
        const done = new Promise<{ ok?: boolean; message?: string }>((resolve) =>
          bridge.on((e) => {
            if (e.channel === 'job:done') resolve(e.payload)
          }),
        )
        const started = await bridge.call('detection.start', [path, 'lite'])
        if (started.error) return { ok: false, message: started.error.message }
        return done
      }, clip)
      // While it runs, main has a second, hidden window: the detector page.
      await expect
        .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length))
        .toBeGreaterThanOrEqual(2)
      const hidden = await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows().some((w) => !w.isVisible()),
      )
      expect(hidden).toBe(true)
      expect(await windowsDuringRun).toMatchObject({ ok: true })
      const track = await page.evaluate(
        async ([path, cleaning]) => {
          const bridge = (
            window as unknown as {
              toonmoBridge: { call(m: string, a: unknown[]): Promise<{ result?: unknown }> }
            }
          ).toonmoBridge
          return bridge.call('detection.track', [path, 'lite', cleaning, null])
        },
        [clip, defaultCleaningSettings] as const,
      )
      expect(track.result).not.toBeNull()
      // The hidden window is gone once the run is over.
      await expect
        .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length))
        .toBe(1)
    } finally {
      await app.close()
      rmSync(cache, { recursive: true, force: true })
    }
  }, 300_000)

  it('quits when its window is closed during detection, not when the clip is done', async () => {
    const clip = join(sharedDataDir, 'footage', 'hybrik_taiji.mp4')
    if (!existsSync(clip)) {
      console.log(`SKIPPED Electron quit during detection: ${clip} is absent`)
      return
    }
    // An empty cache: detecting this clip takes a minute or more.
    const { app, cache } = await launchWithEmptyCache()
    const exited = new Promise<void>((resolve) => app.process().once('exit', () => resolve()))
    try {
      const page = await app.firstWindow()
      await page.locator('[data-testid="viewport-stage"][data-ready="true"]').waitFor()
      await page.evaluate(async (path) => {
        const bridge = (
          window as unknown as {
            toonmoBridge: { call(m: string, a: unknown[]): Promise<unknown> }
          }
        ).toonmoBridge
        await bridge.call('detection.start', [path, 'full'])
      }, clip)
      // The detector's hidden window is open: it alone would keep the app alive.
      await expect
        .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length))
        .toBeGreaterThanOrEqual(2)
      await app.evaluate(({ BrowserWindow }) => {
        for (const w of BrowserWindow.getAllWindows()) if (w.isVisible()) w.close()
      })
      // Before, it lived on, windowless, until the clip was detected.
      await Promise.race([
        exited,
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('the app was still running 20 s after')), 20_000),
        ),
      ])
    } finally {
      await app.close().catch(() => undefined)
      rmSync(cache, { recursive: true, force: true })
    }
  }, 120_000)
})
