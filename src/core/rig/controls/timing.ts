import type { RigAnimation } from '../animation'
import { cloneAnimation } from '../animation'

/**
 * Animating "on twos" (or threes): every pose is held for `step` frames, the classic cadence of
 * hand-drawn animation. Frame f shows the pose of frame f - f % step; rotations, root, squash and
 * part images all hold together. step 1 returns a copy.
 */
export function holdFrames(anim: RigAnimation, step: number): RigAnimation {
  const out = cloneAnimation(anim)
  const s = Math.max(1, Math.floor(step))
  if (s === 1) return out
  const n = anim.bones.length
  for (let f = 0; f < anim.frameCount; f++) {
    const k = f - (f % s)
    if (k === f) continue
    out.rotations.copyWithin(f * n, k * n, (k + 1) * n)
    out.root.copyWithin(2 * f, 2 * k, 2 * k + 2)
    out.stretch?.copyWithin(2 * f, 2 * k, 2 * k + 2)
    for (const images of Object.values(out.partImages)) images[f] = images[k] ?? null
  }
  return out
}
