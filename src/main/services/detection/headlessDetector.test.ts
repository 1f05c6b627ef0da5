import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultDetectionSettings } from '../../../core/keypoints/types'
import type { WireResult } from '../../../core/keypoints/detectorProtocol'
import { sharedDataDir } from '../../paths'
import { findBrowser } from '../browser/findBrowser'
import { PipedChromium } from '../browser/pipedChromium'
import { decodeFrames } from '../media'
import type { DecodedFrame } from '../media'
import { HeadlessDetector } from './headlessDetector'

const clip = join(sharedDataDir, 'footage', 'hybrik_taiji.mp4')
const skip = !findBrowser()
  ? 'no Chromium on this machine'
  : !existsSync(clip)
    ? `${clip} is absent (../shared/data)`
    : ''
if (skip) console.warn(`headlessDetector.test: skipped, ${skip}`)

describe.skipIf(skip !== '')('headless detector', () => {
  it('fails a run whose page crashed, keeping the frames already detected', async () => {
    const frames: DecodedFrame[] = []
    for await (const frame of decodeFrames(clip, { maxSide: 320 })) {
      frames.push(frame)
      if (frames.length >= 120) break
    }
    const browser = await PipedChromium.launch(['--enable-unsafe-swiftshader'])
    // The run attaches to its page; that session is where the renderer is crashed from.
    let pageSession: string | undefined
    browser.on((event) => {
      if (event.method === 'Target.attachedToTarget') pageSession = String(event.params.sessionId)
    })
    const detector = await HeadlessDetector.launch(browser)
    try {
      const results: WireResult[] = []
      const run = detector.run({
        frames: (async function* () {
          yield* frames
        })(),
        settings: { ...defaultDetectionSettings, model: 'lite', numPoses: 1 },
        onResult: (result) => {
          results.push(result)
          if (results.length === 10) void browser.send('Page.crash', {}, pageSession).catch(() => 0)
        },
      })
      await expect(run).rejects.toThrow(/detector page crashed/)
      expect(results.length).toBeGreaterThanOrEqual(10)
      expect(results.length).toBeLessThan(frames.length)
      expect(results.map((r) => r.index)).toEqual(results.map((_, i) => frames[i]!.index))

      // The browser outlives a crashed page: the next run detects every frame.
      let count = 0
      await detector.run({
        frames: (async function* () {
          yield* frames.slice(0, 20)
        })(),
        settings: { ...defaultDetectionSettings, model: 'lite', numPoses: 1 },
        onResult: () => count++,
      })
      expect(count).toBe(20)
    } finally {
      await detector.close()
    }
    expect(await browser.exited).toBe('closed')
  }, 120_000)
})
