import type { DetectionFrame, ImageLandmark, PoseSequence, RawDetection } from './types'
import { defaultDetectionSettings } from './types'

/**
 * A synthetic standing person for tests: 33 MediaPipe landmarks around (cx, cy), `height` pixels
 * tall, facing the camera (the performer's right on the image's left).
 */
export function standingPose(cx: number, cy: number, height: number): ImageLandmark[] {
  const s = height / 2
  const p = (x: number, y: number): ImageLandmark => [cx + x * s, cy + y * s, 0, 0.99, 0.99]
  const points: ImageLandmark[] = Array.from({ length: 33 }, () => p(0, -0.85))
  const side = (left: number, right: number, x: number, y: number): void => {
    points[left] = p(x, y)
    points[right] = p(-x, y)
  }
  points[0] = p(0, -0.8)
  side(1, 4, 0.03, -0.85)
  side(2, 5, 0.05, -0.85)
  side(3, 6, 0.07, -0.85)
  side(7, 8, 0.1, -0.83)
  side(9, 10, 0.04, -0.75)
  side(11, 12, 0.22, -0.55)
  side(13, 14, 0.3, -0.25)
  side(15, 16, 0.33, 0.02)
  side(17, 18, 0.35, 0.06)
  side(19, 20, 0.34, 0.07)
  side(21, 22, 0.31, 0.05)
  side(23, 24, 0.12, 0)
  side(25, 26, 0.13, 0.45)
  side(27, 28, 0.14, 0.9)
  side(29, 30, 0.12, 0.95)
  side(31, 32, 0.2, 0.97)
  return points
}

/** A sequence of a pose drifting right at `speed` px/frame, at `fps`. */
export function driftingSequence(frames: number, speed: number, fps = 30): PoseSequence {
  return {
    fps,
    width: 1280,
    height: 720,
    times: Array.from({ length: frames }, (_, f) => f / fps),
    frames: Array.from({ length: frames }, (_, f) => standingPose(400 + f * speed, 360, 400)),
  }
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so tests are repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Detection frames with the given people (each a pose or absent) per frame. */
export function detectionFrames(people: ImageLandmark[][][], fps = 30): DetectionFrame[] {
  return people.map((ps, f) => ({
    time: f / fps,
    people: ps.map((image) => ({
      image,
      world: image.map(() => [0, 0, 0] as [number, number, number]),
    })),
  }))
}

/** A 1280x720, 30 fps detection of the given frames, with the default settings. */
export function rawDetection(frames: DetectionFrame[]): RawDetection {
  return {
    format: 'toonmo.detection',
    version: 1,
    settings: defaultDetectionSettings,
    fps: 30,
    width: 1280,
    height: 720,
    frames,
  }
}
