import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { _electron as electron } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { findElectronBinary } from '../src/main/services/browser/findBrowser'
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
})
