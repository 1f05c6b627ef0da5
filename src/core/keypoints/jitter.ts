import type { PoseSequence } from './types'

/**
 * Mean frame-to-frame acceleration of the landmarks, pixels per frame squared: the mean length of
 * p[f+1] - 2 p[f] + p[f-1] over every landmark and every run of three consecutive frames with a
 * person. Detector jitter shows up here far more than smooth motion does, so cleaning should
 * lower it. `joints` restricts the measure to some landmark indices.
 */
export function meanAcceleration(sequence: PoseSequence, joints?: readonly number[]): number {
  const use = joints ?? Array.from({ length: 33 }, (_, j) => j)
  let sum = 0
  let count = 0
  for (let f = 1; f + 1 < sequence.frames.length; f++) {
    const a = sequence.frames[f - 1]
    const b = sequence.frames[f]
    const c = sequence.frames[f + 1]
    if (!a || !b || !c) continue
    for (const j of use) {
      const pa = a[j]
      const pb = b[j]
      const pc = c[j]
      if (!pa || !pb || !pc || pa[4] <= 0 || pb[4] <= 0 || pc[4] <= 0) continue
      sum += Math.hypot(pc[0] - 2 * pb[0] + pa[0], pc[1] - 2 * pb[1] + pa[1])
      count++
    }
  }
  return count ? sum / count : 0
}
