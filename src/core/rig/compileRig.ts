import { BODY15_BONES, BODY15_INDEX, BODY15_JOINTS } from '../skeleton/body15'
import { RigFormatError } from './parseRig'
import type { Rig } from './types'

const DEG = Math.PI / 180

/**
 * A rig's skeleton packed for per-frame work. Bones are in hierarchy order (every parent before
 * its children, siblings in file order), and every per-bone array in an animation uses this order.
 * Positions are pixels, angles radians (see types.ts for the frame).
 */
export interface CompiledRig {
  rig: Rig
  boneCount: number
  names: string[]
  index: Map<string, number>
  /** Parent bone index, -1 for the root (always bone 0). */
  parent: Int32Array
  /** Rest start point in the parent's frame (root: rig pixels). */
  restX: Float64Array
  restY: Float64Array
  /** Rest rotation relative to the parent, radians. */
  restRotation: Float64Array
  length: Float64Array
  inheritRotation: Uint8Array
  /** Per body15 joint (BODY15_JOINTS order): the bone it sits on, and 1 if at its tail. */
  jointBone: Int32Array
  jointAtTail: Uint8Array
  /**
   * Per body15 bone (BODY15_BONES order): the rig bone whose direction follows it, i.e. the bone
   * that ends at the child joint.
   */
  segmentBone: Int32Array
}

/** Orders bones parents-first and packs them, checking the rules pose solving relies on. */
export function compileRig(rig: Rig): CompiledRig {
  const children = new Map<string | null, string[]>()
  for (const b of rig.bones) children.set(b.parent, [...(children.get(b.parent) ?? []), b.name])
  const names: string[] = []
  const queue = [...(children.get(null) ?? [])]
  while (queue.length > 0) {
    const name = queue.shift() as string
    names.push(name)
    queue.push(...(children.get(name) ?? []))
  }
  const byName = new Map(rig.bones.map((b) => [b.name, b]))
  const index = new Map(names.map((n, i) => [n, i]))
  const n = names.length
  const out: CompiledRig = {
    rig,
    boneCount: n,
    names,
    index,
    parent: new Int32Array(n),
    restX: new Float64Array(n),
    restY: new Float64Array(n),
    restRotation: new Float64Array(n),
    length: new Float64Array(n),
    inheritRotation: new Uint8Array(n),
    jointBone: new Int32Array(BODY15_JOINTS.length),
    jointAtTail: new Uint8Array(BODY15_JOINTS.length),
    segmentBone: new Int32Array(BODY15_BONES.length),
  }
  names.forEach((name, i) => {
    const b = byName.get(name)
    if (!b) throw new RigFormatError(`bone "${name}" vanished while compiling the rig`)
    out.parent[i] = b.parent === null ? -1 : (index.get(b.parent) ?? -1)
    out.restX[i] = b.position[0]
    out.restY[i] = b.position[1]
    out.restRotation[i] = b.rotation * DEG
    out.length[i] = b.length
    out.inheritRotation[i] = b.inheritRotation === false ? 0 : 1
  })
  BODY15_JOINTS.forEach((joint, j) => {
    const anchor = rig.joints[joint]
    out.jointBone[j] = index.get(anchor.bone) ?? -1
    out.jointAtTail[j] = anchor.at === 'tail' ? 1 : 0
  })
  checkJointLayout(out)
  return out
}

/**
 * The solver turns each body15 bone into one rig bone's direction, so the mapping must line up
 * with the hierarchy: mid_hip at the root's start, and every other joint at the end of a bone
 * that starts where its body15 parent joint is.
 */
