/** Result of {@link twoBoneIk}: world angles in radians, and whether the target was reachable. */
export interface TwoBoneSolution {
  upper: number
  lower: number
  reached: boolean
}

/**
 * Analytic two-bone IK in the plane (y down, angles clockwise from +x). Puts the end of a chain
 * of lengths `l1`, `l2` starting at (sx, sy) on the target (tx, ty), bending to `bend`'s side:
 * +1 turns the lower bone clockwise from the upper one, -1 anticlockwise. Out of reach, the chain
 * points straight at the target; too close, it folds as far as it can.
 */
export function twoBoneIk(
  sx: number,
  sy: number,
  tx: number,
  ty: number,
  l1: number,
  l2: number,
  bend: number,
): TwoBoneSolution {
  const dx = tx - sx
  const dy = ty - sy
  const base = Math.atan2(dy, dx)
  const raw = Math.hypot(dx, dy)
  const max = l1 + l2
  const min = Math.abs(l1 - l2)
  const d = Math.min(max, Math.max(min, raw))
  const reached = raw <= max + 1e-9 && raw >= min - 1e-9
  if (l1 === 0 || l2 === 0 || d === 0) return { upper: base, lower: base, reached }
  const cosA = clampUnit((l1 * l1 + d * d - l2 * l2) / (2 * l1 * d))
  const cosElbow = clampUnit((l1 * l1 + l2 * l2 - d * d) / (2 * l1 * l2))
  const s = bend >= 0 ? 1 : -1
  const upper = base - s * Math.acos(cosA)
  const lower = upper + s * (Math.PI - Math.acos(cosElbow))
  return { upper, lower, reached }
}

function clampUnit(v: number): number {
  return v > 1 ? 1 : v < -1 ? -1 : v
}
