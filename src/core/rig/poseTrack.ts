import { trackToMotion } from '../motion/motion'
import type { Track } from '../motion/track'
import { trackToBody15 } from '../motion/trackToBody15'
import type { RigAnimation } from './animation'
import type { CompiledRig } from './compileRig'
import type { CartoonSettings } from './controls/cartoonControls'
import { applyCartoonControls } from './controls/cartoonControls'
import type { SolveOptions } from './solve/solvePose'
import { solvePose } from './solve/solvePose'

/** A solved animation and the same with the cartoon controls applied. */
export interface PosedTrack {
  /** Straight from the solver: keep it, so controls can be changed and reapplied live. */
  solved: RigAnimation
  /** What plays and exports. */
  animation: RigAnimation
}

/**
 * The whole footage-to-rig step shared by the CLI and the app: a keypoint track (body15 or
 * mediapipe33, e.g. retargeting's output) solved onto a rig, then the cartoon controls.
 */
export function poseTrack(
  c: CompiledRig,
  track: Track,
  settings: Partial<CartoonSettings> = {},
  options: Omit<SolveOptions, 'view'> = {},
): PosedTrack {
  if (track.frames.length === 0)
    throw new Error('the track has no frames: there is nothing to pose')
  const view = settings.view ?? 'front'
  const solved = solvePose(c, trackToMotion(trackToBody15(track)), { ...options, view })
  return { solved, animation: applyCartoonControls(c, solved, settings) }
}
