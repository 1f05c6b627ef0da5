import { RigFormatError } from './parseRig'
import type { Rig, RigBone, RigPart, Vec2 } from './types'

const DEG = Math.PI / 180

/** A bone's rest placement in canvas pixels: where it starts and ends, and its world angle. */
export interface BoneRestWorld {
  head: Vec2
  tail: Vec2
  /** World angle, radians (y down, clockwise). */
  angle: number
}

/**
 * Rest placement of every bone by name, in canvas pixels, for drawing joint handles in rig setup
 * mode. Unlike `compileRig` it does not insist on the body15 layout, so it works on a rig in the
 * middle of being edited. Throws only for an unknown parent or a cycle.
 */
export function restBoneWorld(rig: Rig): Map<string, BoneRestWorld> {
  const byName = new Map(rig.bones.map((b) => [b.name, b]))
  const out = new Map<string, BoneRestWorld>()
  const visit = (bone: RigBone, depth: number): BoneRestWorld => {
    const known = out.get(bone.name)
    if (known) return known
    if (depth > rig.bones.length)
      throw new RigFormatError(`the bone hierarchy has a cycle through "${bone.name}"`)
    let px = 0
    let py = 0
    let pa = 0
    if (bone.parent !== null) {
      const parent = byName.get(bone.parent)
      if (!parent)
        throw new RigFormatError(
          `bone "${bone.name}" has parent "${bone.parent}", which is not a bone of this rig`,
        )
      const p = visit(parent, depth + 1)
      ;[px, py] = p.head
      pa = p.angle
    }
    const [lx, ly] = bone.position
    const head: Vec2 = [
      px + Math.cos(pa) * lx - Math.sin(pa) * ly,
      py + Math.sin(pa) * lx + Math.cos(pa) * ly,
    ]
    const angle = pa + bone.rotation * DEG
    const tail: Vec2 = [
      head[0] + Math.cos(angle) * bone.length,
      head[1] + Math.sin(angle) * bone.length,
    ]
    const world = { head, tail, angle }
    out.set(bone.name, world)
    return world
  }
  for (const bone of rig.bones) visit(bone, 0)
  return out
}

/**
 * Rebuilds every bone's local position and rotation from world placements (lengths from them).
 * Exported for importers that place bones on the canvas first (`rigFromLayers`).
 */
export function fromWorld(rig: Rig, world: Map<string, BoneRestWorld>): Rig {
  const round = (v: number) => Math.round(v * 1e6) / 1e6
  const bones = rig.bones.map((bone): RigBone => {
    const w = world.get(bone.name)!
    const length = Math.hypot(w.tail[0] - w.head[0], w.tail[1] - w.head[1])
    const angle = length > 1e-9 ? Math.atan2(w.tail[1] - w.head[1], w.tail[0] - w.head[0]) : w.angle
    const parent = bone.parent === null ? undefined : world.get(bone.parent)
    const pa = parent ? parentAngle(parent) : 0
    const dx = w.head[0] - (parent?.head[0] ?? 0)
    const dy = w.head[1] - (parent?.head[1] ?? 0)
    const out: RigBone = {
      ...bone,
      position: [
        round(Math.cos(pa) * dx + Math.sin(pa) * dy),
        round(-Math.sin(pa) * dx + Math.cos(pa) * dy),
      ],
      rotation: round((angle - pa) / DEG),
      length: round(length),
    }
    return out
  })
  return { ...rig, bones }
}

function parentAngle(w: BoneRestWorld): number {
  const len = Math.hypot(w.tail[0] - w.head[0], w.tail[1] - w.head[1])
  return len > 1e-9 ? Math.atan2(w.tail[1] - w.head[1], w.tail[0] - w.head[0]) : w.angle
}

/**
 * Drags a joint in rig setup mode: every bone start or end within `tolerance` pixels of `from`
 * moves to `to` (so an elbow moves both the upper arm's end and the forearm's start); everything
 * else keeps its place on the canvas. Returns a new rig; the input is not changed.
 */
export function moveRestPoint(rig: Rig, from: Vec2, to: Vec2, tolerance = 0.5): Rig {
  const world = restBoneWorld(rig)
  const near = (p: Vec2) => Math.hypot(p[0] - from[0], p[1] - from[1]) <= tolerance
  let moved = 0
  for (const w of world.values()) {
    if (near(w.head)) {
      w.head = [...to]
      moved++
    }
    if (near(w.tail)) {
      w.tail = [...to]
      moved++
    }
  }
  if (moved === 0) return rig
  return fromWorld(rig, world)
}

/**
 * Gives a bone a new parent while it keeps its place on the canvas (null makes it a root; the
 * rig must still end up with exactly one). Refuses a parent that would close a cycle.
 */
export function setBoneParent(rig: Rig, bone: string, parent: string | null): Rig {
  const byName = new Map(rig.bones.map((b) => [b.name, b]))
  if (!byName.has(bone)) throw new RigFormatError(`no bone named "${bone}"`)
  if (parent !== null && !byName.has(parent)) throw new RigFormatError(`no bone named "${parent}"`)
  for (let p = parent; p !== null; p = byName.get(p)?.parent ?? null) {
    if (p === bone)
      throw new RigFormatError(
        `"${parent}" is below "${bone}": making it the parent would close a cycle`,
      )
  }
  const world = restBoneWorld(rig)
  const reparented = {
    ...rig,
    bones: rig.bones.map((b) => (b.name === bone ? { ...b, parent } : b)),
  }
  return fromWorld(reparented, world)
}

/** Sets a part's pivot (image pixels), attachment offset (bone frame, pixels) or z order. */
export function updatePart(
  rig: Rig,
  part: string,
  change: Partial<Pick<RigPart, 'pivot' | 'offset' | 'z' | 'rotation' | 'bone'>>,
): Rig {
  if (!rig.parts.some((p) => p.name === part)) throw new RigFormatError(`no part named "${part}"`)
  if (change.bone !== undefined && !rig.bones.some((b) => b.name === change.bone)) {
    throw new RigFormatError(`no bone named "${change.bone}"`)
  }
  return { ...rig, parts: rig.parts.map((p) => (p.name === part ? { ...p, ...change } : p)) }
}
