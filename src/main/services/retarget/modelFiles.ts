import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseModelCard } from '../../../core/retarget/modelCard'
import type { ModelNormalisation } from '../../../core/retarget/modelCard'
import { modelsDir } from '../../paths'
import type { NodeOnnxSession } from './onnxSession'

/**
 * The folder holding retarget.onnx and its card: TOONMO_MODELS_DIR when set (tests and trying a
 * freshly exported model), else models/ at the repository or app root.
 */
export function defaultRetargetModelsDir(): string {
  return process.env.TOONMO_MODELS_DIR || modelsDir
}

/** Where the retarget model and its card live. */
export function retargetModelPaths(dir = defaultRetargetModelsDir()): {
  onnx: string
  card: string
  vectors: string
} {
  return {
    onnx: join(dir, 'retarget.onnx'),
    card: join(dir, 'retarget.card.json'),
    vectors: join(dir, 'retarget.vectors.json'),
  }
}

/** True when both the ONNX file and its model card are present. */
export function retargetModelAvailable(dir = defaultRetargetModelsDir()): boolean {
  const p = retargetModelPaths(dir)
  return existsSync(p.onnx) && existsSync(p.card)
}

/** A ready lifting network with its normalisation, as `retargetTrack`'s `model` option takes it. */
export interface LoadedRetargetModel {
  session: NodeOnnxSession
  norm: ModelNormalisation
  /** Model card as shipped (version, metrics), for display. */
  card: Record<string, unknown>
}

/**
 * Loads models/retarget.onnx and its card, or returns null when the ONNX file is absent (the
 * caller decides whether that matters: it does only for a view change).
 */
export async function loadRetargetModel(
  dir = defaultRetargetModelsDir(),
  options: { threads?: number } = {},
): Promise<LoadedRetargetModel | null> {
  const p = retargetModelPaths(dir)
  if (!existsSync(p.onnx)) return null
  if (!existsSync(p.card)) {
    throw new Error(
      `${p.card} is missing: the model card holds the normalisation the model needs. Restore it with "git checkout -- models".`,
    )
  }
  const card = JSON.parse(await readFile(p.card, 'utf8')) as Record<string, unknown>
  const norm = parseModelCard(card)
  // Loaded on demand: onnxruntime-web is large, and every `toonmo` command imports this file.
  const { openNodeOnnxSession } = await import('./onnxSession')
  const session = await openNodeOnnxSession(p.onnx, options)
  return { session, norm, card }
}
