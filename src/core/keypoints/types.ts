import type { PoseModel } from './detectorProtocol'

/** Number of MediaPipe pose landmarks. */
export const LANDMARK_COUNT = 33

/**
 * One image landmark: x, y in pixels of the upright source frame (origin top-left, y down);
 * z in the same pixel scale as x, relative depth with the hips' midpoint near 0 (negative is
 * towards the camera); visibility and presence in [0, 1] as MediaPipe reports them.
 */
export type ImageLandmark = [x: number, y: number, z: number, visibility: number, presence: number]

/** One world landmark: metres, origin between the hips, y down (MediaPipe world landmarks). */
export type WorldLandmark = [x: number, y: number, z: number]

/** One detected person in one frame. */
export interface DetectedPerson {
  image: ImageLandmark[]
  world: WorldLandmark[]
}

/** One frame of detection: every person found (none: an empty list; the frame is kept). */
export interface DetectionFrame {
  /** Presentation time, seconds from the start of the clip. */
  time: number
  people: DetectedPerson[]
}

/** Settings that change what the detector outputs; part of the cache key. */
export interface DetectionSettings {
  model: PoseModel
  /** Most people detected per frame. */
  numPoses: number
  /** Frames are downscaled to fit this many pixels on the longer side before detection. */
  maxSide: number
  minPoseDetectionConfidence: number
  minPosePresenceConfidence: number
  minTrackingConfidence: number
}

export const defaultDetectionSettings: DetectionSettings = {
  model: 'full',
  numPoses: 2,
  maxSide: 640,
  minPoseDetectionConfidence: 0.5,
  minPosePresenceConfidence: 0.5,
  minTrackingConfidence: 0.5,
}

/**
 * The raw, uncleaned result of detecting a whole clip: what the cache stores and the project
 * keeps, so cleaning and performer choice can change without detecting again.
 */
export interface RawDetection {
  format: 'toonmo.detection'
  version: 1
  settings: DetectionSettings
  /** Nominal frame rate of the footage. */
  fps: number
  /** Upright source frame size in pixels; landmarks are in these pixels. */
  width: number
  height: number
  frames: DetectionFrame[]
}

/**
 * One person followed through the clip: per frame, the 33 image landmarks or null when that
 * person was not found in the frame.
 */
export interface PoseSequence {
  fps: number
  width: number
  height: number
  times: number[]
  frames: (ImageLandmark[] | null)[]
}
