import type { Rect } from './image'

/** One frame as TexturePacker's JSON formats describe it (pixels, origin top-left). */
export interface SheetFrame {
  /** The frame's name; the JSON-hash key, or `filename` in the JSON-array format. */
  name: string
  /** Where its (trimmed) pixels sit in the atlas image. */
  frame: Rect
  trimmed: boolean
  /** Where the trimmed pixels sat in the untrimmed frame. */
  spriteSourceSize: Rect
  /** The untrimmed frame size. */
  sourceSize: { w: number; h: number }
  /** How long the frame shows, milliseconds (Aseprite's per-frame `duration`). */
  duration: number
  /** Normalised point of the untrimmed frame that should sit at the sprite's position. */
  anchor?: { x: number; y: number }
}

export interface SheetMeta {
  /** File name of this atlas's image, relative to the JSON. */
  image: string
  size: { w: number; h: number }
  /** Scale the frames were rendered at (TexturePacker writes it as a string). */
  scale: number
  /** The other atlases' JSON files when the frames were split over several (PixiJS multipack). */
  relatedMultiPacks?: string[]
}

export type SheetLayout = 'hash' | 'array'

/** A named run of frames, in play order. */
export interface SheetAnimation {
  name: string
  frames: string[]
}

/**
 * TexturePacker's JSON (hash or array) for one atlas, with the top-level `animations` map PixiJS's
 * Spritesheet reads and Aseprite's per-frame `duration` and `meta.frameTags`. Frames are never
 * rotated. Returns the JSON value; the caller serialises it.
 */
export function texturePackerJson(
  frames: readonly SheetFrame[],
  animations: readonly SheetAnimation[],
  meta: SheetMeta,
  layout: SheetLayout = 'hash',
): Record<string, unknown> {
  const entry = (f: SheetFrame): Record<string, unknown> => {
    const out: Record<string, unknown> = {
      frame: { ...f.frame },
      rotated: false,
      trimmed: f.trimmed,
      spriteSourceSize: { ...f.spriteSourceSize },
      sourceSize: { ...f.sourceSize },
      duration: f.duration,
    }
    if (f.anchor) {
      // PixiJS reads `anchor`; TexturePacker writes the same point as `pivot`.
      out.anchor = { ...f.anchor }
      out.pivot = { ...f.anchor }
    }
    return out
  }
  const index = new Map(frames.map((f, i) => [f.name, i]))
  const frameTags = animations.flatMap((a) => {
    const first = index.get(a.frames[0] ?? '')
    const last = index.get(a.frames[a.frames.length - 1] ?? '')
    return first === undefined || last === undefined
      ? []
      : [{ name: a.name, from: first, to: last, direction: 'forward' }]
  })
  const metaOut: Record<string, unknown> = {
    app: 'Toonmo',
    version: '1.0',
    image: meta.image,
    format: 'RGBA8888',
    size: { ...meta.size },
    scale: String(meta.scale),
    frameTags,
  }
  if (meta.relatedMultiPacks && meta.relatedMultiPacks.length > 0)
    metaOut.related_multi_packs = [...meta.relatedMultiPacks]
  return {
    frames:
      layout === 'hash'
        ? Object.fromEntries(frames.map((f) => [f.name, entry(f)]))
        : frames.map((f) => ({ filename: f.name, ...entry(f) })),
    animations: Object.fromEntries(animations.map((a) => [a.name, [...a.frames]])),
    meta: metaOut,
  }
}

/**
 * Per-frame durations in whole milliseconds (as Aseprite stores them) whose running sum stays
 * within half a millisecond of the true time, so a 30 fps clip plays 33, 34, 33, ... ms.
 */
export function frameDurationsMs(frameCount: number, fps: number): number[] {
  const out: number[] = []
  for (let i = 0; i < frameCount; i++)
    out.push(Math.round(((i + 1) * 1000) / fps) - Math.round((i * 1000) / fps))
  return out
}
