/**
 * The body15 tree and the model's array sizes, as numbers, mirroring
 * training/reference_retarget.py (the spec this folder ports) so arrays move between the network
 * and this code unchanged. Joint names live in src/core/skeleton/body15.ts.
 */

/** Joints per frame. */
export const J = 15
/** mid_hip: the root of the tree and of the root path. */
export const ROOT = 8

/**
 * Bones as [parent, child] joint indices, parents before children, so one forward pass rebuilds
 * positions from bone vectors. Same order as BODY15_BONES and the Python BONES.
 */
export const BONES: readonly (readonly [number, number])[] = [
  [8, 1],
  [1, 0],
  [1, 2],
  [2, 3],
  [3, 4],
  [1, 5],
  [5, 6],
  [6, 7],
  [8, 9],
  [9, 10],
  [10, 11],
  [8, 12],
  [12, 13],
  [13, 14],
]
/** Number of bones. */
export const NB = 14
/** Parent joint of each bone. */
export const BP: readonly number[] = BONES.map((b) => b[0])
/** Child joint of each bone. */
export const BC: readonly number[] = BONES.map((b) => b[1])
/** Thighs and shins of both sides. */
export const LEG_BONES = [9, 10, 12, 13] as const

/** Model input channels per frame: 15 x (x, y) root-relative, 15 visibility flags, root velocity. */
export const IN_CH = J * 3 + 2
/** Model output channels per frame: 15 x (x, y, z) root-relative, then root depth change. */
export const OUT_CH = J * 3 + 1
/** The sum of a human's 14 bone lengths is about 2.4 times their height. */
export const SIZE_DIV = 2.4
/** Shortest clip, in frames, that the lifting network may take. */
export const MIN_T = 16
