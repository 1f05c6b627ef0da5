import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { cacheRoot } from '../detection/cacheDir'
import { footageHash } from '../detection/footageHash'
import { decodeFrames, mediaError, probeDetails } from '../media'
import { outputSize } from '../media/frameSize'
import type { JpegWriter } from './jpegWriter'
import { startJpegWriter } from './jpegWriter'
import { previewFrameFile } from './previewJpeg'
import type { PreviewFrame } from './previewRunAhead'
import { frameWhileBuilding, markUnderway } from './previewWhileBuilding'

/** Longest side of the frames the viewport plays. */
export const PREVIEW_MAX_SIDE = 640

export interface PreviewInfo {
  key: string
  width: number
  height: number
  /** Presentation time of each frame, seconds: frame i of the preview is frame i of the clip. */
  times: number[]
}

function previewDir(key: string): string {
  return join(cacheRoot(), 'previews', key)
}

/**
 * Decodes a clip once into small JPEG frames for playback. The frames come from the media
 * service's decoder (the same one keypoint detection uses) and are encoded by a second ffmpeg,
 * so preview frame i is exactly the picture detection saw at times[i]. Cached by footage hash.
 */
async function buildPreview(path: string, options: PreviewOptions = {}): Promise<PreviewInfo> {
  const key = footageHash(path)
  const dir = previewDir(key)
  const infoFile = join(dir, 'preview.json')
  if (existsSync(infoFile)) return JSON.parse(await readFile(infoFile, 'utf8')) as PreviewInfo
  const { result: probe, timing } = await probeDetails(path)
  const building = `${dir}.building-${process.pid}-${randomBytes(4).toString('hex')}`
  await rm(building, { recursive: true, force: true })
  await mkdir(building, { recursive: true })
  // The viewport can show any frame from now on (see previewWhileBuilding), not only at the end.
  const early = outputSize(probe, { maxSide: PREVIEW_MAX_SIDE })
  const probedTimes = Array.from(timing.times)
  const unmark = markUnderway(key, {
    path,
    folder: building,
    times: probedTimes,
    maxSide: PREVIEW_MAX_SIDE,
  })
  if (probedTimes.length > 0) options.onInfo?.({ key, ...early, times: probedTimes })
  const times: number[] = []
  let width = 0
  let height = 0
  let writer: JpegWriter | undefined
  try {
    for await (const frame of decodeFrames(path, {
      maxSide: PREVIEW_MAX_SIDE,
      signal: options.signal,
      background: true,
    })) {
      if (!writer) {
        width = frame.width
        height = frame.height
        writer = startJpegWriter(building, frame, { background: true })
      }
      times.push(frame.time)
      await writer.write(frame)
      options.onProgress?.(times.length, Math.max(probe.frameCount, times.length))
    }
    if (!writer) throw new Error(`${path} has no frames to show.`)
    await writer.finish()
    const info: PreviewInfo = { key, width, height, times }
    await writeFile(join(building, 'preview.json'), JSON.stringify(info))
    await rm(dir, { recursive: true, force: true })
    await rename(building, dir)
    return info
  } catch (error) {
    writer?.kill()
    await rm(building, { recursive: true, force: true })
    throw error
  } finally {
    unmark()
  }
}

interface PreviewOptions {
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
  /**
   * The preview's size and the clip's frame times as soon as the build starts (from the probe),
   * so frames can be shown before it ends; the result has the times of the frames decoded.
   */
  onInfo?: (info: PreviewInfo) => void
}

/** One build of a clip's preview, shared by every caller that asks for it while it runs. */
interface SharedBuild {
  result: Promise<PreviewInfo>
  controller: AbortController
  callers: number
  progress: Set<(done: number, total: number) => void>
  /** Told the early info; a caller that joins later hears it at once. */
  infoListeners: Set<(info: PreviewInfo) => void>
  early?: PreviewInfo
}

const inFlight = new Map<string, SharedBuild>()

