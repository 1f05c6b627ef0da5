import { Container, Sprite, Texture } from 'pixi.js'

/**
 * A frame as main sends it: JPEG bytes and the frame they show, which for the playhead's request
 * may be an earlier one than asked for (the nearest main has while it is still decoding).
 */
export interface FetchedFrame {
  index: number
  jpeg: Uint8Array
}

/** A frame loaded into a texture, with the frame it shows. */
interface Loaded {
  index: number
  texture: Texture
}

/**
 * The footage frame at the playhead. Frames arrive as JPEG bytes (decoded once by main into the
 * preview cache); decoded textures are kept in a small LRU so scrubbing back and forth is
 * instant and playback prefetches ahead. Only the latest request is shown, so a slow decode never
 * shows a stale frame after a newer one.
 */
export class FootageLayer extends Container {
  private readonly sprite = new Sprite()
  private readonly cache = new Map<number, Texture>()
  /** Loads under way; `ahead` for a prefetch, which main answers with null until it has the frame. */
  private readonly pending = new Map<number, { load: Promise<Loaded>; ahead: boolean }>()
  private wanted = -1
  /** Which frame the sprite shows, -1 for none. */
  private shownIndex = -1
  /** Bumped by clear(): loads begun for the footage before must not fill the new one's cache. */
  private generation = 0
  private readonly capacity = 90

  /**
   * @param onLateFrame told when a frame that was not cached arrives and is shown, so a stage
   *   that renders on demand draws again.
   */
  constructor(
    /** A frame (see FetchedFrame); null for one loaded `ahead` that main has not prepared yet. */
    private readonly fetchFrame: (index: number, ahead: boolean) => Promise<FetchedFrame | null>,
    private readonly onLateFrame: () => void = () => {},
  ) {
    super()
    this.addChild(this.sprite)
  }

  /**
   * Shows preview frame `index` of `frameCount`, drawn at `width` x `height` stage units, and
   * loads the next few, wrapping to the start as looped playback does.
   */
  show(index: number, frameCount: number, width: number, height: number): void {
    this.wanted = index
    this.sprite.width = width
    this.sprite.height = height
    const cached = this.cache.get(index)
    if (cached) {
      this.setTexture(index, cached, width, height)
    } else {
      this.load(index).then(
        (loaded) => {
          if (this.destroyed || !this.nearerThanShown(loaded.index)) return
          this.setTexture(loaded.index, loaded.texture, width, height)
          this.onLateFrame()
        },
        // Nothing to show (a frame main could not decode): the last frame stays, as on a scrub.
        () => undefined,
      )
    }
    for (let ahead = 1; ahead <= Math.min(4, frameCount - 1); ahead++) {
      // A frame that fails to load is asked for again when shown; a prefetch says nothing.
      this.load((index + ahead) % frameCount, true).catch(() => undefined)
    }
  }

  /**
   * Whether frame `index`, just arrived, should replace the one on screen: it is the one wanted,
   * or the wanted one is not here yet and this is nearer to it. Playing past frames main has not
   * prepared, each arrives after the playhead has moved on; showing it keeps the picture moving
   * instead of frozen on the last prepared frame.
   */
  private nearerThanShown(index: number): boolean {
    if (this.wanted < 0) return false
    if (index === this.wanted) return true
    if (this.cache.has(this.wanted)) return false
    return (
      this.shownIndex < 0 || Math.abs(index - this.wanted) < Math.abs(this.shownIndex - this.wanted)
    )
  }

  /** The frame on screen and its decoded size, or null when none has arrived yet. */
  shown(): { index: number; width: number; height: number } | null {
    if (this.shownIndex < 0) return null
    const { width, height } = this.sprite.texture.source
    return { index: this.shownIndex, width, height }
  }

  clear(): void {
    this.wanted = -1
    this.shownIndex = -1
    this.generation++
    this.pending.clear()
    this.sprite.texture = Texture.EMPTY
    for (const tex of this.cache.values()) tex.destroy(true)
    this.cache.clear()
  }

  private setTexture(index: number, texture: Texture, width: number, height: number): void {
    this.shownIndex = index
    this.sprite.texture = texture
    this.sprite.width = width
    this.sprite.height = height
  }

  private load(index: number, ahead = false): Promise<Loaded> {
    const cached = this.cache.get(index)
    if (cached) {
      // Refresh its place in the LRU order.
      this.cache.delete(index)
      this.cache.set(index, cached)
      return Promise.resolve({ index, texture: cached })
    }
    let pending = this.pending.get(index)
    // A prefetch of this frame under way does not stand in for asking for it: main answers a
    // prefetch with null until it has the frame, while a frame asked for is decoded (during
    // playback past the preview build, the prefetch is what arrives first, and empty).
    if (!pending || (pending.ahead && !ahead)) {
      const generation = this.generation
      const stale = (): boolean => generation !== this.generation || this.destroyed
      const load = this.fetchFrame(index, ahead)
        .then(async (frame) => {
          if (!frame) throw new Error(`preview frame ${index} is not ready yet`)
          const blob = new Blob([frame.jpeg as BlobPart], { type: 'image/jpeg' })
          return { index: frame.index, bitmap: await createImageBitmap(blob) }
        })
        .then(({ index: shows, bitmap }): Loaded => {
          // A frame of the footage shown before a clear() (another clip) is dropped, not cached
          // under an index the new footage uses.
          if (stale()) {
            bitmap.close()
            throw new Error(`preview frame ${index} belongs to footage no longer shown`)
          }
          // A prefetch and the request after it can both bring the frame: keep one texture.
          const already = this.cache.get(shows)
          if (already) {
            bitmap.close()
            return { index: shows, texture: already }
          }
          const tex = Texture.from(bitmap)
          this.cache.set(shows, tex)
          while (this.cache.size > this.capacity) {
            const [oldest, old] = this.cache.entries().next().value as [number, Texture]
            if (oldest === this.wanted) break
            this.cache.delete(oldest)
            old.destroy(true)
          }
          return { index: shows, texture: tex }
        })
        .finally(() => {
          if (!stale() && this.pending.get(index) === entry) this.pending.delete(index)
        })
      const entry = { load, ahead }
      pending = entry
      this.pending.set(index, entry)
    }
    return pending.load
  }
}
