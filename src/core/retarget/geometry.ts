import { J } from './body15Bones'

/*
 * Coordinate frames (as in reference_retarget.py):
 *   camera: x right, y down (pixels), z = depth away from the camera.
 *   world:  x = camera x, y up (= -camera y), z = -camera z (towards the camera).
 * Yaw of a forward vector f in world = atan2(f.x, f.z) in degrees: a performer facing the camera
 * has yaw 0, one facing screen-right has yaw 90.
 */

/** camera <-> world for 3-vectors packed flat (x, y, z, x, y, z, ...): the flip is its own inverse. */
export function flipCameraWorld(p: Float64Array): Float64Array {
  const out = new Float64Array(p.length)
  for (let i = 0; i < p.length; i += 3) {
    out[i] = p[i] as number
    out[i + 1] = -(p[i + 1] as number)
    out[i + 2] = -(p[i + 2] as number)
  }
  return out
}

/**
 * Clip-mean facing yaw in degrees of a world-frame sequence (T x 15 x 3, y up): per frame
 * left = (l_shoulder - r_shoulder) + (l_hip - r_hip), forward = left x up, horizontal part made
 * unit length; the yaw is the direction of the sum of those unit vectors.
 */
export function facingYaw(world: Float64Array, T: number): number {
  let sx = 0
  let sz = 0
  const at = (t: number, j: number, d: number): number => world[(t * J + j) * 3 + d] as number
  for (let t = 0; t < T; t++) {
    const lx = at(t, 5, 0) - at(t, 2, 0) + (at(t, 12, 0) - at(t, 9, 0))
    const lz = at(t, 5, 2) - at(t, 2, 2) + (at(t, 12, 2) - at(t, 9, 2))
    const fx = -lz
    const fz = lx
    const n = Math.sqrt(fx * fx + fz * fz) + 1e-9
    sx += fx / n
    sz += fz / n
  }
  return (Math.atan2(sx, sz) * 180) / Math.PI
}

/** Rotates flat world 3-vectors about the vertical (y) axis so that a yaw a becomes a + deg. */
export function rotateYaw(p: Float64Array, deg: number): Float64Array {
  const a = (deg * Math.PI) / 180
  const c = Math.cos(a)
  const s = Math.sin(a)
  const out = new Float64Array(p.length)
  for (let i = 0; i < p.length; i += 3) {
    const x = p[i] as number
    const z = p[i + 2] as number
    out[i] = x * c + z * s
    out[i + 1] = p[i + 1] as number
    out[i + 2] = -x * s + z * c
  }
  return out
}

/** Median of each column of a rows x cols row-major array (numpy.median(a, axis=0)). */
export function columnMedians(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(cols)
  const col = new Float64Array(rows)
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) col[r] = a[r * cols + c] as number
    col.sort()
    const m = rows >> 1
    out[c] =
      rows % 2 === 1 ? (col[m] as number) : 0.5 * ((col[m - 1] as number) + (col[m] as number))
  }
  return out
}
