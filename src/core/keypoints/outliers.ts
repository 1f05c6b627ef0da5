import { clipTorsoSize, median } from './geometry'
import type { ImageLandmark, PoseSequence } from './types'

export interface OutlierOptions {
  enabled: boolean
  /** Frames on each side that form a landmark's local neighbourhood. */
  halfWindow: number
  /** A landmark further than this many torso lengths from its neighbourhood's median is rejected. */
  maxDeviation: number
}

export const defaultOutlierOptions: OutlierOptions = {
  enabled: true,
  halfWindow: 3,
  maxDeviation: 0.5,
}

/**
 * Rejects single-frame glitches: a landmark far from the median of its own positions in the
 * surrounding frames (a robust local estimate that one glitch cannot drag) is an outlier. A
 * rejected landmark keeps its position but gets confidence 0, so gap filling can replace it and
 * later stages treat it as missing. Real fast motion moves the neighbourhood too, so it passes.
 */
export function rejectOutliers(
  sequence: PoseSequence,
  options: OutlierOptions,
): { sequence: PoseSequence; rejected: number } {
  if (!options.enabled) return { sequence, rejected: 0 }
  const limit = options.maxDeviation * clipTorsoSize(sequence.frames)
  const n = sequence.frames.length
  let rejected = 0
  const frames = sequence.frames.map((frame, f) => {
    if (!frame) return null
    return frame.map((p, j): ImageLandmark => {
      const xs: number[] = []
      const ys: number[] = []
      for (
        let g = Math.max(0, f - options.halfWindow);
        g <= Math.min(n - 1, f + options.halfWindow);
        g++
      ) {
        const q = g === f ? undefined : sequence.frames[g]?.[j]
        if (q) {
          xs.push(q[0])
          ys.push(q[1])
        }
      }
      if (xs.length < 2) return [...p]
      const deviation = Math.hypot(p[0] - median(xs), p[1] - median(ys))
      if (deviation <= limit) return [...p]
      rejected++
      return [p[0], p[1], p[2], 0, 0]
    })
  })
  return { sequence: { ...sequence, frames }, rejected }
}
