import { MaxRectsBin } from './MaxRectsBin'

/** Atlas sizes engines commonly accept; larger textures fail on many GPUs. */
export const ATLAS_MAX_SIDES = [2048, 4096, 8192] as const

export interface PackOptions {
  /** Largest width and height of one atlas, pixels. Default 4096. */
  maxSide?: number
  /** Round each atlas's sides up to powers of two (old GPUs, some engines). Default false. */
  powerOfTwo?: boolean
  /** Empty pixels between frames, and between frames and the atlas edge. Default 2. */
  padding?: number
  /** Pixels by which each frame's edge is repeated around it (inside the padding). Default 0. */
  extrude?: number
}

/** A frame to place, pixels. `id` is the caller's. */
export interface PackItem {
  id: number
  w: number
  h: number
}

/** Where one frame went: the top-left of its pixels (not of its extrusion) in the atlas. */
export interface Placement {
  id: number
  x: number
  y: number
  w: number
  h: number
}

export interface AtlasPage {
  width: number
  height: number
  placements: Placement[]
}

/** A frame that cannot fit the atlas limit; the message says what to change. */
export class AtlasSizeError extends Error {
  override name = 'AtlasSizeError'
}

interface Resolved {
  maxSide: number
  powerOfTwo: boolean
  padding: number
  extrude: number
}

function resolve(options: PackOptions): Resolved {
  const r = {
    maxSide: options.maxSide ?? 4096,
    powerOfTwo: options.powerOfTwo ?? false,
    padding: options.padding ?? 2,
    extrude: options.extrude ?? 0,
  }
  if (!Number.isInteger(r.maxSide) || r.maxSide < 1)
    throw new RangeError(
      `the atlas's maximum side must be a positive whole number of pixels, got ${r.maxSide}`,
    )
  if (!Number.isInteger(r.padding) || r.padding < 0)
    throw new RangeError(`padding must be a whole number of pixels >= 0, got ${r.padding}`)
  if (!Number.isInteger(r.extrude) || r.extrude < 0)
    throw new RangeError(`extrusion must be a whole number of pixels >= 0, got ${r.extrude}`)
  return r
}

/**
 * Packs frames into as few atlases as the size limit allows (MaxRects, best short side fit, no
 * rotation), each atlas as small as it can be. Frames keep `padding` pixels between each other
 * and from the atlas edge, with `extrude` pixels of repeated edge inside that gap. Frames are
 * tried in the order given within each atlas's fill, biggest first, so an animation's frames stay
 * together where they can. Throws AtlasSizeError when a single frame is larger than one atlas
 * can hold.
 */
export function packAtlases(items: readonly PackItem[], options: PackOptions = {}): AtlasPage[] {
  const o = resolve(options)
  const grow = 2 * o.extrude + o.padding
  // The area a frame may start in: the atlas minus its border, plus one trailing padding that
  // the last frame in a row or column does not need.
  const maxArea = o.maxSide - o.padding
  for (const item of items) {
    if (item.w + grow > maxArea || item.h + grow > maxArea) {
      throw new AtlasSizeError(
        `a frame of ${item.w}x${item.h} px (after trimming) does not fit in a ${o.maxSide}x${o.maxSide} atlas with ${o.padding} px padding and ${o.extrude} px extrusion: choose a smaller frame size or scale, or a larger maximum atlas side (${ATLAS_MAX_SIDES.join(', ')})`,
      )
    }
  }
  const sized = items
    .map((item) => ({ item, w: item.w + grow, h: item.h + grow }))
    .sort((a, b) => b.h - a.h || b.w - a.w || a.item.id - b.item.id)
  const pages: AtlasPage[] = []
  let rest = sized
  while (rest.length > 0) {
    // Fill one full-size atlas; what does not fit starts the next.
    const bin = new MaxRectsBin(maxArea, maxArea)
    const inPage: typeof sized = []
    const left: typeof sized = []
    for (const s of rest) (bin.insert(s.w, s.h) ? inPage : left).push(s)
    pages.push(shrinkPage(inPage, o, maxArea))
    rest = left
  }
  return pages
}

