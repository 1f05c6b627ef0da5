import { defaultCleaning } from '../document/defaults'
import type {
  CartoonSettings,
  CleaningSettings,
  FootageRecord,
  PerformerAnchor,
  ProjectDocument,
  RigRefRecord,
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

/** Makes a rig the project's character, reusing its record when the project has used it before. */
function chooseRig(doc: ProjectDocument, source: RigRefRecord['source']): ProjectDocument {
  const existing = Object.values(doc.rigs).find((r) =>
    r.source.kind === 'bundled'
      ? source.kind === 'bundled' && r.source.name === source.name
      : source.kind === 'file' && r.source.path === source.path,
  )
  if (existing) return doc.activeRigId === existing.id ? doc : { ...doc, activeRigId: existing.id }
  const id = createId<RigRefId>('rig')
  return { ...doc, rigs: { ...doc.rigs, [id]: { id, source } }, activeRigId: id }
}

export const useBundledRig = defineEdit('Choose rig', (doc, name: string) =>
  chooseRig(doc, { kind: 'bundled', name }),
)

/** A rig file (e.g. an imported rig's rig.json) as the character. */
export const useRigFile = defineEdit('Choose rig', (doc, path: string) =>
  chooseRig(doc, { kind: 'file', path }),
)

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

/** The detection settings record of a clip, or fresh defaults when it has none yet. */
function trackOf(
  doc: ProjectDocument,
  footageId: FootageId,
): { record: TrackRecord; isNew: boolean } {
  const existing = Object.values(doc.tracks).find((t) => t.footageId === footageId)
  if (existing) return { record: existing, isNew: false }
  const id = createId<TrackId>('track')
  const record: TrackRecord = {
    id,
    footageId,
    model: 'full',
    cacheKey: null,
    performer: null,
    cleaning: defaultCleaning,
  }
  return { record, isNew: true }
}

function withTrack(doc: ProjectDocument, record: TrackRecord): ProjectDocument {
  return { ...doc, tracks: { ...doc.tracks, [record.id]: record } }
}

export const setDetectionModel = defineEdit(
  'Change detection model',
  (doc, footageId: FootageId, model: TrackRecord['model']) => {
    const { record, isNew } = trackOf(doc, footageId)
    if (!isNew && record.model === model) return doc
    return withTrack(doc, { ...record, model, cacheKey: null })
  },
)

export const setCleaning = defineEdit(
  'Change cleaning',
  (doc, footageId: FootageId, changes: Partial<CleaningSettings>) => {
    const { record, isNew } = trackOf(doc, footageId)
    const cleaning = { ...record.cleaning, ...changes }
    if (!isNew && JSON.stringify(cleaning) === JSON.stringify(record.cleaning)) return doc
    return withTrack(doc, { ...record, cleaning })
  },
)

/** Chooses the performer by identity, and where they are (see TrackRecord.performerAt). */
export const choosePerformer = defineEdit(
  'Choose performer',
  (doc, footageId: FootageId, performer: number | null, at: PerformerAnchor | null = null) => {
    const { record, isNew } = trackOf(doc, footageId)
    // The number alone does not say who is stored: it may be stale beside its place.
    const same =
      record.performer === performer &&
      JSON.stringify(record.performerAt ?? null) === JSON.stringify(at)
    if (!isNew && same) return doc
    return withTrack(doc, { ...record, performer, performerAt: at })
  },
)

export const setExportSettings = defineEdit(
  'Change export settings',
  (doc, changes: Partial<ProjectDocument['export']>) => {
    const next = { ...doc.export, ...changes }
    return JSON.stringify(next) === JSON.stringify(doc.export) ? doc : { ...doc, export: next }
  },
)
