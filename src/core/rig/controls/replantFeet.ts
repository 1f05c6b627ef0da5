import type { RigAnimation } from '../animation'
import { cloneAnimation, unwrapRotations } from '../animation'
import type { CompiledRig } from '../compileRig'
import { rigLimbs } from '../solve/limbs'
import { lockFeet } from '../solve/lockFeet'
import type { SolveState } from '../solve/solvePose'
import { worldToLocal } from '../solve/solvePose'
import { wrapAngle } from '../animation'

/**
 * Plants the feet again after controls that move them (smoothing, exaggeration): the contacts
 * the solver found are locked once more, with the same leg IK. Without contacts it is a copy.
 */
export function replantFeet(c: CompiledRig, anim: RigAnimation, blendFrames = 3): RigAnimation {
  const out = cloneAnimation(anim)
  if (!anim.contacts) return out
  const n = c.boneCount
  const F = anim.frameCount
  const state: SolveState = {
    c,
    frames: F,
    world: new Float64Array(F * n),
    root: out.root,
    bend: new Int8Array(F * 4),
    limbs: rigLimbs(c),
  }
  for (let f = 0; f < F; f++) {
    const o = f * n
    state.world[o] = anim.rotations[o]!
    for (let i = 1; i < n; i++)
      state.world[o + i] = anim.rotations[o + i]! + state.world[o + c.parent[i]!]!
    state.limbs.forEach((l, k) => {
      const turn = wrapAngle(state.world[o + l.lower]! - state.world[o + l.upper]!)
      state.bend[f * 4 + k] = turn === 0 ? 0 : turn > 0 ? 1 : -1
    })
  }
  lockFeet(state, anim.contacts, blendFrames)
  worldToLocal(state, out.rotations)
  unwrapRotations(out.rotations, n)
  return out
}
