import { BODY15_BONES, BODY15_INDEX, BODY15_JOINTS } from '../../skeleton/body15'
import { fillGaps } from '../../motion/fillGaps'
import type { FilledMotion } from '../../motion/fillGaps'
import type { Motion } from '../../motion/motion'
import type { RigAnimation } from '../animation'
import { restAnimation, unwrapRotations, wrapAngle } from '../animation'
import type { CompiledRig } from '../compileRig'
import { restWorld } from '../compileRig'
import type { RigView } from '../types'
import type { ContactOptions } from './footContacts'
import { findFootContacts } from './footContacts'
import type { Limb } from './limbs'
import { rigLimbs } from './limbs'
import { lockFeet } from './lockFeet'
import { twoBoneIk } from './twoBoneIk'

export interface SolveOptions {
  /** The view the motion was retargeted for; carried into the animation. Default front. */
  view?: RigView
  /** Joints at or below this confidence count as missing and are interpolated. Default 0.05. */
  minConfidence?: number
  /** Stand the feet on the rig's ground line and never below it. Default true. */
  ground?: boolean
  /** Find foot contacts and keep planted feet still. Default true. */
  lockFeet?: boolean
  contacts?: ContactOptions
  /**
   * Keep the head's average pose upright on the torso, as the rig is drawn: only the performer's
   * tilts and nods around their average come through. Without it a profile performance, whose
   * nose sits well in front of the neck, lays a front-drawn head on its side. Default true.
   */
  uprightHead?: boolean
  /** Frames over which a foot eases into and out of its lock. Default 3. */
  blendFrames?: number
  signal?: AbortSignal
}

/** Working state of a solve: world angles and bone start points for every frame. */
export interface SolveState {
  c: CompiledRig
  frames: number
  /** World angle per frame and bone, radians. */
  world: Float64Array
  /** Root start point per frame, rig pixels. */
  root: Float64Array
  /** Bend side per frame and limb (+1 / -1), as solved. */
  bend: Int8Array
  limbs: Limb[]
}

/**
 * Turns a body15 keypoint sequence into a rig animation: per-frame bone rotations and root
 * translation that keep the rig's own bone lengths. Non-limb bones (torso, head, clavicles,
 * pelvis) take the direction of their body15 segment; arms and legs use two-bone IK towards the
 * source's wrist/ankle (scaled to the rig's limb length) and bend to the side the footage shows.
 * Then the feet are stood on the ground line and planted feet are locked.
 *
 * `motion` holds body15 joints in source pixels (y down). Its mid_hip drives the root: the rig
 * starts at its rest position and moves by the source's hip motion scaled to the rig's size.
 * O(frames x bones).
 */
