import { describe, expect, it } from 'vitest'
import { createProject } from '../document/createProject'
import type { ProjectDocument } from '../document/types'
import { applyEdit } from './defineEdit'
import { History } from './History'
import { useBundledRig, useRigFile } from './projectEdits'

describe('choosing the character rig', () => {
  it('adds a rig file once, reuses its record, and undoes back to the rig before', () => {
    const h = new History<ProjectDocument>(createProject('Rigs'))
    applyEdit(h, useBundledRig, 'chibi')
    const chibi = h.document.activeRigId
    applyEdit(h, useRigFile, '/rigs/pip/rig.json')
    const file = h.document.activeRigId
    expect(file).not.toBe(chibi)
    expect(h.document.rigs[file!]?.source).toEqual({ kind: 'file', path: '/rigs/pip/rig.json' })
    applyEdit(h, useBundledRig, 'chibi')
    expect(h.document.activeRigId).toBe(chibi)
    applyEdit(h, useRigFile, '/rigs/pip/rig.json')
    expect(h.document.activeRigId).toBe(file)
    const files = Object.values(h.document.rigs).filter((r) => r.source.kind === 'file')
    expect(files).toHaveLength(1)
    h.undo()
    expect(h.document.activeRigId).toBe(chibi)
  })

  it('treats a bundled name and a file path that look alike as different rigs', () => {
    const h = new History<ProjectDocument>(createProject('Rigs'))
    applyEdit(h, useBundledRig, 'pip')
    const bundled = h.document.activeRigId
    applyEdit(h, useRigFile, 'pip')
    expect(h.document.activeRigId).not.toBe(bundled)
  })
})
