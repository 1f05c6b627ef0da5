/** The frame rate the lifting network was trained at. */
export const MODEL_FPS = 30

/**
 * Linear resampling along time (reference_retarget.resample_time): output frame i samples input
 * time i * ratio (in input frames). `a` is frame-major with `frameSize` values per frame.
 */
export function resampleTime(
  a: Float64Array,
  frameSize: number,
  nOut: number,
  ratio: number,
): Float64Array {
  const nIn = a.length / frameSize
  const out = new Float64Array(nOut * frameSize)
  for (let i = 0; i < nOut; i++) {
    const t = i * ratio
    const i0 = Math.min(Math.max(Math.floor(t), 0), nIn - 1)
    const i1 = Math.min(Math.max(i0 + 1, 0), nIn - 1)
    const w = t - i0
    for (let k = 0; k < frameSize; k++) {
      out[i * frameSize + k] =
        (1 - w) * (a[i0 * frameSize + k] as number) + w * (a[i1 * frameSize + k] as number)
    }
  }
  return out
}
