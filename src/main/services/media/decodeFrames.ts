import { mediaError } from './MediaError'
import { FfmpegFrameReader } from './ffmpegFrames'
import type { FfmpegExit, RawFrame } from './ffmpegFrames'
import { outputSize, uprightRgbaFilter } from './frameSize'
import { TIME_EPSILON_SEC, clipTime, frameIndexAt } from './frameTiming'
import { lastLine, probeDetails } from './probe'
import type { MediaDetails } from './probe'
import type { DecodedFrame, DecodeOptions } from './types'

/** A decoded frame with its clip time, before numbering. */
interface TimedFrame {
  rgba: Uint8Array
  time: number
}

/** Why one ffmpeg run ended. */
type RunEnd = 'eof' | 'rangeDone' | 'seekTooLate'

const missingDecoder = /decoder \(codec [^)]*\) not found|unsupported codec|no decoder for/i

/** Indexes of the first and last frame that a range decode yields, for progress. */
function rangeIndexes(times: Float64Array, start: number, end: number): [number, number] {
  const first = frameIndexAt(times, start)
  if (end === Infinity) return [first, times.length - 1]
  let last = frameIndexAt(times, end)
  if ((times[last] ?? 0) >= end - TIME_EPSILON_SEC) last--
  return [first, Math.max(first, last)]
}

/** ffmpeg arguments that decode from `seekSec` to upright RGBA with pts logged by showinfo. */
function ffmpegArgs(details: MediaDetails, seekSec: number, filter: string): string[] {
  const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'level+info', '-copyts']
  // Seek to the keyframe before the target and let the caller pick the frame: ffmpeg's accurate
  // seek would drop the frame on screen at the target when no frame starts exactly there.
  if (seekSec > 0) args.push('-ss', seekSec.toFixed(6), '-noaccurate_seek')
  args.push('-noautorotate', ...details.input.inputArgs)
  args.push('-map', `0:${details.streamIndex}`, '-an', '-sn', '-dn', '-vf', filter)
  // passthrough: one output frame per decoded frame with its own pts (VFR is not resampled).
  args.push('-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1')
  return args
}

function firstError(exit: FfmpegExit): string {
  return (exit.errors[0] ?? '').replace(/^\[[^\]]*\]\s*/, '').trim()
}

function failureFromExit(details: MediaDetails, exit: FfmpegExit): Error {
  const path = details.input.path
  const said = exit.errors.join('\n')
  if (missingDecoder.test(said) || missingDecoder.test(exit.tail.join('\n'))) {
    return mediaError('unsupportedCodec', path, `codec ${details.result.codec}: ${lastLine(said)}`)
  }
  // The first error is the cause; later ones are ffmpeg giving up because of it.
  const detail = firstError(exit) || lastLine(exit.tail.join('\n')) || 'ffmpeg decoded no frame'
  return mediaError('corrupt', path, detail)
}

/**
 * Streams upright RGBA frames with their exact presentation times (the container's pts, also for
 * variable frame rate), scaled in ffmpeg to fit `maxSide`. Pull-based: ffmpeg is paused while the
 * consumer is busy, so memory stays flat whatever the clip length. Breaking out of the loop or
 * aborting `signal` kills ffmpeg. Damage after some good frames is reported through `onWarning`
 * (with the last good time) rather than thrown; a clip where nothing decodes throws MediaError.
 */
export async function* decodeFrames(
  path: string,
  options: DecodeOptions = {},
): AsyncGenerator<DecodedFrame, void, undefined> {
  if (options.signal?.aborted) throw mediaError('cancelled', path)
  const probeOptions = { signal: options.signal, sequenceFps: options.sequenceFps }
  const details = await probeDetails(path, probeOptions)
  yield* decodeWithDetails(details, options)
}

