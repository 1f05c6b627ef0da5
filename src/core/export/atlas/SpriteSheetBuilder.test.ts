import { describe, expect, it } from 'vitest'
import type { RgbaImage } from './image'
import { createImage, cropImage, opaqueBounds, unpremultiplyAlpha } from './image'
import { SpriteSheetBuilder } from './SpriteSheetBuilder'
import { frameDurationsMs } from './texturePackerJson'

interface FrameJson {
  frame: { x: number; y: number; w: number; h: number }
  trimmed: boolean
  spriteSourceSize: { x: number; y: number; w: number; h: number }
  sourceSize: { w: number; h: number }
  duration: number
}

/** A frame with a coloured rectangle whose place and colour depend on `i`. */
function frame(i: number, w = 64, h = 48): RgbaImage {
  const img = createImage(w, h)
  const x0 = (i * 7) % (w - 12)
  const y0 = (i * 5) % (h - 10)
  for (let y = y0; y < y0 + 10; y++)
    for (let x = x0; x < x0 + 12 - (i % 3); x++) {
      const k = (y * w + x) * 4
      img.data.set([(i * 40) % 256, x * 3, y * 5, 128 + ((x + y) % 128)], k)
    }
  return img
}

/** Rebuilds the untrimmed frame from the atlas the way engines do. */
function restore(atlas: RgbaImage, f: FrameJson): RgbaImage {
  const out = createImage(f.sourceSize.w, f.sourceSize.h)
  const crop = cropImage(atlas, f.frame)
  for (let y = 0; y < crop.height; y++)
    out.data.set(
      crop.data.subarray(y * crop.width * 4, (y + 1) * crop.width * 4),
      ((f.spriteSourceSize.y + y) * out.width + f.spriteSourceSize.x) * 4,
    )
  return out
}

describe('SpriteSheetBuilder', () => {
  it('trims frames and the offsets restore every original frame exactly', () => {
    const b = new SpriteSheetBuilder({ animation: 'walk', fps: 30, padding: 2, extrude: 1 })
    const originals = Array.from({ length: 24 }, (_, i) => frame(i))
    originals.forEach((f) => b.addFrame(f))
    const [page, ...more] = b.finish('out/walk')
    expect(more).toHaveLength(0)
    expect(page!.imageFile).toBe('out/walk.png')
    const json = page!.json as {
      frames: Record<string, FrameJson>
      animations: Record<string, string[]>
      meta: { image: string; size: { w: number; h: number } }
    }
    expect(json.meta.image).toBe('walk.png')
    expect(json.meta.size).toEqual({ w: page!.image.width, h: page!.image.height })
    expect(json.animations.walk).toEqual(
      originals.map((_, i) => `walk_${String(i).padStart(4, '0')}`),
    )
    originals.forEach((orig, i) => {
      const f = json.frames[`walk_${String(i).padStart(4, '0')}`]!
      expect(f.trimmed).toBe(true)
      expect(f.frame.w).toBeLessThan(orig.width)
      expect(Buffer.from(restore(page!.image, f).data).equals(Buffer.from(orig.data))).toBe(true)
    })
  })

  it('stores a held pose once and names it for every frame it shows in', () => {
    const b = new SpriteSheetBuilder({ animation: 'a', fps: 12, trim: false, padding: 0 })
    for (const i of [0, 0, 1, 1, 2, 2]) b.addFrame(frame(i, 32, 32))
    const [page] = b.finish('a')
    const json = page!.json as { frames: Record<string, FrameJson> }
    const rects = Object.values(json.frames).map((f) => JSON.stringify(f.frame))
    expect(rects).toHaveLength(6)
    expect(new Set(rects).size).toBe(3)
    expect(Object.values(json.frames).every((f) => !f.trimmed)).toBe(true)
  })

  it('writes the JSON-array layout with filenames when asked', () => {
    const b = new SpriteSheetBuilder({ animation: 'a', fps: 24, layout: 'array' })
    b.addFrame(frame(1))
    const json = b.finish('a')[0]!.json as { frames: { filename: string; duration: number }[] }
    expect(json.frames[0]).toMatchObject({ filename: 'a_0000', duration: 42 })
  })

  it('keeps an empty frame as a 1x1 transparent pixel, as TexturePacker does', () => {
    const b = new SpriteSheetBuilder({ animation: 'a', fps: 30 })
    b.addFrame(createImage(20, 20))
    const json = b.finish('a')[0]!.json as { frames: Record<string, FrameJson> }
    expect(json.frames.a_0000).toMatchObject({
      frame: { w: 1, h: 1 },
      sourceSize: { w: 20, h: 20 },
    })
  })

  it('splits across atlases and names them prefix-0, prefix-1 with related_multi_packs', () => {
    const b = new SpriteSheetBuilder({ animation: 'big', fps: 30, maxSide: 256, trim: false })
    for (let i = 0; i < 10; i++) b.addFrame(frame(i, 120, 120))
    const pages = b.finish('dir/big')
    expect(pages.length).toBeGreaterThan(1)
    expect(pages.map((p) => p.jsonFile)).toEqual(pages.map((_, i) => `dir/big-${i}.json`))
    const total = pages.reduce(
      (s, p) => s + Object.keys((p.json as { frames: object }).frames).length,
      0,
    )
    expect(total).toBe(10)
    const meta = (pages[0]!.json as { meta: { related_multi_packs: string[] } }).meta
    expect(meta.related_multi_packs).toEqual(pages.slice(1).map((_, i) => `big-${i + 1}.json`))
  })
})

describe('image helpers', () => {
  it('finds the opaque bounds and none in an empty image', () => {
    const img = createImage(10, 10)
    expect(opaqueBounds(img)).toBeNull()
    img.data[(3 * 10 + 2) * 4 + 3] = 1
    img.data[(7 * 10 + 8) * 4 + 3] = 255
    expect(opaqueBounds(img)).toEqual({ x: 2, y: 3, w: 7, h: 5 })
  })

  it('un-premultiplies alpha', () => {
    const d = new Uint8Array([64, 32, 0, 128, 9, 9, 9, 0, 1, 2, 3, 255])
    unpremultiplyAlpha(d)
    expect([...d]).toEqual([128, 64, 0, 128, 0, 0, 0, 0, 1, 2, 3, 255])
  })

  it('gives integer ms durations that add up to the clip length', () => {
    const d = frameDurationsMs(30, 30)
    expect(d.reduce((a, b) => a + b, 0)).toBe(1000)
    expect(new Set(d)).toEqual(new Set([33, 34]))
  })
})
