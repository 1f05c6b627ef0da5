import { J, ROOT } from './body15Bones'

/**
 * Fills every missing joint (confidence 0) so each frame is a complete body
 * (reference_retarget.fill_missing):
 * 1. neck / mid_hip missing but both shoulders / hips present: their midpoint;
 * 2. each joint: linear interpolation in time between its valid frames, held constant before the
 *    first and after the last valid frame;
 * 3. a joint never valid in the clip: placed at mid_hip (and mid_hip itself, if never valid, at
 *    the per-frame mean of the valid joints, interpolated over frames with none).
 * `pts` (T x 15 x 2, pixels) is not modified; confidence is not changed (filled joints keep 0, so
 * the network sees that they are guesses).
 */
export function fillMissing(pts: Float64Array, conf: Float64Array, T: number): Float64Array {
  const out = pts.slice()
  const valid = new Uint8Array(T * J)
  for (let i = 0; i < T * J; i++) valid[i] = (conf[i] as number) > 0 ? 1 : 0
  for (const [mid, a, b] of [
    [1, 2, 5],
    [8, 9, 12],
  ] as const) {
    for (let t = 0; t < T; t++) {
      if (!valid[t * J + mid] && valid[t * J + a] && valid[t * J + b]) {
        for (let d = 0; d < 2; d++) {
          out[(t * J + mid) * 2 + d] =
            0.5 * ((out[(t * J + a) * 2 + d] as number) + (out[(t * J + b) * 2 + d] as number))
        }
        valid[t * J + mid] = 1
      }
    }
  }
  const never: number[] = []
  for (let j = 0; j < J; j++) {
    const validFrames: number[] = []
    for (let t = 0; t < T; t++) if (valid[t * J + j]) validFrames.push(t)
    if (validFrames.length === T) continue
    if (validFrames.length === 0) {
      never.push(j)
      continue
    }
    for (let d = 0; d < 2; d++) {
      const xs = validFrames.map((t) => out[(t * J + j) * 2 + d] as number)
      for (let t = 0; t < T; t++) out[(t * J + j) * 2 + d] = interp(t, validFrames, xs)
    }
  }
  if (never.length > 0) {
    if (never.includes(ROOT)) {
      const centre = new Float64Array(T * 2)
      const anyFrames: number[] = []
      for (let t = 0; t < T; t++) {
        let n = 0
        let sx = 0
        let sy = 0
        for (let j = 0; j < J; j++) {
          if (!valid[t * J + j]) continue
          n++
          sx += out[(t * J + j) * 2] as number
          sy += out[(t * J + j) * 2 + 1] as number
        }
        const cnt = Math.max(n, 1)
        centre[t * 2] = sx / cnt
        centre[t * 2 + 1] = sy / cnt
        if (n > 0) anyFrames.push(t)
      }
      if (anyFrames.length > 0) {
        for (let d = 0; d < 2; d++) {
          const xs = anyFrames.map((t) => centre[t * 2 + d] as number)
          for (let t = 0; t < T; t++) centre[t * 2 + d] = interp(t, anyFrames, xs)
        }
      }
      for (let t = 0; t < T; t++) {
        out[(t * J + ROOT) * 2] = centre[t * 2] as number
        out[(t * J + ROOT) * 2 + 1] = centre[t * 2 + 1] as number
      }
    }
    for (const j of never) {
      if (j === ROOT) continue
      for (let t = 0; t < T; t++) {
        out[(t * J + j) * 2] = out[(t * J + ROOT) * 2] as number
        out[(t * J + j) * 2 + 1] = out[(t * J + ROOT) * 2 + 1] as number
      }
    }
  }
  return out
}

/**
 * numpy.interp: piecewise-linear through (xp, fp), xp increasing, held constant outside
 * [xp[0], xp[last]].
 */
export function interp(x: number, xp: readonly number[], fp: readonly number[]): number {
  const n = xp.length
  if (x <= (xp[0] as number)) return fp[0] as number
  if (x >= (xp[n - 1] as number)) return fp[n - 1] as number
  let lo = 0
  let hi = n - 1
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if ((xp[mid] as number) <= x) lo = mid
    else hi = mid
  }
  const x0 = xp[lo] as number
  const x1 = xp[hi] as number
  const w = (x - x0) / (x1 - x0)
  return (fp[lo] as number) * (1 - w) + (fp[hi] as number) * w
}
