import { migrations } from './migrations'
import { projectSchema } from './schema'
import type { ProjectDocument } from './types'
import { CURRENT_FORMAT_VERSION } from './types'

export type LoadError =
  | { kind: 'notAProject'; message: string }
  | { kind: 'tooNew'; message: string; formatVersion: number }
  | { kind: 'migrationFailed'; message: string; fromVersion: number }
  | { kind: 'invalid'; message: string; issues: string[] }

export type LoadResult = { ok: true; value: ProjectDocument } | { ok: false; error: LoadError }

const fail = (error: LoadError): LoadResult => ({ ok: false, error })

/**
 * Parses a saved project: check shape -> refuse a newer format -> migrate -> validate. Never
 * throws; every failure is a typed error whose message tells the user what to do.
 */
export function loadProject(text: string): LoadResult {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return fail({
      kind: 'notAProject',
      message: `This file is not a Toonmo project (it is not valid JSON: ${detail}). It may be truncated; try the autosave copy.`,
    })
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail({
      kind: 'notAProject',
      message: 'This file is not a Toonmo project (no project object inside).',
    })
  }
  const version = (raw as Record<string, unknown>).formatVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail({
      kind: 'notAProject',
      message: 'This file is not a Toonmo project (it has no formatVersion).',
    })
  }
  if (version > CURRENT_FORMAT_VERSION) {
    return fail({
      kind: 'tooNew',
      formatVersion: version,
      message: `This project was saved by a newer Toonmo (format ${version}; this version reads up to ${CURRENT_FORMAT_VERSION}). Update Toonmo to open it.`,
    })
  }
  let doc = raw as Record<string, unknown>
  for (let v = version; v < CURRENT_FORMAT_VERSION; v++) {
    const migrate = migrations[v]
    try {
      if (!migrate) throw new Error(`no migration from format ${v}`)
      doc = migrate(doc)
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      return fail({
        kind: 'migrationFailed',
        fromVersion: v,
        message: `This project uses an old format (${v}) that could not be upgraded: ${detail}.`,
      })
    }
  }
  const parsed = projectSchema.safeParse(doc)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    return fail({
      kind: 'invalid',
      issues,
      message: `This project file is damaged: ${issues.slice(0, 3).join('; ')}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}. Try the autosave copy.`,
    })
  }
  const value = parsed.data as unknown as ProjectDocument
  const problem = crossCheck(value)
  if (problem)
    return fail({
      kind: 'invalid',
      issues: [problem],
      message: `This project file is damaged: ${problem}.`,
    })
  return { ok: true, value }
}

/** Checks the schema cannot express: record keys match ids, references resolve. */
function crossCheck(doc: ProjectDocument): string | undefined {
  const tables = [doc.footage, doc.tracks, doc.rigs, doc.timeline.keys] as Record<
    string,
    { id: string }
  >[]
  for (const table of tables) {
    for (const [key, record] of Object.entries(table)) {
      if (record.id !== key) return `record "${key}" has id "${record.id}"`
    }
  }
  for (const track of Object.values(doc.tracks)) {
    if (!(track.footageId in doc.footage))
      return `track "${track.id}" refers to missing footage "${track.footageId}"`
  }
  if (doc.activeRigId !== null && !(doc.activeRigId in doc.rigs))
    return `active rig "${doc.activeRigId}" is missing`
  const range = doc.timeline.workRange
  if (range && range.end < range.start) return 'the work range ends before it starts'
  return undefined
}

/** Serialises a document for saving: stable key order as built, two-space indent, final newline. */
export function serializeProject(doc: ProjectDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`
}
