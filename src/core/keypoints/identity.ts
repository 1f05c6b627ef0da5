import type { Box } from './geometry'
import { boxArea, boxIoU, poseBox, torsoSize } from './geometry'
import type { DetectionFrame } from './types'

/**
 * Stable person ids across frames: `ids[frame][personIndex]` is that person's track id, or
 * {@link DUPLICATE} for a second detection of someone already in the frame.
 */
export interface Identities {
  ids: number[][]
  /** Every track id that occurs, in order of first appearance. */
  trackIds: number[]
}

export interface IdentityOptions {
  /** Frames a person may go unseen and keep their id. */
  maxMissingFrames: number
  /** Largest matching cost (see matchCost) that still counts as the same person. */
  maxCost: number
  /** Two detections in one frame overlapping more than this (IoU) are one person seen twice. */
  duplicateIoU: number
  /**
   * Largest factor by which a person's torso (shoulders to hips, pixels) may grow or shrink
   * from one sighting to the next and still be the same person. A body's size on screen changes
   * smoothly; the detector's stray detections (a skeleton spread over two people, a small one
   * on a limb) are twice or half the size of whoever is near them.
   */
  maxScaleChange: number
}

/** The id given to a second detection of a person already matched in the same frame. */
export const DUPLICATE = -1

export const defaultIdentityOptions: IdentityOptions = {
  maxMissingFrames: 15,
  maxCost: 1.2,
  duplicateIoU: 0.6,
  maxScaleChange: 2,
}

/**
 * How unlike two boxes are: the centre distance in units of the boxes' mean size, minus their
 * overlap. 0 for the same box; about 1 for a box moved by its own size.
 */
export function matchCost(a: Box, b: Box): number {
  const size = (Math.sqrt(boxArea(a)) + Math.sqrt(boxArea(b))) / 2 || 1
  const dx = (a.minX + a.maxX - b.minX - b.maxX) / 2
  const dy = (a.minY + a.maxY - b.minY - b.maxY) / 2
  return Math.hypot(dx, dy) / size - boxIoU(a, b)
}

/**
 * Follows people from frame to frame by their bounding boxes and sizes: each frame's people are
 * matched to the live tracks cheapest pair first (a handful of people makes greedy matching as
 * good as the Hungarian algorithm here), where the cost is the boxes' {@link matchCost} plus how
 * much the torso size changed (log ratio; a size change counts like a move), at most `maxCost`,
 * and a torso that grew or shrank by more than `maxScaleChange` never matches. Unmatched people
 * start new tracks; tracks unseen for longer than `maxMissingFrames` are retired, so a person
 * who leaves and comes back far away gets a new id. Without the size check one stray detection
 * between two people could carry a performer's id over to a passer-by (seen on
 * sports2d_demo.mp4).
 */
export function trackIdentities(
  frames: readonly DetectionFrame[],
  options: IdentityOptions = defaultIdentityOptions,
): Identities {
  const live: { id: number; box: Box; torso: number; lastFrame: number }[] = []
  const maxLogScale = Math.log(options.maxScaleChange)
  const trackIds: number[] = []
  let nextId = 0
  const ids = frames.map((frame, f) => {
    const boxes = frame.people.map((p) => poseBox(p.image))
    const torsos = frame.people.map((p) => torsoSize(p.image))
    const pairs: { person: number; track: number; cost: number }[] = []
    live.forEach((track, t) => {
      if (f - track.lastFrame > options.maxMissingFrames + 1) return
      boxes.forEach((box, person) => {
        const boxCost = matchCost(track.box, box)
        const scaleCost = Math.abs(Math.log(torsos[person]! / track.torso))
        // A torso of zero (every landmark on one spot) gives an infinite or NaN ratio: no match.
        const cost = boxCost + scaleCost
        if (cost <= options.maxCost && scaleCost <= maxLogScale)
          pairs.push({ person, track: t, cost })
      })
    })
    pairs.sort((a, b) => a.cost - b.cost)
    const assigned = new Array<number>(boxes.length).fill(-1)
    const usedTracks = new Set<number>()
    for (const pair of pairs) {
      if (assigned[pair.person] !== -1 || usedTracks.has(pair.track)) continue
      assigned[pair.person] = pair.track
      usedTracks.add(pair.track)
    }
    return boxes.map((box, person) => {
      let t = assigned[person] as number
      // The detector sometimes reports one person twice for a few frames (fast motion); the copy
      // that matched worse is not a new person.
      const duplicate = boxes.some(
        (other, o) =>
          o !== person && assigned[o] !== -1 && boxIoU(box, other) > options.duplicateIoU,
      )
      if (t === -1 && duplicate) return DUPLICATE
      if (t === -1) {
        live.push({ id: nextId, box, torso: torsos[person]!, lastFrame: f })
        trackIds.push(nextId++)
        t = live.length - 1
      }
      const track = live[t] as (typeof live)[number]
      track.box = box
      track.torso = torsos[person]!
      track.lastFrame = f
      return track.id
    })
  })
  return { ids, trackIds }
}
