import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { PoseModel } from '../../../core/keypoints/detectorProtocol'
import { modelsDir } from '../../paths'

/** The folder holding the assembled pose_landmarker_*.task files. */
export const mediapipeModelDir = join(modelsDir, 'mediapipe')

/**
 * The .task file for a model variant. The files are assembled at install from the tflite files of
 * @mediapipe/pose (scripts/assemble-models.ts); when they are missing we assemble them here, which
 * takes under a second and never downloads anything.
 */
export async function poseModelPath(model: PoseModel): Promise<string> {
  const path = join(mediapipeModelDir, `pose_landmarker_${model}.task`)
  if (existsSync(path)) return path
  try {
    const { assembleModels } = await import('../../../../scripts/assemble-models')
    assembleModels(mediapipeModelDir)
  } catch (error) {
    throw new Error(
      `The pose model ${path} is missing and could not be assembled ` +
        `(${error instanceof Error ? error.message : String(error)}). Run "npx tsx scripts/assemble-models.ts".`,
      { cause: error },
    )
  }
  return path
}
