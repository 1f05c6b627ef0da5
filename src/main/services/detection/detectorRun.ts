import type {
  DetectorConfig,
  WireReady,
  WireResult,
} from '../../../core/keypoints/detectorProtocol'
import type { DetectionSettings } from '../../../core/keypoints/types'
import type { DecodedFrame } from '../media/types'
import { FrameFeed } from './frameFeed'

/** A detection pass over a stream of frames, in whichever host runs the detector page. */
export interface DetectorRunOptions {
  frames: AsyncIterable<DecodedFrame>
  settings: DetectionSettings
  /** Each frame's result, in frame order. */
  onResult: (result: WireResult) => void
  onReady?: (info: WireReady) => void
  signal?: AbortSignal
}

/** Anything that can run the detector page: headless Chromium, Electron's hidden window. */
export interface DetectorBackend {
  run(options: DetectorRunOptions): Promise<void>
  close(): Promise<void>
}

/** The page's config for a run, less the URLs, which depend on the host serving the page. */
export function detectorSettingsConfig(
  settings: DetectionSettings,
): Omit<DetectorConfig, 'modelUrl' | 'wasmBase'> {
  return {
    numPoses: settings.numPoses,
    delegate: 'auto',
    minPoseDetectionConfidence: settings.minPoseDetectionConfidence,
    minPosePresenceConfidence: settings.minPosePresenceConfidence,
    minTrackingConfidence: settings.minTrackingConfidence,
  }
}

/** The host side of one run's protocol: frames out, results and readiness to the caller. */
export function runFeed(options: DetectorRunOptions): FrameFeed {
  return new FrameFeed(
    options.frames,
    { onResult: options.onResult, onReady: options.onReady },
    options.signal,
  )
}
