import { describe, expect, it } from 'vitest'
import type { PackItem, Placement } from './packAtlases'
import { AtlasSizeError, packAtlases } from './packAtlases'

/** A deterministic pseudo-random generator, so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

function randomItems(count: number, seed: number, max = 120): PackItem[] {
  const r = rng(seed)
  return Array.from({ length: count }, (_, id) => ({
    id,
    w: 1 + Math.floor(r() * max),
    h: 1 + Math.floor(r() * max),
  }))
}

/** Checks the invariants every layout must hold. */
function checkPages(
  items: PackItem[],
  pages: ReturnType<typeof packAtlases>,
  o: { maxSide: number; padding: number; extrude: number; powerOfTwo?: boolean },
): void {
  const seen = new Map<number, Placement>()
  for (const page of pages) {
    expect(page.width).toBeLessThanOrEqual(o.maxSide)
    expect(page.height).toBeLessThanOrEqual(o.maxSide)
    if (o.powerOfTwo) {
      expect(Math.log2(page.width) % 1).toBe(0)
      expect(Math.log2(page.height) % 1).toBe(0)
    }
    const e = o.extrude
    for (const p of page.placements) {
      expect(seen.has(p.id)).toBe(false)
      seen.set(p.id, p)
      // Inside the atlas, with the border kept, extrusion included.
      expect(p.x - e).toBeGreaterThanOrEqual(o.padding)
      expect(p.y - e).toBeGreaterThanOrEqual(o.padding)
      expect(p.x + p.w + e + o.padding).toBeLessThanOrEqual(page.width)
      expect(p.y + p.h + e + o.padding).toBeLessThanOrEqual(page.height)
    }
    // No two extruded frames closer than the padding (which implies no overlap).
    const ps = page.placements
    for (let i = 0; i < ps.length; i++) {
      for (let j = i + 1; j < ps.length; j++) {
        const a = ps[i]!
        const b = ps[j]!
        const gapX = Math.max(b.x - e - (a.x + a.w + e), a.x - e - (b.x + b.w + e))
        const gapY = Math.max(b.y - e - (a.y + a.h + e), a.y - e - (b.y + b.h + e))
        expect(Math.max(gapX, gapY)).toBeGreaterThanOrEqual(o.padding)
      }
    }
  }
  expect(seen.size).toBe(items.length)
  for (const item of items) {
    expect(seen.get(item.id)?.w).toBe(item.w)
    expect(seen.get(item.id)?.h).toBe(item.h)
  }
}

describe('packAtlases', () => {
  it.each([
    { padding: 0, extrude: 0, powerOfTwo: false },
    { padding: 2, extrude: 0, powerOfTwo: false },
    { padding: 3, extrude: 2, powerOfTwo: false },
    { padding: 2, extrude: 1, powerOfTwo: true },
  ])('keeps frames apart and inside the atlas (%o)', (o) => {
    const items = randomItems(150, 7 + o.padding * 13 + o.extrude)
    const pages = packAtlases(items, { ...o, maxSide: 2048 })
    expect(pages).toHaveLength(1)
    checkPages(items, pages, { ...o, maxSide: 2048 })
    // MaxRects fills well: the atlas is not much bigger than the frames it holds.
    const used = items.reduce(
      (s, i) => s + (i.w + 2 * o.extrude + o.padding) ** 1 * (i.h + 2 * o.extrude + o.padding),
      0,
    )
    const page = pages[0]!
    expect(used / (page.width * page.height)).toBeGreaterThan(o.powerOfTwo ? 0.4 : 0.75)
  })

  it('splits into several atlases when one at the limit cannot hold every frame', () => {
    const items = Array.from({ length: 40 }, (_, id) => ({ id, w: 200, h: 300 }))
    const pages = packAtlases(items, { maxSide: 1024, padding: 2 })
    expect(pages.length).toBeGreaterThan(1)
    checkPages(items, pages, { maxSide: 1024, padding: 2, extrude: 0 })
  })

  it('says why a frame larger than the atlas limit cannot be packed', () => {
    expect(() => packAtlases([{ id: 0, w: 3000, h: 10 }], { maxSide: 2048 })).toThrow(
      AtlasSizeError,
    )
    expect(() => packAtlases([{ id: 0, w: 3000, h: 10 }], { maxSide: 2048 })).toThrow(
      /3000x10 px.*2048x2048 atlas.*smaller frame size/,
    )
    // A frame exactly at the limit minus the border fits.
    const pages = packAtlases([{ id: 0, w: 2044, h: 2044 }], { maxSide: 2048, padding: 2 })
    expect(pages[0]).toMatchObject({ width: 2048, height: 2048 })
  })

  it('refuses nonsense options', () => {
    expect(() => packAtlases([{ id: 0, w: 1, h: 1 }], { maxSide: 0 })).toThrow(RangeError)
    expect(() => packAtlases([{ id: 0, w: 1, h: 1 }], { padding: -1 })).toThrow(RangeError)
  })
})
