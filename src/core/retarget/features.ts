import { IN_CH, J, OUT_CH, ROOT } from './body15Bones'

/**
 * The model's raw input features, time-major T x 47 (reference_retarget.make_features), from a
 * filled source `pts` (T x 15 x 2 pixels), its raw `conf`, and the clip `size` (pixels):
 * per frame [ (x_j - x_root) / size, (y_j - y_root) / size for j = 0..14 (x0, y0, x1, y1, ...),
 * 1 if conf_j > 0 else 0 for j = 0..14, root velocity (x, y) / size (0 at frame 0) ].
 */
export function makeFeatures(
  pts: Float64Array,
  conf: Float64Array,
  T: number,
  size: number,
): Float64Array {
  const out = new Float64Array(T * IN_CH)
  for (let t = 0; t < T; t++) {
    const o = t * IN_CH
    const rx = pts[(t * J + ROOT) * 2] as number
    const ry = pts[(t * J + ROOT) * 2 + 1] as number
    for (let j = 0; j < J; j++) {
      out[o + j * 2] = ((pts[(t * J + j) * 2] as number) - rx) / size
      out[o + j * 2 + 1] = ((pts[(t * J + j) * 2 + 1] as number) - ry) / size
      out[o + J * 2 + j] = (conf[t * J + j] as number) > 0 ? 1 : 0
    }
    if (t > 0) {
      out[o + J * 3] = (rx - (pts[((t - 1) * J + ROOT) * 2] as number)) / size
      out[o + J * 3 + 1] = (ry - (pts[((t - 1) * J + ROOT) * 2 + 1] as number)) / size
    }
  }
  return out
}

/**
 * Normalises T x 47 features with the model card's per-channel mean and std and lays them out
 * channels first, the model input (1, 47, T) as float32 (reference_retarget.normalise).
 */
export function normalise(
  feat: Float64Array,
  T: number,
  mean: readonly number[],
  std: readonly number[],
): Float32Array {
  const x = new Float32Array(IN_CH * T)
  for (let c = 0; c < IN_CH; c++) {
    const m = mean[c] as number
    const s = std[c] as number
    for (let t = 0; t < T; t++) x[c * T + t] = ((feat[t * IN_CH + c] as number) - m) / s
  }
  return x
}

/**
 * Splits the model output (1, 46, T), channels first, into camera-space joints relative to mid_hip
 * (T x 15 x 3: x right, y down, z away from the camera; source pixels) and the root's per-frame
 * depth change (T, source pixels; entry 0 is meaningless) (reference_retarget.split_output).
 */
export function splitOutput(
  y: Float32Array | Float64Array,
  T: number,
  size: number,
): { joints3d: Float64Array; rootDz: Float64Array } {
  const joints3d = new Float64Array(T * J * 3)
  const rootDz = new Float64Array(T)
  for (let t = 0; t < T; t++) {
    for (let c = 0; c < J * 3; c++) joints3d[t * J * 3 + c] = (y[c * T + t] as number) * size
    rootDz[t] = (y[(OUT_CH - 1) * T + t] as number) * size
  }
  return { joints3d, rootDz }
}
