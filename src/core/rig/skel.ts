import { BODY15_JOINTS } from '../skeleton/body15'
import type { CompiledRig } from './compileRig'
import { body15Positions, restWorld } from './compileRig'

/**
 * The target skeleton that retargeting takes (`toonmo retarget --target SKEL.json`): the rig's
 * rest pose seen from the front, body15 joints in rig pixels, y down.
 */
export interface SkeletonFile {
  format: 'toonmo.skeleton'
  version: 1
  joints: string[]
  rest: [number, number][]
}

/** The SKEL of a rig, rounded to 1/1000 px so the file stays readable. */
export function rigToSkeleton(c: CompiledRig): SkeletonFile {
  const p = body15Positions(c, restWorld(c))
  const round = (v: number) => Math.round(v * 1000) / 1000
  return {
    format: 'toonmo.skeleton',
    version: 1,
    joints: [...BODY15_JOINTS],
    rest: BODY15_JOINTS.map((_, j) => [round(p[2 * j]!), round(p[2 * j + 1]!)]),
  }
}
