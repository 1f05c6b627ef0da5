import type { RigAnimation } from '../animation'
import type { CompiledRig } from '../compileRig'
import type { RigView } from '../types'
import { exaggerate } from './exaggerate'
import { mirrorAnimation } from './mirror'
import { replantFeet } from './replantFeet'
import { smoothAnimation } from './smoothing'
import { squashAndStretch } from './squashStretch'
import { holdFrames } from './timing'

/** The cartoon controls an animator sets per project; the defaults leave the motion as solved. */
export interface CartoonSettings {
  /** Smoothing time constant in frames; 0 = off. */
  smoothing: number
  /** 1 = as performed; above 1 pushes every accent further from the smoothed motion. */
  exaggeration: number
  /** 0 = off; 1 = full squash and stretch along fast motion. */
  squashStretch: number
  /** Hold each pose this many frames: 1 (ones), 2 (twos) or 3 (threes). */
  timing: 1 | 2 | 3
  /** Swap left and right. */
  mirror: boolean
  /** The view passed to retargeting; here it also picks front or profile drawings. */
  view: RigView
}

export const DEFAULT_CARTOON_SETTINGS: Readonly<CartoonSettings> = {
  smoothing: 0,
  exaggeration: 1,
  squashStretch: 0,
  timing: 1,
  mirror: false,
  view: 'front',
}

/**
 * Applies the cartoon controls to a solved animation, as a pure function (the input is never
 * changed): smoothing, exaggeration, feet re-planted, mirror, squash and stretch, then timing
 * last so held poses stay exactly still. Cheap enough to rerun for live preview (O(frames x
 * bones)).
 */
export function applyCartoonControls(
  c: CompiledRig,
  solved: RigAnimation,
  settings: Partial<CartoonSettings>,
): RigAnimation {
  const s = { ...DEFAULT_CARTOON_SETTINGS, ...settings }
  let anim = smoothAnimation(solved, s.smoothing)
  if (s.exaggeration !== 1) anim = exaggerate(anim, s.exaggeration)
  if (s.smoothing > 0 || s.exaggeration !== 1) anim = replantFeet(c, anim)
  if (settings.view !== undefined) anim.view = s.view
  if (s.mirror) anim = mirrorAnimation(c, anim)
  anim = squashAndStretch(c, anim, s.squashStretch)
  return holdFrames(anim, s.timing)
}
