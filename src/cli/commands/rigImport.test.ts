import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { resolveRig } from '../../main/services/rigs/rigFiles'
import { layeredFigurePsd } from '../../main/services/rigs/testing/layeredFigure'
import { main } from '../main'
import { captureIo } from '../testing/captureIo'

const scratch = mkdtempSync(join(tmpdir(), 'toonmo-rig-import-cli-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('toonmo rig-import', () => {
  it('imports a layered PSD into a rig that --rig DIR then loads', async () => {
    const psd = join(scratch, 'figure.psd')
    writeFileSync(psd, layeredFigurePsd())
    const out = join(scratch, 'figure-rig')
    const io = captureIo()
    const code = await main(['rig-import', psd, '-o', out, '--name', 'fig'], io)
    expect(io.stderr).toMatch(/imported 14 parts and \d+ bones as rig "fig"/)
    expect(code).toBe(0)
    expect(io.stdout.trim()).toBe(join(out, 'rig.json'))
    const loaded = await resolveRig(out)
    expect(loaded.rig.name).toBe('fig')
    expect(loaded.compiled.rig.parts).toHaveLength(14)
  })

  it('explains a file that is not a layered drawing, and lists the command in --help', async () => {
    const notes = join(scratch, 'notes.txt')
    writeFileSync(notes, 'just text')
    const io = captureIo()
    expect(await main(['rig-import', notes, '-o', join(scratch, 'x')], io)).toBe(1)
    expect(io.stderr).toMatch(/neither a layered PSD nor an SVG/)
    const usage = captureIo()
    expect(await main(['rig-import'], usage)).toBe(2)
    expect(usage.stderr).toMatch(/give the layered drawing/)
    const help = captureIo()
    await main(['--help'], help)
    expect(help.stdout).toMatch(/rig-import\s+make a rig from a layered PSD or SVG/)
  })
})
