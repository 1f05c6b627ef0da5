import { BODY15_JOINTS } from '../skeleton/body15'
import { mediapipeToBody15 } from '../skeleton/mediapipeToBody15'
import type { Track } from './track'
import { trackSkeleton } from './track'

/** The same track on the body15 joint set (a body15 track is returned as is). */
export function trackToBody15(track: Track): Track {
  if (trackSkeleton(track) === 'body15') return track
  return {
    fps: track.fps,
    width: track.width,
    height: track.height,
    skeleton: 'body15',
    joints: [...BODY15_JOINTS],
    frames: track.frames.map((f) => ({
      time: f.time,
      points: f.points ? mediapipeToBody15(f.points) : null,
    })),
  }
}
