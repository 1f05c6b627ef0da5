import type { Track } from '../../core/motion/track'
import { parseTrack, trackToJson } from '../../core/motion/track'
import type { ViewSetting } from '../../core/document/types'
import { api } from '../api/client'
import { RetargetInference } from '../inference/RetargetInference'

let engine: Promise<RetargetInference | null> | undefined

/**
 * The renderer's retargeting: the ONNX worker (WebGPU where there is an adapter, else
 * WebAssembly), created once with the model main hands over as bytes. Where the worker cannot
 * start (no model, no WebAssembly), main's Node path does the job instead.
 */
function getEngine(): Promise<RetargetInference | null> {
  engine ??= (async () => {
    const files = await api['retarget.modelFiles']()
    if (!files) return null
    const modelUrl = URL.createObjectURL(
      new Blob([files.onnx as BlobPart], { type: 'application/octet-stream' }),
    )
    const cardUrl = URL.createObjectURL(new Blob([files.card], { type: 'application/json' }))
    try {
      return await RetargetInference.create({ modelUrl, cardUrl })
    } finally {
      URL.revokeObjectURL(modelUrl)
      URL.revokeObjectURL(cardUrl)
    }
  })().catch((error: unknown) => {
    console.warn(
      `Retargeting worker unavailable, using the main process: ${(error as Error).message}`,
    )
    return null
  })
  return engine
}

/** Which engine ran the last job, for the status area and tests. */
export let lastBackend = 'none'

export async function retargetInRenderer(
  track: Track,
  skeleton: unknown,
  view: ViewSetting,
  signal: AbortSignal,
  onProgress: (done: number, total: number) => void,
): Promise<Track> {
  const worker = await getEngine()
  if (worker) {
    const out = await worker.retarget(track, skeleton, view, { signal, onProgress })
    lastBackend = `worker:${worker.backend}`
    return out
  }
  lastBackend = 'main'
  return parseTrack(await api['retarget.run'](trackToJson(track), skeleton, view))
}
