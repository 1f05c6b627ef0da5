import { describe, expect, it } from 'vitest'
import { BODY15_BONES, BODY15_INDEX, BODY15_JOINTS, mirrorBody15Joint } from './body15'
import { MEDIAPIPE33_JOINTS } from './mediapipe33'
import { BODY15_FROM_MEDIAPIPE, mediapipeToBody15 } from './mediapipeToBody15'
import type { Keypoint } from './mediapipeToBody15'

describe('body15', () => {
  it('lists the 15 joints in the BODY_25 order', () => {
    expect(BODY15_JOINTS).toEqual([
      'nose',
      'neck',
      'right_shoulder',
      'right_elbow',
      'right_wrist',
      'left_shoulder',
      'left_elbow',
      'left_wrist',
      'mid_hip',
      'right_hip',
      'right_knee',
      'right_ankle',
      'left_hip',
      'left_knee',
      'left_ankle',
    ])
    expect(BODY15_INDEX.left_ankle).toBe(14)
  })

  it('has a tree of 14 bones rooted at mid_hip, parents before children', () => {
    expect(BODY15_BONES).toHaveLength(14)
    const reached = new Set(['mid_hip'])
    for (const [parent, child] of BODY15_BONES) {
      expect(reached.has(parent)).toBe(true)
      expect(reached.has(child)).toBe(false)
      reached.add(child)
    }
    expect(reached.size).toBe(15)
  })

  it('mirrors sides', () => {
    expect(mirrorBody15Joint('right_knee')).toBe('left_knee')
    expect(mirrorBody15Joint('left_wrist')).toBe('right_wrist')
    expect(mirrorBody15Joint('neck')).toBe('neck')
  })
})

describe('mediapipeToBody15', () => {
  it('copies joints by name and takes midpoints for neck and mid_hip', () => {
    const points: Keypoint[] = MEDIAPIPE33_JOINTS.map((_, i) => [i * 10, i * 10 + 1, 0.5 + i / 100])
    const body = mediapipeToBody15(points)
    expect(BODY15_FROM_MEDIAPIPE).toHaveLength(15)
    // Every single-source joint is the MediaPipe landmark of the same name.
    BODY15_JOINTS.forEach((name, i) => {
      const mp = (MEDIAPIPE33_JOINTS as readonly string[]).indexOf(name)
      if (mp >= 0) expect(body[i]).toEqual(points[mp])
    })
    expect(body[1]).toEqual([115, 116, 0.61]) // neck: shoulders 11 and 12
    expect(body[8]).toEqual([235, 236, 0.73]) // mid_hip: hips 23 and 24
  })

  it('marks a midpoint missing when either end is missing', () => {
    const points: Keypoint[] = MEDIAPIPE33_JOINTS.map(() => [1, 2, 0.9])
    points[12] = [0, 0, 0]
    expect(mediapipeToBody15(points)[1]?.[2]).toBe(0)
  })

  it('refuses a frame that does not have 33 landmarks', () => {
    expect(() => mediapipeToBody15([[0, 0, 1]])).toThrow(/33 landmarks, got 1/)
  })
})
