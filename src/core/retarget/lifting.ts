import { BC, BONES, BP, J, NB, ROOT } from './body15Bones'
import { clipSize, legLength, restBoneLengths } from './boneLengths'
import { makeFeatures, normalise, splitOutput } from './features'
import { columnMedians, facingYaw, flipCameraWorld, rotateYaw } from './geometry'
import type { RetargetSession } from './session'
import type { WindowOptions } from './windows'
import { runModelWindows } from './windows'

/** The lifted clip: camera-space joints relative to mid_hip and the root's camera-space path. */
export interface Lifted {
  /** T x 15 x 3, camera frame (x right, y down, z away), source pixels, relative to mid_hip. */
  joints3d: Float64Array
  /** T x 3 camera-frame root displacement from frame 0, source pixels. */
  root: Float64Array
}

/**
 * Runs the lifting network over a filled source clip (reference_retarget.lift): features,
 * normalisation with the model card's mean and std, windowed inference, then back to pixels.
 * The root's x, y path is the source's own; its depth is the integral of the predicted changes.
 */
export async function lift(
  pts: Float64Array,
  conf: Float64Array,
  T: number,
  session: RetargetSession,
  norm: { mean: readonly number[]; std: readonly number[] },
  options: WindowOptions = {},
): Promise<Lifted> {
  const size = clipSize(pts, conf, T)
  const x = normalise(makeFeatures(pts, conf, T, size), T, norm.mean, norm.std)
  const y = await runModelWindows(session, x, T, options)
  const { joints3d, rootDz } = splitOutput(y, T, size)
  const root = new Float64Array(T * 3)
  const x0 = pts[ROOT * 2] as number
  const y0 = pts[ROOT * 2 + 1] as number
  let z = 0
  for (let t = 0; t < T; t++) {
    root[t * 3] = (pts[(t * J + ROOT) * 2] as number) - x0
    root[t * 3 + 1] = (pts[(t * J + ROOT) * 2 + 1] as number) - y0
    if (t > 0) z += rootDz[t] as number
    root[t * 3 + 2] = z
  }
  return { joints3d, root }
}

/**
 * From a lifted clip to the target in the chosen view (reference_retarget.lifted_to_view): 3D
 * bone directions with the target's bone lengths, rotated about the vertical axis from the
 * clip's mean facing to `yawDeg`, projected orthographically. The root path is scaled by the
 * leg-length ratio (target legs over the lifted source's median legs) and rotated with the body;
 * unless `useRootDepth`, its depth is dropped first (the root moves in the source's image plane),
 * because integrating the predicted depth changes drifts.
 * Returns T x 15 x 2 in target pixels relative to frame 0's root.
 */
export function liftedToView(
  lifted: Lifted,
  T: number,
  rest: Float64Array,
  yawDeg: number,
  useRootDepth = false,
): Float64Array {
  let root = lifted.root
  if (!useRootDepth) {
    root = root.slice()
    for (let t = 0; t < T; t++) root[t * 3 + 2] = 0
  }
  const Lt = restBoneLengths(rest)
  const wj = flipCameraWorld(lifted.joints3d)
  const srcYaw = facingYaw(wj, T)
  const boneLen = new Float64Array(T * NB)
  const dirs = new Float64Array(T * NB * 3)
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < NB; b++) {
      const p = (t * J + (BP[b] as number)) * 3
      const c = (t * J + (BC[b] as number)) * 3
      const dx = (wj[c] as number) - (wj[p] as number)
      const dy = (wj[c + 1] as number) - (wj[p + 1] as number)
      const dz = (wj[c + 2] as number) - (wj[p + 2] as number)
      const n = Math.sqrt(dx * dx + dy * dy + dz * dz)
      boneLen[t * NB + b] = n
      const inv = 1 / (n + 1e-9)
      const o = (t * NB + b) * 3
      dirs[o] = dx * inv
      dirs[o + 1] = dy * inv
      dirs[o + 2] = dz * inv
    }
  }
  const Ls3 = columnMedians(boneLen, T, NB)
  const kRoot = legLength(Lt) / Math.max(legLength(Ls3), 1e-6)
  const wroot = flipCameraWorld(root).map((v) => v * kRoot)
  // Root-relative body at the target's lengths (forward kinematics over the 3D directions).
  const body = new Float64Array(T * J * 3)
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < NB; b++) {
      const [pa, ch] = BONES[b] as readonly [number, number]
      const o = (t * NB + b) * 3
      const l = Lt[b] as number
      for (let d = 0; d < 3; d++) {
        body[(t * J + ch) * 3 + d] =
          (body[(t * J + pa) * 3 + d] as number) + (dirs[o + d] as number) * l
      }
    }
  }
  const turn = yawDeg - srcYaw
  const world = rotateYaw(body, turn)
  const rootW = rotateYaw(wroot, turn)
  const out = new Float64Array(T * J * 2)
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < J; j++) {
      const w = (t * J + j) * 3
      // world -> camera flips y; orthographic projection keeps camera x, y.
      out[(t * J + j) * 2] = (world[w] as number) + (rootW[t * 3] as number)
      out[(t * J + j) * 2 + 1] = -((world[w + 1] as number) + (rootW[t * 3 + 1] as number))
    }
  }
  return out
}
