/**
 * The wire protocol between a detection host (the main process, or the headless CLI) and the
 * detector page. The same messages travel over HTTP (headless Chromium) and over a MessagePort
 * (Electron's hidden window): frames as binary, small results as JSON. The page pulls one frame
 * at a time, which gives backpressure for free: the host's decoder only runs ahead as far as the
 * page has asked.
 */

/** The pose model variants the app ships. */
export type PoseModel = 'lite' | 'full' | 'heavy'
export const poseModels: readonly PoseModel[] = ['lite', 'full', 'heavy']

/** Where PoseLandmarker runs; 'auto' picks GPU only where a real (not software) GPU exists. */
export type DetectorDelegate = 'auto' | 'CPU' | 'GPU'

/** What the page needs to start; sent once, before the first frame. */
export interface DetectorConfig {
  /** URL of the .task file, relative to the page or absolute. */
  modelUrl: string
  /** URL of the folder holding tasks-vision's wasm files. */
  wasmBase: string
  numPoses: number
  delegate: DetectorDelegate
  minPoseDetectionConfidence: number
  minPosePresenceConfidence: number
  minTrackingConfidence: number
}

/** One person as the page reports it: MediaPipe's output as flat arrays, normalised to the frame. */
export interface WirePose {
  /** 33 x (x, y, z, visibility, presence); x, y in [0, 1] of the frame; z scaled like x. */
  image: number[]
  /** 33 x (x, y, z) in metres, origin between the hips (MediaPipe world landmarks). */
  world: number[]
}

/** The page's answer for one frame. */
export interface WireResult {
  index: number
  /** Seconds, as the host sent it. */
  time: number
  /** Milliseconds PoseLandmarker spent on this frame. */
  detectMs: number
  poses: WirePose[]
}

/** Page -> host: the page loaded the model and is about to pull frames. */
export interface WireReady {
  delegate: 'CPU' | 'GPU'
  /** The WebGL renderer string, to tell a real GPU from SwiftShader. */
  renderer: string
  loadMs: number
}

/**
 * Page -> host, when the page asks for its next frame. Results ride on the request for the next
 * frame rather than going back on requests of their own: over HTTP a second request per frame
 * cost about as much CPU as a third of a lite-model detection (bench/detect), on two cores that
 * the detector pages need.
 */
export interface WirePull {
  /** Frames detected since the previous pull, in frame order (often one, empty at the start). */
  results: WireResult[]
}

/** Messages on Electron's MessagePort, host -> page. */
export type HostToPage =
  | { type: 'config'; config: DetectorConfig }
  | { type: 'frame'; buffer: ArrayBuffer }
  | { type: 'end' }

/** Messages on Electron's MessagePort, page -> host ('results' flushes the last ones). */
export type PageToHost =
  | { type: 'ready'; info: WireReady }
  | ({ type: 'pull' } & WirePull)
  | ({ type: 'results' } & WirePull)
  | { type: 'error'; message: string }

export const frameHeaderBytes = 32
const frameMagic = 0x314d5246 // "FRM1"

/** One frame on the wire: a 32-byte header then tightly packed RGBA. */
export interface WireFrame {
  index: number
  /** Presentation time, seconds. */
  time: number
  width: number
  height: number
  rgba: Uint8Array
}

/** Packs a frame; the result is one ArrayBuffer that can be transferred without a copy. */
export function encodeFrame(frame: WireFrame): ArrayBuffer {
  const expected = frame.width * frame.height * 4
  if (frame.rgba.length !== expected) {
    throw new Error(
      `frame ${frame.index}: ${frame.rgba.length} bytes of RGBA, expected ${expected}`,
    )
  }
  const buffer = new ArrayBuffer(frameHeaderBytes + expected)
  const view = new DataView(buffer)
  view.setUint32(0, frameMagic, true)
  view.setUint32(4, frame.index, true)
  view.setFloat64(8, frame.time, true)
  view.setUint32(16, frame.width, true)
  view.setUint32(20, frame.height, true)
  new Uint8Array(buffer, frameHeaderBytes).set(frame.rgba)
  return buffer
}

/** The header fields alone, for hosts that send the pixels as a separate body. */
export function encodeFrameHeader(frame: Omit<WireFrame, 'rgba'>): Uint8Array {
  const bytes = new Uint8Array(frameHeaderBytes)
  const view = new DataView(bytes.buffer)
  view.setUint32(0, frameMagic, true)
  view.setUint32(4, frame.index, true)
  view.setFloat64(8, frame.time, true)
  view.setUint32(16, frame.width, true)
  view.setUint32(20, frame.height, true)
  return bytes
}

/** Unpacks a frame; `rgba` is a view into `buffer`, not a copy. */
export function decodeFrame(buffer: ArrayBuffer): WireFrame {
  const view = new DataView(buffer)
  if (buffer.byteLength < frameHeaderBytes || view.getUint32(0, true) !== frameMagic) {
    throw new Error('not a detector frame (bad header)')
  }
  const width = view.getUint32(16, true)
  const height = view.getUint32(20, true)
  const rgba = new Uint8Array(buffer, frameHeaderBytes)
  if (rgba.length !== width * height * 4) throw new Error('detector frame is truncated')
  return {
    index: view.getUint32(4, true),
    time: view.getFloat64(8, true),
    width,
    height,
    rgba,
  }
}

/**
 * A strictly increasing millisecond timestamp for VIDEO mode from a frame time in seconds:
 * MediaPipe rejects a timestamp that does not grow, and real clips can repeat a time.
 */
export function videoTimestampMs(timeSec: number, previousMs: number | undefined): number {
  const ms = Math.round(timeSec * 1000)
  return previousMs !== undefined && ms <= previousMs ? previousMs + 1 : ms
}
