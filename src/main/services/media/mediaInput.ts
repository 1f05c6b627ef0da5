import { constants } from 'node:fs'
import { access, readdir, stat } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import { mediaError } from './MediaError'
import type { MediaWarning } from './types'

/** Default frame rate of image sequences and stills, which carry none (film's 24). */
export const DEFAULT_SEQUENCE_FPS = 24

const imageExtensions = new Set(['.png', '.jpg', '.jpeg'])

/** A numbered run of image files that ffmpeg's image2 demuxer reads as one clip. */
export interface ImageSequence {
  /** printf-style pattern ffmpeg reads, e.g. /shots/take1/frame_%04d.png */
  pattern: string
  startNumber: number
  /** Consecutive files from startNumber; image2 stops at the first gap. */
  count: number
  fps: number
  firstFile: string
}

/** How to open a footage path with ffmpeg/ffprobe. */
export interface MediaInput {
  path: string
  kind: 'file' | 'sequence'
  /** Arguments that open it, ending with `-i X`. */
  inputArgs: string[]
  sequence?: ImageSequence
  /** Changes when the footage on disk changes (size/mtime), for caching probe results. */
  cacheKey: string
  warnings: MediaWarning[]
}

function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined
}

/** Maps a filesystem failure on `path` to the MediaError the user should see. */
function fsError(error: unknown, path: string): Error {
  const code = errnoCode(error)
  if (code === 'ENOENT' || code === 'ENOTDIR') return mediaError('missing', path)
  if (code === 'EACCES' || code === 'EPERM') return mediaError('permission', path, code)
  return error instanceof Error ? error : new Error(String(error))
}

async function checkReadable(path: string, shownPath: string): Promise<void> {
  try {
    await access(path, constants.R_OK)
  } catch (error) {
    throw fsError(error, shownPath)
  }
}

const printfNumber = /%(0?\d*)d/

