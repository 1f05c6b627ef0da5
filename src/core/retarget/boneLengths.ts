import { BC, BP, J, NB, SIZE_DIV } from './body15Bones'

/**
 * Robust 2D length of each bone over the clip, in source pixels
 * (reference_retarget.bone_lengths_2d): the q-th percentile of its per-frame length over the
 * frames where both ends were detected. A high percentile because a bone is foreshortened in most
 * frames but near full length in some; not the maximum, so one detector glitch cannot stretch it.
 * With fewer than 3 such frames, all frames count.
 */
export function boneLengths2d(
  pts: Float64Array,
  conf: Float64Array,
  T: number,
  q = 90,
): Float64Array {
  const out = new Float64Array(NB)
  const ok: number[] = []
  const all: number[] = []
  for (let b = 0; b < NB; b++) {
    const pa = BP[b] as number
    const ch = BC[b] as number
    ok.length = 0
    all.length = 0
    for (let t = 0; t < T; t++) {
      const p = (t * J + pa) * 2
      const c = (t * J + ch) * 2
      const len = Math.hypot(
        (pts[c] as number) - (pts[p] as number),
        (pts[c + 1] as number) - (pts[p + 1] as number),
      )
      all.push(len)
      if ((conf[t * J + ch] as number) > 0 && (conf[t * J + pa] as number) > 0) ok.push(len)
    }
    const v = ok.length >= 3 ? ok : all
    out[b] = v.length > 0 ? percentile(v, q) : 0
  }
  return out
}

/** Approximate body height of the source in pixels: sum of robust bone lengths / 2.4. */
export function clipSize(pts: Float64Array, conf: Float64Array, T: number): number {
  let s = 0
  for (const l of boneLengths2d(pts, conf, T)) s += l
  return Math.max(s / SIZE_DIV, 1e-3)
}

/** Bone lengths of a rest pose (15 x 2, pixels): in a front view, 2D lengths are true lengths. */
export function restBoneLengths(rest: Float64Array): Float64Array {
  const out = new Float64Array(NB)
  for (let b = 0; b < NB; b++) {
    const pa = BP[b] as number
    const ch = BC[b] as number
    out[b] = Math.hypot(
      (rest[ch * 2] as number) - (rest[pa * 2] as number),
      (rest[ch * 2 + 1] as number) - (rest[pa * 2 + 1] as number),
    )
  }
  return out
}

/** Standing height implied by bone lengths: head + spine + the longer leg (thigh + shin). */
export function chainHeight(L: Float64Array): number {
  const l = (b: number): number => L[b] as number
  return l(1) + l(0) + Math.max(l(9) + l(10), l(12) + l(13))
}

/** Mean leg length (thigh + shin) of the two sides. */
export function legLength(L: Float64Array): number {
  const l = (b: number): number => L[b] as number
  return 0.5 * (l(9) + l(10) + l(12) + l(13))
}

/** numpy.percentile with its default linear interpolation; q in [0, 100]. Sorts a copy. */
export function percentile(values: readonly number[], q: number): number {
  // A typed array sorts numerically without a comparator call per step (several times faster).
  const s = Float64Array.from(values).sort()
  const pos = ((s.length - 1) * q) / 100
  const lo = Math.floor(pos)
  const hi = Math.min(s.length - 1, lo + 1)
  const w = pos - lo
  return (s[lo] as number) * (1 - w) + (s[hi] as number) * w
}
