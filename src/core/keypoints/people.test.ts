import { describe, expect, it } from 'vitest'
import { trackIdentities } from './identity'
import { boxAt, listedPeople, personAnchor, personAtPoint, summarizePeople } from './people'
import { performerScores, resolvePerformer } from './performer'
import { detectionFrames, rawDetection, standingPose } from './testPoses'

// A performer in the middle for 40 frames, a passer-by from frame 10 to 29 with a gap at 20-21,
// and a stray detection for two frames.
const raw = rawDetection(
  detectionFrames(
    Array.from({ length: 40 }, (_, f) => {
      const people = [standingPose(640, 360, 400)]
      if (f >= 10 && f < 30 && (f < 20 || f > 21)) people.push(standingPose(1000 + f, 400, 300))
      if (f === 5 || f === 6) people.push(standingPose(200, 500, 120))
      return people
    }),
  ),
)
const identities = trackIdentities(raw.frames)
const people = summarizePeople(raw, identities, performerScores(raw, identities))
const person = (id: number) => people.find((p) => p.id === id)!
const [performer, stray, passerBy] = [person(0), person(1), person(2)]

describe('people in a detection', () => {
  it('sums up each person: frames seen, first frame and a box per frame', () => {
    expect(people.map((p) => p.id)).toEqual([0, 1, 2])
    expect([performer.seen, performer.first, performer.boxes.length]).toEqual([40, 0, 40])
    expect([passerBy.seen, passerBy.first, passerBy.boxes.length]).toEqual([18, 10, 20])
    expect(boxAt(passerBy, 20)).toBeNull()
    expect(boxAt(passerBy, 9)).toBeNull()
    expect(boxAt(passerBy, 30)).toBeNull()
    // The box holds every landmark, with room around them.
    const [x0, y0, x1, y1] = boxAt(passerBy, 15)!
    for (const [x, y] of raw.frames[15]!.people[1]!.image) {
      expect(x).toBeGreaterThan(x0)
      expect(x).toBeLessThan(x1)
      expect(y).toBeGreaterThan(y0)
      expect(y).toBeLessThan(y1)
    }
  })

  it('offers people on screen for half a second or more, likeliest performer first', () => {
    expect(listedPeople(people, 30, null).map((p) => p.id)).toEqual([0, 2])
    // The chosen performer stays listed, however short their time on screen.
    expect(listedPeople(people, 30, stray.id).map((p) => p.id)).toEqual([0, 2, 1])
  })

  it('finds the person under a point, and nobody where nobody is', () => {
    expect(personAtPoint(people, 15, 1015, 400)).toBe(passerBy.id)
    expect(personAtPoint(people, 15, 640, 360)).toBe(performer.id)
    expect(personAtPoint(people, 20, 1015, 400)).toBeUndefined() // the passer-by's gap
    expect(personAtPoint(people, 15, 100, 50)).toBeUndefined()
  })

  it('picks the smaller of two boxes that hold the point', () => {
    const nested = summarizePeople(
      rawDetection(detectionFrames([[standingPose(640, 360, 600), standingPose(660, 380, 200)]])),
      { ids: [[0, 1]], trackIds: [0, 1] },
      new Map(),
    )
    expect(personAtPoint(nested, 0, 660, 380)).toBe(1)
    expect(personAtPoint(nested, 0, 640, 120)).toBe(0)
  })
})

describe('the stored choice of performer', () => {
  it('finds the chosen person by where they were, whatever number the tracker gave them', () => {
    const anchor = personAnchor(passerBy, 15)!
    expect(anchor.frame).toBe(15)
    // The identity stored beside the anchor is stale (another tracker's numbering): the place wins.
    expect(resolvePerformer(raw, identities, performer.id, anchor)).toBe(passerBy.id)
    // An anchor where nobody is falls back to the identity, and a missing identity to the default.
    const nowhere = { frame: 15, x: 5, y: 5 }
    expect(resolvePerformer(raw, identities, passerBy.id, nowhere)).toBe(passerBy.id)
    expect(resolvePerformer(raw, identities, 99, null)).toBe(performer.id)
    // Picked from a list: the middle of the frames they are seen in.
    expect(personAnchor(passerBy)!.frame).toBeGreaterThanOrEqual(18)
    expect(personAnchor(passerBy)!.frame).toBeLessThanOrEqual(23)
  })
})
