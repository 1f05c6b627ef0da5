import type { Rect, RgbaImage } from './image'
import { blitExtruded, createImage, cropImage, hashImage, opaqueBounds, sameImage } from './image'
import type { AtlasPage, PackOptions } from './packAtlases'
import { packAtlases } from './packAtlases'
import type { SheetFrame, SheetLayout } from './texturePackerJson'
import { frameDurationsMs, texturePackerJson } from './texturePackerJson'

export interface SpriteSheetOptions extends PackOptions {
  /** Animation name; frames are named `${animation}_0000`, `${animation}_0001`, ... */
  animation: string
  /** Playback rate for the per-frame durations. */
  fps: number
  /** Cut transparent borders (their offset is kept in spriteSourceSize). Default true. */
  trim?: boolean
  /** JSON-hash (PixiJS, most engines) or JSON-array (Phaser, Aseprite readers). Default hash. */
  layout?: SheetLayout
  /** Scale the frames were rendered at, recorded in meta.scale. Default 1. */
  scale?: number
  /** Normalised point of each untrimmed frame that is the sprite's origin (e.g. the feet). */
  anchor?: { x: number; y: number }
  /** Index of the first frame in the source animation, for the frame names. Default 0. */
  firstFrameNumber?: number
}

/** One finished atlas: its image and its JSON, plus the names the caller should write them as. */
export interface SpriteSheetPage {
  image: RgbaImage
  json: Record<string, unknown>
  imageFile: string
  jsonFile: string
}

interface StoredFrame {
  name: string
  /** Index into `unique`: identical frames (held poses) share one atlas rectangle. */
  unique: number
  source: Rect
  sourceW: number
  sourceH: number
  trimmed: boolean
}

/**
 * Builds sprite-sheet atlases frame by frame: each frame is trimmed as it arrives and only its
 * opaque pixels are kept, and exactly repeated frames (timing on twos, held poses) are stored
 * once, so a long animation never holds every full frame in memory. `finish` packs, composes
 * and writes the TexturePacker JSON.
 */
export class SpriteSheetBuilder {
  private readonly frames: StoredFrame[] = []
  private readonly unique: RgbaImage[] = []
  private readonly byHash = new Map<number, number[]>()

  constructor(private readonly options: SpriteSheetOptions) {
    if (!(options.fps > 0)) throw new RangeError(`fps must be positive, got ${options.fps}`)
  }

  get frameCount(): number {
    return this.frames.length
  }

  /** Adds the next frame (straight alpha). The image is not kept; copy-free callers may reuse it. */
  addFrame(image: RgbaImage): void {
    const trim = this.options.trim ?? true
    const full = { x: 0, y: 0, w: image.width, h: image.height }
    const bounds = trim ? (opaqueBounds(image) ?? { x: 0, y: 0, w: 1, h: 1 }) : full
    const pixels = cropImage(image, bounds)
    const hash = hashImage(pixels)
    const same = this.byHash.get(hash)?.find((u) => sameImage(this.unique[u]!, pixels))
    let unique = same
    if (unique === undefined) {
      unique = this.unique.length
      this.unique.push(pixels)
      this.byHash.set(hash, [...(this.byHash.get(hash) ?? []), unique])
    }
    const n = (this.options.firstFrameNumber ?? 0) + this.frames.length
    this.frames.push({
      name: `${this.options.animation}_${String(n).padStart(4, '0')}`,
      unique,
      source: bounds,
      sourceW: image.width,
      sourceH: image.height,
      trimmed: bounds.w !== image.width || bounds.h !== image.height,
    })
  }

  /**
   * Packs the frames into one atlas, or several when one at the size limit cannot hold them all,
   * and returns each atlas's image and JSON. `prefix` names the files: `prefix.png` and
   * `prefix.json`, or `prefix-0.png`, `prefix-1.png`, ... when split. `anchor` (normalised in
   * the untrimmed frame) is written for every frame, for engines that place sprites by it.
   */
  finish(prefix: string, anchor = this.options.anchor): SpriteSheetPage[] {
    if (this.frames.length === 0) throw new RangeError('the sprite sheet has no frames')
    const pages: AtlasPage[] = packAtlases(
      this.unique.map((u, id) => ({ id, w: u.width, h: u.height })),
      this.options,
    )
    const names = pages.map((_, i) => (pages.length === 1 ? prefix : `${prefix}-${i}`))
    const base = (path: string) => path.slice(path.lastIndexOf('/') + 1)
    const durations = frameDurationsMs(this.frames.length, this.options.fps)
    const uniquePage = new Map<number, { page: number; x: number; y: number }>()
    pages.forEach((page, p) => {
      for (const pl of page.placements) uniquePage.set(pl.id, { page: p, x: pl.x, y: pl.y })
    })
    return pages.map((page, p) => {
      const image = createImage(page.width, page.height)
      for (const pl of page.placements)
        blitExtruded(image, this.unique[pl.id]!, pl.x, pl.y, this.options.extrude ?? 0)
      const frames: SheetFrame[] = []
      this.frames.forEach((f, i) => {
        const at = uniquePage.get(f.unique)
        if (!at || at.page !== p) return
        const frame: SheetFrame = {
          name: f.name,
          frame: { x: at.x, y: at.y, w: f.source.w, h: f.source.h },
          trimmed: f.trimmed,
          spriteSourceSize: { ...f.source },
          sourceSize: { w: f.sourceW, h: f.sourceH },
          duration: durations[i]!,
        }
        if (anchor) frame.anchor = { x: round4(anchor.x), y: round4(anchor.y) }
        frames.push(frame)
      })
      const json = texturePackerJson(
        frames,
        [{ name: this.options.animation, frames: frames.map((f) => f.name) }],
        {
          image: `${base(names[p]!)}.png`,
          size: { w: page.width, h: page.height },
          scale: this.options.scale ?? 1,
          relatedMultiPacks: names.filter((_, q) => q !== p).map((n) => `${base(n)}.json`),
        },
        this.options.layout ?? 'hash',
      )
      return { image, json, imageFile: `${names[p]}.png`, jsonFile: `${names[p]}.json` }
    })
  }
}

const round4 = (v: number) => Math.round(v * 1e4) / 1e4
