import { open } from 'node:fs/promises'
import { extname } from 'node:path'
import { mediaError } from './MediaError'
import {
  containerName,
  displayRotation,
  displaySize,
  isStillImageFormat,
  parseClockDuration,
  parseNumber,
  parseRational,
} from './ffprobeJson'
import type { FfprobeFrame, FfprobeOutput, FfprobeStream } from './ffprobeJson'
import { evenFrameTimes } from './frameTiming'
import type { FrameTiming } from './frameTiming'
import { resolveMediaInput } from './mediaInput'
import type { MediaInput } from './mediaInput'
import { scanPackets } from './scanPackets'
import { runTool } from './runTool'
import type { MediaWarning, ProbeResult } from './types'

/**
 * Largest frame ffmpeg will allocate: its av_image_check_size refuses (w+128)*(h+128) >= INT_MAX/8.
 * 16K (15360x8640) is inside and decodes downscaled; beyond this nothing can be decoded at all.
 */
export const MAX_SOURCE_PIXELS = Math.floor(0x7fffffff / 8)
/** Sources with a side past this get a warning: they decode, but slowly. */
const LARGE_SIDE = 8192

/** Everything decoding needs besides the public ProbeResult. */
export interface MediaDetails {
  input: MediaInput
  result: ProbeResult
  timing: FrameTiming
  /** Absolute index of the video stream in the file. */
  streamIndex: number
}

export interface ProbeOptions {
  /** Frame rate given to image sequences and stills (default 24). */
  sequenceFps?: number
  signal?: AbortSignal
}

const cache = new Map<string, Promise<MediaDetails>>()
const CACHE_SIZE = 32

/** Words from ffmpeg's stderr worth showing the user: the last non-empty line. */
export function lastLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  return (lines[lines.length - 1] ?? '').replace(/^\[[^\]]*\]\s*/, '')
}

/** True when the file starts like an MP4/MOV (a known top-level box), however broken after that. */
async function startsLikeMp4(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r')
    try {
      const head = Buffer.alloc(8)
      await handle.read(head, 0, 8, 0)
      return ['ftyp', 'mdat', 'moov', 'free', 'wide', 'skip', 'pnot'].includes(
        head.toString('latin1', 4, 8),
      )
    } finally {
      await handle.close()
    }
  } catch {
    return false
  }
}

async function probeFailure(path: string, stderr: string): Promise<Error> {
  // An MP4 whose index never got written (recording cut off) vs. any file ffmpeg guessed was one.
  if (/moov atom not found/i.test(stderr) && (await startsLikeMp4(path))) {
    return mediaError(
      'corrupt',
      path,
      'it has no index (moov atom): the recording or copy was cut off before it finished',
    )
  }
  if (/permission denied/i.test(stderr)) return mediaError('permission', path, lastLine(stderr))
  if (/no such file/i.test(stderr)) return mediaError('missing', path)
  // ffprobe says "PATH: Invalid data found ..."; the message names the path already.
  const said = lastLine(stderr)
  const detail = said.startsWith(`${path}: `) ? said.slice(path.length + 2) : said
  return mediaError('notMedia', path, detail || 'ffprobe found no streams')
}

function pickVideoStream(streams: FfprobeStream[]): FfprobeStream | undefined {
  return streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1)
}

function checkSize(path: string, width: number, height: number): MediaWarning[] {
  if ((width + 128) * (height + 128) >= MAX_SOURCE_PIXELS || width > 32768 || height > 32768) {
    throw mediaError(
      'tooLarge',
      path,
      `${width}x${height} pixels; ffmpeg decodes at most about 16,000x16,000`,
    )
  }
  if (Math.max(width, height) > LARGE_SIDE) {
    return [
      {
        code: 'large',
        message: `${path} is ${width}x${height} pixels; it is decoded downscaled, and slowly. A smaller copy (for example 3840 px wide) imports faster.`,
      },
    ]
  }
  return []
}

