import type { Track } from '../motion/track'
import { trackToBody15 } from '../motion/trackToBody15'
import { J } from './body15Bones'

/**
 * A source clip as flat arrays (reference_retarget.track_to_arrays): `pts` x, y of joint j at
 * frame t at (t * 15 + j) * 2 in source pixels (y down); `conf` at t * 15 + j, 0 = missing;
 * `isNull[t]` when the frame had no person (its joints are then all missing).
 */
export interface SourceArrays {
  frames: number
  pts: Float64Array
  conf: Float64Array
  isNull: Uint8Array
}

/**
 * Packs a parsed track (body15 or mediapipe33; the latter converted to body15 first) into
 * arrays. Confidence is clipped to [0, 1].
 */
export function trackToArrays(track: Track): SourceArrays {
  const body = trackToBody15(track)
  const T = body.frames.length
  const pts = new Float64Array(T * J * 2)
  const conf = new Float64Array(T * J)
  const isNull = new Uint8Array(T)
  body.frames.forEach((frame, t) => {
    const points = frame.points
    if (points === null) {
      isNull[t] = 1
      return
    }
    for (let j = 0; j < J; j++) {
      const p = points[j] as readonly [number, number, number]
      const x = p[0]
      const y = p[1]
      const c = p[2]
      pts[(t * J + j) * 2] = Number.isFinite(x) ? x : 0
      pts[(t * J + j) * 2 + 1] = Number.isFinite(y) ? y : 0
      conf[t * J + j] = Number.isFinite(c) ? Math.min(1, Math.max(0, c)) : 0
    }
  })
  return { frames: T, pts, conf, isNull }
}
