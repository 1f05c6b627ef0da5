import type { KeyId } from '../document/ids'
import type { KeyRecord } from '../document/types'
import type { TimeView } from './timeView'
import { frameToX } from './timeView'

/**
 * Hit-testing of key diamonds on bone tracks. Coordinates are "track content" CSS pixels: x from
 * the time area's left edge, y from the top of the first track row (scrolling already removed),
 * so row `r` spans [r * rowHeight, (r + 1) * rowHeight). A frame sits at its own x (frameToX); its
 * slot spans half a frame either side, which is what xToWholeFrame rounds to.
 */
export interface TrackGeometry {
  view: TimeView
  rowHeight: number
  /** Row of each bone on screen; keys of bones without a row are not hit. */
  rowOf: ReadonlyMap<string, number>
}

/** Centre of a key's diamond in track content pixels, or null when its bone has no row. */
export function keyCentre(key: KeyRecord, g: TrackGeometry): { x: number; y: number } | null {
  const row = g.rowOf.get(key.bone)
  if (row === undefined) return null
  return { x: frameToX(g.view, key.frame), y: (row + 0.5) * g.rowHeight }
}

/** The key whose diamond is nearest to (x, y) within `radius` px, or null. */
export function keyAtPoint(
  keys: Iterable<KeyRecord>,
  g: TrackGeometry,
  x: number,
  y: number,
  radius: number,
): KeyId | null {
  let best: KeyId | null = null
  let bestDistance = Infinity
  for (const key of keys) {
    const c = keyCentre(key, g)
    if (!c) continue
    // Diamonds: the L1 distance matches their shape.
    const d = Math.abs(c.x - x) + Math.abs(c.y - y)
    if (d <= radius && d < bestDistance) {
      best = key.id
      bestDistance = d
    }
  }
  return best
}

/** Keys whose diamond centre lies inside the box spanned by two corners (any order). */
export function keysInBox(
  keys: Iterable<KeyRecord>,
  g: TrackGeometry,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): KeyId[] {
  const left = Math.min(x0, x1)
  const right = Math.max(x0, x1)
  const top = Math.min(y0, y1)
  const bottom = Math.max(y0, y1)
  const hits: KeyId[] = []
  for (const key of keys) {
    const c = keyCentre(key, g)
    if (c && c.x >= left && c.x <= right && c.y >= top && c.y <= bottom) hits.push(key.id)
  }
  return hits
}

/** The row under y (track content px), or -1 outside the rows. */
export function rowAt(y: number, rowHeight: number, rowCount: number): number {
  const row = Math.floor(y / rowHeight)
  return row >= 0 && row < rowCount ? row : -1
}

/**
 * How far a group of keys may move: the requested frame delta, limited so no key lands before
 * frame 0 (moving must keep the keys' spacing, not pile them up at 0).
 */
export function clampKeyDelta(frames: Iterable<number>, delta: number): number {
  let min = Infinity
  for (const f of frames) min = Math.min(min, f)
  if (!Number.isFinite(min)) return 0
  return Math.max(-min, Math.round(delta))
}
