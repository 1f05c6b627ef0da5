import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createProject } from './createProject'
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
