import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createProject } from '../../../core/document/createProject'
import { clearAutosave, listAutosaves, writeAutosave } from './autosave'
import { readProjectFile, writeProjectFile } from './projectFiles'

describe('autosave', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'toonmo-autosave-'))
    vi.stubEnv('TOONMO_AUTOSAVE_DIR', join(dir, 'autosave'))
  })
  afterAll(() => {
    vi.unstubAllEnvs()
    rmSync(dir, { recursive: true, force: true })
  })

  it('keeps the last two copies of a project and never touches its saved file', async () => {
    const saved = join(dir, 'walk.toonmo')
    const doc = createProject('Walk')
    await writeProjectFile(saved, doc)
    const current = await writeAutosave({ ...doc, name: 'Walk, edit 1' })
    await writeAutosave({ ...doc, name: 'Walk, edit 2' })
    expect(readdirSync(dirname(current)).sort()).toEqual(['current.toonmo', 'previous.toonmo'])
    expect((await readProjectFile(current)).name).toBe('Walk, edit 2')
    expect((await readProjectFile(join(dirname(current), 'previous.toonmo'))).name).toBe(
      'Walk, edit 1',
    )
    expect((await readProjectFile(saved)).name).toBe('Walk')
  })

  it('lists each project once, newest first, falling back to the previous copy when the last is damaged', async () => {
    const a = createProject('Older project')
    const b = createProject('Newer project')
    const aPath = await writeAutosave(a)
    const bPath = await writeAutosave(b)
    utimesSync(aPath, new Date(2026, 0, 1), new Date(2026, 0, 1))
    let list = await listAutosaves()
    const names = list.map((e) => e.name)
    expect(names).toContain('Newer project')
    expect(names).toContain('Older project')
    expect(names.indexOf('Newer project')).toBeLessThan(names.indexOf('Older project'))
    expect(list.find((e) => e.projectId === b.id)?.path).toBe(bPath)

    // A crash in the middle of an autosave leaves a broken current copy beside a good previous one.
    await writeAutosave({ ...b, name: 'Newer project, later' })
    writeFileSync(bPath, '{"formatVersion": 1, "na')
    list = await listAutosaves()
    const entry = list.find((e) => e.projectId === b.id)
    expect(entry?.name).toBe('Newer project')
    expect(entry?.path).toBe(join(dirname(bPath), 'previous.toonmo'))
    expect(list.filter((e) => e.projectId === b.id)).toHaveLength(1)

    await clearAutosave(b)
    expect((await listAutosaves()).some((e) => e.projectId === b.id)).toBe(false)
    expect((await listAutosaves()).some((e) => e.projectId === a.id)).toBe(true)
  })
})
