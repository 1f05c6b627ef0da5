import { existsSync } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { decodeFrames } from '../media'
import type { JpegWriter } from './jpegWriter'
import { startJpegWriter } from './jpegWriter'
import { previewFrameFile, readWholeJpeg } from './previewJpeg'

/** A preview frame's JPEG and the frame it shows. */
export interface PreviewFrame {
  index: number
  jpeg: Uint8Array
}

/** A preview build under way, as a run-ahead needs it. */
export interface BuildUnderway {
  path: string
  folder: string
  times: readonly number[]
  maxSide: number
}

/** How far a run-ahead decodes past the frame asked for last, seconds. */
const LEAD_SEC = 2
/** How far playback may get ahead of a lagging run-ahead before a new one starts there, s. */
const MAX_LAG_SEC = 6
/** A run-ahead nobody has asked anything of for this long stops (playback stopped), ms. */
const IDLE_MS = 3000
/** How often a request waiting for a run-ahead's frame looks for its file, ms. */
const POLL_MS = 15

/**
 * Playing past the preview build: one decoder running forward from the frame the playback asked
 * for, writing preview JPEGs to its own folder beside the build's, a little ahead of the
 * playhead. Decoding each frame on its own seeks to the keyframe before it every time, which on
 * a long-GOP clip gave half a frame per second; a run-ahead pays that seek once. It stops when
 * told (a jump), when playback stops asking, when the build catches up with it, or at the end.
 */
export class RunAhead {
  readonly folder: string
  /** Index of the next frame it hands its encoder. */
  private next: number
  /** The frame asked for last; it decodes up to LEAD_SEC past it, then waits. */
  private wanted: number
  private lastAskedAt = Date.now()
  private readonly stopper = new AbortController()
  private wake: (() => void) | null = null
  private ended = false

  constructor(
    private readonly build: BuildUnderway,
    readonly start: number,
    run: number,
  ) {
    this.folder = `${build.folder}-ahead-${run}`
    this.next = start
    this.wanted = start
    void this.decodeForward()
      .catch(() => false)
      .then((toTheEnd) => {
        this.ended = true
        // Frames up to the clip's end stay for the playback still to reach them, until stop().
        if (!toTheEnd || this.stopper.signal.aborted) this.removeFolder()
      })
  }

  /**
   * Whether frame `index` is one this run has written or will reach: at or after its start and
   * at most MAX_LAG_SEC past its front. A run that lags behind playback still serves the nearest
   * frames it has (see latestBefore); starting a new one costs a seek, which on a large
   * long-GOP clip takes seconds with nothing new to show.
   */
  covers(index: number): boolean {
    if (this.ended || index < this.start) return false
    const front = this.build.times[this.next] ?? Infinity
    return (this.build.times[index] ?? Infinity) - front <= MAX_LAG_SEC
  }

  /**
   * The newest frame this run has written before `index`, with its index; undefined if none.
   * While it lags behind playback (a large clip on a busy machine), this is the picture nearest
   * the playhead there is.
   */
  async latestBefore(index: number): Promise<PreviewFrame | undefined> {
    // The frame handed to the encoder last may still be being written: look a few back.
    const newest = Math.min(this.next, index) - 1
    for (let i = newest; i >= Math.max(this.start, newest - 3); i--) {
      const jpeg = await readWholeJpeg(join(this.folder, previewFrameFile(i)))
      if (jpeg) return { index: i, jpeg }
    }
    return undefined
  }

  /** The playhead is at `index`: decode on ahead of it. */
  ask(index: number): void {
    this.wanted = Math.max(this.wanted, index)
    this.lastAskedAt = Date.now()
    this.wake?.()
  }

  stop(): void {
    this.stopper.abort()
    this.wake?.()
    if (this.ended) this.removeFolder()
  }

  private removeFolder(): void {
    void rm(this.folder, { recursive: true, force: true })
  }

  /**
   * Frame `index` once this run (or the build) has written it; undefined if the run ended
   * without it. Rejects once `signal` fires (a newer request made it moot).
   */
  async frame(index: number, signal: AbortSignal): Promise<Uint8Array | undefined> {
    const name = previewFrameFile(index)
    while (!signal.aborted) {
      const written =
        (await readWholeJpeg(join(this.folder, name))) ??
        (await readWholeJpeg(join(this.build.folder, name)))
      if (written) return written
      if (this.ended) return undefined
      await new Promise((wake) => setTimeout(wake, POLL_MS))
    }
    throw new Error(`preview frame ${index}: no longer wanted`)
  }

  /** Waits until asked again, stopped, or a quarter second has passed. */
  private nap(): Promise<void> {
    return new Promise((wake) => {
      this.wake = wake
      setTimeout(wake, 250)
    })
  }

  /** Decodes on until stopped (false) or to the clip's end (true). */
  private async decodeForward(): Promise<boolean> {
    const { build } = this
    const signal = this.stopper.signal
    const lead = Math.max(1, Math.round(LEAD_SEC * framesPerSecond(build.times)))
    await mkdir(this.folder, { recursive: true })
    let writer: JpegWriter | undefined
    try {
      // Normal priority: this is the picture the animator is watching.
      for await (const frame of decodeFrames(build.path, {
        maxSide: build.maxSide,
        startSec: build.times[this.start],
        signal,
      })) {
        // Far enough ahead of the playhead: wait for it (the decoder waits on its pipe).
        while (this.next > this.wanted + lead && !signal.aborted) {
          if (Date.now() - this.lastAskedAt > IDLE_MS) this.stopper.abort()
          else await this.nap()
        }
        // The build has caught up: its frames serve from here.
        if (signal.aborted || existsSync(join(build.folder, previewFrameFile(this.next)))) break
        writer ??= startJpegWriter(this.folder, frame, { firstIndex: this.start })
        await writer.write(frame)
        this.next++
      }
      await writer?.finish()
      return !signal.aborted && this.next >= build.times.length
    } catch (error) {
      writer?.kill()
      throw error
    }
  }
}

/** Frames per second of a clip from its frame times (30 when it cannot tell). */
function framesPerSecond(times: readonly number[]): number {
  const n = Math.min(times.length - 1, 30)
  const span = n > 0 ? times[n]! - times[0]! : 0
  return span > 0 ? n / span : 30
}
