import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sharedDataDir } from '../../paths'
import { findBrowser } from '../browser/findBrowser'
import { probeDetails } from '../media'
import type { DetectionProgress } from './detectFootage'
import { detectFootage } from './detectFootage'
import { laneCount, LaneOrder, MIN_LANE_FRAMES, planLanes } from './detectionLanes'
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
      const whole = {
        startSec: first === 0 ? undefined : (times[first - 1]! + times[first]!) / 2,
        endSec: undefined,
      }
      const plan = planLanes(times, first, times.length - 1, lanes, whole)
      expect(plan).toHaveLength(lanes)
      // Resuming, the first lane starts half a frame after the last frame done and drops what
      // the decoder gives at or before it (detectFootage's framesAfter).
      const decoded = plan
        .flatMap((lane) => framesIn(times, lane))
        .filter((t) => t >= times[first]!)
      expect(decoded).toEqual(times.slice(first))
      const sizes = plan.map((lane) => framesIn(times, lane).length)
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    }
  })

  it('commits results in clip order, holding a later lane until the ones before finish', () => {
    const committed: string[] = []
    const order = new LaneOrder<string>(3, (item) => committed.push(item))
    order.add(1, 'b1')
    order.add(0, 'a1')
    order.add(2, 'c1')
    order.finish(2)
    expect(committed).toEqual(['a1'])
    expect(order.held).toBe(2)
    order.add(0, 'a2')
    order.finish(0)
    expect(committed).toEqual(['a1', 'a2', 'b1'])
    order.add(1, 'b2')
    order.finish(1)
    expect(committed).toEqual(['a1', 'a2', 'b1', 'b2', 'c1'])
    expect(order.held).toBe(0)
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
})