function checkJointLayout(c: CompiledRig): void {
  const { rig } = c
  const midHip = rig.joints.mid_hip
  if (midHip.at !== 'head' || c.index.get(midHip.bone) !== 0) {
    throw new RigFormatError(
      `joint "mid_hip" must sit at the head (start) of the root bone "${c.names[0]}", got ${midHip.at} of "${midHip.bone}"`,
    )
  }
  const rest = restWorld(c)
  BODY15_BONES.forEach(([from, to], s) => {
    const a = rig.joints[from]
    const b = rig.joints[to]
    if (b.at !== 'tail') {
      throw new RigFormatError(
        `joint "${to}" must sit at the tail (end) of a bone, got the head of "${b.bone}"`,
      )
    }
    const bi = c.index.get(b.bone) as number
    const ai = c.index.get(a.bone) as number
    const startsAtFrom =
      (bi === ai && a.at === 'head') ||
      (c.parent[bi] === ai &&
        Math.hypot(rest.x[bi]! - jointX(c, rest, from), rest.y[bi]! - jointY(c, rest, from)) < 0.5)
    if (!startsAtFrom) {
      throw new RigFormatError(
        `bone "${b.bone}" ends at joint "${to}", so it must start at joint "${from}" (on bone "${a.bone}") and be its child; move its "position" or change its "parent"`,
      )
    }
    c.segmentBone[s] = bi
  })
  const used = new Set<number>()
  for (const s of c.segmentBone) {
    if (used.has(s)) {
      throw new RigFormatError(
        `bone "${c.names[s]}" ends at two body15 joints; give each its own bone`,
      )
    }
    used.add(s)
  }
}

/** World start points and angles of every bone in the rest pose. */
export interface WorldPose {
  x: Float64Array
  y: Float64Array
  angle: Float64Array
}

/** Rest pose in world (rig) pixels. */
export function restWorld(c: CompiledRig): WorldPose {
  const rest = new Float64Array(c.boneCount)
  rest.set(c.restRotation)
  const pose: WorldPose = {
    x: new Float64Array(c.boneCount),
    y: new Float64Array(c.boneCount),
    angle: new Float64Array(c.boneCount),
  }
  forwardKinematics(c, c.restX[0]!, c.restY[0]!, rest, pose)
  return pose
}

/**
 * Forward kinematics: local rotations (radians, relative to the parent's world angle; the root's
 * is its world angle) and the root's start point (rig pixels) to world start points and angles.
 * Bone lengths and rest offsets come from the rig. O(bones), no allocation.
 */
export function forwardKinematics(
  c: CompiledRig,
  rootX: number,
  rootY: number,
  local: ArrayLike<number>,
  out: WorldPose,
  localOffset = 0,
): void {
  out.x[0] = rootX
  out.y[0] = rootY
  out.angle[0] = local[localOffset]!
  for (let i = 1; i < c.boneCount; i++) {
    const p = c.parent[i]!
    const pa = out.angle[p]!
    const cos = Math.cos(pa)
    const sin = Math.sin(pa)
    const lx = c.restX[i]!
    const ly = c.restY[i]!
    out.x[i] = out.x[p]! + cos * lx - sin * ly
    out.y[i] = out.y[p]! + sin * lx + cos * ly
    out.angle[i] = pa + local[localOffset + i]!
  }
}

function jointX(c: CompiledRig, pose: WorldPose, joint: keyof typeof BODY15_INDEX): number {
  const j = BODY15_INDEX[joint]
  const b = c.jointBone[j]!
  return pose.x[b]! + (c.jointAtTail[j] ? Math.cos(pose.angle[b]!) * c.length[b]! : 0)
}

function jointY(c: CompiledRig, pose: WorldPose, joint: keyof typeof BODY15_INDEX): number {
  const j = BODY15_INDEX[joint]
  const b = c.jointBone[j]!
  return pose.y[b]! + (c.jointAtTail[j] ? Math.sin(pose.angle[b]!) * c.length[b]! : 0)
}

/**
 * The 15 body15 joint positions of a world pose, as a flat [x0, y0, x1, y1, ...] array in
 * BODY15_JOINTS order (rig pixels).
 */
export function body15Positions(
  c: CompiledRig,
  pose: WorldPose,
  out = new Float64Array(30),
): Float64Array {
  for (let j = 0; j < BODY15_JOINTS.length; j++) {
    const b = c.jointBone[j]!
    const len = c.jointAtTail[j] ? c.length[b]! : 0
    out[2 * j] = pose.x[b]! + Math.cos(pose.angle[b]!) * len
    out[2 * j + 1] = pose.y[b]! + Math.sin(pose.angle[b]!) * len
  }
  return out
}
