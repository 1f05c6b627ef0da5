import type { KeyRecord } from '../document/types'

/**
 * The edit layer: the animator's keys are rotation offsets (radians) added on top of the
 * retargeted motion. Between two keys of a bone the offset is interpolated by the left key's
 * mode; before the first and after the last key it fades to zero over `blendFrames`, so a tweak
 * never pops in or out.
 */

/** Keys grouped per bone and sorted by frame, for fast evaluation. */
export type KeysByBone = Map<string, KeyRecord[]>

export function groupKeysByBone(keys: Record<string, KeyRecord>): KeysByBone {
  const byBone: KeysByBone = new Map()
  for (const key of Object.values(keys)) {
    const list = byBone.get(key.bone)
    if (list) list.push(key)
    else byBone.set(key.bone, [key])
  }
  for (const list of byBone.values()) list.sort((a, b) => a.frame - b.frame)
  return byBone
}

/** Smooth ease (zero slope at both ends): the "bezier" mode with automatic flat handles. */
function ease(t: number): number {
  return t * t * (3 - 2 * t)
}

/** The offset of one bone at `frame` from its sorted keys. */
export function offsetAt(keys: readonly KeyRecord[], frame: number, blendFrames: number): number {
  const first = keys[0]
  const last = keys.at(-1)
  if (!first || !last) return 0
  if (frame < first.frame) {
    const d = first.frame - frame
    return d >= blendFrames ? 0 : first.rotation * ease(1 - d / Math.max(1, blendFrames))
  }
  if (frame > last.frame) {
    const d = frame - last.frame
    return d >= blendFrames ? 0 : last.rotation * ease(1 - d / Math.max(1, blendFrames))
  }
  // Binary search for the key at or before `frame`.
  let lo = 0
  let hi = keys.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (keys[mid]!.frame <= frame) lo = mid
    else hi = mid - 1
  }
  const a = keys[lo]!
  const b = keys[lo + 1]
  if (!b || a.frame === frame) return a.rotation
  const t = (frame - a.frame) / (b.frame - a.frame)
  switch (a.interpolation) {
    case 'stepped':
      return a.rotation
    case 'linear':
      return a.rotation + (b.rotation - a.rotation) * t
    case 'bezier':
      return a.rotation + (b.rotation - a.rotation) * ease(t)
  }
}

/**
 * Adds the edit layer to per-frame local rotations laid out `rotations[frame * bones.length + b]`
 * (RigAnimation's layout), returning a new array. Keys of bones the rig lacks are ignored.
 */
export function applyEditLayer(
  rotations: Float64Array,
  bones: readonly string[],
  keys: KeysByBone,
  blendFrames: number,
): Float64Array {
  const out = rotations.slice()
  const n = bones.length
  const frames = n === 0 ? 0 : rotations.length / n
  bones.forEach((bone, b) => {
    const list = keys.get(bone)
    if (!list || list.length === 0) return
    const from = Math.max(0, list[0]!.frame - blendFrames)
    const to = Math.min(frames - 1, list.at(-1)!.frame + blendFrames)
    for (let f = from; f <= to; f++) out[f * n + b]! += offsetAt(list, f, blendFrames)
  })
  return out
}
