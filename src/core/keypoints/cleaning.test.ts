import { describe, expect, it } from 'vitest'
import { cleanSequence, defaultCleaningSettings } from './clean'
import { fillGaps, defaultGapFillOptions } from './gapFill'
import { meanAcceleration } from './jitter'
import { OneEuroFilter, defaultOneEuroOptions, oneEuroSmooth } from './oneEuro'
import { defaultOutlierOptions, rejectOutliers } from './outliers'
import { defaultSwapOptions, repairSwaps } from './swaps'
import { driftingSequence, seededRandom } from './testPoses'
import type { ImageLandmark, PoseSequence } from './types'

function withNoise(sequence: PoseSequence, sigma: number, seed = 1): PoseSequence {
  const rand = seededRandom(seed)
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand())
  return {
    ...sequence,
    frames: sequence.frames.map((f) =>
      f
        ? f.map((p): ImageLandmark => [
            p[0] + sigma * gauss(),
            p[1] + sigma * gauss(),
            p[2],
            p[3],
            p[4],
          ])
        : null,
    ),
  }
}

function meanError(a: PoseSequence, b: PoseSequence): number {
  let sum = 0
  let n = 0
  a.frames.forEach((f, i) => {
    const g = b.frames[i]
    if (!f || !g) return
    f.forEach((p, j) => {
      const q = g[j] as ImageLandmark
      sum += Math.hypot(p[0] - q[0], p[1] - q[1])
      n++
    })
  })
  return sum / n
}

describe('One Euro filter', () => {
  it('passes a constant through and converges on a step', () => {
    const filter = new OneEuroFilter(defaultOneEuroOptions)
    expect(filter.filter(5, 0)).toBe(5)
    expect(filter.filter(5, 0.033)).toBeCloseTo(5)
    let v = 0
    for (let i = 2; i < 120; i++) v = filter.filter(10, i / 30)
    expect(v).toBeCloseTo(10, 2)
  })

  it('cuts jitter on a noisy still pose by far more than half and stays close to the truth', () => {
    const truth = driftingSequence(120, 0)
    const noisy = withNoise(truth, 3)
    const smooth = oneEuroSmooth(noisy, defaultOneEuroOptions)
    expect(meanAcceleration(smooth)).toBeLessThan(meanAcceleration(noisy) * 0.25)
    expect(meanError(smooth, truth)).toBeLessThan(meanError(noisy, truth))
  })

  it('follows fast motion with little lag', () => {
    const truth = driftingSequence(90, 20) // 600 px/s
    const smooth = oneEuroSmooth(truth, defaultOneEuroOptions)
    const last = smooth.frames[89]?.[0] as ImageLandmark
    const real = truth.frames[89]?.[0] as ImageLandmark
    expect(Math.abs(last[0] - real[0])).toBeLessThan(20) // under one frame of motion behind
    const middle = smooth.frames[45]?.[0] as ImageLandmark
    expect(Math.abs(middle[0] - (truth.frames[45]?.[0]?.[0] ?? 0))).toBeLessThan(1) // zero phase: no lag
  })

  it('does nothing when switched off', () => {
    const noisy = withNoise(driftingSequence(10, 0), 3)
    expect(oneEuroSmooth(noisy, { ...defaultOneEuroOptions, enabled: false })).toBe(noisy)
  })
})

describe('gap filling', () => {
  it('interpolates low-confidence landmarks and missing frames up to the limit', () => {
    const truth = driftingSequence(30, 4)
    const holed: PoseSequence = {
      ...truth,
      frames: truth.frames.map((f, i) => {
        if (!f) return null
        if (i >= 10 && i < 13) return null // a 3-frame dropout
        return f.map((p, j): ImageLandmark =>
          j === 15 && i >= 20 && i < 25 ? [0, 0, 0, 0.05, 0.05] : p,
        )
      }),
    }
    const filled = fillGaps(holed, defaultGapFillOptions)
    for (let i = 10; i < 13; i++) {
      const frame = filled.frames[i]
      expect(frame).not.toBeNull()
      expect(Math.abs((frame?.[0]?.[0] ?? 0) - (truth.frames[i]?.[0]?.[0] ?? 0))).toBeLessThan(1e-6)
    }
    const wrist = filled.frames[22]?.[15] as ImageLandmark
    expect(wrist[0]).toBeCloseTo(truth.frames[22]?.[15]?.[0] ?? NaN, 6)
    expect(wrist[3]).toBeGreaterThan(0.5)
  })

  it('leaves gaps longer than the limit, and gaps at the ends, missing', () => {
    const truth = driftingSequence(40, 4)
    const holed: PoseSequence = {
      ...truth,
      frames: truth.frames.map((f, i) => (i < 3 || (i >= 10 && i < 25) ? null : f)),
    }
    const filled = fillGaps(holed, { ...defaultGapFillOptions, maxGapFrames: 8 })
    expect(filled.frames.slice(0, 3)).toEqual([null, null, null])
    expect(filled.frames.slice(10, 25).every((f) => f === null)).toBe(true)
  })
})

