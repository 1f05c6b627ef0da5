/** A 2D point in pixels. */
export type Point2 = readonly [x: number, y: number]

/**
 * PCK: the fraction of joints whose prediction lies within `threshold x torsoSize` pixels of the
 * annotation. Pairs with a missing annotation (undefined) are not counted; a missing prediction
 * counts as wrong.
 */
export function pck(
  pairs: readonly { predicted: Point2 | undefined; truth: Point2 | undefined }[],
  torsoSize: number,
  threshold = 0.2,
): { correct: number; total: number } {
  let correct = 0
  let total = 0
  for (const { predicted, truth } of pairs) {
    if (!truth) continue
    total++
    if (
      predicted &&
      Math.hypot(predicted[0] - truth[0], predicted[1] - truth[1]) <= threshold * torsoSize
    ) {
      correct++
    }
  }
  return { correct, total }
}
