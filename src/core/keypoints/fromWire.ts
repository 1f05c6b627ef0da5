import type { WirePose } from './detectorProtocol'
import type { DetectedPerson, ImageLandmark, WorldLandmark } from './types'
import { LANDMARK_COUNT } from './types'

const round = (v: number, digits: number): number => {
  const f = 10 ** digits
  return Math.round(v * f) / f
}

/**
 * Converts the page's normalised landmarks into source pixels of the upright frame. Detection may
 * run on a downscaled copy; normalised coordinates do not care, because the aspect is kept.
 * z is scaled by the width like x, as MediaPipe defines it. Values are rounded (0.01 px,
 * 0.001 confidence, 0.1 mm) to keep stored tracks small without losing anything measurable.
 */
export function personFromWire(
  pose: WirePose,
  sourceWidth: number,
  sourceHeight: number,
): DetectedPerson {
  if (pose.image.length !== LANDMARK_COUNT * 5) {
    throw new Error(`a pose has ${LANDMARK_COUNT} landmarks, got ${pose.image.length / 5}`)
  }
  const image: ImageLandmark[] = []
  const world: WorldLandmark[] = []
  for (let j = 0; j < LANDMARK_COUNT; j++) {
    const o = j * 5
    const at = (k: number): number => pose.image[o + k] ?? 0
    image.push([
      round(at(0) * sourceWidth, 2),
      round(at(1) * sourceHeight, 2),
      round(at(2) * sourceWidth, 2),
      round(at(3), 3),
      round(at(4), 3),
    ])
    const w = j * 3
    world.push([
      round(pose.world[w] ?? 0, 4),
      round(pose.world[w + 1] ?? 0, 4),
      round(pose.world[w + 2] ?? 0, 4),
    ])
  }
  return { image, world }
}