/** Packs one atlas's frames into the smallest area that holds them all. */
function shrinkPage(
  sized: { item: PackItem; w: number; h: number }[],
  o: Resolved,
  maxArea: number,
): AtlasPage {
  const area = sized.reduce((s, r) => s + r.w * r.h, 0)
  const minW = Math.max(...sized.map((s) => s.w))
  const minH = Math.max(...sized.map((s) => s.h))
  const tryPack = (aw: number, ah: number): Placement[] | null => {
    const bin = new MaxRectsBin(aw, ah)
    const out: Placement[] = []
    for (const s of sized) {
      const r = bin.insert(s.w, s.h)
      if (!r) return null
      out.push({
        id: s.item.id,
        x: o.padding + r.x + o.extrude,
        y: o.padding + r.y + o.extrude,
        w: s.item.w,
        h: s.item.h,
      })
    }
    return out
  }
  // Atlas side S leaves a packing area of S - padding: a border of `padding` on both sides, and
  // the last frame's trailing padding (part of its reserved size) may lie on the far border.
  const areaFor = (full: number): number => full - o.padding
  let best: { w: number; h: number; placements: Placement[]; score: number } | null = null
  for (const aw of candidateWidths(minW, maxArea, area, o, areaFor)) {
    if (aw < minW) continue
    // Smallest height that holds everything at this width (packing is nearly monotonic in height).
    let lo = Math.max(minH, Math.ceil(area / aw))
    // Start from a generous guess: packing into a needlessly tall bin costs time.
    let hi = Math.min(maxArea, Math.max(lo, Math.ceil((1.6 * area) / aw) + minH))
    let found: Placement[] | null = tryPack(aw, hi)
    if (!found && hi < maxArea) found = tryPack(aw, (hi = maxArea))
    if (!found) continue
    let foundH = hi
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      const p = tryPack(aw, mid)
      if (p) {
        found = p
        foundH = mid
        hi = mid
      } else lo = mid + 1
    }
    if (foundH !== lo) {
      const p = tryPack(aw, lo)
      if (p) found = p
    }
    const used = atlasExtent(found, o)
    const w = o.powerOfTwo ? nextPowerOfTwo(used.w) : used.w
    const h = o.powerOfTwo ? nextPowerOfTwo(used.h) : used.h
    // Smallest area wins; within 3% of it, the squarer atlas (friendlier to GPUs and eyes).
    const score = w * h * (1 + 0.03 * Math.abs(Math.log2(w / h)))
    if (!best || score < best.score) {
      best = { w, h, placements: found, score }
    }
  }
  if (!best) throw new Error('atlas packing failed although every frame fits; this is a bug')
  return { width: best.w, height: best.h, placements: best.placements }
}

/** The atlas size the placements need: the far edge of every frame's extrusion plus the border. */
function atlasExtent(placements: Placement[], o: Resolved): { w: number; h: number } {
  let w = 0
  let h = 0
  for (const p of placements) {
    w = Math.max(w, p.x + p.w + o.extrude + o.padding)
    h = Math.max(h, p.y + p.h + o.extrude + o.padding)
  }
  return { w, h }
}

/** Widths worth trying: powers of two, or a geometric ladder around the square's side. */
function candidateWidths(
  minW: number,
  maxArea: number,
  area: number,
  o: Resolved,
  areaFor: (full: number) => number,
): number[] {
  const out = new Set<number>()
  if (o.powerOfTwo) {
    for (let s = 1; s <= o.maxSide; s *= 2) out.add(Math.min(maxArea, areaFor(s)))
  } else {
    const square = Math.ceil(Math.sqrt(area))
    for (let k = -3; k <= 6; k++) out.add(Math.round(square * 1.12 ** k))
    out.add(minW)
    out.add(maxArea)
  }
  return [...out].filter((w) => w >= minW && w <= maxArea).sort((a, b) => a - b)
}

export function nextPowerOfTwo(v: number): number {
  let p = 1
  while (p < v) p *= 2
  return p
}
