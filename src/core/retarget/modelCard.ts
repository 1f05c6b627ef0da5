import { IN_CH } from './body15Bones'
import { RetargetError } from './errors'

/**
 * What the pipeline needs from the model card: the per-channel statistics the input is
 * normalised with, (feature - mean) / std, and whether the root's depth motion comes from the
 * network (card "use_root_depth"; false for model 1.0, where it measured worse).
 */
export interface ModelNormalisation {
  mean: number[]
  std: number[]
  useRootDepth?: boolean
}

/**
 * Reads the normalisation statistics from a parsed models/retarget.card.json: `normalisation`
 * {mean: [47], std: [47]} and `use_root_depth` (absent = false). Throws RetargetError('badModel').
 */
export function parseModelCard(doc: unknown): ModelNormalisation {
  const fail = (why: string): never => {
    throw new RetargetError(
      'badModel',
      `models/retarget.card.json is not usable: ${why}. Reinstall the model files (models/retarget.onnx and its card come together).`,
    )
  }
  if (typeof doc !== 'object' || doc === null) return fail('it is not a JSON object')
  const o = doc as Record<string, unknown>
  const norm = o.normalisation as Record<string, unknown> | undefined
  if (typeof norm !== 'object' || norm === null) return fail('it has no "normalisation" entry')
  const vec = (name: 'mean' | 'std'): number[] => {
    const v = norm[name]
    if (
      !Array.isArray(v) ||
      v.length !== IN_CH ||
      !v.every((n) => typeof n === 'number' && Number.isFinite(n))
    ) {
      return fail(`normalisation.${name} must be ${IN_CH} finite numbers`)
    }
    return v as number[]
  }
  const mean = vec('mean')
  const std = vec('std')
  if (!std.every((s) => s > 0)) fail('normalisation.std has a value that is not positive')
  const useRootDepth = o.use_root_depth ?? false
  if (typeof useRootDepth !== 'boolean') fail('"use_root_depth" must be true or false')
  return { mean, std, useRootDepth: useRootDepth as boolean }
}
