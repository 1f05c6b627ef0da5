import { landmarkConfidence } from './geometry'
import type { ImageLandmark, PoseSequence } from './types'

export interface GapFillOptions {
  enabled: boolean
  /** A landmark below this confidence (min of visibility and presence) counts as missing. */
  minConfidence: number
  /** Longest gap filled, in frames; longer gaps stay missing (guessing a second of motion is worse). */
  maxGapFrames: number
}

export const defaultGapFillOptions: GapFillOptions = {
  enabled: true,
  minConfidence: 0.2,
  maxGapFrames: 8,
}

/**
 * Fills short gaps by linear interpolation in time between the last good and the next good
 * position of each landmark, for low-confidence landmarks and for whole frames without a person.
 * A filled landmark takes the lower of its ends' confidences, so it still reads as less certain
 * than a detected one. Gaps at the clip's ends, or longer than the limit, are left as they are.
 */
export function fillGaps(sequence: PoseSequence, options: GapFillOptions): PoseSequence {
  if (!options.enabled) return sequence
  const n = sequence.frames.length
  const frames = sequence.frames.map((f) => (f ? f.map((p) => [...p] as ImageLandmark) : null))
  const good = (f: number, j: number): ImageLandmark | undefined => {
    const p = sequence.frames[f]?.[j]
    return p && landmarkConfidence(p) >= options.minConfidence ? p : undefined
  }
  for (let j = 0; j < 33; j++) {
    let f = 0
    while (f < n) {
      if (good(f, j)) {
        f++
        continue
      }
      const start = f
      while (f < n && !good(f, j)) f++
      const before = start > 0 ? good(start - 1, j) : undefined
      const after = f < n ? good(f, j) : undefined
      const length = f - start
      if (!before || !after || length > options.maxGapFrames) continue
      const t0 = sequence.times[start - 1] as number
      const t1 = sequence.times[f] as number
      const confidence = Math.min(landmarkConfidence(before), landmarkConfidence(after))
      for (let g = start; g < f; g++) {
        const u = t1 > t0 ? ((sequence.times[g] as number) - t0) / (t1 - t0) : 0.5
        const filled: ImageLandmark = [
          before[0] + u * (after[0] - before[0]),
          before[1] + u * (after[1] - before[1]),
          before[2] + u * (after[2] - before[2]),
          confidence,
          confidence,
        ]
        const frame = (frames[g] ??= emptyFrame())
        frame[j] = filled
      }
    }
  }
  return { ...sequence, frames: frames.map((f) => (f && f.some((p) => p[4] > 0) ? f : null)) }
}

/** A frame whose landmarks are all absent, to be filled joint by joint. */
function emptyFrame(): ImageLandmark[] {
  return Array.from({ length: 33 }, (): ImageLandmark => [0, 0, 0, 0, 0])
}
