import type { WireReady, WireResult } from '../../../core/keypoints/detectorProtocol'
import { personFromWire } from '../../../core/keypoints/fromWire'
import type { DetectionFrame, DetectionSettings, RawDetection } from '../../../core/keypoints/types'
import { defaultDetectionSettings } from '../../../core/keypoints/types'
import { decodeFrames, probeDetails, probeMedia } from '../media'
import type { MediaWarning, ProbeResult } from '../media'
import { trackCacheDir } from './cacheDir'
import { footageHash } from './footageHash'
import { DetectionCancelled } from './frameFeed'
import type { Lane } from './detectionLanes'
import { FrameTimes, framesToDetect, laneCount, planLanes } from './detectionLanes'
import type { DetectorBackend } from './detectorRun'
import { launchDetector } from './launchDetector'
import { detectionCacheKey, TrackCache } from './trackCache'

/** Progress of a detection run; `etaSec` is undefined until a few frames give a rate. */
export interface DetectionProgress {
  done: number
  total: number
  /** Frames per second over this run so far. */
  fps: number
  etaSec: number | undefined
  /** Frames taken from an interrupted earlier run. */
  resumed: number
}

export interface DetectFootageOptions {
  settings?: Partial<DetectionSettings>
  signal?: AbortSignal
  onProgress?: (progress: DetectionProgress) => void
  onReady?: (info: WireReady) => void
  /** A running detector to reuse (tests, benches, the app's hidden window); else one is launched. */
  backend?: DetectorBackend
  /** Defaults to TOONMO_CACHE_DIR/tracks or ~/.cache/toonmo/tracks. */
  cacheDir?: string
  /** Skip the finished-clip cache (a partial run still resumes). */
  noCache?: boolean
  /** Detect only up to this time, seconds (part of the cache key). */
  endSec?: number
  /**
   * Damage in the footage, each distinct message once: what the probe found (a file cut off
   * short, frames too large) and what decoding runs into. The frames before the damage stand.
   */
  onWarning?: (warning: MediaWarning) => void
  /**
   * Run below normal priority (decoders and a launched detector): the app does, so that the
   * animator's window and the frame under the playhead come first. The CLI does not: there
   * detection is what the user is waiting for.
   */
  background?: boolean
}

export interface DetectFootageResult {
  raw: RawDetection
  /** True when nothing was detected because the cache had the clip. */
  fromCache: boolean
  cacheKey: string
  ready?: WireReady
}

/**
 * Detects every frame of footage (video, still image or image sequence): decodes it with the
 * media service at `maxSide`, feeds the detector page in order, and returns every person's
 * landmarks in source pixels. Cached by footage hash + settings, so the same clip is never
 * detected twice; each frame is also appended to a partial file as it arrives, so a cancelled or
 * crashed run loses no frame it detected: the next run detects only the others. Throws
 * DetectionCancelled when `signal` aborts.
 */
export async function detectFootage(
  path: string,
  options: DetectFootageOptions = {},
): Promise<DetectFootageResult> {
  const settings: DetectionSettings = { ...defaultDetectionSettings, ...options.settings }
  const probe = await probeMedia(path)
  const warn = eachDamageOnce(options.onWarning)
  // Said even when the cache answers: the file is as damaged as it was the first time.
  for (const warning of probe.warnings) warn(warning)
  const cache = new TrackCache(options.cacheDir ?? trackCacheDir())
  const endSec = options.endSec
  const cacheKey = detectionCacheKey(
    endSec === undefined ? footageHash(path) : `${footageHash(path)}:until${endSec}`,
    settings,
  )
  const cached = options.noCache ? undefined : cache.load(cacheKey)
  if (cached) return { raw: cached, fromCache: true, cacheKey }

  // A run of this process on the same clip and settings (two windows, two callers): wait for it,
  // then take its result from the cache, or resume after it if it was cancelled. Two runs must
  // never detect the same frames twice or append to one partial file. (Other processes are kept
  // out by the cache's lock file.)
  const slot = `${cache.dir}\n${cacheKey}`
  for (let other = runsInProcess.get(slot); other; other = runsInProcess.get(slot)) {
    await Promise.race([other.catch(() => undefined), whenAborted(options.signal)])
    if (options.signal?.aborted) throw new DetectionCancelled()
  }
  const run = (async () => {
    const unlock = cache.lock(cacheKey)
    try {
      // Another run may have finished this clip while we probed or waited.
      const finished = options.noCache ? undefined : cache.load(cacheKey)
      if (finished) return { raw: finished, fromCache: true, cacheKey }
      return await detectUncached(path, probe, cache, cacheKey, settings, endSec, options, warn)
    } finally {
      unlock()
    }
  })()
  runsInProcess.set(slot, run)
  try {
    return await run
  } finally {
    if (runsInProcess.get(slot) === run) runsInProcess.delete(slot)
  }
}

/** Detections running in this process, by cache folder and key. */
const runsInProcess = new Map<string, Promise<DetectFootageResult>>()

/** Resolves when `signal` aborts (at once if it has); never without one. */
function whenAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) resolve()
    else signal?.addEventListener('abort', () => resolve(), { once: true })
  })
}