describe('left/right swap repair', () => {
  it('swaps back an arm and a leg that the detector swapped for a few frames', () => {
    const truth = driftingSequence(30, 2)
    const swapGroup = (f: ImageLandmark[], pairs: [number, number][]): ImageLandmark[] => {
      const out = f.map((p) => [...p] as ImageLandmark)
      for (const [a, b] of pairs)
        [out[a], out[b]] = [out[b] as ImageLandmark, out[a] as ImageLandmark]
      return out
    }
    const arm: [number, number][] = [
      [11, 12],
      [13, 14],
      [15, 16],
      [17, 18],
      [19, 20],
      [21, 22],
    ]
    const leg: [number, number][] = [
      [23, 24],
      [25, 26],
      [27, 28],
      [29, 30],
      [31, 32],
    ]
    const broken: PoseSequence = {
      ...truth,
      frames: truth.frames.map((f, i) => {
        if (!f) return null
        if (i >= 8 && i < 11) return swapGroup(f, arm)
        if (i === 20) return swapGroup(f, leg)
        return f
      }),
    }
    const { sequence, swapped } = repairSwaps(broken, defaultSwapOptions)
    expect(swapped).toBe(4)
    expect(meanError(sequence, truth)).toBeLessThan(1e-9)
  })

  it('leaves a clean sequence alone', () => {
    const truth = withNoise(driftingSequence(30, 3), 1)
    expect(repairSwaps(truth, defaultSwapOptions).swapped).toBe(0)
  })
})

describe('outlier rejection', () => {
  it('marks a one-frame glitch as missing and keeps real motion', () => {
    const truth = driftingSequence(30, 15) // fast but smooth
    const glitched: PoseSequence = {
      ...truth,
      frames: truth.frames.map((f, i) =>
        f && i === 12
          ? f.map((p, j): ImageLandmark =>
              j === 16 ? [p[0] + 250, p[1] - 200, p[2], p[3], p[4]] : p,
            )
          : f,
      ),
    }
    const { sequence, rejected } = rejectOutliers(glitched, defaultOutlierOptions)
    expect(rejected).toBe(1)
    expect(sequence.frames[12]?.[16]?.[3]).toBe(0)
    expect(rejectOutliers(truth, defaultOutlierOptions).rejected).toBe(0)
  })
})

describe('the whole cleaning pipeline', () => {
  it('repairs, fills and smooths, keeping the raw input untouched', () => {
    const truth = driftingSequence(60, 3)
    const noisy = withNoise(truth, 2.5, 7)
    const raw: PoseSequence = {
      ...noisy,
      frames: noisy.frames.map((f, i) =>
        f && i === 30
          ? f.map((p, j): ImageLandmark => (j === 15 ? [p[0] - 300, p[1], p[2], p[3], p[4]] : p))
          : i === 40
            ? null
            : f,
      ),
    }
    const before = JSON.stringify(raw)
    const { sequence, report } = cleanSequence(raw, defaultCleaningSettings)
    expect(JSON.stringify(raw)).toBe(before)
    expect(report.outliersRejected).toBeGreaterThanOrEqual(1)
    expect(sequence.frames[40]).not.toBeNull()
    expect(meanAcceleration(sequence)).toBeLessThan(meanAcceleration(raw) / 2)
    expect(meanError(sequence, truth)).toBeLessThan(meanError(noisy, truth))
  })
})
