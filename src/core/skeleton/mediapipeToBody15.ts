/** A 2D keypoint: x and y in pixels (or any consistent unit), confidence in [0, 1]. */
export type Keypoint = readonly [x: number, y: number, confidence: number]

/**
 * For each body15 joint (in BODY15_JOINTS order), the MediaPipe landmark indices it is
 * made from: one index is a copy, two are a midpoint (neck: the shoulders, mid_hip: the hips).
 */
export const BODY15_FROM_MEDIAPIPE: readonly (readonly number[])[] = [
  [0], // nose
  [11, 12], // neck = midpoint of the shoulders
  [12], // right_shoulder
  [14], // right_elbow
  [16], // right_wrist
  [11], // left_shoulder
  [13], // left_elbow
  [15], // left_wrist
  [23, 24], // mid_hip = midpoint of the hips
  [24], // right_hip
  [26], // right_knee
  [28], // right_ankle
  [23], // left_hip
  [25], // left_knee
  [27], // left_ankle
]

/**
 * Converts one frame of 33 MediaPipe landmarks to the 15 body15 joints. A midpoint takes the
 * lower of its two confidences, so it counts as missing whenever either end is missing (an
 * average with a missing point would land somewhere meaningless).
 */
export function mediapipeToBody15(points: readonly Keypoint[]): [number, number, number][] {
  if (points.length !== 33) {
    throw new Error(`a MediaPipe pose frame has 33 landmarks, got ${points.length}`)
  }
  return BODY15_FROM_MEDIAPIPE.map((sources) => {
    let x = 0
    let y = 0
    let confidence = Infinity
    for (const index of sources) {
      const p = points[index] as Keypoint
      x += p[0]
      y += p[1]
      confidence = Math.min(confidence, p[2])
    }
    return [x / sources.length, y / sources.length, confidence]
  })
}
