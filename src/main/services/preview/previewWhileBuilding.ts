import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { decodeFrameAt, requireTool } from '../media'
import type { DecodedFrame } from '../media'
import { previewFrameFile, readWholeJpeg, rgbaToJpegArgs } from './previewJpeg'
import type { BuildUnderway, PreviewFrame } from './previewRunAhead'
import { RunAhead } from './previewRunAhead'

/*
 * Preview frames before their build reaches them. A clip's preview is built front to back and
 * published whole at the end, which for a one-minute clip takes a minute or more; meanwhile the
 * viewport asks for whatever frame the animator looks at. A frame the build has written is read
 * from its folder; during playback past the build, a run-ahead decodes on from the playhead
 * (see previewRunAhead); any other frame is decoded on its own, the latest request first.
 */

/** A preview build under way: its clip, its folder and the clip's frame times. */
interface Underway extends BuildUnderway {
  /** One decode at a time; a request that waits is replaced by a newer one. */
  waiting: {
    index: number
    resolve: (frame: PreviewFrame | null) => void
    reject: (e: Error) => void
  } | null
  /** Stops the decode under way (null: none) when a newer request makes it moot. */
  decoding: AbortController | null
  /** The frame asked for last (-1: none yet): playback asks frame after frame. */
  lastAsked: number
  /** The decoder running ahead of playback past the build, if any; `runs` numbers them. */
  runAhead: RunAhead | null
  runs: number
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
    runAhead: null,
    runs: 0,
  }
  underway.set(key, entry)
  return () => {
    entry.runAhead?.stop()
    if (underway.get(key) === entry) underway.delete(key)
  }
}

/**
 * Preview frame `index` of a build under way; undefined when no build of `key` runs. A frame
 * loaded ahead of the playhead (`ahead`) is not decoded on its own: null until the build has it.
 * Null too for a request that a newer one replaced before its frame was decoded. With `near`, an
 * earlier frame may come instead, with its index: the newest one a lagging run ahead has.
 */
export async function frameWhileBuilding(
  key: string,
  index: number,
  ahead = false,
  near = false,
): Promise<PreviewFrame | null | undefined> {
  const build = underway.get(key)
  if (!build || index >= build.times.length) return undefined
  const name = previewFrameFile(index)
  const written =
    (await readWholeJpeg(join(build.folder, name))) ??
    (build.runAhead && (await readWholeJpeg(join(build.runAhead.folder, name))))
  // Prefetches say where the playhead is as well as requests do: the run ahead keeps its lead.
  if (build.runAhead?.covers(index)) build.runAhead.ask(index)
  if (written) return { index, jpeg: written }
  if (ahead) return null
  // Asked for the nearest frame there is: the run ahead's newest, when it lags behind playback.
  const latest = near && build.runAhead?.covers(index) && (await build.runAhead.latestBefore(index))
  if (latest) return latest
  return new Promise((resolve, reject) => {
    // A request replaced by a newer one gets null, as a frame not ready yet does: the viewport
    // no longer shows it, and it is no error.
    build.waiting?.resolve(null)
    build.waiting = { index, resolve, reject }
    const jump = isJump(build.times, build.lastAsked, index)
    const onward = !jump && build.lastAsked >= 0 && index > build.lastAsked
    build.lastAsked = index
    if (jump) {
      build.decoding?.abort()
      build.runAhead?.stop()
      build.runAhead = null
    } else if (onward && !build.runAhead?.covers(index)) {
      // Frame after frame: playback. Decode on from here in one run instead of a seek a frame.
      build.runAhead?.stop()
      build.runAhead = new RunAhead(build, index, ++build.runs)
      build.decoding?.abort()
    }
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
      const run = build.runAhead?.covers(index) ? build.runAhead : null
      const jpeg = run
        ? ((await run.frame(index, done.signal)) ?? (await decodeAlone(build, index, done.signal)))
        : await Promise.race([
            decodeAlone(build, index, done.signal),
            writtenByBuild(build, index, done.signal),
          ])
      resolve({ index, jpeg })
    } catch (error) {
      if (done.signal.aborted) resolve(null)
      else reject(error instanceof Error ? error : new Error(String(error)))
    } finally {
      done.abort()
      build.decoding = null
    }
  }
}

/** Frame `index` decoded on its own: a seek to the keyframe before it, then forward. */
function decodeAlone(build: Underway, index: number, signal: AbortSignal): Promise<Uint8Array> {
  return decodeFrameAt(build.path, build.times[index]!, build.maxSide, { signal }).then(encodeJpeg)
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
