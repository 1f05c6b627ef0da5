import { BC, BP, J, NB, ROOT } from './body15Bones'
import { boneLengths2d, chainHeight, legLength, restBoneLengths } from './boneLengths'

/**
 * Same-view retargeting (reference_retarget.analytic_same_view): every 2D bone keeps its direction
 * and its foreshortening ratio and takes the target's length, v_out = v_src * L_target / L_source
 * with L_source the clip's robust 2D length; no bone comes out longer than the target's (guards a
 * bad length estimate). The root path is the source's scaled by the leg-length ratio, because a
 * character covers ground in proportion to its legs.
 *
 * `pts` filled source (T x 15 x 2, source pixels), `conf` its raw confidences, `rest` the
 * target's rest pose (15 x 2). Returns T x 15 x 2 in target pixels relative to the source's
 * first-frame mid_hip (frame 0's root at 0, 0).
 */
export function analyticSameView(
  pts: Float64Array,
  conf: Float64Array,
  T: number,
  rest: Float64Array,
): Float64Array {
  const Ls = boneLengths2d(pts, conf, T).map((l) => Math.max(l, 1e-6))
  const Lt = restBoneLengths(rest)
  const rootScale = legLength(Lt) / Math.max(legLength(Ls), 1e-6)
  const out = new Float64Array(T * J * 2)
  const x0 = pts[ROOT * 2] as number
  const y0 = pts[ROOT * 2 + 1] as number
  for (let t = 0; t < T; t++) {
    const base = t * J * 2
    out[base + ROOT * 2] = ((pts[base + ROOT * 2] as number) - x0) * rootScale
    out[base + ROOT * 2 + 1] = ((pts[base + ROOT * 2 + 1] as number) - y0) * rootScale
    for (let b = 0; b < NB; b++) {
      const p = base + (BP[b] as number) * 2
      const c = base + (BC[b] as number) * 2
      const lt = Lt[b] as number
      const ratio = lt / (Ls[b] as number)
      let vx = ((pts[c] as number) - (pts[p] as number)) * ratio
      let vy = ((pts[c + 1] as number) - (pts[p + 1] as number)) * ratio
      const n = Math.hypot(vx, vy)
      if (n > lt) {
        const k = lt / Math.max(n, 1e-9)
        vx *= k
        vy *= k
      }
      out[c] = (out[p] as number) + vx
      out[c + 1] = (out[p + 1] as number) + vy
    }
  }
  return out
}

/**
 * Baseline for evaluation (reference_retarget.identity_baseline): the source scaled uniformly to
 * the target's standing height, relative to the source's first-frame mid_hip.
 */
export function identityBaseline(
  pts: Float64Array,
  conf: Float64Array,
  T: number,
  rest: Float64Array,
): Float64Array {
  const Ls = boneLengths2d(pts, conf, T)
  const k = chainHeight(restBoneLengths(rest)) / Math.max(chainHeight(Ls), 1e-6)
  const x0 = pts[ROOT * 2] as number
  const y0 = pts[ROOT * 2 + 1] as number
  const out = new Float64Array(T * J * 2)
  for (let i = 0; i < T * J; i++) {
    out[i * 2] = ((pts[i * 2] as number) - x0) * k
    out[i * 2 + 1] = ((pts[i * 2 + 1] as number) - y0) * k
  }
  return out
}
