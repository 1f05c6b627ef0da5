/**
 * The vertical mapping of the curve editor: degrees to CSS pixels (y down, larger angles up),
 * fitted to the values on screen with a margin so the curves never touch the edges.
 */
export interface ValueScale {
  /** Degrees at y = 0 (the top). */
  top: number
  /** CSS px per degree. */
  pxPerUnit: number
}

/** Min and max of one bone's rotation (radians in, degrees out) over frames [from, to]. */
export function boneRangeDegrees(
  rotations: Float64Array,
  boneCount: number,
  bone: number,
  from: number,
  to: number,
): { min: number; max: number } | null {
  let min = Infinity
  let max = -Infinity
  const frames = boneCount > 0 ? rotations.length / boneCount : 0
  for (let f = Math.max(0, from); f <= Math.min(frames - 1, to); f++) {
    const v = rotations[f * boneCount + bone]!
    if (v < min) min = v
    if (v > max) max = v
  }
  if (min > max) return null
  return { min: toDegrees(min), max: toDegrees(max) }
}

/** A scale showing [min, max] degrees in `height` px with 10% margins and at least 10° span. */
export function fitValues(min: number, max: number, height: number): ValueScale {
  const mid = (min + max) / 2
  const span = Math.max(10, max - min) * 1.2
  const pxPerUnit = Math.max(1, height) / span
  return { top: mid + span / 2, pxPerUnit }
}

export function valueToY(scale: ValueScale, degrees: number): number {
  return (scale.top - degrees) * scale.pxPerUnit
}

export function yToValue(scale: ValueScale, y: number): number {
  return scale.top - y / scale.pxPerUnit
}

/** A 1-2-5 step in degrees giving grid lines at least `minPx` apart. */
export function valueStep(scale: ValueScale, minPx: number): number {
  for (let p = 0.01; p <= 1e6; p *= 10)
    for (const m of [1, 2, 5]) if (m * p * scale.pxPerUnit >= minPx) return m * p
  return 1e6
}

export function toDegrees(radians: number): number {
  return (radians * 180) / Math.PI
}

export function toRadians(degrees: number): number {
  return (degrees * Math.PI) / 180
}
