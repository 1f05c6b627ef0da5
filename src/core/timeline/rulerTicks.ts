import type { TimeDisplay } from './timecode'
import { timecodeBase } from './timecode'

/**
 * Tick spacing for a time ruler: labelled major ticks at least `minLabelPx` apart and unlabelled
 * minor ticks between them. In frame display the steps are 1-2-5 multiples; in timecode display
 * they are whole frames below a second and whole seconds or minutes above, so labels land on
 * round times.
 */
export interface RulerTicks {
  /** Frames between labelled ticks. */
  major: number
  /** Frames between small ticks; divides `major`. */
  minor: number
}

const FRAME_STEPS = niceSteps()

function niceSteps(): number[] {
  const steps: number[] = []
  for (let p = 1; p <= 1e7; p *= 10) steps.push(p, 2 * p, 5 * p)
  return steps
}

function secondSteps(base: number): number[] {
  const frameSteps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600]
  const belowSecond = [1, 2, 5, 10].filter((s) => s < base && base % s === 0)
  const half = base % 2 === 0 && base / 2 > 10 ? [base / 2] : []
  return [...belowSecond, ...half, ...frameSteps.map((s) => s * base)]
}

export function rulerTicks(
  pxPerFrame: number,
  fps: number,
  display: TimeDisplay,
  minLabelPx: number,
): RulerTicks {
  const base = timecodeBase(fps)
  const steps = display === 'frames' ? FRAME_STEPS : secondSteps(base)
  const major = steps.find((s) => s * pxPerFrame >= minLabelPx) ?? steps.at(-1)!
  const minor = minorStep(major, pxPerFrame, display === 'timecode' ? base : 0)
  return { major, minor }
}

/** The finest divisor of `major` whose ticks stay at least 5 px apart. */
function minorStep(major: number, pxPerFrame: number, base: number): number {
  const candidates =
    base > 0 && major >= base
      ? [major / 10, major / 6, major / 5, major / 4, major / 2, base, base / 2]
      : [major / 10, major / 5, major / 2]
  const ok = candidates
    .filter((s) => Number.isInteger(s) && s >= 1 && major % s === 0 && s * pxPerFrame >= 5)
    .sort((a, b) => a - b)
  return ok[0] ?? major
}

/** The first multiple of `step` at or after `frame`. */
export function firstTick(frame: number, step: number): number {
  return Math.ceil(frame / step) * step
}
