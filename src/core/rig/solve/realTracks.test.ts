import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { resolveRig } from '../../../main/services/rigs/rigFiles'
import { trackToMotion } from '../../motion/motion'
import { parseTrackJson } from '../../motion/track'
import type { Motion } from '../../motion/motion'
import { BODY15_INDEX } from '../../skeleton/body15'
import { createWorldPose, frameWorldPose } from '../animation'
import { body15Positions, restWorld } from '../compileRig'
import { contactRuns } from './footContacts'
import { solvePose } from './solvePose'

// Body15 tracks that `toonmo detect --model lite` made from two real clips in
// ../shared/data/footage (the detector's output only, trimmed): a dance facing the camera and a
// walk seen from the side that turns round. They keep the solver honest on real detector noise.
const fixture = (name: string) =>
  trackToMotion(
    parseTrackJson(
      readFileSync(fileURLToPath(new URL(`fixtures/${name}`, import.meta.url)), 'utf8'),
    ),
  )

describe.each([
  ['dance.body15.track.json', 'noodle'],
  ['dance.body15.track.json', 'chibi'],
  ['walk-turn.body15.track.json', 'stout'],
])('real detector output: %s on %s', (file, rigName) => {
  it('keeps bone lengths, feet on or above the ground, planted feet still, heads upright', async () => {
    const motion: Motion = fixture(file)
    const c = (await resolveRig(rigName)).compiled
    const anim = solvePose(c, motion)
    expect(anim.rotations.every(Number.isFinite)).toBe(true)
    const rest = restWorld(c)
    const j = BODY15_INDEX
    const plantedY = rest.y[c.jointBone[j.right_ankle]!]! + c.length[c.jointBone[j.right_ankle]!]!
    const pose = createWorldPose(c)
    const tracks = Array.from({ length: anim.frameCount }, (_, f) =>
      body15Positions(c, frameWorldPose(c, anim, f, pose)),
    )
    const d = (p: Float64Array, a: number, b: number) =>
      Math.hypot(p[2 * a]! - p[2 * b]!, p[2 * a + 1]! - p[2 * b + 1]!)
    const thigh = c.length[c.jointBone[j.left_knee]!]!
    const torsoBone = c.jointBone[j.neck]!
    const headBone = c.jointBone[j.nose]!
    let worstTilt = 0
    tracks.forEach((p, f) => {
      expect(d(p, j.left_hip, j.left_knee)).toBeCloseTo(thigh, 6)
      expect(p[2 * j.right_ankle + 1]!).toBeLessThanOrEqual(plantedY + 1e-6)
      expect(p[2 * j.left_ankle + 1]!).toBeLessThanOrEqual(plantedY + 1e-6)
      frameWorldPose(c, anim, f, pose)
      const tilt = Math.abs(
        pose.angle[headBone]! -
          pose.angle[torsoBone]! -
          (rest.angle[headBone]! - rest.angle[torsoBone]!),
      )
      worstTilt = Math.max(worstTilt, Math.abs(Math.atan2(Math.sin(tilt), Math.cos(tilt))))
    })
    expect((worstTilt * 180) / Math.PI).toBeLessThan(60)
    let planted = 0
    for (const [leg, joint] of [
      ['right', j.right_ankle],
      ['left', j.left_ankle],
    ] as const) {
      for (const [a, b] of contactRuns(anim.contacts![leg])) {
        for (let f = a; f <= b; f++) {
          const moved = Math.hypot(
            tracks[f]![2 * joint]! - tracks[a]![2 * joint]!,
            tracks[f]![2 * joint + 1]! - tracks[a]![2 * joint + 1]!,
          )
          expect(moved).toBeLessThan(1)
          planted++
        }
      }
    }
    expect(planted).toBeGreaterThan(anim.frameCount * 0.2)
  })
})

describe('missing data', () => {
  it('poses upper-body footage (legs never seen): legs at rest, or standing still when locked', async () => {
    const motion = fixture('dance.body15.track.json')
    const data = motion.data.slice()
    for (let f = 0; f < motion.frameCount; f++) {
      for (const joint of ['right_knee', 'right_ankle', 'left_knee', 'left_ankle'] as const) {
        data[(f * 15 + BODY15_INDEX[joint]) * 3 + 2] = 0
      }
    }
    const c = (await resolveRig('chibi')).compiled
    const free = solvePose(c, { ...motion, data }, { lockFeet: false })
    expect(free.rotations.every(Number.isFinite)).toBe(true)
    const shin = c.jointBone[BODY15_INDEX.left_ankle]!
    expect(free.rotations[40 * c.boneCount + shin]).toBeCloseTo(c.restRotation[shin]!, 9)
    // Locked, the resting feet stay planted while the hips sway above them.
    const anim = solvePose(c, { ...motion, data })
    expect(anim.rotations.every(Number.isFinite)).toBe(true)
    expect(contactRuns(anim.contacts!.left).length).toBeGreaterThan(0)
  })

  it('says so when no frame has a person', async () => {
    const c = (await resolveRig('chibi')).compiled
    const empty: Motion = {
      fps: 30,
      frameCount: 5,
      jointCount: 15,
      times: new Float64Array(5),
      data: new Float64Array(5 * 45),
    }
    expect(() => solvePose(c, empty)).toThrow(/no person in the track/)
  })
})
