import { IN_CH, OUT_CH } from './body15Bones'
import type { CancelSignal } from './errors'
import { RetargetError, throwIfAborted } from './errors'
import type { RetargetSession } from './session'

/** Window length and hop of the reference (reference_retarget.run_model_windows), frames. */
export const WINDOW = 256
export const HOP = 192

export interface WindowOptions {
  window?: number
  hop?: number
  /** Windows per network call; they are independent, so batching only trades memory for speed. */
  batch?: number
  signal?: CancelSignal
  /**
   * Called after each network call with windows done and total. A returned promise is awaited,
   * so a worker can let its messages (a cancel) in before the work goes on.
   */
  onProgress?: (done: number, total: number) => void | Promise<void>
}

/** First frame of each window: every `hop` frames, the last one aligned to the clip's end. */
export function windowStarts(T: number, window = WINDOW, hop = HOP): number[] {
  if (T <= window) return [0]
  const starts: number[] = []
  for (let s = 0; s <= T - window; s += hop) starts.push(s)
  if (starts[starts.length - 1] !== T - window) starts.push(T - window)
  return starts
}

/**
 * Per-frame blend weight of window k of n (reference ramps): inside the overlap with a neighbour
 * the weight climbs linearly, (i + 1) / (ov + 1), never 0 or 1, so where two windows meet the mean
 * slides from one to the other and the blended output has no seam; the clip's own ends keep 1.
 */
export function windowWeights(k: number, n: number, window = WINDOW, hop = HOP): Float64Array {
  const w = new Float64Array(window).fill(1)
  const ov = window - hop
  for (let i = 0; i < ov; i++) {
    if (k !== 0) w[i] = (i + 1) / (ov + 1)
    if (k !== n - 1) w[window - ov + i] = (ov - i) / (ov + 1)
  }
  return w
}

/**
 * Runs the lifting network on a (1, 47, T) input in overlapping windows and blends them
 * (reference_retarget.run_model_windows). A clip of at most one window runs whole. Returns the
 * blended (1, 46, T) output, channels first, float64.
 */
export async function runModelWindows(
  session: RetargetSession,
  x: Float32Array,
  T: number,
  options: WindowOptions = {},
): Promise<Float64Array> {
  const window = options.window ?? WINDOW
  const hop = options.hop ?? HOP
  const batch = Math.max(1, options.batch ?? 16)
  const { signal, onProgress } = options
  throwIfAborted(signal)
  if (T <= window) {
    const y = await checkedRun(session, x, 1, T)
    await onProgress?.(1, 1)
    throwIfAborted(signal)
    return Float64Array.from(y)
  }
  const starts = windowStarts(T, window, hop)
  const out = new Float64Array(OUT_CH * T)
  const wsum = new Float64Array(T)
  for (let k0 = 0; k0 < starts.length; k0 += batch) {
    throwIfAborted(signal)
    const group = starts.slice(k0, k0 + batch)
    const input = new Float32Array(group.length * IN_CH * window)
    group.forEach((s0, g) => {
      for (let c = 0; c < IN_CH; c++) {
        input.set(x.subarray(c * T + s0, c * T + s0 + window), (g * IN_CH + c) * window)
      }
    })
    const y = await checkedRun(session, input, group.length, window)
    group.forEach((s0, g) => {
      const w = windowWeights(k0 + g, starts.length, window, hop)
      for (let c = 0; c < OUT_CH; c++) {
        const src = (g * OUT_CH + c) * window
        const dst = c * T + s0
        for (let i = 0; i < window; i++) {
          out[dst + i] = (out[dst + i] as number) + (y[src + i] as number) * (w[i] as number)
        }
      }
      for (let i = 0; i < window; i++) wsum[s0 + i] = (wsum[s0 + i] as number) + (w[i] as number)
    })
    await onProgress?.(Math.min(k0 + batch, starts.length), starts.length)
  }
  throwIfAborted(signal)
  for (let c = 0; c < OUT_CH; c++) {
    for (let t = 0; t < T; t++) out[c * T + t] = (out[c * T + t] as number) / (wsum[t] as number)
  }
  return out
}

async function checkedRun(
  session: RetargetSession,
  input: Float32Array,
  batch: number,
  T: number,
): Promise<Float32Array> {
  const { data, dims } = await session.run(input, [batch, IN_CH, T])
  if (dims.length !== 3 || dims[0] !== batch || dims[1] !== OUT_CH || dims[2] !== T) {
    throw new RetargetError(
      'badModel',
      `The retarget model answered with shape [${dims.join(', ')}], expected [${batch}, ${OUT_CH}, ${T}]: the model file does not match this Toonmo; reinstall models/retarget.onnx.`,
    )
  }
  return data
}
