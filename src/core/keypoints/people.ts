import { poseBox } from './geometry'
import type { Identities } from './identity'
import type { ImageLandmark, RawDetection } from './types'

/** A point on a person in one frame: frame index, x and y in pixels of the upright frame. */
export interface PerformerAnchor {
  frame: number
  x: number
  y: number
}

/** A box as [minX, minY, maxX, maxY], pixels of the upright source frame. */
export type PersonBox = [minX: number, minY: number, maxX: number, maxY: number]

/**
 * One tracked person, as the performer picker shows them: how likely they are the performer,
 * how long they are on screen, and where, frame by frame, so the viewport can draw and pick them.
 */
export interface PersonSummary {
  id: number
  /** The performer score (see performerScores); the default performer scores highest. */
  score: number
  /** Frames the person is seen in. */
  seen: number
  /** Index of the first frame they are seen in; `boxes` starts there. */
  first: number
  /** Their {@link personBox} in each frame from `first` to the last seen in; null where unseen. */
  boxes: (PersonBox | null)[]
}

/** Every tracked person of a detection, in order of first appearance. */
export function summarizePeople(
  raw: RawDetection,
  identities: Identities,
  scores: ReadonlyMap<number, number>,
): PersonSummary[] {
  const byId = new Map<number, PersonSummary>(
    identities.trackIds.map((id) => [
      id,
      { id, score: scores.get(id) ?? 0, seen: 0, first: -1, boxes: [] },
    ]),
  )
  raw.frames.forEach((frame, f) => {
    frame.people.forEach((person, p) => {
      const summary = byId.get(identities.ids[f]?.[p] ?? -1)
      if (!summary) return
      if (summary.first < 0) summary.first = f
      while (summary.first + summary.boxes.length < f) summary.boxes.push(null)
      summary.boxes.push(personBox(person.image).map(round1) as PersonBox)
      summary.seen++
    })
  })
  return [...byId.values()].filter((s) => s.seen > 0)
}

/**
 * The box a person is shown and picked by: the box around their landmarks widened by a tenth
 * of its height on each side, since the joints lie inside the body's outline.
 */
export function personBox(landmarks: readonly ImageLandmark[]): PersonBox {
  const b = poseBox(landmarks)
  const pad = (b.maxY - b.minY) * 0.1
  return [b.minX - pad, b.minY - pad, b.maxX + pad, b.maxY + pad]
}

/** Whether a point lies in a box. */
function boxHolds(b: PersonBox, x: number, y: number): boolean {
  return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3]
}

/** Tenths of a pixel are plenty for a box on screen, and keep the summary small to send. */
function round1(v: number): number {
  return Math.round(v * 10) / 10
}

/** A person's box at a frame, or null where they are not seen. */
export function boxAt(person: PersonSummary, frame: number): PersonBox | null {
  return person.boxes[frame - person.first] ?? null
}

/** Shortest time on screen for a person to be offered as a performer, seconds. */
export const MIN_LISTED_SECONDS = 0.5

/**
 * The people worth offering as the performer: on screen for at least {@link MIN_LISTED_SECONDS}
 * (the detector's stray detections last a frame or a few, and nobody animates half a second),
 * plus the current performer whatever their time; the likeliest performer first.
 */
export function listedPeople(
  people: readonly PersonSummary[],
  fps: number,
  performer: number | null,
): PersonSummary[] {
  const minFrames = Math.max(2, Math.round(MIN_LISTED_SECONDS * fps))
  return people
    .filter((p) => p.seen >= minFrames || p.id === performer)
    .sort((a, b) => b.score - a.score || a.id - b.id)
}

/**
 * The person under a point at a frame (source pixels), for picking the performer by clicking
 * them (see {@link smallestHolding}).
 */
export function personAtPoint(
  people: readonly PersonSummary[],
  frame: number,
  x: number,
  y: number,
): number | undefined {
  return smallestHolding(
    people.map((p) => ({ id: p.id, box: boxAt(p, frame) })),
    x,
    y,
  )
}

/**
 * Of the people whose boxes hold a point, the one with the smallest box, so a person whose box
 * lies inside another's can still be picked.
 */
export function smallestHolding(
  people: readonly { id: number; box: PersonBox | null }[],
  x: number,
  y: number,
): number | undefined {
  let best: number | undefined
  let bestArea = Infinity
  for (const { id, box: b } of people) {
    if (!b || !boxHolds(b, x, y)) continue
    const area = (b[2] - b[0]) * (b[3] - b[1])
    if (area < bestArea) {
      best = id
      bestArea = area
    }
  }
  return best
}

/** How the picker names a person: number and time on screen ("Person 3, 0:02-0:06"). */
export function personLabel(person: PersonSummary, fps: number): string {
  const time = (frame: number): string => {
    const seconds = Math.floor(frame / fps)
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
  }
  const last = person.first + person.boxes.length - 1
  return `Person ${person.id + 1}, ${time(person.first)}\u2013${time(last)}`
}

/**
 * Where a person is, to store with the choice of performer: the centre of their box in the
 * frame they are picked at, or (picked from a list) in the middle one of the frames they are seen.
 */
export function personAnchor(person: PersonSummary, frame?: number): PerformerAnchor | null {
  let at = frame ?? -1
  if (!boxAt(person, at)) {
    const seen = person.boxes.flatMap((b, i) => (b ? [person.first + i] : []))
    at = seen[Math.floor(seen.length / 2)] ?? -1
  }
  const b = boxAt(person, at)
  return b && { frame: at, x: (b[0] + b[2]) / 2, y: (b[1] + b[3]) / 2 }
}