/**
 * Decodes a clip once into small JPEG frames for playback (see buildPreview). Concurrent calls
 * for the same clip share one build. Each caller's cancel ends only its own wait; the build
 * stops when every caller has cancelled, so one job's cancel never fails another's.
 */
export function preparePreview(path: string, options: PreviewOptions = {}): Promise<PreviewInfo> {
  if (options.signal?.aborted) return Promise.reject(mediaError('cancelled', path))
  const key = footageHash(path)
  let build = inFlight.get(key)
  if (!build) {
    const controller = new AbortController()
    const progress = new Set<(done: number, total: number) => void>()
    const infoListeners = new Set<(info: PreviewInfo) => void>()
    const started: SharedBuild = {
      result: buildPreview(path, {
        signal: controller.signal,
        onProgress: (done, total) => progress.forEach((tell) => tell(done, total)),
        onInfo: (info) => {
          started.early = info
          infoListeners.forEach((tell) => tell(info))
        },
      }),
      controller,
      callers: 0,
      progress,
      infoListeners,
    }
    const { result } = started
    void result.then(
      () => forget(key, started),
      () => forget(key, started),
    )
    build = started
    inFlight.set(key, build)
  }
  return follow(key, build, path, options)
}

function forget(key: string, build: SharedBuild): void {
  if (inFlight.get(key) === build) inFlight.delete(key)
}

function follow(
  key: string,
  build: SharedBuild,
  path: string,
  { signal, onProgress, onInfo }: PreviewOptions,
): Promise<PreviewInfo> {
  build.callers++
  if (onProgress) build.progress.add(onProgress)
  if (onInfo) {
    build.infoListeners.add(onInfo)
    if (build.early) onInfo(build.early)
  }
  return new Promise((resolve, reject) => {
    let following = true
    const leave = (): void => {
      if (!following) return
      following = false
      build.callers--
      if (onProgress) build.progress.delete(onProgress)
      if (onInfo) build.infoListeners.delete(onInfo)
      signal?.removeEventListener('abort', cancel)
    }
    const cancel = (): void => {
      leave()
      if (build.callers === 0) {
        // Nobody waits any more: stop decoding, and let a later call start afresh.
        forget(key, build)
        build.controller.abort()
      }
      reject(mediaError('cancelled', path))
    }
    signal?.addEventListener('abort', cancel, { once: true })
    build.result.then(
      (info) => {
        leave()
        resolve(info)
      },
      (error: unknown) => {
        leave()
        reject(error instanceof Error ? error : new Error(String(error)))
      },
    )
  })
}

/**
 * One preview frame as JPEG bytes. While the clip's preview is still being built, a frame it has
 * not reached is decoded on its own, except one loaded `ahead` of the playhead: that is null
 * until the build has it.
 */
export async function readPreviewFrame(
  key: string,
  index: number,
  { ahead = false }: { ahead?: boolean } = {},
): Promise<Uint8Array | null> {
  const frame = await readPreviewFrameNear(key, index, { ahead, near: false })
  return frame && frame.jpeg
}

/**
 * Preview frame `index` as readPreviewFrame gives it, with its index; with `near`, while the
 * build runs and playback has run past it, an earlier frame may come instead (the nearest one
 * decoded yet; see previewRunAhead), so the picture moves even where decoding lags behind.
 */
export async function readPreviewFrameNear(
  key: string,
  index: number,
  { ahead = false, near = true }: { ahead?: boolean; near?: boolean } = {},
): Promise<PreviewFrame | null> {
  if (!/^[a-zA-Z0-9_-]+$/.test(key)) throw new Error('bad preview key')
  try {
    const jpeg = new Uint8Array(await readFile(join(previewDir(key), previewFrameFile(index))))
    return { index, jpeg }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    const building = await frameWhileBuilding(key, index, ahead, near)
    if (building !== undefined) return building
    throw new Error(
      `There is no preview frame ${index}: it is past the end of the clip, or the preview ` +
        'cache was cleared. Import the footage again to rebuild it.',
      { cause: error },
    )
  }
}