async function detectUncached(
  path: string,
  probe: ProbeResult,
  cache: TrackCache,
  cacheKey: string,
  settings: DetectionSettings,
  endSec: number | undefined,
  options: DetectFootageOptions,
  warn: (warning: MediaWarning) => void,
): Promise<DetectFootageResult> {
  // What an interrupted run detected, from any of its lanes: kept, and not detected again.
  const frames = uniqueByTime(cache.loadPartial(cacheKey))
  const resumed = frames.length
  cache.beginPartial(
    cacheKey,
    { settings, fps: probe.fps, width: probe.width, height: probe.height },
    frames,
  )
  const expected =
    endSec === undefined
      ? probe.frameCount
      : Math.min(probe.frameCount, Math.ceil(endSec * probe.fps))
  const total = Math.max(expected, resumed)
  let ready: WireReady | undefined

  const done = new FrameTimes(frames.map((f) => f.time))
  const { timing } = await probeDetails(path)
  const left = framesToDetect(timing.times, done, endSec)
  // A clip whose frame table lists nothing (or less than the decoder gives) is decoded whole.
  if (left.length > 0 || (resumed < expected && timing.times.length === 0) || resumed === 0) {
    const first = left[0] ?? 0
    const last = left[left.length - 1] ?? 0
    // From the first frame not yet detected; frames detected before are skipped as they decode.
    const whole: Lane = { startSec: first > 0 ? timing.times[first] : undefined, endSec }
    if (options.signal?.aborted) throw new DetectionCancelled()
    // Nothing may await between the launch and the try below, which closes what was launched.
    const backend = options.backend ?? (await launchDetector({ background: options.background }))
    const lanes = planLanes(timing.times, first, last, laneCount(Math.max(1, left.length)), whole)
    // The rate counts from the first result, so model loading does not spoil the ETA.
    let firstAt: number | undefined
    let doneThisRun = 0
    const onResult = (result: WireResult): void => {
      const frame: DetectionFrame = {
        time: result.time,
        people: result.poses.map((p) => personFromWire(p, probe.width, probe.height)),
      }
      // Saved as it arrives, whichever lane it came from, so a cancel or crash loses nothing.
      frames.push(frame)
      cache.appendPartial(cacheKey, frame)
      doneThisRun++
      firstAt ??= performance.now()
      const elapsed = (performance.now() - firstAt) / 1000
      const fps = doneThisRun > 1 ? (doneThisRun - 1) / Math.max(elapsed, 1e-6) : 0
      const remaining = Math.max(0, total - frames.length)
      options.onProgress?.({
        done: frames.length,
        total,
        fps,
        etaSec: doneThisRun >= 3 && fps > 0 ? remaining / fps : undefined,
        resumed,
      })
    }
    // One lane failing stops the others; the caller's cancel stops them all, including a cancel
    // that came while the browser was starting (an abort event before the listener is missed).
    const stop = new AbortController()
    const onCancel = (): void => stop.abort()
    options.signal?.addEventListener('abort', onCancel, { once: true })
    if (options.signal?.aborted) stop.abort()
    try {
      const runs = lanes.map(async (lane) => {
        try {
          await backend.run({
            frames: framesNotIn(
              decodeFrames(path, {
                maxSide: settings.maxSide,
                ...(lane.startSec === undefined ? {} : { startSec: lane.startSec }),
                ...(lane.endSec === undefined ? {} : { endSec: lane.endSec }),
                signal: stop.signal,
                background: options.background ?? false,
                onWarning: warn,
              }),
              done,
            ),
            settings,
            onResult,
            onReady: (info) => {
              if (ready) return
              ready = info
              options.onReady?.(info)
            },
            signal: stop.signal,
          })
        } catch (error) {
          stop.abort()
          throw error
        }
      })
      const settled = await Promise.allSettled(runs)
      if (options.signal?.aborted) throw new DetectionCancelled()
      // The first lane that failed for a reason of its own, not because another lane stopped it.
      const failures = settled.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
      const cause = failures.find((e) => !(e instanceof DetectionCancelled)) ?? failures[0]
      if (cause !== undefined) throw cause
    } finally {
      options.signal?.removeEventListener('abort', onCancel)
      if (!options.backend) await backend.close()
    }
  }
  const raw: RawDetection = {
    format: 'toonmo.detection',
    version: 1,
    settings,
    fps: probe.fps,
    width: probe.width,
    height: probe.height,
    // Lanes and resumed runs add frames out of order.
    frames: uniqueByTime(frames),
  }
  cache.save(cacheKey, raw)
  return { raw, fromCache: false, cacheKey, ...(ready ? { ready } : {}) }
}

/**
 * Passes each piece of damage on once. The probe and several decoding lanes can meet the same
 * damage: the same message, or the probe's "cut off" and a lane's "decoded N of M frames" about
 * the same cut (within half a second of each other).
 */
function eachDamageOnce(
  report: ((warning: MediaWarning) => void) | undefined,
): (warning: MediaWarning) => void {
  const said: MediaWarning[] = []
  const sameCut = (a: MediaWarning, b: MediaWarning): boolean =>
    a.code === 'truncated' &&
    b.code === 'truncated' &&
    a.lastGoodSec !== undefined &&
    b.lastGoodSec !== undefined &&
    Math.abs(a.lastGoodSec - b.lastGoodSec) < 0.5
  return (warning) => {
    if (!report) return
    if (said.some((w) => w.message === warning.message || sameCut(w, warning))) return
    said.push(warning)
    report(warning)
  }
}

/** Drops frames detected before (a resumed run), whatever range the decoder's seek gave. */
async function* framesNotIn<T extends { time: number }>(
  frames: AsyncIterable<T>,
  done: FrameTimes,
): AsyncIterable<T> {
  if (done.size === 0) return yield* frames
  for await (const frame of frames) if (!done.has(frame.time)) yield frame
}

/** Frames in time order, each time once (a partial file may repeat a frame after a crash). */
function uniqueByTime(frames: DetectionFrame[]): DetectionFrame[] {
  const sorted = [...frames].sort((a, b) => a.time - b.time)
  return sorted.filter((f, i) => i === 0 || f.time - sorted[i - 1]!.time > 1e-6)
}
