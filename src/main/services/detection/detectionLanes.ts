import { availableParallelism } from 'node:os'

/**
 * Detection in lanes: the clip's remaining frames are cut into consecutive time ranges and each
 * range runs in its own detector page at once. Each page's MediaPipe wasm is single-threaded, so
 * one page uses one core; two lanes on two cores nearly double the frame rate. Each lane tracks
 * on its own (VIDEO mode), so a lane's first frame runs the person detector afresh, like any
 * frame after the person was lost.
 */

/** Fewer frames than this per lane and a second page's model load costs more than it saves. */
export const MIN_LANE_FRAMES = 90
const MAX_LANES = 4

/** How many lanes for `frames` frames on this machine (TOONMO_DETECT_LANES overrides). */
export function laneCount(frames: number, cores = availableParallelism()): number {
  const forced = Number(process.env.TOONMO_DETECT_LANES)
  const wanted = Number.isInteger(forced) && forced >= 1 ? forced : Math.min(MAX_LANES, cores)
  return Math.max(1, Math.min(wanted, Math.floor(frames / MIN_LANE_FRAMES)))
}

/** One lane's time range: frames from the one on screen at `startSec` up to before `endSec`. */
export interface Lane {
  startSec: number | undefined
  endSec: number | undefined
}

/**
 * Cuts the frames at indexes [first, last] of `times` (the clip's frame times) into `lanes`
 * consecutive ranges of near-equal length. Each cut sits exactly on a frame's time, so with the
 * decoder's range rule (start: the frame on screen then; end: exclusive) no frame is lost or
 * decoded twice.
 */
export function planLanes(
  times: ArrayLike<number>,
  first: number,
  last: number,
  lanes: number,
  whole: Lane,
): Lane[] {
  const count = last - first + 1
  if (lanes <= 1 || count < 2) return [whole]
  const n = Math.min(lanes, count)
  const cuts = Array.from(
    { length: n - 1 },
    (_, i) => times[first + Math.round(((i + 1) * count) / n)]!,
  )
  return Array.from({ length: n }, (_, i) => ({
    startSec: i === 0 ? whole.startSec : cuts[i - 1],
    endSec: i === n - 1 ? whole.endSec : cuts[i],
  }))
}

/**
 * Frame times already detected, for resuming an interrupted run. Lanes finish out of order, so
 * what a cancelled run leaves is not a prefix of the clip but any set of frames. The probe's
 * frame table and the decoder reach a frame's time by different arithmetic, hence the tolerance.
 */
export class FrameTimes {
  private readonly sorted: number[]

  constructor(
    times: Iterable<number>,
    private readonly tolerance = 1e-4,
  ) {
    this.sorted = [...times].sort((a, b) => a - b)
  }

  get size(): number {
    return this.sorted.length
  }

  has(time: number): boolean {
    let lo = 0
    let hi = this.sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.sorted[mid]! < time - this.tolerance) lo = mid + 1
      else hi = mid
    }
    return lo < this.sorted.length && this.sorted[lo]! <= time + this.tolerance
  }
}

/** Indexes of the clip's frames (`times`) still to detect: not `done`, and before `endSec`. */
export function framesToDetect(
  times: ArrayLike<number>,
  done: FrameTimes,
  endSec: number | undefined,
): number[] {
  const left: number[] = []
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!
    if (endSec !== undefined && t >= endSec - 1e-6) break
    if (!done.has(t)) left.push(i)
  }
  return left
}
