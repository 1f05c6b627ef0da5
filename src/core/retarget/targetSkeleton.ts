import { BODY15_JOINTS } from '../skeleton/body15'
import { BONES, J, NB } from './body15Bones'
import { RetargetError } from './errors'

/**
 * A retarget target: the character's rest pose seen from the front, in pixels of the character's
 * own drawing (x right, y down). Bone lengths come from it; so does the output's pixel scale.
 */
export interface TargetSkeleton {
  /** x, y per body15 joint, index j * 2, pixels. */
  rest: Float64Array
  /** Length in pixels of each bone of BONES. */
  boneLengths: Float64Array
  /** Top of the head (nose) to the lowest ankle, pixels: what "% of the target's height" means. */
  height: number
}

/** The JSON shape of a SKEL file, as `toonmo rigs --skeleton` writes it. */
export interface SkeletonFile {
  format: 'toonmo.skeleton'
  version: 1
  joints: string[]
  rest: [number, number][]
}

const HOW =
  'A SKEL file looks like {"format":"toonmo.skeleton","version":1,"joints":[15 body15 names],"rest":[[x,y],...]}; `toonmo rigs --skeleton NAME` writes one.'

function bad(what: string): never {
  throw new RetargetError('badSkeleton', `${what}. ${HOW}`)
}

/**
 * Checks and reads a parsed SKEL document. Joints may come in any order as long as each body15
 * name appears exactly once; they are reordered to body15 order. Throws RetargetError
 * ('badSkeleton') saying what is wrong.
 */
export function parseTargetSkeleton(doc: unknown): TargetSkeleton {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    bad('The skeleton is not a JSON object')
  const o = doc as Record<string, unknown>
  if (o.format !== 'toonmo.skeleton') {
    bad(`The skeleton's "format" is ${JSON.stringify(o.format)}, expected "toonmo.skeleton"`)
  }
  if (o.version !== 1) {
    bad(`The skeleton's "version" is ${JSON.stringify(o.version)}; this Toonmo reads version 1`)
  }
  if (!Array.isArray(o.joints)) bad('The skeleton has no "joints" list')
  if (!Array.isArray(o.rest)) bad('The skeleton has no "rest" list')
  const joints = o.joints as unknown[]
  const restIn = o.rest as unknown[]
  if (joints.length !== J) bad(`The skeleton lists ${joints.length} joints; body15 has ${J}`)
  if (restIn.length !== joints.length) {
    bad(`The skeleton has ${joints.length} joints but ${restIn.length} rest positions`)
  }
  const rest = new Float64Array(J * 2)
  const seen = new Set<string>()
  for (let i = 0; i < J; i++) {
    const name = joints[i]
    const j = BODY15_JOINTS.indexOf(name as (typeof BODY15_JOINTS)[number])
    if (typeof name !== 'string' || j < 0) {
      bad(`Joint ${i} is ${JSON.stringify(name)}, not a body15 name (${BODY15_JOINTS.join(', ')})`)
    }
    if (seen.has(name)) bad(`Joint "${name}" is listed twice`)
    seen.add(name)
    const p = restIn[i]
    if (
      !Array.isArray(p) ||
      p.length !== 2 ||
      !p.every((v) => typeof v === 'number' && Number.isFinite(v))
    ) {
      bad(`The rest position of "${name}" is ${JSON.stringify(p)}, expected [x, y] in pixels`)
    }
    rest[j * 2] = p[0] as number
    rest[j * 2 + 1] = p[1] as number
  }
  const boneLengths = new Float64Array(NB)
  let ys = Infinity
  let ye = -Infinity
  for (let j = 0; j < J; j++) {
    const y = rest[j * 2 + 1] as number
    ys = Math.min(ys, y)
    ye = Math.max(ye, y)
  }
  const height = ye - ys
  if (!(height > 0)) bad('The rest pose has no height: every joint is at the same y')
  for (let b = 0; b < NB; b++) {
    const [pa, ch] = BONES[b] as readonly [number, number]
    const len = Math.hypot(
      (rest[ch * 2] as number) - (rest[pa * 2] as number),
      (rest[ch * 2 + 1] as number) - (rest[pa * 2 + 1] as number),
    )
    // A zero-length bone would make a joint coincide with its parent, and every direction
    // through it undefined; a real rig never has one.
    if (!(len > height * 1e-3)) {
      bad(
        `The rest pose puts "${BODY15_JOINTS[ch]}" on top of "${BODY15_JOINTS[pa]}" (bone length ${len.toFixed(3)} px)`,
      )
    }
    boneLengths[b] = len
  }
  return { rest, boneLengths, height }
}
