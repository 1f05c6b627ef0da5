import { describe, expect, it } from 'vitest'
import { BODY15_JOINTS } from '../skeleton/body15'
import { MEDIAPIPE33_JOINTS } from '../skeleton/mediapipe33'
import { trackToMotion } from './motion'
import type { Track } from './track'
import { parseTrack, parseTrackJson, serializeTrack, TrackFormatError } from './track'
import { trackToBody15 } from './trackToBody15'

function body15Track(): Track {
  return {
    fps: 30,
    width: 640,
    height: 480,
    joints: [...BODY15_JOINTS],
    frames: [
      { time: 0, points: BODY15_JOINTS.map((_, j) => [j, j * 2, 0.9]) },
      { time: 1 / 30, points: null },
    ],
  }
}

describe('track format', () => {
  it('round-trips through its JSON text exactly', () => {
    const track = body15Track()
    const text = serializeTrack(track)
    const json = JSON.parse(text) as Record<string, unknown>
    expect(json.format).toBe('toonmo.track')
    expect(json.version).toBe(1)
    expect(json.skeleton).toBe('body15')
    expect(parseTrackJson(text)).toEqual({ ...track, skeleton: 'body15' })
  })

  it('names the bad field in its errors', () => {
    const json = JSON.parse(serializeTrack(body15Track())) as {
      frames: { points: unknown[] }[]
    }
    ;(json.frames[0] as { points: unknown[] }).points[3] = [1, 'a', 1]
    expect(() => parseTrack(json)).toThrow(/frames\[0\]\.points\[3\] must be \[x, y, confidence\]/)
    expect(() => parseTrack({ format: 'nope' })).toThrow(/not a keypoint track/)
    expect(() => parseTrack({ format: 'toonmo.track', version: 7 })).toThrow(/newer/)
    expect(() => parseTrackJson('{"format": "toonmo.tr')).toThrow(TrackFormatError)
    const wrongJoints = { ...JSON.parse(serializeTrack(body15Track())), joints: ['nose'] }
    expect(() => parseTrack(wrongJoints)).toThrow(/"joints" must be the 15 body15 names/)
  })

  it('converts a mediapipe33 track to body15', () => {
    const track: Track = {
      fps: 25,
      width: 100,
      height: 100,
      joints: [...MEDIAPIPE33_JOINTS],
      frames: [
        { time: 0, points: MEDIAPIPE33_JOINTS.map((_, i) => [i, 0, 1]) },
        { time: 0.04, points: null },
      ],
    }
    const parsed = parseTrackJson(serializeTrack(track))
    expect(parsed.skeleton).toBe('mediapipe33')
    const body = trackToBody15(parsed)
    expect(body.skeleton).toBe('body15')
    expect(body.joints).toEqual(BODY15_JOINTS)
    expect(body.frames[0]?.points?.[1]).toEqual([11.5, 0, 1])
    expect(body.frames[1]?.points).toBeNull()
  })

  it('packs frames into a typed-array motion', () => {
    const motion = trackToMotion(body15Track())
    expect(motion.frameCount).toBe(2)
    expect(motion.data[3 * 3 + 1]).toBe(6)
    expect(motion.data[(15 + 3) * 3 + 2]).toBe(0)
  })
})
