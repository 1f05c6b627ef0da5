import type { ImageLandmark } from './types'

/** MediaPipe landmark indices the cleaning code refers to by name. */
export const MP = {
  nose: 0,
  leftShoulder: 11,
  rightShoulder: 12,
  leftHip: 23,
  rightHip: 24,
} as const

/** Each MediaPipe landmark's mirror partner (left <-> right); centre points map to themselves. */
export const MIRROR_OF: readonly number[] = (() => {
  const mirror = Array.from({ length: 33 }, (_, i) => i)
  const pairs: [number, number][] = [
    [1, 4],
    [2, 5],
    [3, 6],
    [7, 8],
    [9, 10],
    [11, 12],
    [13, 14],
    [15, 16],
    [17, 18],
    [19, 20],
    [21, 22],
    [23, 24],
    [25, 26],
    [27, 28],
    [29, 30],
    [31, 32],
  ]
  for (const [a, b] of pairs) {
    mirror[a] = b
    mirror[b] = a
  }
  return mirror
})()

/** Confidence of one landmark for cleaning and export: the lower of visibility and presence. */
export function landmarkConfidence(p: ImageLandmark): number {
  return Math.min(p[3], p[4])
}

/** Axis-aligned box around a pose's landmarks, pixels. */
export interface Box {
  minX: number
  minY: number
  maxX: number
  maxY: number
}

/** The box around the landmarks that are present in the image (all of them if none is). */
export function poseBox(points: readonly ImageLandmark[]): Box {
  const present = points.filter((p) => p[4] >= 0.5)
  const use = present.length >= 4 ? present : points
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity }
  for (const p of use) {
    box.minX = Math.min(box.minX, p[0])
    box.minY = Math.min(box.minY, p[1])
    box.maxX = Math.max(box.maxX, p[0])
    box.maxY = Math.max(box.maxY, p[1])
  }
  return box
}

export function boxArea(b: Box): number {
  return Math.max(0, b.maxX - b.minX) * Math.max(0, b.maxY - b.minY)
}

export function boxIoU(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.maxX, b.maxX) - Math.max(a.minX, b.minX))
  const iy = Math.max(0, Math.min(a.maxY, b.maxY) - Math.max(a.minY, b.minY))
  const inter = ix * iy
  const union = boxArea(a) + boxArea(b) - inter
  return union > 0 ? inter / union : 0
}

/**
 * Torso size in pixels: distance from the shoulders' midpoint to the hips' midpoint. The scale
 * that cleaning thresholds and PCK use, so they hold for any resolution or distance to camera.
 */
export function torsoSize(points: readonly ImageLandmark[]): number {
  const at = (i: number): ImageLandmark => points[i] as ImageLandmark
  const sx = (at(MP.leftShoulder)[0] + at(MP.rightShoulder)[0]) / 2
  const sy = (at(MP.leftShoulder)[1] + at(MP.rightShoulder)[1]) / 2
  const hx = (at(MP.leftHip)[0] + at(MP.rightHip)[0]) / 2
  const hy = (at(MP.leftHip)[1] + at(MP.rightHip)[1]) / 2
  return Math.hypot(sx - hx, sy - hy)
}

/** The median of a list (NaN for an empty list). */
export function median(values: number[]): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** The median torso size over the frames that have a pose; a robust per-clip scale in pixels. */
export function clipTorsoSize(frames: readonly (readonly ImageLandmark[] | null)[]): number {
  const sizes = frames.filter((f): f is ImageLandmark[] => f !== null).map(torsoSize)
  const m = median(sizes.filter((s) => s > 0))
  return Number.isFinite(m) ? m : 1
}
