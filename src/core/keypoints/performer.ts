import { boxArea, poseBox } from './geometry'
import type { PerformerAnchor } from './people'
import { personBox, smallestHolding } from './people'
import type { Identities } from './identity'
import type { PoseSequence, RawDetection } from './types'

/**
 * How much each tracked person looks like the performer: over the frames they appear in, the sum
 * of (box area / frame area) x centrality, where centrality is 1 at the frame centre falling to 0
 * at a corner. Large, central and present for long scores highest; a passer-by at the edge low.
 */
export function performerScores(raw: RawDetection, identities: Identities): Map<number, number> {
  const scores = new Map<number, number>(identities.trackIds.map((id) => [id, 0]))
  const frameArea = raw.width * raw.height
  const halfDiagonal = Math.hypot(raw.width, raw.height) / 2
  raw.frames.forEach((frame, f) => {
    frame.people.forEach((person, p) => {
      const id = identities.ids[f]?.[p]
      if (id === undefined || id < 0) return
      const box = poseBox(person.image)
      const cx = (box.minX + box.maxX) / 2 - raw.width / 2
      const cy = (box.minY + box.maxY) / 2 - raw.height / 2
      const centrality = Math.max(0, 1 - Math.hypot(cx, cy) / halfDiagonal)
      scores.set(id, (scores.get(id) ?? 0) + (boxArea(box) / frameArea) * centrality)
    })
  })
  return scores
}

/** The default performer: the track with the highest {@link performerScores}; undefined if nobody. */
export function choosePerformer(raw: RawDetection, identities: Identities): number | undefined {
  let best: number | undefined
  let bestScore = -Infinity
  for (const [id, score] of performerScores(raw, identities)) {
    if (score > bestScore) {
      best = id
      bestScore = score
    }
  }
  return best
}

/**
 * The performer to use: the person at the animator's anchor (where they were when chosen) when
 * there is one there, else the chosen identity when this detection has it, else the default
 * ({@link choosePerformer}); undefined if nobody was found. The anchor comes first because
 * identity numbers belong to one run of the tracker; the point stays on the same person.
 */
export function resolvePerformer(
  raw: RawDetection,
  identities: Identities,
  chosen: number | null | undefined,
  at?: PerformerAnchor | null,
): number | undefined {
  const anchored = at ? personAtAnchor(raw, identities, at) : undefined
  if (anchored !== undefined) return anchored
  if (chosen !== null && chosen !== undefined && identities.trackIds.includes(chosen)) return chosen
  return choosePerformer(raw, identities)
}

/** The tracked person whose box holds the anchor's point in its frame (the smallest such box). */
function personAtAnchor(
  raw: RawDetection,
  identities: Identities,
  at: PerformerAnchor,
): number | undefined {
  const people = (raw.frames[at.frame]?.people ?? []).flatMap((person, p) => {
    const id = identities.ids[at.frame]?.[p]
    return id === undefined || id < 0 ? [] : [{ id, box: personBox(person.image) }]
  })
  return smallestHolding(people, at.x, at.y)
}

/** One person's landmarks through the clip; frames where they are absent are null. */
export function performerSequence(
  raw: RawDetection,
  identities: Identities,
  trackId: number | undefined,
): PoseSequence {
  return {
    fps: raw.fps,
    width: raw.width,
    height: raw.height,
    times: raw.frames.map((f) => f.time),
    frames: raw.frames.map((frame, f) => {
      const p = trackId === undefined ? -1 : (identities.ids[f] ?? []).indexOf(trackId)
      const person = frame.people[p]
      return person ? person.image.map((l) => [...l] as typeof l) : null
    }),
  }
}
