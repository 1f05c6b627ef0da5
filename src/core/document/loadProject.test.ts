import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { addFootage, choosePerformer } from '../edits/projectEdits'
import { createProject } from './createProject'
import type { FootageId } from './ids'
import { loadProject, serializeProject } from './loadProject'
import { CURRENT_FORMAT_VERSION } from './types'

const fixtureDir = new URL('./fixtures/', import.meta.url)

describe('loadProject', () => {
  it('round-trips a new project', () => {
    const doc = createProject('Round trip', 24)
    const result = loadProject(serializeProject(doc))
    expect(result).toEqual({ ok: true, value: doc })
  })

  it('loads every past format fixture and migrates it to the current format', () => {
    const files = readdirSync(fixtureDir).filter((f) => f.endsWith('.toonmo.json'))
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const result = loadProject(readFileSync(new URL(file, fixtureDir), 'utf8'))
      expect(result.ok, file).toBe(true)
      if (result.ok) expect(result.value.formatVersion).toBe(CURRENT_FORMAT_VERSION)
    }
  })

  it('moves a format-1 rig name into a rig record', () => {
    const result = loadProject(readFileSync(new URL('format-1.toonmo.json', fixtureDir), 'utf8'))
    if (!result.ok) throw new Error(result.error.message)
    const active = result.value.activeRigId
    expect(active).not.toBeNull()
    expect(result.value.rigs[active!]?.source).toEqual({ kind: 'bundled', name: 'chibi' })
    expect(result.value.cartoon.timing).toBe(1)
  })

  it('keeps where the performer was chosen, and loads tracks saved before that existed', () => {
    const footageId = 'footage-a' as FootageId
    const withClip = addFootage.apply(createProject(), {
      id: footageId,
      path: '/clips/crowd.mp4',
      hash: null,
      width: 1280,
      height: 720,
      rotation: 0,
      fps: 30,
      durationSec: 4,
      frameCount: 120,
    })
    const chosen = choosePerformer.apply(withClip, footageId, 2, {
      frame: 40,
      x: 512,
      y: 300,
    })
    const loaded = loadProject(serializeProject(chosen))
    if (!loaded.ok) throw new Error(loaded.error.message)
    expect(Object.values(loaded.value.tracks)[0]?.performerAt).toEqual({
      frame: 40,
      x: 512,
      y: 300,
    })
    // A track record as earlier versions wrote it, without the field.
    const json = JSON.parse(serializeProject(chosen)) as { tracks: Record<string, object> }
    for (const t of Object.values(json.tracks)) delete (t as { performerAt?: unknown }).performerAt
    const older = loadProject(JSON.stringify(json))
    expect(older.ok).toBe(true)
    if (older.ok) expect(Object.values(older.value.tracks)[0]?.performer).toBe(2)
    // A damaged one is refused.
    for (const t of Object.values(json.tracks)) Object.assign(t, { performerAt: { frame: -1 } })
    expect(loadProject(JSON.stringify(json)).ok).toBe(false)
  })

  it('refuses non-JSON as not a project', () => {
    const result = loadProject('\x89PNG\r\n garbage')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.kind).toBe('notAProject')
  })

  it('refuses a truncated file as not a project and points at the autosave', () => {
    const text = serializeProject(createProject())
    const result = loadProject(text.slice(0, Math.floor(text.length / 2)))
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.kind).toBe('notAProject')
      expect(result.error.message).toMatch(/autosave/)
    }
  })

  it('refuses JSON without a formatVersion', () => {
    const result = loadProject(JSON.stringify({ name: 'x' }))
    expect(!result.ok && result.error.kind).toBe('notAProject')
  })

  it('refuses a future format as too new', () => {
    const doc = { ...createProject(), formatVersion: CURRENT_FORMAT_VERSION + 1 }
    const result = loadProject(JSON.stringify(doc))
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.kind).toBe('tooNew')
      expect(result.error.message).toMatch(/newer Toonmo/)
    }
  })

  it('reports a failed migration', () => {
    const result = loadProject(JSON.stringify({ formatVersion: 1, rig: 5, name: 'x' }))
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.kind).toBe('migrationFailed')
      expect(result.error.message).toMatch(/format \(1\)/)
    }
  })

  it('reports malformed fields as invalid with their paths', () => {
    const doc = createProject() as unknown as Record<string, unknown>
    const result = loadProject(JSON.stringify({ ...doc, fps: -3, cartoon: { timing: 7 } }))
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.kind).toBe('invalid')
      if (result.error.kind === 'invalid') expect(result.error.issues.join(' ')).toMatch(/fps/)
    }
  })

  it('rejects a record stored under the wrong id', () => {
    const doc = createProject()
    const bad = {
      ...doc,
      rigs: { a: { id: 'b', source: { kind: 'bundled', name: 'chibi' } } },
    }
    const result = loadProject(JSON.stringify(bad))
    expect(!result.ok && result.error.kind).toBe('invalid')
  })
})