function declaredDuration(stream: FfprobeStream, output: FfprobeOutput): number | undefined {
  const videoStreams = (output.streams ?? []).filter((s) => s.codec_type === 'video').length
  return (
    parseNumber(stream.duration) ??
    parseClockDuration(stream.tags?.DURATION ?? stream.tags?.duration) ??
    ((output.streams ?? []).length === 1 && videoStreams === 1
      ? parseNumber(output.format?.duration)
      : undefined)
  )
}

/** Compares what the header promises with the frames actually present. */
function truncationWarnings(
  path: string,
  stream: FfprobeStream,
  output: FfprobeOutput,
  timing: FrameTiming,
  discarded: number,
): MediaWarning[] {
  const count = timing.times.length
  const lastGoodSec = timing.times[count - 1] ?? 0
  const declaredFrames = parseNumber(stream.nb_frames)
  const declaredSec = declaredDuration(stream, output)
  const frameSec = timing.fps > 0 ? 1 / timing.fps : 0.04
  const shortByFrames = declaredFrames !== undefined && declaredFrames > count + discarded
  const shortByTime =
    declaredSec !== undefined && declaredSec - timing.durationSec > Math.max(0.5, 3 * frameSec)
  if (!shortByFrames && !shortByTime) return []
  const expected = shortByFrames ? `${declaredFrames} frames` : `${(declaredSec ?? 0).toFixed(2)} s`
  return [
    {
      code: 'truncated',
      message: `${path} is cut off or damaged: its header promises ${expected} but the readable data ends after frame ${count - 1} (${lastGoodSec.toFixed(3)} s). The frames before that import; copy the file again from its source to get the rest.`,
      lastGoodSec,
    },
  ]
}

/** Display rotation of the first decoded frame (EXIF orientation of a JPEG), 0 when none. */
async function firstFrameRotation(input: MediaInput, signal?: AbortSignal): Promise<number> {
  const { stdout } = await runTool(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-read_intervals',
      '%+#1',
      '-show_frames',
      '-of',
      'json',
      ...input.inputArgs,
    ],
    signal,
  )
  try {
    const frame = (JSON.parse(stdout) as { frames?: FfprobeFrame[] }).frames?.[0]
    return frame ? displayRotation(frame) : 0
  } catch {
    return 0
  }
}

