import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { WireResult } from '../../../core/keypoints/detectorProtocol'
import { defaultDetectionSettings } from '../../../core/keypoints/types'
import { sharedDataDir } from '../../paths'
import { findBrowser, findElectronBinary } from '../browser/findBrowser'
import { decodeFrames } from '../media'
import type { DecodedFrame } from '../media'
import { ElectronProcessDetector, electronDetectorHostScript } from './electronProcessDetector'
import { HeadlessDetector } from './headlessDetector'

const settings = { ...defaultDetectionSettings, model: 'lite' as const, numPoses: 1 }

async function* framesOf(clip: string, count: number): AsyncIterable<DecodedFrame> {
  let n = 0
  for await (const frame of decodeFrames(clip, { maxSide: 320 })) {
    yield frame
    if (++n >= count) return
  }
}

describe('detection in a bare Electron binary', () => {
  it('ships its Electron main script', () => {
    expect(existsSync(electronDetectorHostScript)).toBe(true)
  })

  it.skipIf(process.platform === 'win32')(
    'fails the run with what the process said when Electron cannot start',
    async () => {
      // Stands in for an Electron that exits at once, as one does on Linux without a display.
      const dir = mkdtempSync(join(tmpdir(), 'toonmo-fake-electron-'))
      const fake = join(dir, 'electron')
      writeFileSync(fake, '#!/bin/sh\necho "Missing X server or $DISPLAY" >&2\nexit 1\n')
      chmodSync(fake, 0o755)
      try {
        const detector = new ElectronProcessDetector(fake)
        const started = Date.now()
        await expect(
          detector.run({
            frames: (async function* () {})(),
            settings,
            onResult: () => undefined,
          }),
        ).rejects.toThrow(/Electron detector host exited \(code 1\): Missing X server/)
        expect(Date.now() - started).toBeLessThan(10_000)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
    30_000,
  )

  const electron = findElectronBinary()
  const clip = join(sharedDataDir, 'footage', 'hybrik_taiji.mp4')
  const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY
  const skip = !electron
    ? 'the Electron binary is not on this machine (it downloads on the first `npm start`)'
    : !findBrowser() || findBrowser()!.isElectron
      ? 'no Chromium to compare with'
      : !existsSync(clip)
        ? `${clip} is absent`
        : ''
  if (skip) console.log(`SKIPPED: detection in the Electron binary: ${skip}`)
  if (!skip && needsDisplay) console.log('Electron detection runs with --ozone-platform=headless')

  it.skipIf(skip !== '')(
    'detects the same landmarks as headless Chromium',
    async () => {
      const inElectron: WireResult[] = []
      await new ElectronProcessDetector(electron!).run({
        frames: framesOf(clip, 30),
        settings,
        onResult: (r) => inElectron.push(r),
      })
      const chromium = await HeadlessDetector.launch()
      const inChromium: WireResult[] = []
      try {
        await chromium.run({
          frames: framesOf(clip, 30),
          settings,
          onResult: (r) => inChromium.push(r),
        })
      } finally {
        await chromium.close()
      }
      expect(inElectron.map((r) => r.index)).toEqual(inChromium.map((r) => r.index))
      const a = inElectron[15]!.poses[0]!.image
      const b = inChromium[15]!.poses[0]!.image
      // Normalised coordinates: within half a percent of the frame.
      for (let i = 0; i < a.length; i += 5) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(0.005)
    },
    120_000,
  )
})
