import type { Track } from './track'

/**
 * A keypoint sequence packed for fast per-frame work: `data[(frame * jointCount + joint) * 3 + k]`
 * with k = 0 x, 1 y (pixels, y down), 2 confidence. Frames with no person have confidence 0 on
 * every joint (x and y are 0 then and mean nothing).
 */
export interface Motion {
  fps: number
  frameCount: number
  jointCount: number
  /** Presentation time of each frame, seconds. */
  times: Float64Array
  data: Float64Array
}

/** Packs a track's frames into a {@link Motion} (joint order as in `track.joints`). */
export function trackToMotion(track: Track): Motion {
  const frameCount = track.frames.length
  const jointCount = track.joints.length
  const times = new Float64Array(frameCount)
  const data = new Float64Array(frameCount * jointCount * 3)
  track.frames.forEach((frame, f) => {
    times[f] = frame.time
    if (!frame.points) return
    frame.points.forEach((p, j) => {
      const o = (f * jointCount + j) * 3
      data[o] = p[0]
      data[o + 1] = p[1]
      data[o + 2] = p[2]
    })
  })
  return { fps: track.fps, frameCount, jointCount, times, data }
}
