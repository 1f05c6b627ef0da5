import { describe, expect, it } from 'vitest'
import { MEDIAPIPE33_JOINTS } from '../skeleton/mediapipe33'
import { BODY15_JOINTS } from '../skeleton/body15'
import { decodeFrame, encodeFrame, videoTimestampMs } from './detectorProtocol'
import { personFromWire } from './fromWire'
import { trackIdentities } from './identity'
import { viewKeypointTrack } from './keypointTrack'
import { choosePerformer, performerSequence } from './performer'
import { detectionFrames, rawDetection, standingPose } from './testPoses'
import { sequenceToTrack } from './toTrack'
import { defaultCleaningSettings } from './clean'

describe('identity tracking', () => {
  it("keeps each person's id when the detector lists them in a different order", () => {
    const frames = detectionFrames(
      Array.from({ length: 20 }, (_, f) => {
        const a = standingPose(300 + f * 5, 360, 400) // walks right
        const b = standingPose(1000 - f * 5, 380, 300) // walks left
        return f % 3 === 0 ? [b, a] : [a, b]
      }),
    )
    const { ids, trackIds } = trackIdentities(frames)
    expect(trackIds).toHaveLength(2)
    const aId = ids[0]?.[1]
    ids.forEach((frameIds, f) => {
      const aIndex = f % 3 === 0 ? 1 : 0
      expect(frameIds[aIndex]).toBe(aId)
    })
  })

  it('keeps an id through a short dropout and gives a new one after a long absence', () => {
    const frames = detectionFrames(
      Array.from({ length: 60 }, (_, f) => {
        if ((f >= 10 && f < 15) || (f >= 20 && f < 50)) return [] // a short and a long absence
        return [standingPose(f < 50 ? 400 + f : 1100, 360, 300)]
      }),
    )
    const { ids, trackIds } = trackIdentities(frames)
    expect(ids[16]?.[0]).toBe(ids[0]?.[0])
    expect(ids[55]?.[0]).not.toBe(ids[0]?.[0])
    expect(trackIds).toHaveLength(2)
  })

  it('does not hand an id to a stray detection of another size', () => {
    // As on sports2d_demo.mp4: the performer (A) is lost against the sun while a passer-by (B)
    // walks in front; the detector reports a skeleton spread over both, twice A's size, then
    // a small one on B's legs.
    const frames = detectionFrames(
      Array.from({ length: 40 }, (_, f) => {
        const people = [standingPose(900 - f * 10, 720, 380)] // B walks left
        if (f < 15) people.push(standingPose(600, 260, 370)) // A, then lost
        if (f === 18 || f === 19) people.push(standingPose(760, 500, 820))
        if (f >= 24 && f < 28) people.push(standingPose(700 - f * 10, 640, 110))
        return people
      }),
    )
    const { ids } = trackIdentities(frames)
    const a = ids[0]![1]
    const b = ids[0]![0]
    for (let f = 15; f < 40; f++) expect(ids[f], `frame ${f}`).not.toContain(a)
    ids.forEach((frameIds, f) => expect(frameIds[0], `frame ${f}`).toBe(b))
  })

  it('keeps an id while the size changes smoothly, as in a turn or a tumble', () => {
    const frames = detectionFrames(
      Array.from({ length: 30 }, (_, f) => [standingPose(600 + f * 6, 400, 400 - f * 9)]),
    )
    expect(trackIdentities(frames).trackIds).toHaveLength(1)
  })

  it('picks the largest, most central person as the default performer', () => {
    const frames = detectionFrames(
      Array.from({ length: 10 }, () => [
        standingPose(150, 500, 200), // small, at the edge
        standingPose(640, 360, 500), // large, central
        standingPose(1150, 360, 500), // large, at the edge
      ]),
    )
    const detection = rawDetection(frames)
    const identities = trackIdentities(frames)
    const performer = choosePerformer(detection, identities)
    expect(performer).toBe(identities.ids[0]?.[1])
    const sequence = performerSequence(detection, identities, performer)
    expect(sequence.frames[5]?.[0]?.[0]).toBeCloseTo(640)
  })

  it('uses a stored performer choice, and the default when none is stored', () => {
    const frames = detectionFrames(
      Array.from({ length: 10 }, () => [standingPose(640, 360, 500), standingPose(1100, 360, 300)]),
    )
    const record = { raw: rawDetection(frames), cleaning: defaultCleaningSettings }
    const view = viewKeypointTrack(record)
    const other = view.identities.trackIds.find((id) => id !== view.performer)
    expect(viewKeypointTrack({ ...record, performer: other }).raw.frames[0]?.[0]?.[0]).toBeCloseTo(
      1100,
    )
    expect(view.raw.frames[0]?.[0]?.[0]).toBeCloseTo(640)
  })
})

describe('track conversion', () => {
  it('writes body15 with midpoints and performer-side joints, and null frames', () => {
    const pose = standingPose(640, 360, 400)
    const detection = rawDetection(detectionFrames([[pose], []]))
    const identities = trackIdentities(detection.frames)
    const sequence = performerSequence(
      detection,
      identities,
      choosePerformer(detection, identities),
    )
    const track = sequenceToTrack(sequence, 'body15')
    expect(track.joints).toEqual([...BODY15_JOINTS])
    const points = track.frames[0]?.points ?? []
    const neck = points[1] as number[]
    expect(neck[0]).toBeCloseTo((pose[11]![0] + pose[12]![0]) / 2, 1)
    expect(points[2]?.[0]).toBeCloseTo(pose[12]![0], 1) // right_shoulder is MediaPipe 12
    expect(track.frames[1]?.points).toBeNull()
    const mp = sequenceToTrack(sequence, 'mediapipe33')
    expect(mp.joints).toEqual([...MEDIAPIPE33_JOINTS])
    expect(mp.frames[0]?.points).toHaveLength(33)
  })
})

describe('detector wire protocol', () => {
  it('round-trips a frame and scales normalised landmarks to source pixels', () => {
    const rgba = new Uint8Array(4 * 3 * 2).map((_, i) => i)
    const frame = decodeFrame(encodeFrame({ index: 7, time: 1.25, width: 3, height: 2, rgba }))
    expect([frame.index, frame.time, frame.width, frame.height]).toEqual([7, 1.25, 3, 2])
    expect([...frame.rgba]).toEqual([...rgba])
    const image = Array.from({ length: 33 }, () => [0.5, 0.25, -0.1, 0.9, 0.8]).flat()
    const person = personFromWire({ image, world: new Array(99).fill(0.1) }, 1920, 1080)
    expect(person.image[0]).toEqual([960, 270, -192, 0.9, 0.8])
  })

  it('makes VIDEO timestamps strictly increasing even when frame times repeat', () => {
    const a = videoTimestampMs(1, undefined)
    const b = videoTimestampMs(1, a)
    expect(a).toBe(1000)
    expect(b).toBe(1001)
  })
})

describe('duplicate detections', () => {
  it('does not start a new identity for a second detection of the same person', () => {
    const frames = detectionFrames(
      Array.from({ length: 12 }, (_, f) => {
        const pose = standingPose(500 + f * 3, 360, 400)
        const copy = standingPose(502 + f * 3, 355, 390)
        return f >= 4 && f < 7 ? [copy, pose] : [pose]
      }),
    )
    const { ids, trackIds } = trackIdentities(frames)
    expect(trackIds).toHaveLength(1)
    for (let f = 4; f < 7; f++) expect([...(ids[f] ?? [])].sort()).toEqual([-1, 0])
    expect(ids[11]).toEqual([0])
  })
})
