import type { KeyId } from '../document/ids'
import { createId } from '../document/ids'
import type { KeyRecord } from '../document/types'
import { defineEdit } from './defineEdit'

/** Timeline edits: keys on the edit layer and the work range. */

export const setKey = defineEdit('Set key', (doc, key: Omit<KeyRecord, 'id'> & { id?: KeyId }) => {
  // One key per bone and frame: setting it again replaces the value.
  const existing = Object.values(doc.timeline.keys).find(
    (k) => k.bone === key.bone && k.frame === key.frame,
  )
  const id = key.id ?? existing?.id ?? createId<KeyId>('key')
  const record: KeyRecord = { ...key, id }
  const prev = doc.timeline.keys[id]
  if (
    prev &&
    prev.frame === record.frame &&
    prev.bone === record.bone &&
    prev.rotation === record.rotation &&
    prev.interpolation === record.interpolation
  )
    return doc
  return { ...doc, timeline: { ...doc.timeline, keys: { ...doc.timeline.keys, [id]: record } } }
})

export const deleteKeys = defineEdit('Delete keys', (doc, ids: KeyId[]) => {
  const present = ids.filter((id) => id in doc.timeline.keys)
  if (present.length === 0) return doc
  const keys = { ...doc.timeline.keys }
  for (const id of present) delete keys[id]
  return { ...doc, timeline: { ...doc.timeline, keys } }
})

export const moveKeys = defineEdit('Move keys', (doc, ids: KeyId[], frameDelta: number) => {
  if (frameDelta === 0) return doc
  const keys = { ...doc.timeline.keys }
  let changed = false
  for (const id of ids) {
    const key = keys[id]
    if (!key) continue
    keys[id] = { ...key, frame: Math.max(0, key.frame + Math.round(frameDelta)) }
    changed = true
  }
  return changed ? { ...doc, timeline: { ...doc.timeline, keys } } : doc
})

export const setWorkRange = defineEdit(
  'Set work range',
  (doc, range: { start: number; end: number } | null) => {
    const next = range && {
      start: Math.max(0, Math.round(Math.min(range.start, range.end))),
      end: Math.max(0, Math.round(Math.max(range.start, range.end))),
    }
    const prev = doc.timeline.workRange
    if (prev === next || (prev && next && prev.start === next.start && prev.end === next.end))
      return doc
    return { ...doc, timeline: { ...doc.timeline, workRange: next } }
  },
)
