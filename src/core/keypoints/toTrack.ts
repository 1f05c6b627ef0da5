import { MEDIAPIPE33_JOINTS } from '../skeleton/mediapipe33'
import type { Track, TrackSkeleton } from '../motion/track'
import { trackToBody15 } from '../motion/trackToBody15'
import { landmarkConfidence } from './geometry'
import type { PoseSequence } from './types'

const round = (v: number, f: number): number => Math.round(v * f) / f

/**
 * The `toonmo.track` of one person: x, y in pixels of the upright frame (origin top-left, y down),
 * confidence the lower of MediaPipe's visibility and presence; a frame without the person has
 * null points. body15 is made by the shared MediaPipe -> body15 mapping (neck and mid_hip are
 * midpoints; "right" is the performer's right).
 */
export function sequenceToTrack(sequence: PoseSequence, skeleton: TrackSkeleton): Track {
  const track: Track = {
    fps: sequence.fps,
    width: sequence.width,
    height: sequence.height,
    skeleton: 'mediapipe33',
    joints: [...MEDIAPIPE33_JOINTS],
    frames: sequence.frames.map((frame, f) => ({
      time: round(sequence.times[f] as number, 1e6),
      points: frame
        ? frame.map((p) => [round(p[0], 100), round(p[1], 100), round(landmarkConfidence(p), 1000)])
        : null,
    })),
  }
  if (skeleton === 'mediapipe33') return track
  const body15 = trackToBody15(track)
  return {
    ...body15,
    frames: body15.frames.map((f) => ({
      time: f.time,
      points: f.points
        ? f.points.map((p) => [round(p[0], 100), round(p[1], 100), round(p[2], 1000)])
        : null,
    })),
  }
}
