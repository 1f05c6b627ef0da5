import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { decodeFrameAt, requireTool } from '../media'
import type { DecodedFrame } from '../media'
import { previewFrameFile, rgbaToJpegArgs } from './previewJpeg'

/*
 * Preview frames before their build reaches them. A clip's preview is built front to back and
 * published whole at the end, which for a one-minute clip takes a minute or more; meanwhile the
 * viewport asks for whatever frame the animator looks at. A frame the build has written is read
 * from its folder; any other is decoded on its own, the latest request first.
 */

/** A preview build under way: its clip, its folder and the clip's frame times. */
interface Underway {
  path: string
  folder: string
  times: readonly number[]
  maxSide: number
  /** One decode at a time; a request that waits is replaced by a newer one. */
  waiting: {
    index: number
    resolve: (jpeg: Uint8Array | null) => void
    reject: (e: Error) => void
  } | null
  /** Stops the decode under way (null: none) when a newer request makes it moot. */
  decoding: AbortController | null
  /** The frame asked for last (-1: none yet): playback asks frame after frame. */
  lastAsked: number
}

const underway = new Map<string, Underway>()

/** Registers a build under way for preview `key`; the function returned unregisters it. */
export function markUnderway(
  key: string,
  build: { path: string; folder: string; times: readonly number[]; maxSide: number },
): () => void {
  const entry: Underway = {
    ...build,
    waiting: null,
    decoding: null,
    lastAsked: -1,
  }
  underway.set(key, entry)
  return () => {
    if (underway.get(key) === entry) underway.delete(key)
  }
}

/**
 * Preview frame `index` of a build under way; undefined when no build of `key` runs. A frame
 * loaded ahead of the playhead (`ahead`) is not decoded on its own: null until the build has it.
 * Null too for a request that a newer one replaced before its frame was decoded.
 */
export async function frameWhileBuilding(
  key: string,
  index: number,
  ahead = false,
): Promise<Uint8Array | null | undefined> {
  const build = underway.get(key)
  if (!build || index >= build.times.length) return undefined
  const written = await readWholeJpeg(join(build.folder, previewFrameFile(index)))
  if (written) return written
  if (ahead) return null
  return new Promise((resolve, reject) => {
    // A request replaced by a newer one gets null, as a frame not ready yet does: the viewport
    // no longer shows it, and it is no error.
    build.waiting?.resolve(null)
    build.waiting = { index, resolve, reject }
    if (isJump(build.times, build.lastAsked, index)) build.decoding?.abort()
    build.lastAsked = index
    if (!build.decoding) void decodeWaiting(build)
  })
}

/** Decodes the waiting request, then the one that came meanwhile, until none waits. */
async function decodeWaiting(build: Underway): Promise<void> {
  while (build.waiting) {
    const { index, resolve, reject } = build.waiting
    build.waiting = null
    // The build may write this frame first (frame 0 of a fresh import, on a busy machine): take
    // whichever comes first, and stop the other.
    const done = new AbortController()
    // Set before the first await, so a request arriving meanwhile sees a decode under way.
    build.decoding = done
    try {
      resolve(
        await Promise.race([
          decodeFrameAt(build.path, build.times[index]!, build.maxSide, {
            signal: done.signal,
          }).then(encodeJpeg),
          writtenByBuild(build, index, done.signal),
        ]),
      )
    } catch (error) {
      if (done.signal.aborted) resolve(null)
      else reject(error instanceof Error ? error : new Error(String(error)))
    } finally {
      done.abort()
      build.decoding = null
    }
  }
}

/**
 * Whether asking for frame `to` right after frame `from` is a jump, which makes the decode under
 * way moot. Each decode seeks to the keyframe before its frame and decodes forward, which can
 * take seconds on a long-GOP clip: after a jump (back, or more than a second ahead) finishing
 * it would only double the wait. Playback asks frame after frame and steps forward: the decode
 * under way finishes, so the picture keeps moving.
 */
function isJump(times: readonly number[], from: number, to: number): boolean {
  if (from < 0) return false
  const dt = (times[to] ?? 0) - (times[from] ?? 0)
  return dt < 0 || dt > JUMP_SEC
}

const JUMP_SEC = 1

/** Resolves with the frame once the build has written it; never settles if `stop` fires first. */
async function writtenByBuild(
  build: Underway,
  index: number,
  stop: AbortSignal,
): Promise<Uint8Array> {
  const file = join(build.folder, previewFrameFile(index))
  while (!stop.aborted) {
    const written = await readWholeJpeg(file)
    if (written) return written
    await new Promise((wake) => setTimeout(wake, WRITTEN_POLL_MS))
  }
  return new Promise(() => undefined)
}

const WRITTEN_POLL_MS = 100

/** A JPEG file the encoder has finished (it ends with the end-of-image marker), else undefined. */
async function readWholeJpeg(file: string): Promise<Uint8Array | undefined> {
  try {
    const bytes = new Uint8Array(await readFile(file))
    const n = bytes.length
    return n > 4 && bytes[n - 2] === 0xff && bytes[n - 1] === 0xd9 ? bytes : undefined
  } catch {
    return undefined
  }
}

/** One RGBA frame as JPEG, at the quality of the preview build. */
function encodeJpeg(frame: DecodedFrame): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const ffmpeg = spawn(
      requireTool('ffmpeg'),
      [
        ...rgbaToJpegArgs(frame.width, frame.height),
        '-frames:v',
        '1',
        '-f',
        'image2pipe',
        '-c:v',
        'mjpeg',
        'pipe:1',
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    )
    const out: Buffer[] = []
    let stderr = ''
    ffmpeg.stdout.on('data', (d: Buffer) => out.push(d))
    ffmpeg.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    ffmpeg.stdin.on('error', () => undefined)
    ffmpeg.once('error', reject)
    ffmpeg.once('close', (code) =>
      code === 0 && out.length > 0
        ? resolve(new Uint8Array(Buffer.concat(out)))
        : reject(new Error(`encoding a preview frame failed: ${stderr.trim()}`)),
    )
    ffmpeg.stdin.end(frame.rgba)
  })
}
