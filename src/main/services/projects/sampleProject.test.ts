import { describe, expect, it } from 'vitest'
import { loadProject, serializeProject } from '../../../core/document/loadProject'
import { loadSampleProject } from './sampleProject'

describe('the sample project', () => {
  it('is a valid project with its track, and a new identity on every load', async () => {
    const first = await loadSampleProject()
    const second = await loadSampleProject()
    expect(loadProject(serializeProject(first.doc)).ok).toBe(true)
    expect(first.path).toBeNull()
    expect(first.track.frames.length).toBeGreaterThan(100)
    // Work started in the sample autosaves under its own id, not one shared by every session.
    expect(first.doc.id).toMatch(/^project-/)
    expect(second.doc.id).not.toBe(first.doc.id)
    expect({ ...second.doc, id: first.doc.id }).toEqual(first.doc)
  })
})
