import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ExportOutputError, OutputBatch } from './OutputBatch'

describe('OutputBatch', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'toonmo-batch-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('shows no file until commit, then all of them', async () => {
    const a = join(dir, 'sub', 'a.json')
    const b = join(dir, 'b.png')
    writeFileSync(b, 'old')
    const batch = await OutputBatch.prepare([a, b])
    await batch.write(a, '{"a":1}')
    await batch.write(b, new Uint8Array([1, 2, 3]))
    expect(readdirSync(join(dir, 'sub'))).toHaveLength(1)
    expect(readdirSync(join(dir, 'sub'))[0]).toMatch(/^\.a\.json\..*\.partial$/)
    expect(readFileSync(b, 'utf8')).toBe('old')
    await batch.commit()
    expect(readFileSync(a, 'utf8')).toBe('{"a":1}')
    expect([...readFileSync(b)]).toEqual([1, 2, 3])
    expect(readdirSync(dir).sort()).toEqual(['b.png', 'sub'])
  })

  it('discards every temporary file and keeps the old ones', async () => {
    const b = join(dir, 'b.png')
    writeFileSync(b, 'old')
    const batch = await OutputBatch.prepare([b])
    await batch.write(b, 'new')
    await batch.discard()
    expect(readdirSync(dir)).toEqual(['b.png'])
    expect(readFileSync(b, 'utf8')).toBe('old')
  })

  it('refuses a folder as a target, a target twice, and a folder it cannot create', async () => {
    await expect(OutputBatch.prepare([dir])).rejects.toThrow(/is a folder/)
    await expect(OutputBatch.prepare([join(dir, 'x'), join(dir, 'x')])).rejects.toThrow(
      /both be written/,
    )
    writeFileSync(join(dir, 'file'), '')
    await expect(OutputBatch.prepare([join(dir, 'file', 'x.png')])).rejects.toThrow(
      ExportOutputError,
    )
  })
})