/** decodeFrames for footage already probed (the cache makes re-probing cheap, not free). */
export async function* decodeWithDetails(
  details: MediaDetails,
  options: DecodeOptions = {},
): AsyncGenerator<DecodedFrame, void, undefined> {
  const { signal } = options
  const { timing, result } = details
  const path = details.input.path
  const size = outputSize(result, options)
  const filter = uprightRgbaFilter(result.rotation, size)
  const start = Math.max(0, options.startSec ?? 0)
  const end = options.endSec ?? Infinity
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) {
    throw new RangeError(`bad time range: startSec ${options.startSec}, endSec ${options.endSec}`)
  }
  const [firstIndex, lastIndex] = rangeIndexes(timing.times, start, end)
  const total = lastIndex - firstIndex + 1
  const frameSec = result.fps > 0 ? 1 / result.fps : 0.04
  let yielded = 0
  let lastTime: number | undefined

  const emit = (frame: TimedFrame): DecodedFrame => {
    lastTime = frame.time
    const decoded: DecodedFrame = {
      index: yielded++,
      frameNumber: frameIndexAt(timing.times, frame.time),
      time: frame.time,
      width: size.width,
      height: size.height,
      rgba: frame.rgba,
    }
    options.onProgress?.(yielded, total)
    return decoded
  }

  /** One ffmpeg run from `seekSec`; yields the range's frames as they come. */
  async function* run(seekSec: number): AsyncGenerator<DecodedFrame, [RunEnd, FfmpegExit]> {
    const reader = new FfmpegFrameReader(
      ffmpegArgs(details, seekSec, filter),
      size.width * size.height * 4,
      options.background,
    )
    const onAbort = (): void => reader.kill()
    signal?.addEventListener('abort', onAbort, { once: true })
    let ending: RunEnd = 'eof'
    let outputEnded = false
    try {
      let onScreen: TimedFrame | undefined
      let streaming = false
      let previous: number | undefined
      for await (const raw of reader.frames() as AsyncGenerator<RawFrame>) {
        if (signal?.aborted) break
        const time =
          raw.pts !== undefined && raw.timeBase !== undefined
            ? clipTime(timing, raw.pts, raw.timeBase)
            : (previous ?? -frameSec) + frameSec
        previous = time
        const frame = { rgba: raw.rgba, time }
        if (!streaming) {
          if (time <= start + TIME_EPSILON_SEC) {
            onScreen = frame
            continue
          }
          // The first frame is already past the start: the keyframe seek landed too late.
          if (!onScreen && seekSec > 0) {
            ending = 'seekTooLate'
            break
          }
          streaming = true
          yield emit(onScreen ?? frame)
          if (!onScreen) continue
        }
        if (time >= end - TIME_EPSILON_SEC) {
          ending = 'rangeDone'
          break
        }
        yield emit(frame)
      }
      outputEnded = ending === 'eof' && !signal?.aborted
      if (!streaming && onScreen && !signal?.aborted) yield emit(onScreen)
    } finally {
      signal?.removeEventListener('abort', onAbort)
      // Killing after the output ended would lose ffmpeg's last error lines and exit code.
      if (!outputEnded) reader.kill()
    }
    return [ending, await reader.exit()]
  }

  // Past the last frame, seek to the last frame: seeking beyond the end yields nothing at all.
  const lastFrameSec = timing.times[timing.times.length - 1] ?? 0
  const margin = Math.max(0.25, 4 * frameSec)
  let seekSec =
    start > 0 && result.kind !== 'still' ? Math.max(0, Math.min(start, lastFrameSec) - margin) : 0
  for (;;) {
    const [ending, exit] = yield* run(seekSec)
    if (signal?.aborted) throw mediaError('cancelled', path)
    const nothingAfterSeek = ending === 'eof' && yielded === 0 && seekSec > 0
    if (ending === 'seekTooLate' || nothingAfterSeek) {
      seekSec = seekSec > 10 ? seekSec - 10 : 0
      continue
    }
    if (yielded === 0) throw failureFromExit(details, exit)
    if (ending === 'eof') reportDamage(details, exit, yielded, total, lastTime ?? 0, options)
    return
  }
}

/** Tells the caller where decoding stopped early or hit damaged data; the frames before stand. */
function reportDamage(
  details: MediaDetails,
  exit: FfmpegExit,
  yielded: number,
  expected: number,
  lastGoodSec: number,
  options: DecodeOptions,
): void {
  const path = details.input.path
  const damaged = exit.errors.length > 0 || (exit.code !== 0 && exit.code !== null)
  if (yielded < expected) {
    options.onWarning?.({
      code: 'truncated',
      message: `${path}: decoded ${yielded} of ${expected} frames; the data ends or breaks after ${lastGoodSec.toFixed(3)} s${damaged ? ` (${firstError(exit)})` : ''}. Copy the file again from its source to get the rest.`,
      lastGoodSec,
    })
  } else if (damaged) {
    // A file cut off short ends in a packet the cut clipped (the probe leaves it out of the
    // count): ffmpeg's complaint is the cut the probe found, said in the probe's words.
    const cut = details.result.warnings.find((w) => w.code === 'truncated')
    if (cut) return options.onWarning?.(cut)
    options.onWarning?.({
      code: 'corrupt',
      message: `${path} has damaged data (${firstError(exit)}); some frames may be garbled. Copy the file again from its source if that matters.`,
      lastGoodSec,
    })
  }
}
