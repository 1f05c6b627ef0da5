import { defaultCleaning } from '../document/defaults'
import type {
  CartoonSettings,
  CleaningSettings,
  FootageRecord,
  ProjectDocument,
  TrackRecord,
  ViewSetting,
} from '../document/types'
import type { FootageId, RigRefId, TrackId } from '../document/ids'
import { createId } from '../document/ids'
import { defineEdit } from './defineEdit'

/** Project-level edits: name, frame rate, footage, rigs, retarget and cartoon settings. */

export const renameProject = defineEdit('Rename project', (doc, name: string) =>
  doc.name === name ? doc : { ...doc, name: name.slice(0, 500) },
)

export const setProjectFps = defineEdit('Change frame rate', (doc, fps: number) => {
  if (!(fps > 0 && fps <= 1000) || doc.fps === fps) return doc
  return { ...doc, fps }
})

export const addFootage = defineEdit(
  'Import footage',
  (doc, footage: Omit<FootageRecord, 'id'> & { id?: FootageId }) => {
    const id = footage.id ?? createId<FootageId>('footage')
    return { ...doc, footage: { ...doc.footage, [id]: { ...footage, id } } }
  },
)

export const removeFootage = defineEdit('Remove footage', (doc, id: FootageId) => {
  if (!(id in doc.footage)) return doc
  const footage = { ...doc.footage }
  delete footage[id]
  // Tracks of removed footage go with it, so no record points at nothing.
  const tracks = Object.fromEntries(
    Object.entries(doc.tracks).filter(([, t]) => t.footageId !== id),
  )
  return { ...doc, footage, tracks } as ProjectDocument
})

export const useBundledRig = defineEdit('Choose rig', (doc, name: string) => {
  const existing = Object.values(doc.rigs).find(
    (r) => r.source.kind === 'bundled' && r.source.name === name,
  )
  if (existing) return doc.activeRigId === existing.id ? doc : { ...doc, activeRigId: existing.id }
  const id = createId<RigRefId>('rig')
  return {
    ...doc,
    rigs: { ...doc.rigs, [id]: { id, source: { kind: 'bundled', name } } },
    activeRigId: id,
  }
})

export const setRetargetView = defineEdit('Change view', (doc, view: ViewSetting) => {
  if (doc.retarget.view === view) return doc
  if (typeof view === 'number' && !(view >= -180 && view <= 180)) return doc
  return { ...doc, retarget: { ...doc.retarget, view } }
})

export const setCartoon = defineEdit(
  'Change cartoon settings',
  (doc, changes: Partial<CartoonSettings>) => {
    const next = { ...doc.cartoon, ...changes }
    const same = (Object.keys(next) as (keyof CartoonSettings)[]).every(
      (k) => next[k] === doc.cartoon[k],
    )
    return same ? doc : { ...doc, cartoon: next }
  },
)

export const setDetectionModel = defineEdit(
  'Change detection model',
  (doc, footageId: FootageId, model: TrackRecord['model']) => {
    const existing = Object.values(doc.tracks).find((t) => t.footageId === footageId)
    if (existing?.model === model) return doc
    const id = existing?.id ?? createId<TrackId>('track')
    const record: TrackRecord = existing
      ? { ...existing, model, cacheKey: null }
      : { id, footageId, model, cacheKey: null, performer: null, cleaning: defaultCleaning }
    return { ...doc, tracks: { ...doc.tracks, [id]: record } }
  },
)

export const setCleaning = defineEdit(
  'Change cleaning',
  (doc, footageId: FootageId, changes: Partial<CleaningSettings>) => {
    const existing = Object.values(doc.tracks).find((t) => t.footageId === footageId)
    const id = existing?.id ?? createId<TrackId>('track')
    const base: TrackRecord = existing ?? {
      id,
      footageId,
      model: 'full',
      cacheKey: null,
      performer: null,
      cleaning: defaultCleaning,
    }
    const cleaning = { ...base.cleaning, ...changes }
    if (existing && JSON.stringify(cleaning) === JSON.stringify(existing.cleaning)) return doc
    return { ...doc, tracks: { ...doc.tracks, [id]: { ...base, cleaning } } }
  },
)

export const choosePerformer = defineEdit(
  'Choose performer',
  (doc, footageId: FootageId, performer: number | null) => {
    const existing = Object.values(doc.tracks).find((t) => t.footageId === footageId)
    if (existing?.performer === performer) return doc
    const id = existing?.id ?? createId<TrackId>('track')
    const base: TrackRecord = existing ?? {
      id,
      footageId,
      model: 'full',
      cacheKey: null,
      performer: null,
      cleaning: defaultCleaning,
    }
    return { ...doc, tracks: { ...doc.tracks, [id]: { ...base, performer } } }
  },
)
