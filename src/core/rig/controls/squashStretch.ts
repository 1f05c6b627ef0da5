import type { RigAnimation } from '../animation'
import { cloneAnimation } from '../animation'
import type { CompiledRig } from '../compileRig'
import { smoothChannel } from './smoothing'

/**
 * Squash and stretch along fast motion: the character stretches along the direction its root
 * moves, more the faster it goes, and squashes along a sudden stop (a landing), keeping its area
 * (scale s along, 1/s across). `amount` 0 turns it off; 1 stretches up to 1.35x at three body
 * heights per second and squashes to 0.75x on a hard stop. Writes `stretch`; the renderer (and
 * the skeletal JSON) apply it about the root.
 */
export function squashAndStretch(c: CompiledRig, anim: RigAnimation, amount: number): RigAnimation {
  const out = cloneAnimation(anim)
  const F = anim.frameCount
  if (!(amount > 0) || F < 3) {
    out.stretch = null
    return out
  }
  const height = Math.max(1, c.rig.size[1])
  const stretch = new Float64Array(F * 2)
  const vx = new Float64Array(F)
  const vy = new Float64Array(F)
  for (let f = 0; f < F; f++) {
    const a = Math.max(0, f - 1)
    const b = Math.min(F - 1, f + 1)
    const dt = (b - a) / anim.fps
    vx[f] = (anim.root[2 * b]! - anim.root[2 * a]!) / dt / height
    vy[f] = (anim.root[2 * b + 1]! - anim.root[2 * a + 1]!) / dt / height
  }
  for (let f = 0; f < F; f++) {
    const speed = Math.hypot(vx[f]!, vy[f]!)
    const grow = 0.35 * amount * Math.min(1, speed / 3)
    // Deceleration: how much speed is lost into the next frame, in heights per second.
    const next = Math.min(F - 1, f + 1)
    const lost = Math.max(0, speed - Math.hypot(vx[next]!, vy[next]!)) * anim.fps
    const shrink = 0.25 * amount * Math.min(1, lost / 40)
    const scale = shrink > grow ? 1 - shrink : 1 + grow
    stretch[2 * f] = scale
    stretch[2 * f + 1] = speed > 1e-9 ? Math.atan2(vy[f]!, vx[f]!) : Math.PI / 2
  }
  // Ease the amount so the character breathes rather than twitches.
  smoothChannel(stretch, 0, 2, F, 1.5)
  out.stretch = stretch
  return out
}