async function probeUncached(
  path: string,
  input: MediaInput,
  options: ProbeOptions,
): Promise<MediaDetails> {
  const { code, stdout, stderr } = await runTool(
    'ffprobe',
    ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', ...input.inputArgs],
    options.signal,
  )
  if (options.signal?.aborted) throw mediaError('cancelled', path)
  let output: FfprobeOutput = {}
  try {
    output = JSON.parse(stdout) as FfprobeOutput
  } catch {
    // Unparseable output is handled as "no streams" below.
  }
  const streams = output.streams ?? []
  if (code === 0 && streams.length === 0 && output.format?.format_name) {
    throw mediaError(
      'noFrames',
      path,
      `the ${containerName(output.format, path)} file holds no tracks with data`,
    )
  }
  if (code !== 0 || streams.length === 0) throw await probeFailure(path, stderr)
  const stream = pickVideoStream(streams)
  if (!stream) {
    if (streams.some((s) => s.codec_type === 'audio')) throw mediaError('audioOnly', path)
    throw mediaError('notMedia', path, 'it has no video stream')
  }
  const codec = stream.codec_name
  if (!codec || codec === 'none' || codec === 'unknown') {
    const tag = stream.codec_tag_string && !stream.codec_tag_string.startsWith('[0]')
    throw mediaError(
      'unsupportedCodec',
      path,
      tag
        ? `video codec "${stream.codec_tag_string}" is unknown to ffmpeg`
        : 'its video codec is unknown to ffmpeg',
    )
  }
  const codedWidth = stream.width ?? 0
  const codedHeight = stream.height ?? 0
  const invalidSize = /Picture size (\d+)x(\d+) is invalid/.exec(stderr)
  if ((codedWidth <= 0 || codedHeight <= 0) && invalidSize) {
    throw mediaError(
      'tooLarge',
      path,
      `${invalidSize[1]}x${invalidSize[2]} pixels; ffmpeg decodes at most about 16,000x16,000`,
    )
  }
  if (codedWidth <= 0 || codedHeight <= 0) {
    throw mediaError('corrupt', path, `the ${codec} stream has no frame size`)
  }
  const warnings = [...input.warnings, ...checkSize(path, codedWidth, codedHeight)]
  // JPEG photos carry their orientation in EXIF, which ffmpeg reports on the decoded frame.
  const isImage = input.sequence !== undefined || isStillImageFormat(output.format)
  const rotation =
    isImage && codec === 'mjpeg'
      ? await firstFrameRotation(input, options.signal)
      : displayRotation(stream)
  const size = displaySize(
    codedWidth,
    codedHeight,
    parseRational(stream.sample_aspect_ratio),
    rotation,
  )

  let timing: FrameTiming
  let kind: ProbeResult['kind']
  let container: string
  const fpsForImages = input.sequence?.fps ?? options.sequenceFps ?? 24
  if (input.sequence) {
    kind = 'sequence'
    container = 'sequence'
    timing = evenFrameTimes(input.sequence.count, input.sequence.fps)
  } else if (isStillImageFormat(output.format)) {
    kind = 'still'
    container = 'image'
    timing = evenFrameTimes(1, fpsForImages)
  } else {
    kind = 'video'
    container = containerName(output.format, path)
    const scan = await scanPackets(input, stream, options.signal)
    if (options.signal?.aborted) throw mediaError('cancelled', path)
    timing = scan.timing
    if (timing.times.length === 0) {
      throw mediaError('noFrames', path, scan.error ? lastLine(scan.error) : undefined)
    }
    warnings.push(...truncationWarnings(path, stream, output, timing, scan.discarded))
    if (scan.error && !warnings.some((w) => w.code === 'truncated')) {
      warnings.push({
        code: 'corrupt',
        message: `${path} has damaged data (${lastLine(scan.error)}). Frames around the damage may be missing or garbled; copy the file again from its source if that matters.`,
      })
    }
  }

  const result: ProbeResult = {
    width: size.width,
    height: size.height,
    rotation,
    fps: timing.fps,
    vfr: timing.vfr,
    durationSec: timing.durationSec,
    frameCount: timing.times.length,
    codec,
    container,
    hasAudio: streams.some((s) => s.codec_type === 'audio'),
    kind,
    codedWidth,
    codedHeight,
    pixelFormat: stream.pix_fmt ?? 'unknown',
    warnings,
  }
  return { input, result, timing, streamIndex: stream.index }
}

/**
 * Probes footage with full detail (frame table included) for decoding. Cached per file version
 * (path, size, mtime), so decodeFrameAt and thumbnails do not re-scan the file each call.
 */
export async function probeDetails(
  path: string,
  options: ProbeOptions = {},
): Promise<MediaDetails> {
  const input = await resolveMediaInput(path, options.sequenceFps)
  const key = input.cacheKey
  let entry = cache.get(key)
  if (!entry) {
    entry = probeUncached(path, input, options)
    cache.set(key, entry)
    entry.catch(() => cache.delete(key))
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string)
  }
  return entry
}

/**
 * Probes a footage file, image sequence (a folder of numbered PNG/JPG, or a printf pattern such
 * as frames/%04d.png) or still image. Frame count and VFR come from the packet timestamps, which
 * costs a demux pass but no decoding. Throws MediaError for footage that cannot be used.
 */
export async function probeMedia(path: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  return (await probeDetails(path, options)).result
}

/** True for extensions that are probably footage, for file pickers and drag-and-drop filters. */
export function looksLikeFootage(path: string): boolean {
  return /^\.(mp4|m4v|mov|mkv|webm|avi|gif|png|jpe?g)$/i.test(extname(path))
}
