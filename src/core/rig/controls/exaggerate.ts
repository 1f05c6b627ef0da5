import type { RigAnimation } from '../animation'
import { cloneAnimation } from '../animation'
import { smoothAnimation } from './smoothing'

/**
 * Exaggeration: each bone's rotation (and the root path) moves `amount` times as far from its
 * smoothed motion as the performance did. 1 keeps the animation, 1.5 pushes every accent half
 * again as far, 0 leaves only the smoothed motion. `window` is the smoothing time constant in
 * frames that separates "the motion" from "the accents".
 */
export function exaggerate(anim: RigAnimation, amount: number, window = 4): RigAnimation {
  const out = cloneAnimation(anim)
  if (amount === 1) return out
  const smooth = smoothAnimation(anim, window)
  const blend = (dst: Float64Array, base: Float64Array) => {
    for (let i = 0; i < dst.length; i++) dst[i] = base[i]! + amount * (dst[i]! - base[i]!)
  }
  blend(out.rotations, smooth.rotations)
  blend(out.root, smooth.root)
  return out
}
