import { FilesetResolver, PoseLandmarker } from '@mediapipe/tasks-vision'
import type { DetectorConfig, WirePose } from '../../core/keypoints/detectorProtocol'
import { isSoftwareRenderer, webglRenderer } from '../stage/softwareRenderer'

export interface LoadedLandmarker {
  landmarker: PoseLandmarker
  delegate: 'CPU' | 'GPU'
  renderer: string
}

/** Loads PoseLandmarker in VIDEO mode from local files only (wasm and model from the host). */
export async function loadLandmarker(config: DetectorConfig): Promise<LoadedLandmarker> {
  const renderer = webglRenderer()
  const delegate: 'CPU' | 'GPU' =
    config.delegate === 'auto' ? (isSoftwareRenderer(renderer) ? 'CPU' : 'GPU') : config.delegate
  const fileset = await FilesetResolver.forVisionTasks(config.wasmBase)
  const response = await fetch(config.modelUrl)
  if (!response.ok)
    throw new Error(`could not load the pose model ${config.modelUrl}: HTTP ${response.status}`)
  const modelAssetBuffer = new Uint8Array(await response.arrayBuffer())
  const landmarker = await PoseLandmarker.createFromOptions(fileset, {
    baseOptions: { modelAssetBuffer, delegate },
    runningMode: 'VIDEO',
    numPoses: config.numPoses,
    minPoseDetectionConfidence: config.minPoseDetectionConfidence,
    minPosePresenceConfidence: config.minPosePresenceConfidence,
    minTrackingConfidence: config.minTrackingConfidence,
    outputSegmentationMasks: false,
  })
  return { landmarker, delegate, renderer }
}

/** Runs one frame; landmarks stay normalised to the frame (the host scales them to source pixels). */
export function detectFrame(
  landmarker: PoseLandmarker,
  image: ImageData,
  timestampMs: number,
): WirePose[] {
  const result = landmarker.detectForVideo(image, timestampMs)
  return result.landmarks.map((landmarks, p) => {
    const image: number[] = []
    for (const l of landmarks) image.push(l.x, l.y, l.z, l.visibility ?? 0, l.presence ?? 1)
    const world: number[] = []
    for (const l of result.worldLandmarks[p] ?? []) world.push(l.x, l.y, l.z)
    return { image, world }
  })
}
