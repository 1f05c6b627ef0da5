import { restBoneWorld } from './editRig'
import type { Rig, RigImage, Vec2 } from './types'

const DEG = Math.PI / 180
const round = (v: number) => Math.round(v * 1000) / 1000

/**
 * Re-attaches every part of `after` so that at rest it sits on the canvas exactly where it sat in
 * `before`, the same rig with its bones moved (rig setup mode: dragging a joint re-places bones
 * on a fixed drawing, rather than dragging the drawing along). Each part keeps its offset; its
 * rotation takes up the bone's turn and its pivot (image pixels, default and alternatives alike)
 * the move of its attachment point. Parts whose bone did not move are returned unchanged.
 */
export function keepPartsInPlace(before: Rig, after: Rig): Rig {
  const was = restBoneWorld(before)
  const now = restBoneWorld(after)
  const attachment = (head: Vec2, angle: number, offset: Vec2): Vec2 => [
    head[0] + Math.cos(angle) * offset[0] - Math.sin(angle) * offset[1],
    head[1] + Math.sin(angle) * offset[0] + Math.cos(angle) * offset[1],
  ]
  const parts = after.parts.map((part) => {
    const old = was.get(part.bone)
    const cur = now.get(part.bone)
    if (!old || !cur) return part
    const oldAnchor = attachment(old.head, old.angle, part.offset)
    const newAnchor = attachment(cur.head, cur.angle, part.offset)
    const turn = cur.angle - old.angle
    if (Math.abs(turn) < 1e-12 && oldAnchor[0] === newAnchor[0] && oldAnchor[1] === newAnchor[1])
      return part
    // The image's total rotation stays old.angle + rotation; the pivot shifts by the anchor's
    // move expressed in the image's own (rotated) axes.
    const total = old.angle + part.rotation * DEG
    const dx = newAnchor[0] - oldAnchor[0]
    const dy = newAnchor[1] - oldAnchor[1]
    const du = Math.cos(total) * dx + Math.sin(total) * dy
    const dv = -Math.sin(total) * dx + Math.cos(total) * dy
    const shift = <T extends Partial<RigImage>>(img: T): T =>
      img.pivot ? { ...img, pivot: [round(img.pivot[0] + du), round(img.pivot[1] + dv)] } : img
    const moved = {
      ...shift(part),
      rotation: round(part.rotation - turn / DEG),
    }
    if (part.alternatives) {
      moved.alternatives = Object.fromEntries(
        Object.entries(part.alternatives).map(([name, alt]) => [name, shift(alt)]),
      )
    }
    return moved
  })
  return { ...after, parts }
}
