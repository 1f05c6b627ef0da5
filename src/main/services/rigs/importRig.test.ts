import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { afterAll, describe, expect, it } from 'vitest'
import { compileRig, restWorld } from '../../../core/rig/compileRig'
import { placeParts } from '../../../core/rig/partTransforms'
import { importLayeredRig, rigNameFromFile } from './importRig'
import type { LoadedRig } from './rigFiles'
import { FIGURE_BOXES, HEAD_BOX, layeredFigurePsd, layeredFigureSvg } from './testing/layeredFigure'

const scratch = mkdtempSync(join(tmpdir(), 'toonmo-rig-import-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const expectedBoxes = { ...FIGURE_BOXES, head: HEAD_BOX }

/** At rest every part's image must sit exactly where its layer was drawn. */
function expectPartsWhereDrawn(loaded: LoadedRig): void {
  const c = compileRig(loaded.rig)
  const placed = placeParts(c, restWorld(c), 'front')
  expect(placed.map((p) => p.part.name).sort()).toEqual(Object.keys(expectedBoxes).sort())
  for (const p of placed) {
    const box = expectedBoxes[p.part.name as keyof typeof expectedBoxes]!
    expect(p.matrix[4], p.part.name).toBeCloseTo(box[0], 6)
    expect(p.matrix[5], p.part.name).toBeCloseTo(box[1], 6)
    expect(p.matrix[0]).toBeCloseTo(1, 9)
    expect(p.matrix[1]).toBeCloseTo(0, 9)
  }
}

describe('importing a layered SVG', () => {
  it('cuts one SVG part per named group, measured as Chromium draws it', async () => {
    const file = join(scratch, 'Hero Figure.svg')
    writeFileSync(file, layeredFigureSvg())
    const out = join(scratch, 'svg-rig')
    const loaded = await importLayeredRig(file, { outDir: out })
    expect(loaded.file).toBe(join(out, 'rig.json'))
    expect(loaded.rig.name).toBe('hero_figure')
    expect(loaded.rig.title).toBe('Hero Figure')
    expect(loaded.rig.size).toEqual([400, 600])
    expect(loaded.rig.ground).toBe(470) // under the feet
    expectPartsWhereDrawn(loaded)
    // The head's box includes its 4 px outline and its group's transform.
    const head = readFileSync(join(out, 'parts', 'head.svg'), 'utf8')
    expect(head).toContain('viewBox="148 28 104 104"')
    expect(head).toMatch(/width="104"/)
    expect(head).toContain('translate(200 80)')
    // The torso keeps the gradient it is filled with; other layers are not copied in.
    const torso = readFileSync(join(out, 'parts', 'torso.svg'), 'utf8')
    expect(torso).toContain('linearGradient')
    expect(torso).not.toContain('circle')
    expect(readdirSync(join(out, 'parts')).sort()).toEqual(
      Object.keys(expectedBoxes)
        .map((p) => `${p}.svg`)
        .sort(),
    )
    // Nothing is left beside the output folder.
    expect(readdirSync(scratch).filter((f) => f.includes('.import-'))).toEqual([])
  })

  it('refuses a drawing without part layers, saying which names it expects', async () => {
    const file = join(scratch, 'plain.svg')
    writeFileSync(
      file,
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><g id="Background"><rect width="100" height="100"/></g></svg>',
    )
    await expect(importLayeredRig(file, { outDir: join(scratch, 'plain') })).rejects.toThrow(
      /no layers named after body parts.*upper_arm, forearm.*Layers found: Background/,
    )
  })

  it('names the parts that are missing', async () => {
    const file = join(scratch, 'armless.svg')
    writeFileSync(file, layeredFigureSvg().replace(/<g[^>]*Upper Arm\.R.*<\/g>\n/, ''))
    await expect(importLayeredRig(file, { outDir: join(scratch, 'armless') })).rejects.toThrow(
      /no layer for upper_arm_r:/,
    )
    expect(readdirSync(scratch)).not.toContain('armless')
  })

  it('refuses broken XML, absurd canvases and files that are no drawing', async () => {
    const broken = join(scratch, 'broken.svg')
    writeFileSync(broken, layeredFigureSvg().slice(0, 900))
    await expect(importLayeredRig(broken, { outDir: join(scratch, 'b') })).rejects.toThrow(
      /not well-formed XML.*damaged or truncated/,
    )
    const huge = join(scratch, 'huge.svg')
    writeFileSync(
      huge,
      layeredFigureSvg().replace('viewBox="0 0 400 600"', 'viewBox="0 0 20000 600"'),
    )
    await expect(importLayeredRig(huge, { outDir: join(scratch, 'h') })).rejects.toThrow(
      /20000x600 pixels.*at most 8192/,
    )
    const text = join(scratch, 'notes.psd')
    writeFileSync(text, 'hello')
    await expect(importLayeredRig(text, { outDir: join(scratch, 't') })).rejects.toThrow(
      /neither a layered PSD nor an SVG/,
    )
    await expect(importLayeredRig(join(scratch, 'nope.svg'))).rejects.toThrow(/no file at/)
  })

  it('refuses to write into a folder that already holds files', async () => {
    const file = join(scratch, 'again.svg')
    writeFileSync(file, layeredFigureSvg())
    const out = join(scratch, 'taken')
    mkdirSync(out)
    writeFileSync(join(out, 'keep.txt'), 'mine')
    await expect(importLayeredRig(file, { outDir: out })).rejects.toThrow(/not empty/)
    expect(readFileSync(join(out, 'keep.txt'), 'utf8')).toBe('mine')
  })
})

describe('importing a layered PSD', () => {
  it('writes a PNG per part layer, flattening part groups and trimming empty margins', async () => {
    const file = join(scratch, 'figure.psd')
    writeFileSync(file, layeredFigurePsd())
    const out = join(scratch, 'psd-rig')
    const loaded = await importLayeredRig(file, { outDir: out })
    expectPartsWhereDrawn(loaded)
    const png = (part: string) => PNG.sync.read(readFileSync(join(out, 'parts', `${part}.png`)))
    const head = png('head')
    expect([head.width, head.height]).toEqual([HEAD_BOX[2], HEAD_BOX[3]])
    expect([...head.data.subarray(0, 4)]).toEqual([240, 192, 144, 255])
    // The upper arm group: black outline rows over the skin fill, composited into one image.
    const arm = png('upper_arm_r')
    expect([arm.width, arm.height]).toEqual([24, 70])
    expect([...arm.data.subarray(0, 4)]).toEqual([0, 0, 0, 255])
    const middle = (35 * 24 + 12) * 4
    expect([...arm.data.subarray(middle, middle + 4)]).toEqual([224, 160, 96, 255])
    // Layers are drawn back to front as in the document; the hidden sketch is not a part.
    expect(loaded.rig.parts.find((p) => p.name === 'head')!.z).toBeGreaterThan(
      loaded.rig.parts.find((p) => p.name === 'torso')!.z,
    )
  })

  it('refuses a damaged or oversized PSD with a message that says what to do', async () => {
    const good = layeredFigurePsd()
    const truncated = join(scratch, 'truncated.psd')
    writeFileSync(truncated, good.subarray(0, Math.floor(good.length / 2)))
    await expect(importLayeredRig(truncated, { outDir: join(scratch, 'tr') })).rejects.toThrow(
      /could not be (read|decoded).*damaged/,
    )
    const huge = Buffer.from(good)
    huge.writeUInt32BE(10000, 18) // width in the header
    const hugeFile = join(scratch, 'huge.psd')
    writeFileSync(hugeFile, huge)
    await expect(importLayeredRig(hugeFile, { outDir: join(scratch, 'hp') })).rejects.toThrow(
      /10000x600 pixels.*scale the drawing down/,
    )
  })

  it('puts a rig without an output folder in a new folder of the user rigs folder', async () => {
    const file = join(scratch, 'Default Place.psd')
    writeFileSync(file, layeredFigurePsd())
    process.env.TOONMO_USER_RIGS_DIR = join(scratch, 'user-rigs')
    try {
      const first = await importLayeredRig(file)
      const second = await importLayeredRig(file)
      expect(first.dir).toBe(join(scratch, 'user-rigs', 'default_place'))
      expect(second.dir).toBe(join(scratch, 'user-rigs', 'default_place-2'))
    } finally {
      delete process.env.TOONMO_USER_RIGS_DIR
    }
  })
})

describe('rig names from file names', () => {
  it('keeps letters, digits, _ and -', () => {
    expect(rigNameFromFile('/a/My Hero (v2).psd')).toBe('my_hero_v2')
    expect(rigNameFromFile('???.svg')).toBe('rig')
  })
})
