import type { BoneRestWorld } from '../../../core/rig/editRig'
import type { Rig, Vec2 } from '../../../core/rig/types'

const DEG = Math.PI / 180

/** A part at rest: its image and the SVG `matrix(a b c d e f)` from image to rig pixels. */
export interface RestPart {
  name: string
  image: string
  flipX: boolean
  matrix: [number, number, number, number, number, number]
}

/**
 * Where each part sits at rest, back to front, from bone placements that need no compiled rig
 * (a rig mid-setup may not compile). The same placement as `placeParts` for the front view.
 */
export function restParts(rig: Rig, world: Map<string, BoneRestWorld>): RestPart[] {
  const placed = rig.parts.flatMap((part, order) => {
    const bone = world.get(part.bone)
    if (!bone) return []
    const ax =
      bone.head[0] + Math.cos(bone.angle) * part.offset[0] - Math.sin(bone.angle) * part.offset[1]
    const ay =
      bone.head[1] + Math.sin(bone.angle) * part.offset[0] + Math.cos(bone.angle) * part.offset[1]
    const r = bone.angle + part.rotation * DEG
    const a = Math.cos(r)
    const b = Math.sin(r)
    const [px, py] = part.pivot
    const matrix: RestPart['matrix'] = [a, b, -b, a, ax - (a * px - b * py), ay - (b * px + a * py)]
    return [
      { name: part.name, image: part.image, flipX: part.flipX ?? false, matrix, order, z: part.z },
    ]
  })
  placed.sort((p, q) => p.z - q.z || p.order - q.order)
  return placed.map(({ name, image, flipX, matrix }) => ({ name, image, flipX, matrix }))
}

/** A draggable joint: one canvas point shared by the bone ends that meet there. */
export interface JointHandle {
  point: Vec2
  /** `bone:head` / `bone:tail` for every bone end at this point. */
  ends: string[]
}

/** The rig's joints as handles: bone ends closer than `tolerance` pixels share one handle. */
export function jointHandles(world: Map<string, BoneRestWorld>, tolerance = 0.5): JointHandle[] {
  const handles: JointHandle[] = []
  for (const [bone, w] of world) {
    for (const [at, p] of [
      ['head', w.head],
      ['tail', w.tail],
    ] as const) {
      const near = handles.find(
        (h) => Math.hypot(h.point[0] - p[0], h.point[1] - p[1]) <= tolerance,
      )
      if (near) near.ends.push(`${bone}:${at}`)
      else handles.push({ point: [p[0], p[1]], ends: [`${bone}:${at}`] })
    }
  }
  return handles
}
