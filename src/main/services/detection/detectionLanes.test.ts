import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sharedDataDir } from '../../paths'
import { findBrowser } from '../browser/findBrowser'
import { probeDetails } from '../media'
import type { DetectionProgress } from './detectFootage'
import { detectFootage } from './detectFootage'
import { DetectionCancelled } from './frameFeed'
import { FrameTimes, framesToDetect, laneCount, MIN_LANE_FRAMES, planLanes } from './detectionLanes'
import { HeadlessDetector } from './headlessDetector'

/** The decoder's range rule: from the frame on screen at start, then every frame before end. */
function framesIn(times: number[], lane: { startSec?: number; endSec?: number }): number[] {
  const start = lane.startSec ?? 0
  const end = lane.endSec ?? Infinity
  let first = 0
  while (first + 1 < times.length && times[first + 1]! <= start) first++
  return times.filter((t, i) => i >= first && t < end - 1e-6)
}

describe('detection lanes', () => {
  it('uses one lane per core, at most four, and only with enough frames for each', () => {
    expect(laneCount(1, 2)).toBe(1)
    expect(laneCount(2 * MIN_LANE_FRAMES - 1, 2)).toBe(1)
    expect(laneCount(2 * MIN_LANE_FRAMES, 2)).toBe(2)
    expect(laneCount(10_000, 2)).toBe(2)
    expect(laneCount(10_000, 16)).toBe(4)
  })

  it('cuts a variable-frame-rate clip into ranges that cover every frame exactly once', () => {
    const times: number[] = []
    for (let i = 0, t = 0; i < 301; i++, t += i % 7 === 0 ? 0.05 : 1 / 30) times.push(t)
    for (const [first, lanes] of [
      [0, 2],
      [0, 3],
      [37, 4],
    ] as const) {
      const whole = { startSec: first === 0 ? undefined : times[first], endSec: undefined }
      const plan = planLanes(times, first, times.length - 1, lanes, whole)
      expect(plan).toHaveLength(lanes)
      // Resuming, the first lane starts at the first frame not yet detected and drops what the
      // decoder gives before it (detectFootage's framesNotIn).
      const decoded = plan
        .flatMap((lane) => framesIn(times, lane))
        .filter((t) => t >= times[first]!)
      expect(decoded).toEqual(times.slice(first))
      const sizes = plan.map((lane) => framesIn(times, lane).length)
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    }
  })

  it('finds the frames an interrupted run left undone, wherever its lanes stopped', () => {
    const times = Array.from({ length: 10 }, (_, i) => i / 30)
    // Lane one stopped after frame 2, lane two after frame 7; the decoder's times differ from
    // the frame table's by float noise.
    const done = new FrameTimes([0, 1, 2, 5, 6, 7].map((i) => i / 30 + 1e-9))
    expect(framesToDetect(times, done, undefined)).toEqual([3, 4, 8, 9])
    expect(framesToDetect(times, done, 8.5 / 30)).toEqual([3, 4, 8])
    expect(framesToDetect(times, new FrameTimes([]), 2 / 30)).toEqual([0, 1])
    expect(done.has(4 / 30)).toBe(false)
    expect(done.size).toBe(6)
  })
})

const clip = join(sharedDataDir, 'footage', 'hybrik_taiji.mp4')
const browser = findBrowser()
const ready = existsSync(clip) && !!browser && !browser.isElectron
if (!ready) console.log(`SKIPPED detection in lanes on real footage: needs Chromium and ${clip}`)

describe.skipIf(!ready)('detection in two lanes on real footage', () => {
  let detector: HeadlessDetector
  let cacheDir: string
  const lanesBefore = process.env.TOONMO_DETECT_LANES

  beforeAll(async () => {
    detector = await HeadlessDetector.launch()
    cacheDir = mkdtempSync(join(tmpdir(), 'toonmo-lanes-test-'))
  })
  afterAll(async () => {
    if (lanesBefore === undefined) delete process.env.TOONMO_DETECT_LANES
    else process.env.TOONMO_DETECT_LANES = lanesBefore
    await detector?.close()
    rmSync(cacheDir, { recursive: true, force: true })
  })

  it('gives every frame once, in order, with the same landmarks as one lane', async () => {
    const endSec = 8 // 192 frames: two lanes of 96
    const settings = { model: 'lite' as const, numPoses: 1 }
    const times = Array.from((await probeDetails(clip)).timing.times).filter((t) => t < endSec)
    const run = async (lanes: number, progress: DetectionProgress[] = []) => {
      process.env.TOONMO_DETECT_LANES = String(lanes)
      const { raw } = await detectFootage(clip, {
        backend: detector,
        cacheDir: join(cacheDir, String(lanes)),
        settings,
        endSec,
        onProgress: (p) => progress.push(p),
      })
      return raw
    }
    const progress: DetectionProgress[] = []
    const two = await run(2, progress)
    const one = await run(1)
    expect(two.frames.map((f) => f.time)).toEqual(times)
    expect(one.frames.map((f) => f.time)).toEqual(times)
    expect(progress.map((p) => p.done)).toEqual(times.map((_, i) => i + 1))
    // Each lane tracks on its own, so the tracker's crop, and with it the landmarks, differ a
    // little after the cut; the two runs must still agree closely (1280x720 source pixels).
    let worst = 0
    let sum = 0
    let n = 0
    two.frames.forEach((frame, i) => {
      const a = frame.people[0]?.image
      const b = one.frames[i]!.people[0]?.image
      expect(!!a, `frame ${i}`).toBe(!!b)
      a?.forEach((p, k) => {
        const d = Math.hypot(p[0] - b![k]![0], p[1] - b![k]![1])
        worst = Math.max(worst, d)
        sum += d
        n++
      })
    })
    console.log(
      `two lanes vs one: landmark difference mean ${(sum / n).toFixed(2)} px, largest ${worst.toFixed(1)} px`,
    )
    expect(sum / n).toBeLessThan(4)
  }, 300_000)

  it('keeps what every lane detected when cancelled, and detects only the rest', async () => {
    const endSec = 8 // 192 frames: two lanes of 96
    const settings = { model: 'lite' as const, numPoses: 1 }
    const times = Array.from((await probeDetails(clip)).timing.times).filter((t) => t < endSec)
    const cache = join(cacheDir, 'cancelled')
    process.env.TOONMO_DETECT_LANES = '2'
    const controller = new AbortController()
    let doneAtCancel = 0
    await expect(
      detectFootage(clip, {
        backend: detector,
        cacheDir: cache,
        settings,
        endSec,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.done >= 60 && !controller.signal.aborted) {
            doneAtCancel = p.done
            controller.abort()
          }
        },
      }),
    ).rejects.toBeInstanceOf(DetectionCancelled)
    const progress: DetectionProgress[] = []
    const { raw } = await detectFootage(clip, {
      backend: detector,
      cacheDir: cache,
      settings,
      endSec,
      onProgress: (p) => progress.push(p),
    })
    // Both lanes ran: the frames kept are not all from the start of the clip.
    expect(progress[0]!.resumed).toBeGreaterThanOrEqual(doneAtCancel)
    expect(progress.length).toBe(times.length - progress[0]!.resumed)
    expect(raw.frames.map((f) => f.time)).toEqual(times)
  }, 300_000)
})
