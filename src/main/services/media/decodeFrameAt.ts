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
  size: { maxSide?: number; height?: number; signal?: AbortSignal },
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
 * Up to `count` distinct frames spread evenly over the clip (each the frame on screen at the
 * middle of its slice), in time order, scaled to `height` pixels, for the filmstrip under the
 * timeline. A clip with fewer frames gives each of its frames once.
 */
export async function thumbnails(
  path: string,
  count: number,
  height: number,
  options: SeekOptions = {},
): Promise<DecodedFrame[]> {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be >= 1, got ${count}`)
  const details = await probeDetails(path, options)
  const duration = details.result.durationSec
  const slices = Math.min(count, Math.max(1, details.result.frameCount))
  const frames: DecodedFrame[] = []
  for (let i = 0; i < slices; i++) {
    if (options.signal?.aborted) throw mediaError('cancelled', path)
    const t = ((i + 0.5) * duration) / slices
    const frame = await frameAtWithDetails(details, t, { height, signal: options.signal })
    // Uneven frame times (variable frame rate) can still land two slices on one frame; a strip
    // keyed by time must not show it twice.
    if (frame.time !== frames.at(-1)?.time) frames.push(frame)
  }
  return frames
}