export function solvePose(
  c: CompiledRig,
  motion: Motion,
  options: SolveOptions = {},
): RigAnimation {
  if (motion.jointCount !== BODY15_JOINTS.length) {
    throw new Error(`pose solving takes body15 motion (15 joints), got ${motion.jointCount} joints`)
  }
  const filled = fillGaps(motion, options.minConfidence ?? 0.05)
  if (!filled.seen[BODY15_INDEX.mid_hip] || !filled.seen[BODY15_INDEX.neck]) {
    throw new Error(
      'no person in the track: the hips and shoulders are never detected, so there is nothing to pose',
    )
  }
  const F = motion.frameCount
  const state: SolveState = {
    c,
    frames: F,
    world: new Float64Array(F * c.boneCount),
    root: new Float64Array(F * 2),
    bend: new Int8Array(F * 4),
    limbs: rigLimbs(c),
  }
  const scale = sourceToRigScale(c, filled)
  const limbScale = state.limbs.map((l) => limbToRigScale(c, filled, l))
  const segmentLength = BODY15_BONES.map(([a, b]) =>
    percentileOver(filled, (f) => jointDistance(filled, f, BODY15_INDEX[a], BODY15_INDEX[b])),
  )
  const rest = restWorld(c)
  const at = (f: number, j: number, k: number) => filled.xy[(f * 15 + j) * 2 + k]!
  const mid = BODY15_INDEX.mid_hip
  const x = new Float64Array(c.boneCount)
  const y = new Float64Array(c.boneCount)
  const segmentOf = new Int32Array(c.boneCount).fill(-1)
  BODY15_BONES.forEach((_, s) => (segmentOf[c.segmentBone[s]!] = s))
  const limbOfUpper = new Int32Array(c.boneCount).fill(-1)
  state.limbs.forEach((l, i) => (limbOfUpper[l.upper] = i))
  const isLower = new Uint8Array(c.boneCount)
  for (const l of state.limbs) isLower[l.lower] = 1
  const jointIdx = BODY15_BONES.map(([a, b]) => [BODY15_INDEX[a], BODY15_INDEX[b]] as const)
  const prevBend = state.limbs.map((l) => l.defaultBend)
  const headSegment = BODY15_BONES.findIndex(([a, b]) => a === 'neck' && b === 'nose')
  const upright =
    options.uprightHead !== false && filled.seen[BODY15_INDEX.nose]
      ? headTiltOffsets(c, filled, rest)
      : null

  for (let f = 0; f < F; f++) {
    if (options.signal?.aborted) throw options.signal.reason ?? new Error('cancelled')
    const w = state.world.subarray(f * c.boneCount, (f + 1) * c.boneCount)
    const rx = c.restX[0]! + scale * (at(f, mid, 0) - at(0, mid, 0))
    const ry = c.restY[0]! + scale * (at(f, mid, 1) - at(0, mid, 1))
    state.root[2 * f] = rx
    state.root[2 * f + 1] = ry
    for (let i = 0; i < c.boneCount; i++) {
      const p = c.parent[i]!
      if (p < 0) {
        x[i] = rx
        y[i] = ry
      } else {
        const cos = Math.cos(w[p]!)
        const sin = Math.sin(w[p]!)
        x[i] = x[p]! + cos * c.restX[i]! - sin * c.restY[i]!
        y[i] = y[p]! + sin * c.restX[i]! + cos * c.restY[i]!
      }
      if (isLower[i]) continue // set with its upper bone
      const li = limbOfUpper[i]!
      if (li >= 0) {
        const l = state.limbs[li]!
        if (!filled.seen[l.a] || !filled.seen[l.c]) {
          w[i] = w[p]! + c.restRotation[i]!
          w[l.lower] = w[i]! + c.restRotation[l.lower]!
          continue
        }
        const k = limbScale[li]!
        const tx = x[i]! + k * (at(f, l.c, 0) - at(f, l.a, 0))
        const ty = y[i]! + k * (at(f, l.c, 1) - at(f, l.a, 1))
        const ux = at(f, l.b, 0) - at(f, l.a, 0)
        const uy = at(f, l.b, 1) - at(f, l.a, 1)
        const vx = at(f, l.c, 0) - at(f, l.b, 0)
        const vy = at(f, l.c, 1) - at(f, l.b, 1)
        const turn = (ux * vy - uy * vx) / (Math.hypot(ux, uy) * Math.hypot(vx, vy) || 1)
        // A nearly straight limb keeps last frame's side so noise cannot flip the elbow.
        if (Math.abs(turn) > 0.05) prevBend[li] = turn > 0 ? 1 : -1
        const ik = twoBoneIk(x[i]!, y[i]!, tx, ty, c.length[i]!, c.length[l.lower]!, prevBend[li]!)
        w[i] = ik.upper
        w[l.lower] = ik.lower
        state.bend[f * 4 + li] = prevBend[li]!
        continue
      }
      const s = segmentOf[i]!
      if (s >= 0) {
        const [a, b] = jointIdx[s]!
        if (filled.seen[a] && filled.seen[b]) {
          w[i] = Math.atan2(at(f, b, 1) - at(f, a, 1), at(f, b, 0) - at(f, a, 0))
          if (s === headSegment && upright) {
            const side = wrapAngle(upright.relative(f) - upright.restRelative) < 0
            w[i] = w[i]! - (side ? upright.left : upright.right)
          }
          if (p >= 0) {
            // A segment seen end-on (shoulders or hips in profile) has no reliable direction:
            // fade towards the rig's rest angle on its parent as it shrinks below 40% of its
            // usual length, so the clavicles do not spin on detector noise.
            const ratio = jointDistance(filled, f, a, b) / (segmentLength[s]! || 1)
            const trust = Math.min(1, Math.max(0, (ratio - 0.15) / 0.25))
            if (trust < 1) {
              const restAngle = w[p]! + c.restRotation[i]!
              w[i] = restAngle + trust * wrapAngle(w[i]! - restAngle)
            }
          }
          continue
        }
      }
      w[i] =
        p < 0 ? rest.angle[0]! : c.inheritRotation[i] ? w[p]! + c.restRotation[i]! : rest.angle[i]!
    }
  }

  const contacts: { right: Uint8Array; left: Uint8Array } = {
    right: new Uint8Array(F),
    left: new Uint8Array(F),
  }
  if (options.ground !== false) standOnGround(state)
  if (options.lockFeet !== false) {
    const legs = state.limbs.filter((l) => l.isLeg)
    for (const leg of legs) {
      const ankle = limbEnds(state, leg)
      const legLength = c.length[leg.upper]! + c.length[leg.lower]!
      const found = findFootContacts(
        ankle,
        plantedAnkleY(state, leg),
        legLength,
        motion.fps,
        options.contacts,
      )
      if (leg.name === 'right_leg') contacts.right = found
      else contacts.left = found
    }
    lockFeet(state, contacts, options.blendFrames ?? 3)
  }

  const anim = restAnimation(c, motion.fps, F)
  anim.view = options.view ?? 'front'
  anim.root.set(state.root)
  anim.contacts = options.lockFeet === false ? null : contacts
  worldToLocal(state, anim.rotations)
  unwrapRotations(anim.rotations, c.boneCount)
  return anim
}

