import { z } from 'zod'
import { parseTrack, trackToJson } from '../../core/motion/track'
import { parseTargetSkeleton } from '../../core/retarget/targetSkeleton'
import { retargetTrack } from '../../core/retarget/retarget'
import { readFile } from 'node:fs/promises'
import {
  defaultRetargetModelsDir,
  loadRetargetModel,
  retargetModelAvailable,
  retargetModelPaths,
} from '../services/retarget/modelFiles'
import type { LoadedRetargetModel } from '../services/retarget/modelFiles'
import { method } from './method'

/**
 * Retargeting in main (Node, WebAssembly backend). The renderer prefers its own worker
 * (src/renderer/inference), which can use WebGPU; this is the fallback and the CLI's path.
 */
export function retargetMethods() {
  let model: Promise<LoadedRetargetModel | null> | undefined
  return {
    /** The model and its card as bytes, for the renderer's worker (same in Electron and a browser). */
    'retarget.modelFiles': method(z.tuple([]), async () => {
      if (!retargetModelAvailable()) return null
      const paths = retargetModelPaths()
      const [onnx, card] = await Promise.all([readFile(paths.onnx), readFile(paths.card, 'utf8')])
      return { onnx: new Uint8Array(onnx), card }
    }),
    'retarget.run': method(
      z.tuple([
        z.unknown(),
        z.unknown(),
        z.union([z.literal('source'), z.number().min(-180).max(180)]),
      ]),
      async (rawTrack, rawSkeleton, view) => {
        const source = parseTrack(rawTrack)
        const target = parseTargetSkeleton(rawSkeleton)
        if (view !== 'source') model ??= loadRetargetModel(defaultRetargetModelsDir())
        const loaded = view === 'source' ? null : await model!
        const out = await retargetTrack(source, target, {
          view,
          ...(loaded ? { model: { session: loaded.session, norm: loaded.norm } } : {}),
        })
        return trackToJson(out)
      },
    ),
  }
}
