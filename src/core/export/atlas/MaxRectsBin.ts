import type { Rect } from './image'

/**
 * One bin of the MaxRects packer (Jukka Jylänki, "A Thousand Ways to Pack the Bin", 2010) with
 * the best-short-side-fit rule: a rectangle goes where it leaves the smallest leftover along its
 * shorter side. The bin keeps every maximal free rectangle; placing splits each one it overlaps
 * and drops the free rectangles contained in others. No rotation (sprite-sheet frames stay
 * upright, which every engine reads). Pixels, origin top-left.
 */
export class MaxRectsBin {
  private free: Rect[]

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.free = [{ x: 0, y: 0, w: width, h: height }]
  }

  /** Places a w x h rectangle and returns where, or null when it does not fit anywhere. */
  insert(w: number, h: number): Rect | null {
    let best: Rect | null = null
    let bestShort = Infinity
    let bestLong = Infinity
    for (const f of this.free) {
      if (w > f.w || h > f.h) continue
      const dx = f.w - w
      const dy = f.h - h
      const short = Math.min(dx, dy)
      const long = Math.max(dx, dy)
      if (short < bestShort || (short === bestShort && long < bestLong)) {
        best = { x: f.x, y: f.y, w, h }
        bestShort = short
        bestLong = long
      }
    }
    if (best) this.place(best)
    return best
  }

  private place(used: Rect): void {
    const kept: Rect[] = []
    const split: Rect[] = []
    for (const f of this.free) {
      if (!overlaps(f, used)) {
        kept.push(f)
        continue
      }
      if (used.x > f.x) split.push({ x: f.x, y: f.y, w: used.x - f.x, h: f.h })
      if (used.x + used.w < f.x + f.w)
        split.push({ x: used.x + used.w, y: f.y, w: f.x + f.w - used.x - used.w, h: f.h })
      if (used.y > f.y) split.push({ x: f.x, y: f.y, w: f.w, h: used.y - f.y })
      if (used.y + used.h < f.y + f.h)
        split.push({ x: f.x, y: used.y + used.h, w: f.w, h: f.y + f.h - used.y - used.h })
    }
    this.free = prune(kept, split)
  }
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.w <= outer.x + outer.w &&
    inner.y + inner.h <= outer.y + outer.h
  )
}

/**
 * Drops free rectangles that lie inside another. The untouched ones were already maximal among
 * themselves, and a piece split off a free rectangle can never contain an untouched one (it is
 * smaller than its parent, which did not), so only the new pieces need checking against all.
 */
function prune(kept: Rect[], split: Rect[]): Rect[] {
  const out = kept
  for (let i = 0; i < split.length; i++) {
    const r = split[i]!
    let inside = false
    for (let j = 0; j < kept.length && !inside; j++) inside = contains(kept[j]!, r)
    for (let j = 0; j < split.length && !inside; j++) {
      if (i === j) continue
      const o = split[j]!
      inside = contains(o, r) && (!contains(r, o) || j < i)
    }
    if (!inside) out.push(r)
  }
  return out
}
