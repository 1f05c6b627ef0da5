import type { RigAnimation } from '../animation'
import { cloneAnimation } from '../animation'

/**
 * Zero-phase exponential smoothing of one channel in place: a one-pole low-pass run forwards then
 * backwards, so poses do not lag behind the footage. `values[offset + k * stride]` for k < count.
 * `frames` is the time constant in frames (0 leaves the channel alone). O(count) whatever the
 * strength, which keeps long clips cheap.
 */
export function smoothChannel(
  values: Float64Array,
  offset: number,
  stride: number,
  count: number,
  frames: number,
): void {
  if (!(frames > 0) || count < 2) return
  const a = Math.exp(-1 / frames)
  let s = values[offset]!
  for (let k = 0; k < count; k++) {
    const i = offset + k * stride
    s = a * s + (1 - a) * values[i]!
    values[i] = s
  }
  for (let k = count - 1; k >= 0; k--) {
    const i = offset + k * stride
    s = a * s + (1 - a) * values[i]!
    values[i] = s
  }
}

/**
 * A smoothed copy of an animation: every bone rotation and the root path, with time constant
 * `frames` (0 = a plain copy). Rotations are unwrapped, so filtering them directly is safe.
 */
export function smoothAnimation(anim: RigAnimation, frames: number): RigAnimation {
  const out = cloneAnimation(anim)
  const n = anim.bones.length
  for (let b = 0; b < n; b++) smoothChannel(out.rotations, b, n, anim.frameCount, frames)
  smoothChannel(out.root, 0, 2, anim.frameCount, frames)
  smoothChannel(out.root, 1, 2, anim.frameCount, frames)
  return out
}
