import type { KeyRecord } from '../document/types'

/**
 * Copy and paste of keys. Copied keys keep their spacing in time: each remembers its offset from
 * the earliest copied key, and pasting puts that earliest key at the playhead.
 */
export interface ClipboardKey {
  bone: string
  /** Frames after the earliest copied key (>= 0). */
  offset: number
  /** Rotation offset, radians. */
  rotation: number
  interpolation: KeyRecord['interpolation']
}

export function copyKeys(keys: Iterable<KeyRecord>): ClipboardKey[] {
  const list = [...keys]
  if (list.length === 0) return []
  const first = Math.min(...list.map((k) => k.frame))
  return list
    .map((k) => ({
      bone: k.bone,
      offset: k.frame - first,
      rotation: k.rotation,
      interpolation: k.interpolation,
    }))
    .sort((a, b) => a.offset - b.offset || a.bone.localeCompare(b.bone))
}

/** The keys to create when pasting at `frame` (the playhead), without ids. */
export function placeClipboard(
  clip: readonly ClipboardKey[],
  frame: number,
): Omit<KeyRecord, 'id'>[] {
  const at = Math.max(0, Math.round(frame))
  return clip.map((c) => ({
    frame: at + c.offset,
    bone: c.bone,
    rotation: c.rotation,
    interpolation: c.interpolation,
  }))
}
