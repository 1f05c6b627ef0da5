import { BODY15_BONES, BODY15_INDEX } from '../../skeleton/body15'
import type { Body15Joint } from '../../skeleton/body15'
import type { CompiledRig } from '../compileRig'

/** A two-bone chain the solver drives with IK: joints a -> b -> c (shoulder, elbow, wrist). */
export interface Limb {
  name: 'right_arm' | 'left_arm' | 'right_leg' | 'left_leg'
  /** body15 joint indices of the chain's start, middle and end. */
  a: number
  b: number
  c: number
  /** Rig bone indices of the upper and lower bones. */
  upper: number
  lower: number
  /**
   * Bend side used before the footage shows one (+1 lower bone turns clockwise from the upper).
   * Knees bend forward and elbows back for a figure facing screen-right.
   */
  defaultBend: number
  isLeg: boolean
}

function segment(c: CompiledRig, from: Body15Joint, to: Body15Joint): number {
  const s = BODY15_BONES.findIndex(([p, q]) => p === from && q === to)
  return c.segmentBone[s]!
}

/** The four limbs of a compiled rig. */
export function rigLimbs(c: CompiledRig): Limb[] {
  const limb = (
    name: Limb['name'],
    a: Body15Joint,
    b: Body15Joint,
    cj: Body15Joint,
    isLeg: boolean,
  ): Limb => ({
    name,
    a: BODY15_INDEX[a],
    b: BODY15_INDEX[b],
    c: BODY15_INDEX[cj],
    upper: segment(c, a, b),
    lower: segment(c, b, cj),
    defaultBend: isLeg ? 1 : -1,
    isLeg,
  })
  return [
    limb('right_arm', 'right_shoulder', 'right_elbow', 'right_wrist', false),
    limb('left_arm', 'left_shoulder', 'left_elbow', 'left_wrist', false),
    limb('right_leg', 'right_hip', 'right_knee', 'right_ankle', true),
    limb('left_leg', 'left_hip', 'left_knee', 'left_ankle', true),
  ]
}
