import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WireResult } from '../../../core/keypoints/detectorProtocol'
import { defaultDetectionSettings } from '../../../core/keypoints/types'
import { sharedDataDir } from '../../paths'
import { findBrowser } from '../browser/findBrowser'
import { launchHeadlessChromium } from '../browser/launchChromium'
import { decodeFrames } from '../media'
import type { DecodedFrame } from '../media/types'
import type { DetectorFiles } from './detectorFiles'
import { serveDetectorFiles } from './detectorFiles'
import type { MainPort } from './electronDetector'
import { ElectronDetector } from './electronDetector'
import { HeadlessDetector } from './headlessDetector'

/*
 * Electron's detector path without the Electron binary (it cannot be downloaded here): the real
 * detector page, served as the Electron bootstrap serves it, in a real Chromium, receiving its
 * MessagePort the way the detector preload hands it over (window.postMessage with the port), and
 * driven by the real ElectronDetector. Only Electron's MessageChannelMain is stood in for: a
 * page-side MessageChannel whose far end is bridged to Node. Results must equal the headless
 * runner's on the same frames. e2e/electron.e2e.ts covers the real window where Electron exists.
 */

const clip = join(sharedDataDir, 'footage', 'hybrik_taiji.mp4')
const browser = findBrowser()
const ready = existsSync(clip) && !!browser && !browser.isElectron
if (!ready) console.log(`SKIPPED Electron detector protocol test: needs Chromium and ${clip}`)

/** A MainPort whose other end is a MessagePort in `page` (window.__mainEnd). */
async function bridgedPort(page: Page): Promise<MainPort> {
  const listeners: ((event: { data: unknown }) => void)[] = []
  await page.exposeBinding('__toMain', (_source, data: unknown) => {
    for (const listener of listeners) listener({ data })
  })
  await page.evaluate(() => {
    const w = window as unknown as {
      __mainEnd: MessagePort
      __toMain: (d: unknown) => void
    }
    const channel = new MessageChannel()
    w.__mainEnd = channel.port1
    channel.port1.onmessage = (event) => w.__toMain(event.data)
    // What src/preload/detector.ts does with the port main sends.
    window.postMessage({ type: 'toonmo-detector-port' }, '*', [channel.port2])
  })
  // Messages to the page keep their order: each waits for the one before.
  let sending = Promise.resolve()
  return {
    postMessage(message: unknown) {
      const m = message as { type: string; buffer?: ArrayBuffer }
      const bytes = m.buffer ? Buffer.from(m.buffer).toString('base64') : null
      sending = sending.then(() =>
        page.evaluate(
          ([msg, b64]) => {
            const out = msg as { buffer?: ArrayBuffer }
            if (b64) out.buffer = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)).buffer
            const end = (window as unknown as { __mainEnd: MessagePort }).__mainEnd
            end.postMessage(out, out.buffer ? [out.buffer] : [])
          },
          [{ ...m, buffer: undefined }, bytes] as const,
        ),
      )
      // A message posted as the run ends may find the page closed, as a real port would.
      sending = sending.catch(() => undefined)
    },
    on(_event, listener) {
      listeners.push(listener)
    },
    start() {},
    close() {},
  }
}

describe.skipIf(!ready)(
  "Electron's detector window protocol (ElectronDetector + MessagePort)",
  () => {
    let frames: DecodedFrame[]
    let files: DetectorFiles

    beforeAll(async () => {
      frames = []
      for await (const frame of decodeFrames(clip, { maxSide: 640 })) {
        frames.push(frame)
        if (frames.length >= 6) break
      }
      files = await serveDetectorFiles()
    })
    afterAll(async () => {
      await files?.server.close()
    })

    it('detects frames fed over the port exactly as the headless runner does', async () => {
      const settings = { ...defaultDetectionSettings, model: 'lite' as const }
      const chromium = await launchHeadlessChromium(['--enable-unsafe-swiftshader'])
      const viaPort: WireResult[] = []
      let closed = 0
      try {
        const detector = new ElectronDetector({
          async openPage() {
            const page = await chromium.newPage()
            await page.goto(files.pageUrl)
            const port = await bridgedPort(page)
            return {
              port,
              modelUrl: files.modelUrl,
              wasmBase: files.wasmBase,
              close: () => void page.close().then(() => closed++),
            }
          },
        })
        await detector.run({
          frames: (async function* () {
            yield* frames
          })(),
          settings,
          onResult: (r) => viaPort.push(r),
        })
      } finally {
        await chromium.close()
      }
      expect(closed).toBe(1)

      const headless = await HeadlessDetector.launch()
      const viaHttp: WireResult[] = []
      try {
        await headless.run({
          frames: (async function* () {
            yield* frames
          })(),
          settings,
          onResult: (r) => viaHttp.push(r),
        })
      } finally {
        await headless.close()
      }
      expect(viaPort.map((r) => r.index)).toEqual(frames.map((_, i) => i))
      expect(viaPort.every((r) => r.poses.length === 1)).toBe(true)
      for (let i = 0; i < frames.length; i++) {
        const a = viaPort[i]!.poses[0]!.image
        const b = viaHttp[i]!.poses[0]!.image
        expect(a.length).toBe(33 * 5)
        for (let k = 0; k < a.length; k++) expect(a[k]).toBeCloseTo(b[k]!, 5)
      }
    }, 120_000)
  },
)