/** Local rotations from world angles: each bone's angle minus its parent's. */
export function worldToLocal(state: SolveState, out: Float64Array): void {
  const { c, world } = state
  const n = c.boneCount
  for (let f = 0; f < state.frames; f++) {
    const o = f * n
    out[o] = world[o]!
    for (let i = 1; i < n; i++) out[o + i] = world[o + i]! - world[o + c.parent[i]!]!
  }
}

/**
 * The end point (wrist/ankle) of a limb in every frame, [x0, y0, ...], by forward kinematics
 * from the solved world angles.
 */
export function limbEnds(state: SolveState, limb: Limb): Float64Array {
  const out = new Float64Array(state.frames * 2)
  const p = new Float64Array(2)
  for (let f = 0; f < state.frames; f++) {
    boneStart(state, f, limb.lower, p)
    const a = state.world[f * state.c.boneCount + limb.lower]!
    out[2 * f] = p[0]! + Math.cos(a) * state.c.length[limb.lower]!
    out[2 * f + 1] = p[1]! + Math.sin(a) * state.c.length[limb.lower]!
  }
  return out
}

/** Start point of one bone in one frame (rig pixels), walking up from the root. */
export function boneStart(state: SolveState, f: number, bone: number, out: Float64Array): void {
  const { c, world } = state
  let bx = 0
  let by = 0
  let i = bone
  while (c.parent[i]! >= 0) {
    const pa = world[f * c.boneCount + c.parent[i]!]!
    bx += Math.cos(pa) * c.restX[i]! - Math.sin(pa) * c.restY[i]!
    by += Math.sin(pa) * c.restX[i]! + Math.cos(pa) * c.restY[i]!
    i = c.parent[i]!
  }
  out[0] = state.root[2 * f]! + bx
  out[1] = state.root[2 * f + 1]! + by
}

/** The ankle's y when the foot stands on the ground line: as high above it as in the rest pose. */
export function plantedAnkleY(state: SolveState, leg: Limb): number {
  const { c } = state
  const rest = restWorld(c)
  const ankleRestY = rest.y[leg.lower]! + Math.sin(rest.angle[leg.lower]!) * c.length[leg.lower]!
  return ankleRestY
}

/**
 * Moves the whole clip up or down so the feet stand on the ground line (the median frame's lowest
 * foot lands on it, which suits walks and jumps alike), then lifts any frame whose foot would
 * still sink below it.
 */
function standOnGround(state: SolveState): void {
  const legs = state.limbs.filter((l) => l.isLeg)
  const ends = legs.map((l) => limbEnds(state, l))
  const planted = legs.map((l) => plantedAnkleY(state, l))
  const sink = new Float64Array(state.frames)
  for (let f = 0; f < state.frames; f++) {
    let s = -Infinity
    ends.forEach((e, i) => (s = Math.max(s, e[2 * f + 1]! - planted[i]!)))
    sink[f] = s
  }
  const sorted = Float64Array.from(sink).sort()
  const shift = -(sorted[Math.floor(sorted.length / 2)] ?? 0)
  for (let f = 0; f < state.frames; f++) {
    const below = sink[f]! + shift
    state.root[2 * f + 1] = state.root[2 * f + 1]! + shift - Math.max(0, below)
  }
}

/**
 * How far (radians) the source's head direction (neck to nose), relative to its torso (mid_hip
 * to neck), sits from the rig's rest head on average (a circular mean), for frames where the nose
 * is to either side of the rest direction. Facing the camera both sides share the overall mean,
 * so head tilts come through; in profile the nose sits far in front of the neck, and each facing
 * gets its own mean, so a performer who turns round still keeps the head upright.
 */
