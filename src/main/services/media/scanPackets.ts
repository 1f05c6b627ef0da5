import { stat } from 'node:fs/promises'
import { mediaError } from './MediaError'
import { parseNumber, parseRational } from './ffprobeJson'
import type { FfprobeStream } from './ffprobeJson'
import { analyseFrameTimes, parseTimeBase } from './frameTiming'
import type { FrameTiming } from './frameTiming'
import type { MediaInput } from './mediaInput'
import { runTool } from './runTool'

export interface PacketScan {
  timing: FrameTiming
  /** Packets the container marks to be dropped (before an edit list's start); not frames. */
  discarded: number
  /** ffprobe's complaints while reading, when the data is damaged. */
  error: string | undefined
}

/**
 * Reads every video packet's timestamps (a demux pass, no decoding) to get the exact frame count
 * and each frame's time. One packet is one frame for the codecs footage uses (H.264/H.265, ProRes,
 * VP9 superframes, AV1 temporal units). Falls back to counting decoded frames when the container
 * has no timestamps at all (raw elementary streams).
 */
export async function scanPackets(
  input: MediaInput,
  stream: FfprobeStream,
  signal?: AbortSignal,
): Promise<PacketScan> {
  const { stdout, stderr } = await runTool(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      String(stream.index),
      '-show_entries',
      'packet=pts,dts,duration,flags,pos,size',
      '-of',
      'compact=p=0',
      ...input.inputArgs,
    ],
    signal,
  )
  if (signal?.aborted) throw mediaError('cancelled', input.path)
  // ffprobe clips a cut packet's size to the bytes present and says "partial file".
  const fileBytes = /partial file/.test(stderr) ? await fileSize(input) : undefined
  const ticks: number[] = []
  let discarded = 0
  let missing = 0
  let lastDuration: number | undefined
  for (const line of stdout.split('\n')) {
    if (!line) continue
    const fields = new Map<string, string>()
    for (const part of line.split('|')) {
      const eq = part.indexOf('=')
      if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1))
    }
    if (fields.get('flags')?.includes('D')) {
      discarded++
      continue
    }
    if (reachesEndOfCutFile(fields, fileBytes)) continue
    const t = parseNumber(fields.get('pts')) ?? parseNumber(fields.get('dts'))
    if (t === undefined) missing++
    else ticks.push(t)
    lastDuration = parseNumber(fields.get('duration'))
  }
  const timeBase = parseTimeBase(stream.time_base) ?? { num: 1, den: 90000 }
  const nominalFps = parseRational(stream.avg_frame_rate) ?? parseRational(stream.r_frame_rate)
  const error = stderr.trim() || undefined
  if (missing > 0) {
    // No usable timestamps: count decoded frames (slow, but rare) and space them evenly.
    const counted = await countDecodedFrames(input, stream, signal)
    const fps = nominalFps ?? 25
    const even = Array.from(
      { length: counted },
      (_, i) => (i * timeBase.den) / (fps * timeBase.num),
    )
    return { timing: analyseFrameTimes(even, timeBase, undefined, fps), discarded, error }
  }
  return { timing: analyseFrameTimes(ticks, timeBase, lastDuration, nominalFps), discarded, error }
}

/** The file's size in bytes; undefined for an image sequence (many files). */
async function fileSize(input: MediaInput): Promise<number | undefined> {
  if (input.kind !== 'file') return undefined
  try {
    return (await stat(input.path)).size
  } catch {
    return undefined
  }
}

/**
 * In a cut file, the packet whose bytes run to the very end was clipped by the cut: it cannot
 * decode, so counting it would promise the animator a frame that never comes.
 */
function reachesEndOfCutFile(fields: Map<string, string>, fileBytes: number | undefined): boolean {
  if (fileBytes === undefined) return false
  const pos = parseNumber(fields.get('pos'))
  const size = parseNumber(fields.get('size'))
  return pos !== undefined && size !== undefined && pos >= 0 && pos + size >= fileBytes
}

async function countDecodedFrames(
  input: MediaInput,
  stream: FfprobeStream,
  signal?: AbortSignal,
): Promise<number> {
  const { stdout } = await runTool(
    'ffprobe',
    [
      '-v',
      'error',
      '-count_frames',
      '-select_streams',
      String(stream.index),
      '-show_entries',
      'stream=nb_read_frames',
      '-of',
      'csv=p=0',
      ...input.inputArgs,
    ],
    signal,
  )
  return parseNumber(stdout.trim().split('\n')[0]) ?? 0
}
