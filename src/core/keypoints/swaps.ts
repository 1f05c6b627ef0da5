import { clipTorsoSize, MIRROR_OF } from './geometry'
import type { ImageLandmark, PoseSequence } from './types'

export interface SwapOptions {
  enabled: boolean
  /**
   * Swap a limb group when its mirrored labelling is this much closer to the previous frame than
   * the detector's labelling (0.5: the swapped assignment is at most half as far).
   */
  ratio: number
  /** Ignore disagreements smaller than this many torso lengths (summed over the group). */
  minDistance: number
}

export const defaultSwapOptions: SwapOptions = { enabled: true, ratio: 0.5, minDistance: 0.3 }

/**
 * Landmark groups that swap together: the detector confuses whole arms or whole legs (or the face's
 * sides) when limbs cross or the person turns, rather than single joints.
 */
export const SWAP_GROUPS: readonly (readonly number[])[] = [
  [11, 13, 15, 17, 19, 21], // left arm (its mirror is the right arm)
  [23, 25, 27, 29, 31], // left leg
  [1, 2, 3, 7, 9], // left side of the face
]

function distanceSum(
  frame: readonly ImageLandmark[],
  reference: readonly ImageLandmark[],
  group: readonly number[],
  mirrored: boolean,
): number {
  let sum = 0
  for (const left of group) {
    const right = MIRROR_OF[left] as number
    const [a, b] = mirrored ? [right, left] : [left, right]
    const pa = frame[a] as ImageLandmark
    const pb = frame[b] as ImageLandmark
    const ra = reference[left] as ImageLandmark
    const rb = reference[right] as ImageLandmark
    sum += Math.hypot(pa[0] - ra[0], pa[1] - ra[1]) + Math.hypot(pb[0] - rb[0], pb[1] - rb[1])
  }
  return sum
}

/**
 * Detects frames where the detector swapped left and right of an arm, leg or the face, and swaps
 * them back. Each frame is compared with the previous (already repaired) frame: a swap is a jump
 * that the mirrored labelling explains far better. A real turn is gradual, so it never looks like
 * that from one frame to the next. Returns the repaired sequence and how many swaps it undid.
 */
export function repairSwaps(
  sequence: PoseSequence,
  options: SwapOptions,
): { sequence: PoseSequence; swapped: number } {
  if (!options.enabled) return { sequence, swapped: 0 }
  const minPixels = options.minDistance * clipTorsoSize(sequence.frames)
  let reference: ImageLandmark[] | undefined
  let swapped = 0
  const frames = sequence.frames.map((frame) => {
    if (!frame) return null
    const out = frame.map((p) => [...p] as ImageLandmark)
    if (reference) {
      for (const group of SWAP_GROUPS) {
        const keep = distanceSum(out, reference, group, false)
        const swap = distanceSum(out, reference, group, true)
        if (keep > minPixels && swap < options.ratio * keep) {
          for (const left of group) {
            const right = MIRROR_OF[left] as number
            const l = out[left] as ImageLandmark
            out[left] = out[right] as ImageLandmark
            out[right] = l
          }
          swapped++
        }
      }
    }
    reference = out
    return out
  })
  return { sequence: { ...sequence, frames }, swapped }
}
