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
 * Puts results from several lanes back in clip order: lane 0's go straight to `commit`, a later
 * lane's wait until every lane before it has finished. So the committed frames are always a
 * gapless prefix of the clip, which is what resuming after a cancel needs.
 */
export class LaneOrder<T> {
  private current = 0
  private readonly waiting: T[][]
  private readonly finished: boolean[]

  constructor(
    lanes: number,
    private readonly commit: (item: T) => void,
  ) {
    this.waiting = Array.from({ length: lanes }, () => [])
    this.finished = Array.from({ length: lanes }, () => false)
  }

  /** Items waiting behind an unfinished earlier lane. */
  get held(): number {
    return this.waiting.reduce((sum, items) => sum + items.length, 0)
  }

  add(lane: number, item: T): void {
    if (lane === this.current) this.commit(item)
    else this.waiting[lane]!.push(item)
  }

  /** Lane `lane` has given its last item. */
  finish(lane: number): void {
    this.finished[lane] = true
    while (this.finished[this.current] && this.current < this.finished.length - 1) {
      this.current++
      for (const item of this.waiting[this.current]!.splice(0)) this.commit(item)
    }
  }
}
