import type { Motion } from './motion'

/** Joint positions with every gap filled: see {@link fillGaps}. */
export interface FilledMotion {
  frameCount: number
  jointCount: number
  /** [x, y] per frame and joint, pixels: `xy[(frame * jointCount + joint) * 2]`. */
  xy: Float64Array
  /** 1 where a joint was detected (not filled) in a frame. */
  detected: Uint8Array
  /** 1 for each joint seen in at least one frame; unseen joints hold 0, 0 everywhere. */
  seen: Uint8Array
}

/**
 * Fills missing joints (confidence at or below `minConfidence`, or frames with no person) by
 * straight-line interpolation between the nearest detected frames, holding the first and last
 * detections at the ends. Unlimited gap length: the solver needs a value in every frame; the
 * keypoints stage decides which gaps are worth trusting. O(frames x joints).
 */
export function fillGaps(motion: Motion, minConfidence = 0.05): FilledMotion {
  const { frameCount: F, jointCount: J, data } = motion
  const xy = new Float64Array(F * J * 2)
  const detected = new Uint8Array(F * J)
  const seen = new Uint8Array(J)
  for (let j = 0; j < J; j++) {
    let last = -1
    for (let f = 0; f < F; f++) {
      const o = (f * J + j) * 3
      if (!(data[o + 2]! > minConfidence)) continue
      detected[f * J + j] = 1
      const x = data[o]!
      const y = data[o + 1]!
      xy[(f * J + j) * 2] = x
      xy[(f * J + j) * 2 + 1] = y
      const lx = last >= 0 ? xy[(last * J + j) * 2]! : x
      const ly = last >= 0 ? xy[(last * J + j) * 2 + 1]! : y
      for (let g = last + 1; g < f; g++) {
        const t = last >= 0 ? (g - last) / (f - last) : 1
        xy[(g * J + j) * 2] = lx + (x - lx) * t
        xy[(g * J + j) * 2 + 1] = ly + (y - ly) * t
      }
      last = f
    }
    if (last < 0) continue
    seen[j] = 1
    for (let g = last + 1; g < F; g++) {
      xy[(g * J + j) * 2] = xy[(last * J + j) * 2]!
      xy[(g * J + j) * 2 + 1] = xy[(last * J + j) * 2 + 1]!
    }
  }
  return { frameCount: F, jointCount: J, xy, detected, seen }
}
