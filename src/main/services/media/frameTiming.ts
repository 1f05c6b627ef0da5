/** A time base: one tick is `num / den` seconds (ffmpeg's AVRational). */
export interface TimeBase {
  num: number
  den: number
}

/** Seconds for a tick count, multiplying before dividing so 7 ticks of 1/24 give exactly 7/24. */
export function ticksToSec(ticks: number, timeBase: TimeBase): number {
  return (ticks * timeBase.num) / timeBase.den
}

/** "1/12800" -> { num: 1, den: 12800 }; undefined for malformed or zero values. */
export function parseTimeBase(text: string | undefined): TimeBase | undefined {
  const m = text ? /^(\d+)[/:](\d+)$/.exec(text.trim()) : null
  if (!m) return undefined
  const num = Number(m[1])
  const den = Number(m[2])
  return num > 0 && den > 0 ? { num, den } : undefined
}

/** Frame timing of a clip, derived from its packet timestamps without decoding. */
export interface FrameTiming {
  /** Presentation time of each frame in seconds from the first frame, ascending. */
  times: Float64Array
  /** Stream time (seconds) of the first frame; decoded pts minus this is clip time. */
  startSec: number
  /** The same in stream ticks, and the stream's time base, for exact subtraction. */
  startTicks: number
  timeBase: TimeBase
  durationSec: number
  fps: number
  vfr: boolean
}

/**
 * Times closer than this are the same frame time. Far below any frame interval, and it absorbs
 * float rounding between `k / fps` written by a caller and the tick arithmetic done here.
 */
export const TIME_EPSILON_SEC = 1e-6

/**
 * Analyses presentation timestamps (in stream ticks, any order: packets come in decode order).
 * A clip is variable-frame-rate when some interval differs from the median interval by more than
 * 10 % and by more than 1.5 ticks, so the 33/34 ms alternation of 29.97 fps in Matroska's
 * millisecond time base stays constant while phone footage that drops or stretches frames does not.
 *
 * @param ticks presentation timestamps in ticks of `timeBase`
 * @param lastDurationTicks duration of the last frame in ticks, when the container says
 * @param nominalFps the stream's declared rate, used when it agrees with the measured one
 */
export function analyseFrameTimes(
  ticks: number[],
  timeBase: TimeBase,
  lastDurationTicks: number | undefined,
  nominalFps: number | undefined,
): FrameTiming {
  const sorted = [...ticks].sort((a, b) => a - b)
  const first = sorted[0] ?? 0
  const times = Float64Array.from(sorted, (t) => ticksToSec(t - first, timeBase))
  const deltas: number[] = []
  for (let i = 1; i < sorted.length; i++)
    deltas.push((sorted[i] as number) - (sorted[i - 1] as number))
  const median = [...deltas].sort((a, b) => a - b)[deltas.length >> 1]
  let vfr = false
  if (median !== undefined && median > 0) {
    const tolerance = Math.max(0.1 * median, 1.5)
    vfr = deltas.some((d) => Math.abs(d - median) > tolerance)
  }
  const span = (times[times.length - 1] ?? 0) - (times[0] ?? 0)
  // The mean interval, not the median: 29.97 fps in milliseconds is 33 or 34, never 33.37.
  const measuredFps = span > 0 ? (times.length - 1) / span : undefined
  let fps: number
  if (vfr) {
    fps = measuredFps ?? nominalFps ?? 0
  } else if (nominalFps && (!measuredFps || Math.abs(nominalFps / measuredFps - 1) < 0.02)) {
    fps = nominalFps
  } else {
    fps = measuredFps ?? nominalFps ?? 0
  }
  const lastDuration =
    lastDurationTicks && lastDurationTicks > 0
      ? ticksToSec(lastDurationTicks, timeBase)
      : median
        ? ticksToSec(median, timeBase)
        : fps > 0
          ? 1 / fps
          : 0
  // Rounded to the nanosecond so 1.64 + 0.04 reads 1.68, not 1.6800000000000002.
  const durationSec = Math.round(((times[times.length - 1] ?? 0) + lastDuration) * 1e9) / 1e9
  return {
    times,
    startSec: ticksToSec(first, timeBase),
    startTicks: first,
    timeBase,
    durationSec,
    fps,
    vfr,
  }
}

/** Timing of a clip whose frames are evenly spaced by definition (image sequences, stills). */
export function evenFrameTimes(count: number, fps: number): FrameTiming {
  return {
    times: Float64Array.from({ length: count }, (_, i) => i / fps),
    startSec: 0,
    startTicks: 0,
    timeBase: { num: 1, den: fps },
    durationSec: count / fps,
    fps,
    vfr: false,
  }
}

/**
 * Clip time in seconds of a decoded frame's pts: exact tick subtraction when the decoder's time
 * base is the stream's (so 1.16 s - 0.16 s gives 1, not 1.0000000000000002).
 */
export function clipTime(timing: FrameTiming, pts: number, timeBase: TimeBase): number {
  const same = timeBase.num * timing.timeBase.den === timeBase.den * timing.timeBase.num
  if (same) return ticksToSec(pts - timing.startTicks, timeBase)
  return ticksToSec(pts, timeBase) - timing.startSec
}

/**
 * Index of the frame on screen at clip time `t`: the greatest frame time <= t (binary search).
 * Times before the first frame give 0, times past the end the last frame.
 */
export function frameIndexAt(times: Float64Array, t: number): number {
  let lo = 0
  let hi = times.length - 1
  if (hi < 0) return 0
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((times[mid] as number) <= t + TIME_EPSILON_SEC) lo = mid
    else hi = mid - 1
  }
  return lo
}
