import type { Track, TrackFrame } from '../motion/track'
import { BODY15_JOINTS } from '../skeleton/body15'
import { analyticSameView } from './analyticRetarget'
import { J, MIN_T, ROOT } from './body15Bones'
import { RetargetError, throwIfAborted } from './errors'
import { fillMissing } from './fillMissing'
import type { Lifted } from './lifting'
import { lift, liftedToView } from './lifting'
import { MODEL_FPS, resampleTime } from './resampleTime'
import type { ModelNormalisation } from './modelCard'
import type { RetargetSession } from './session'
import { trackToArrays } from './sourceArrays'
import type { TargetSkeleton } from './targetSkeleton'
import type { WindowOptions } from './windows'

/** "source" keeps the performer's view; a number is a yaw in degrees (0 faces the camera, 90 is
 * a profile facing screen-right, 180 the back). */
export type RetargetView = 'source' | number

export interface RetargetOptions extends WindowOptions {
  view: RetargetView
  /** Frames per second of the source; the network runs at 30 fps, other rates are resampled. */
  fps?: number
  /** The lifting network; needed only for a numeric view. */
  model?: { session: RetargetSession; norm: ModelNormalisation }
}

/**
 * Retargets arrays (reference_retarget.retarget_arrays): `pts` T x 15 x 2 source pixels with
 * `conf` (0 = missing), onto `rest` (15 x 2 target pixels). Returns T x 15 x 2 in target pixels,
 * absolute: frame 0's mid_hip lands on the source's (filled) frame-0 mid_hip.
 */
export async function retargetArrays(
  pts: Float64Array,
  conf: Float64Array,
  T: number,
  rest: Float64Array,
  options: RetargetOptions,
): Promise<Float64Array> {
  const filled = fillMissing(pts, conf, T)
  let rel: Float64Array
  if (options.view === 'source') {
    rel = analyticSameView(filled, conf, T, rest)
  } else {
    if (!options.model) throw noModel()
    const { session, norm } = options.model
    const fps = options.fps ?? MODEL_FPS
    let lifted: Lifted
    if (Math.abs(fps - MODEL_FPS) > 1e-3) {
      // The network was trained at 30 fps: resample in, lift, resample back.
      const n30 = Math.floor(((T - 1) * MODEL_FPS) / fps) + 1
      const p30 = resampleTime(filled, J * 2, n30, fps / MODEL_FPS)
      const seen = conf.map((c) => (c > 0 ? 1 : 0))
      const c30 = resampleTime(seen, J, n30, fps / MODEL_FPS).map((c) => (c >= 0.5 ? 1 : 0))
      const l30 = await lift(p30, c30, n30, session, norm, options)
      lifted = {
        joints3d: resampleTime(l30.joints3d, J * 3, T, MODEL_FPS / fps),
        root: resampleTime(l30.root, 3, T, MODEL_FPS / fps),
      }
    } else {
      lifted = await lift(filled, conf, T, session, norm, options)
    }
    throwIfAborted(options.signal)
    rel = liftedToView(lifted, T, rest, options.view, norm.useRootDepth ?? false)
  }
  const x0 = filled[ROOT * 2] as number
  const y0 = filled[ROOT * 2 + 1] as number
  for (let i = 0; i < T * J; i++) {
    rel[i * 2] = (rel[i * 2] as number) + x0
    rel[i * 2 + 1] = (rel[i * 2 + 1] as number) + y0
  }
  return rel
}

/**
 * Retargets a source track (body15 or mediapipe33) onto a target skeleton
 * (reference_retarget.retarget). The result is a body15 track at the target's pixel scale whose
 * mid_hip starts where the source's starts; frames where the source had no person stay null,
 * every other frame has all 15 joints (missing ones filled) with confidence 1.
 * Throws RetargetError: `noPerson` when no frame has a detected joint, `tooShort` under 16 frames
 * for a view change, `noModel` for a view change without a model, `cancelled` on abort.
 */
export async function retargetTrack(
  source: Track,
  target: TargetSkeleton,
  options: RetargetOptions,
): Promise<Track> {
  throwIfAborted(options.signal)
  const { frames: T, pts, conf, isNull } = trackToArrays(source)
  let anyJoint = false
  for (let i = 0; i < conf.length && !anyJoint; i++) anyJoint = (conf[i] as number) > 0
  if (T === 0 || !anyJoint) {
    throw new RetargetError(
      'noPerson',
      'The source track has no detected person in any frame (every frame is null or has confidence 0 everywhere): detect again with a larger person in frame, or a different model.',
    )
  }
  if (options.view !== 'source') {
    if (!options.model) throw noModel()
    if (T < MIN_T) {
      throw new RetargetError(
        'tooShort',
        `The source track has ${T} frame${T === 1 ? '' : 's'}; a view change needs at least ${MIN_T} (about half a second at 30 fps). Use a longer clip, or keep the source's view (--view source).`,
      )
    }
  }
  const out = await retargetArrays(pts, conf, T, target.rest, { ...options, fps: source.fps })
  const frames: TrackFrame[] = source.frames.map((f, t) => {
    if (isNull[t]) return { time: f.time, points: null }
    const points: [number, number, number][] = []
    for (let j = 0; j < J; j++) {
      points.push([out[(t * J + j) * 2] as number, out[(t * J + j) * 2 + 1] as number, 1])
    }
    return { time: f.time, points }
  })
  return {
    fps: source.fps,
    width: source.width,
    height: source.height,
    skeleton: 'body15',
    joints: [...BODY15_JOINTS],
    frames,
  }
}

function noModel(): RetargetError {
  return new RetargetError(
    'noModel',
    'Changing the view needs the retarget model (models/retarget.onnx), which was not found: reinstall Toonmo or restore that file, or keep the source view (--view source).',
  )
}
