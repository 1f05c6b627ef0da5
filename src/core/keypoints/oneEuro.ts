import { clipTorsoSize } from './geometry'
import type { ImageLandmark, PoseSequence } from './types'

/**
 * One Euro filter settings (Casiez, Roussel and Vogel, CHI 2012): an adaptive low-pass whose
 * cutoff rises with speed, so slow motion is smoothed hard (jitter gone) and fast motion keeps up
 * (little lag). Speeds are measured in torso lengths per second, so one setting suits any
 * resolution and any distance to the camera.
 */
export interface OneEuroOptions {
  enabled: boolean
  /** Cutoff at rest, Hz. Lower: smoother and laggier when still. */
  minCutoff: number
  /** How fast the cutoff grows with speed, Hz per (torso length / s). */
  beta: number
  /** Cutoff for the speed estimate itself, Hz. */
  derivativeCutoff: number
  /**
   * Run the filter forwards and backwards and average the two: the forward pass lags motion and
   * the backward pass leads it by the same amount, so the average has no lag. Possible because
   * whole clips are cleaned offline; switch off to match a live (causal) filter.
   */
  zeroPhase: boolean
}

export const defaultOneEuroOptions: OneEuroOptions = {
  enabled: true,
  minCutoff: 1.0,
  beta: 0.8,
  derivativeCutoff: 1.0,
  zeroPhase: true,
}

function alpha(cutoffHz: number, dtSec: number): number {
  const tau = 1 / (2 * Math.PI * cutoffHz)
  return 1 / (1 + tau / dtSec)
}

/** A One Euro filter for one scalar signal. */
export class OneEuroFilter {
  private x: number | undefined
  private dx = 0
  private t: number | undefined
  constructor(private readonly options: Omit<OneEuroOptions, 'enabled'>) {}

  reset(): void {
    this.x = undefined
    this.t = undefined
    this.dx = 0
  }

  /** Filters `value` sampled at `timeSec`; the first sample passes through. */
  filter(value: number, timeSec: number): number {
    if (this.x === undefined || this.t === undefined || timeSec <= this.t) {
      this.x = value
      this.t = timeSec
      this.dx = 0
      return value
    }
    const dt = timeSec - this.t
    const rawDx = (value - this.x) / dt
    this.dx += alpha(this.options.derivativeCutoff, dt) * (rawDx - this.dx)
    const cutoff = this.options.minCutoff + this.options.beta * Math.abs(this.dx)
    this.x += alpha(cutoff, dt) * (value - this.x)
    this.t = timeSec
    return this.x
  }
}

/**
 * Smooths x, y and z of every landmark through time. A frame with no person restarts the
 * filters, so motion on either side of a gap is not dragged across it.
 */
export function oneEuroSmooth(sequence: PoseSequence, options: OneEuroOptions): PoseSequence {
  if (!options.enabled) return sequence
  const forward = oneEuroPass(sequence, options, false)
  if (!options.zeroPhase) return { ...sequence, frames: forward }
  const backward = oneEuroPass(sequence, options, true)
  const frames = forward.map((frame, f) => {
    const back = backward[f]
    if (!frame || !back) return frame
    return frame.map((p, j): ImageLandmark => {
      const q = back[j] as ImageLandmark
      return [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2, (p[2] + q[2]) / 2, p[3], p[4]]
    })
  })
  return { ...sequence, frames }
}

/** One causal pass, forwards or backwards in time; frames come back in their original order. */
function oneEuroPass(
  sequence: PoseSequence,
  options: OneEuroOptions,
  reverse: boolean,
): (ImageLandmark[] | null)[] {
  const scale = clipTorsoSize(sequence.frames)
  const filters = Array.from({ length: 33 * 3 }, () => new OneEuroFilter(options))
  const order = sequence.frames.map((_, f) => (reverse ? sequence.frames.length - 1 - f : f))
  const out: (ImageLandmark[] | null)[] = new Array(sequence.frames.length).fill(null)
  for (const f of order) {
    const frame = sequence.frames[f]
    if (!frame) {
      for (const filter of filters) filter.reset()
      continue
    }
    // Backwards, time runs negative so the filter still sees it increase.
    const t = (reverse ? -1 : 1) * (sequence.times[f] as number)
    out[f] = frame.map((p, j): ImageLandmark => {
      const out = [...p] as ImageLandmark
      if (p[4] <= 0) {
        // An absent landmark (a gap too long to fill) has no position to smooth towards.
        for (let k = 0; k < 3; k++) (filters[j * 3 + k] as OneEuroFilter).reset()
        return out
      }
      for (let k = 0; k < 3; k++) {
        out[k] = (filters[j * 3 + k] as OneEuroFilter).filter((p[k] as number) / scale, t) * scale
      }
      return out
    })
  }
  return out
}
