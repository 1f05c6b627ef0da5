import { mediaError } from './MediaError'
import { decodeWithDetails } from './decodeFrames'
import { probeDetails } from './probe'
import type { DecodedFrame } from './types'

export interface SeekOptions {
  /** Frame rate of image sequences and stills (default 24). */
  sequenceFps?: number
  signal?: AbortSignal
}

/**
 * The frame on screen at clip time `timeSec`: the one whose presentation time is the greatest
 * <= timeSec, exactly the frame decodeFrames yields for that time, so the viewport and keypoint
 * detection see the same picture. Seeks to the keyframe before and decodes forward.
 *
 * @param maxSide fit inside this many pixels on the longer side (aspect kept, never upscaled)
 */
export async function decodeFrameAt(
  path: string,
  timeSec: number,
  maxSide?: number,
  options: SeekOptions = {},
): Promise<DecodedFrame> {
  const details = await probeDetails(path, options)
  return frameAtWithDetails(details, timeSec, { maxSide, signal: options.signal })
}

async function frameAtWithDetails(
  details: Awaited<ReturnType<typeof probeDetails>>,
  timeSec: number,
  size: { maxSide?: number; height?: number; signal?: AbortSignal; background?: boolean },
): Promise<DecodedFrame> {
  for await (const frame of decodeWithDetails(details, {
    ...size,
    startSec: timeSec,
    endSec: timeSec,
  })) {
    return frame
  }
  throw mediaError('noFrames', details.input.path)
}

/**
 * Up to this many frames per thumbnail, one decoding pass over the clip costs less than a seek
 * per thumbnail (each seek decodes from the keyframe before it): measured on the 1080x2048
 * squat clip, 312 frames, 24 thumbnails: 2.4 s in one pass, 12.7 s by seeking.
 */
export const ONE_PASS_FRAMES_PER_THUMBNAIL = 30

/**
 * Up to `count` distinct frames spread evenly over the clip (each the frame on screen at the
 * middle of its slice), in time order, scaled to `height` pixels, for the filmstrip under the
 * timeline. A clip with fewer frames gives each of its frames once.
 */
export async function thumbnails(
  path: string,
  count: number,
  height: number,
  options: SeekOptions & {
    /** Frames per thumbnail up to which one pass is used (tests compare the two ways). */
    onePassUpTo?: number
  } = {},
): Promise<DecodedFrame[]> {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be >= 1, got ${count}`)
  const details = await probeDetails(path, options)
  const { signal } = options
  const duration = details.result.durationSec
  const slices = Math.min(count, Math.max(1, details.result.frameCount))
  const targets = Array.from({ length: slices }, (_, i) => ((i + 0.5) * duration) / slices)
  const frames: DecodedFrame[] = []
  // Uneven frame times (variable frame rate) can land two slices on one frame; a strip keyed by
  // time must not show it twice.
  const keep = (frame: DecodedFrame): void => {
    if (frame.time !== frames.at(-1)?.time) frames.push(frame)
  }
  const onePassUpTo = options.onePassUpTo ?? ONE_PASS_FRAMES_PER_THUMBNAIL
  if (details.result.frameCount <= slices * onePassUpTo) {
    // The frame on screen at t is the last one that starts at or before t.
    let shown: DecodedFrame | undefined
    let next = 0
    // background: below the frame under the playhead; the filmstrip can come a moment later.
    for await (const frame of decodeWithDetails(details, { height, signal, background: true })) {
      while (next < targets.length && frame.time > targets[next]! + 1e-9) {
        if (shown) keep(shown)
        next++
      }
      if (next >= targets.length) break
      shown = frame
    }
    if (shown) for (; next < targets.length; next++) keep(shown)
    if (signal?.aborted) throw mediaError('cancelled', path)
    return frames
  }
  for (const t of targets) {
    if (signal?.aborted) throw mediaError('cancelled', path)
    keep(await frameAtWithDetails(details, t, { height, signal, background: true }))
  }
  return frames
}