/** True when `path` names a numbered image sequence the printf way (frames/%04d.png). */
export function isSequencePattern(path: string): boolean {
  return printfNumber.test(basename(path))
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Numbers of the files in `names` that match a printf-style `pattern` basename. */
function numbersMatching(pattern: string, names: string[]): number[] {
  const m = printfNumber.exec(pattern)
  if (!m) return []
  const width = m[1] ? Number.parseInt(m[1], 10) : 0
  const before = pattern.slice(0, m.index).replaceAll('%%', '%')
  const after = pattern.slice(m.index + m[0].length).replaceAll('%%', '%')
  const digits = width > 0 ? `(\\d{${width},})` : '(\\d+)'
  const re = new RegExp(`^${escapeRegExp(before)}${digits}${escapeRegExp(after)}$`)
  const found: number[] = []
  for (const name of names) {
    const hit = re.exec(name)
    if (hit?.[1] !== undefined) found.push(Number.parseInt(hit[1], 10))
  }
  return found.sort((a, b) => a - b)
}

function consecutiveRun(sorted: number[]): { start: number; count: number } {
  const start = sorted[0] ?? 0
  let count = 0
  for (const n of sorted) {
    if (n === start + count) count++
    else if (n > start + count) break
  }
  return { start, count }
}

function gapWarning(pattern: string, run: { start: number; count: number }, total: number) {
  return {
    code: 'truncated' as const,
    message:
      `The sequence ${pattern} has a gap after frame ${run.start + run.count - 1}: ` +
      `${total - run.count} later files are skipped. Renumber the frames without gaps to import them all.`,
    lastGoodSec: undefined,
  }
}

async function sequenceFromPattern(path: string, fps: number): Promise<MediaInput> {
  const dir = dirname(path)
  let names: string[]
  try {
    names = await readdir(dir)
  } catch (error) {
    throw fsError(error, path)
  }
  const numbers = numbersMatching(basename(path), names)
  if (numbers.length === 0) throw mediaError('missing', path, 'no file matches the pattern')
  const run = consecutiveRun(numbers)
  const firstFile = join(
    dir,
    basename(path)
      .replace(printfNumber, (_, w: string) => {
        const width = w ? Number.parseInt(w, 10) : 0
        return String(run.start).padStart(width, '0')
      })
      .replaceAll('%%', '%'),
  )
  await checkReadable(firstFile, path)
  const warnings = run.count < numbers.length ? [gapWarning(path, run, numbers.length)] : []
  return makeSequenceInput(
    path,
    { pattern: path, startNumber: run.start, count: run.count, fps, firstFile },
    warnings,
  )
}

function makeSequenceInput(
  path: string,
  sequence: ImageSequence,
  warnings: MediaWarning[],
): MediaInput {
  return {
    path,
    kind: 'sequence',
    inputArgs: [
      '-f',
      'image2',
      '-framerate',
      String(sequence.fps),
      '-start_number',
      String(sequence.startNumber),
      '-i',
      sequence.pattern,
    ],
    sequence,
    cacheKey: `seq:${sequence.pattern}:${sequence.startNumber}:${sequence.count}:${sequence.fps}`,
    warnings,
  }
}

/**
 * A folder of images: the largest group of numbered PNG/JPG files sharing a name prefix and
 * extension becomes the sequence (so a stray thumbnail or a notes.txt does not break import).
 */
async function sequenceFromFolder(path: string, fps: number): Promise<MediaInput> {
  let names: string[]
  try {
    names = await readdir(path)
  } catch (error) {
    throw fsError(error, path)
  }
  const groups = new Map<string, { prefix: string; ext: string; numbers: string[] }>()
  for (const name of names) {
    const ext = extname(name)
    if (!imageExtensions.has(ext.toLowerCase())) continue
    const m = /^(.*?)(\d+)$/.exec(name.slice(0, -ext.length))
    if (!m) continue
    const prefix = m[1] ?? ''
    const key = `${prefix}\u0000${ext}`
    const group = groups.get(key) ?? { prefix, ext, numbers: [] }
    group.numbers.push(m[2] ?? '')
    groups.set(key, group)
  }
  const best = [...groups.values()].sort((a, b) => b.numbers.length - a.numbers.length)[0]
  if (!best) {
    throw mediaError('notMedia', path, 'the folder holds no numbered PNG or JPG files')
  }
  const widths = new Set(best.numbers.map((n) => n.length))
  const padded = widths.size === 1 && best.numbers.some((n) => n.startsWith('0'))
  const width = best.numbers[0]?.length ?? 1
  const numberSpec = padded || widths.size === 1 ? `%0${width}d` : '%d'
  const pattern = join(path, `${best.prefix.replaceAll('%', '%%')}${numberSpec}${best.ext}`)
  const sorted = best.numbers.map((n) => Number.parseInt(n, 10)).sort((a, b) => a - b)
  const run = consecutiveRun(sorted)
  const firstName = best.numbers.find((n) => Number.parseInt(n, 10) === run.start) ?? ''
  const firstFile = join(path, `${best.prefix}${firstName}${best.ext}`)
  await checkReadable(firstFile, firstFile)
  const warnings = run.count < sorted.length ? [gapWarning(pattern, run, sorted.length)] : []
  return makeSequenceInput(
    path,
    { pattern, startNumber: run.start, count: run.count, fps, firstFile },
    warnings,
  )
}

/**
 * Resolves what the user picked (a file, a folder of frames, or a printf pattern) into ffmpeg
 * input arguments, failing early with `missing` / `permission` / `notMedia` where the filesystem
 * already tells.
 */
export async function resolveMediaInput(
  path: string,
  sequenceFps: number = DEFAULT_SEQUENCE_FPS,
): Promise<MediaInput> {
  if (!(sequenceFps > 0) || !Number.isFinite(sequenceFps)) {
    throw new RangeError(`sequenceFps must be a positive number, got ${sequenceFps}`)
  }
  let info
  try {
    info = await stat(path)
  } catch (error) {
    if (errnoCode(error) === 'ENOENT' && isSequencePattern(path)) {
      return sequenceFromPattern(path, sequenceFps)
    }
    throw fsError(error, path)
  }
  if (info.isDirectory()) return sequenceFromFolder(path, sequenceFps)
  await checkReadable(path, path)
  if (info.size === 0) throw mediaError('notMedia', path, 'the file is empty')
  return {
    path,
    kind: 'file',
    inputArgs: ['-i', path],
    cacheKey: `file:${path}:${info.size}:${info.mtimeMs}:${sequenceFps}`,
    warnings: [],
  }
}
