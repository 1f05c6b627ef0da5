import type { TrackFrame } from '../../core/motion/track'
import type { ModelNormalisation } from '../../core/retarget/modelCard'
import type { RetargetView } from '../../core/retarget/retarget'

/** Which onnxruntime-web execution provider the worker ended up with. */
export type InferenceBackend = 'webgpu' | 'wasm'

/** A track as it crosses to the worker (structured clone; the core Track shape). */
export interface WireTrack {
  fps: number
  width: number
  height: number
  skeleton?: 'body15' | 'mediapipe33'
  joints: string[]
  frames: TrackFrame[]
}

/** Messages from the page to the retarget worker. */
export type ToRetargetWorker =
  | {
      type: 'load'
      /** The ONNX model's bytes (transferred). */
      model: ArrayBuffer
      norm: ModelNormalisation
      /** Where onnxruntime-web's .wasm/.mjs files are served, if not beside its script. */
      wasmPaths?: string
      /** Force a backend (tests, or a user who turned WebGPU off). */
      prefer?: InferenceBackend
    }
  | {
      type: 'retarget'
      job: number
      track: WireTrack
      /** A parsed toonmo.skeleton document (checked in the worker). */
      skeleton: unknown
      view: RetargetView
    }
  | { type: 'cancel'; job: number }
  | { type: 'dispose' }

/** Messages from the retarget worker to the page. */
export type FromRetargetWorker =
  | { type: 'loaded'; backend: InferenceBackend; threads: number; loadMs: number }
  | { type: 'progress'; job: number; done: number; total: number }
  | { type: 'done'; job: number; track: WireTrack; ms: number }
  | {
      type: 'error'
      /** The job that failed, or null for a load failure. */
      job: number | null
      /** RetargetError code when the core refused the input, else 'internal'. */
      code: string
      message: string
    }
  | { type: 'disposed' }