function headTiltOffsets(
  c: CompiledRig,
  m: FilledMotion,
  rest: { angle: Float64Array },
): { relative: (f: number) => number; restRelative: number; left: number; right: number } {
  const j = BODY15_INDEX
  const torsoBone = c.segmentBone[0]!
  const headBone = c.segmentBone[BODY15_BONES.findIndex(([a, b]) => a === 'neck' && b === 'nose')]!
  const restRelative = rest.angle[headBone]! - rest.angle[torsoBone]!
  const angle = (f: number, a: number, b: number) =>
    Math.atan2(
      m.xy[(f * 15 + b) * 2 + 1]! - m.xy[(f * 15 + a) * 2 + 1]!,
      m.xy[(f * 15 + b) * 2]! - m.xy[(f * 15 + a) * 2]!,
    )
  const relative = (f: number) => angle(f, j.neck, j.nose) - angle(f, j.mid_hip, j.neck)
  const sums = [0, 0, 0, 0, 0, 0] // sin, cos for all, left side, right side
  for (let f = 0; f < m.frameCount; f++) {
    const r = relative(f)
    const k = wrapAngle(r - restRelative) < 0 ? 2 : 4
    sums[0]! += Math.sin(r)
    sums[1]! += Math.cos(r)
    sums[k]! += Math.sin(r)
    sums[k + 1]! += Math.cos(r)
  }
  const mean = (k: number) => wrapAngle(Math.atan2(sums[k]!, sums[k + 1]!) - restRelative)
  const overall = mean(0)
  const side = (k: number) => (sums[k + 1]! === 0 && sums[k]! === 0 ? overall : mean(k))
  const profile = Math.abs(side(2)) > PROFILE_HEAD && Math.abs(side(4)) > PROFILE_HEAD
  return {
    relative,
    restRelative,
    left: profile ? side(2) : overall,
    right: profile ? side(4) : overall,
  }
}

/** A head turned further than this from the torso on average is taken for a profile (radians). */
const PROFILE_HEAD = (25 * Math.PI) / 180

/**
 * Pixels of rig per pixel of footage: the rig's torso-plus-leg length over the source's (90th
 * percentile over frames, since foreshortening only ever shortens a segment in 2D).
 */
function sourceToRigScale(c: CompiledRig, m: FilledMotion): number {
  const legs = rigLimbs(c).filter((l) => l.isLeg)
  const torso = c.segmentBone[0]!
  const rig =
    c.length[torso]! +
    legs.reduce((s, l) => s + c.length[l.upper]! + c.length[l.lower]!, 0) / legs.length
  const src = percentileOver(m, (f) => {
    const d = (a: number, b: number) =>
      Math.hypot(
        m.xy[(f * 15 + a) * 2]! - m.xy[(f * 15 + b) * 2]!,
        m.xy[(f * 15 + a) * 2 + 1]! - m.xy[(f * 15 + b) * 2 + 1]!,
      )
    const leg = legs.reduce((s, l) => s + d(l.a, l.b) + d(l.b, l.c), 0) / legs.length
    return d(BODY15_INDEX.mid_hip, BODY15_INDEX.neck) + leg
  })
  return src > 1e-6 ? rig / src : 1
}

/** Distance between two joints of a filled motion in one frame, source pixels. */
function jointDistance(m: FilledMotion, f: number, a: number, b: number): number {
  return Math.hypot(
    m.xy[(f * 15 + a) * 2]! - m.xy[(f * 15 + b) * 2]!,
    m.xy[(f * 15 + a) * 2 + 1]! - m.xy[(f * 15 + b) * 2 + 1]!,
  )
}

/** The rig's limb length over the source's (90th percentile of shoulder-elbow-wrist length). */
function limbToRigScale(c: CompiledRig, m: FilledMotion, l: Limb): number {
  const src = percentileOver(m, (f) => {
    const d = (a: number, b: number) =>
      Math.hypot(
        m.xy[(f * 15 + a) * 2]! - m.xy[(f * 15 + b) * 2]!,
        m.xy[(f * 15 + a) * 2 + 1]! - m.xy[(f * 15 + b) * 2 + 1]!,
      )
    return d(l.a, l.b) + d(l.b, l.c)
  })
  return src > 1e-6 ? (c.length[l.upper]! + c.length[l.lower]!) / src : 1
}

function percentileOver(m: FilledMotion, value: (f: number) => number, q = 0.9): number {
  const v = new Float64Array(m.frameCount)
  for (let f = 0; f < m.frameCount; f++) v[f] = value(f)
  v.sort()
  return v[Math.min(v.length - 1, Math.floor(q * (v.length - 1)))] ?? 0
}
