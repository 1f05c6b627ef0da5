import type { KeyId } from '../document/ids'
import { createId } from '../document/ids'
import type { KeyRecord, ProjectDocument } from '../document/types'
import { defineEdit } from './defineEdit'

/**
 * Key edits the timeline and curve editor need beyond timelineEdits: interpolation, values,
 * pasting, and resolving keys dropped onto other keys.
 */

type Interpolation = KeyRecord['interpolation']

function withKeys(doc: ProjectDocument, keys: Record<KeyId, KeyRecord>): ProjectDocument {
  return { ...doc, timeline: { ...doc.timeline, keys } }
}

/** Sets the interpolation of the given keys (the mode used from each key to the next one). */
export const setKeyInterpolation = defineEdit(
  'Set interpolation',
  (doc, ids: readonly KeyId[], interpolation: Interpolation) => {
    let keys: Record<KeyId, KeyRecord> | null = null
    for (const id of ids) {
      const key = doc.timeline.keys[id]
      if (!key || key.interpolation === interpolation) continue
      keys ??= { ...doc.timeline.keys }
      keys[id] = { ...key, interpolation }
    }
    return keys ? withKeys(doc, keys) : doc
  },
)

/** Sets key values: rotation offsets in radians by key id (the curve editor's vertical drag). */
export const setKeyRotations = defineEdit(
  'Change key value',
  (doc, rotations: Readonly<Record<KeyId, number>>) => {
    let keys: Record<KeyId, KeyRecord> | null = null
    for (const [id, rotation] of Object.entries(rotations) as [KeyId, number][]) {
      const key = doc.timeline.keys[id]
      if (!key || key.rotation === rotation || !Number.isFinite(rotation)) continue
      keys ??= { ...doc.timeline.keys }
      keys[id] = { ...key, rotation }
    }
    return keys ? withKeys(doc, keys) : doc
  },
)

/**
 * Adds pasted keys. A pasted key on the frame of an existing key of the same bone replaces that
 * key's value and interpolation (one key per bone and frame). Returns the document; the ids of
 * the pasted keys are those of `pastedKeyIds(before, after)`.
 */
export const pasteKeys = defineEdit(
  'Paste keys',
  (doc, pasted: readonly Omit<KeyRecord, 'id'>[]) => {
    if (pasted.length === 0) return doc
    const keys = { ...doc.timeline.keys }
    const byBoneFrame = new Map<string, KeyId>()
    for (const key of Object.values(keys)) byBoneFrame.set(slot(key.bone, key.frame), key.id)
    for (const p of pasted) {
      const frame = Math.max(0, Math.round(p.frame))
      const id = byBoneFrame.get(slot(p.bone, frame)) ?? createId<KeyId>('key')
      keys[id] = { ...p, frame, id }
      byBoneFrame.set(slot(p.bone, frame), id)
    }
    return withKeys(doc, keys)
  },
)

/**
 * After a move, removes the keys that the moved keys (`ids`) landed on: same bone and frame.
 * The moved key wins, as when dropping a clip over another in an editor.
 */
export const dropCoveredKeys = defineEdit('Move keys', (doc, ids: readonly KeyId[]) => {
  const moved = new Set(ids)
  const slots = new Set<string>()
  for (const id of ids) {
    const key = doc.timeline.keys[id]
    if (key) slots.add(slot(key.bone, key.frame))
  }
  const covered = Object.values(doc.timeline.keys).filter(
    (k) => !moved.has(k.id) && slots.has(slot(k.bone, k.frame)),
  )
  if (covered.length === 0) return doc
  const keys = { ...doc.timeline.keys }
  for (const k of covered) delete keys[k.id]
  return withKeys(doc, keys)
})

/** Ids of keys present in `after` that are new or changed since `before` (the pasted keys). */
export function changedKeyIds(before: ProjectDocument, after: ProjectDocument): KeyId[] {
  return (Object.keys(after.timeline.keys) as KeyId[]).filter(
    (id) => before.timeline.keys[id] !== after.timeline.keys[id],
  )
}

function slot(bone: string, frame: number): string {
  return `${frame}\u0000${bone}`
}
