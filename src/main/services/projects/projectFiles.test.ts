import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createProject } from '../../../core/document/createProject'
import type { ProjectDocument } from '../../../core/document/types'
import { readProjectFile, writeProjectFile } from './projectFiles'

const dir = mkdtempSync(join(tmpdir(), 'toonmo-project-files-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('project files on disk', () => {
  it('saves and reads back, keeping the previous save as .bak and no temporary files', async () => {
    const path = join(dir, 'take.toonmo')
    const first = createProject('First', 24)
    await writeProjectFile(path, first)
    expect(await readProjectFile(path)).toEqual(first)
    const second = { ...first, name: 'Second' }
    await writeProjectFile(path, second)
    expect(await readProjectFile(path)).toEqual(second)
    expect(await readProjectFile(`${path}.bak`)).toEqual(first)
    expect(
      readdirSync(dir)
        .filter((f) => f.includes('take'))
        .sort(),
    ).toEqual(['take.toonmo', 'take.toonmo.bak'])
  })

  it('refuses to save a document it could not read back, and leaves the saved file alone', async () => {
    const path = join(dir, 'kept.toonmo')
    await writeProjectFile(path, createProject('Kept'))
    const before = readFileSync(path, 'utf8')
    const broken = { ...createProject('Broken'), fps: -5 } as ProjectDocument
    await expect(writeProjectFile(path, broken)).rejects.toThrow(/Refusing to save an invalid/)
    expect(readFileSync(path, 'utf8')).toBe(before)
  })

  it('says what went wrong when the folder is missing or the path is a folder', async () => {
    await expect(
      writeProjectFile(join(dir, 'no-such-folder', 'x.toonmo'), createProject()),
    ).rejects.toThrow(/its folder does not exist/)
    const folder = join(dir, 'a-folder.toonmo')
    mkdirSync(folder)
    await expect(readProjectFile(folder)).rejects.toThrow(/that is a folder, not a file/)
    await expect(readProjectFile(join(dir, 'missing.toonmo'))).rejects.toThrow(
      /the file does not exist/,
    )
  })

  it('refuses a half-written file and a file that is not a project, each with its reason', async () => {
    const text = JSON.stringify(createProject('Half'))
    const half = join(dir, 'half.toonmo')
    writeFileSync(half, text.slice(0, text.length / 2))
    await expect(readProjectFile(half)).rejects.toMatchObject({
      kind: 'notAProject',
      message: expect.stringMatching(/autosave/),
    })
    const image = join(dir, 'image.toonmo')
    writeFileSync(image, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    await expect(readProjectFile(image)).rejects.toMatchObject({ kind: 'notAProject' })
  })
})
