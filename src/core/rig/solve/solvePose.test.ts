import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadRigFile } from '../../../main/services/rigs/rigFiles'
import { BODY15_INDEX } from '../../skeleton/body15'
import type { Motion } from '../../motion/motion'
import type { RigAnimation } from '../animation'
import { createWorldPose, frameWorldPose } from '../animation'
import type { CompiledRig } from '../compileRig'
import { body15Positions } from '../compileRig'
import { syntheticWalk } from '../testing/syntheticWalk'
import { contactRuns } from './footContacts'
import { solvePose } from './solvePose'

const rigsDir = fileURLToPath(new URL('../../../../resources/rigs', import.meta.url))
const rigs: Record<string, CompiledRig> = {}

beforeAll(async () => {
  for (const name of ['chibi', 'noodle', 'stout']) {
    rigs[name] = (await loadRigFile(`${rigsDir}/${name}/rig.json`)).compiled
  }
})

function jointTracks(c: CompiledRig, anim: RigAnimation): Float64Array[] {
  const pose = createWorldPose(c)
  return Array.from({ length: anim.frameCount }, (_, f) =>
    body15Positions(c, frameWorldPose(c, anim, f, pose)),
  )
}

/** Largest joint distance between two animations, after `shift` moves the second (pixels). */
function maxJointError(c: CompiledRig, a: RigAnimation, b: RigAnimation, shift = [0, 0]): number {
  const pa = jointTracks(c, a)
  const pb = jointTracks(c, b)
  let worst = 0
  pa.forEach((p, f) => {
    for (let j = 0; j < 15; j++) {
      const dx = p[2 * j]! - pb[f]![2 * j]! - shift[0]!
      const dy = p[2 * j + 1]! - pb[f]![2 * j + 1]! - shift[1]!
      worst = Math.max(worst, Math.hypot(dx, dy))
    }
  })
  return worst
}

describe('solvePose', () => {
  it.each(['chibi', 'noodle', 'stout'])(
    'reproduces a walk made by the %s rig’s own FK within 0.5 px',
    (name) => {
      const c = rigs[name]!
      const { anim, motion } = syntheticWalk(c, 120)
      const solved = solvePose(c, motion)
      expect(maxJointError(c, anim, solved)).toBeLessThan(0.5)
      // The walk plants each foot for 60% of its cycle: the solver must find those contacts.
      expect(contactRuns(solved.contacts!.right).length).toBeGreaterThanOrEqual(3)
    },
  )

  it('reproduces the same walk with grounding and locking off, starting at the rest position', () => {
    const c = rigs.noodle!
    const { anim, motion } = syntheticWalk(c, 60)
    const solved = solvePose(c, motion, { ground: false, lockFeet: false })
    // Ungrounded, the rig starts where it stands at rest; the source started lower (crouched).
    expect([solved.root[0], solved.root[1]]).toEqual([c.restX[0], c.restY[0]])
    const shift = [anim.root[0]! - solved.root[0]!, anim.root[1]! - solved.root[1]!]
    expect(Math.abs(shift[1]!)).toBeGreaterThan(5)
    expect(maxJointError(c, anim, solved, shift)).toBeLessThan(0.5)
    expect(solved.contacts).toBeNull()
  })

  it('keeps a planted foot within 1 px while locked, on noisy input', () => {
    const c = rigs.chibi!
    const { motion } = syntheticWalk(c, 150)
    let seed = 7
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1
    const noisy: Motion = {
      ...motion,
      data: motion.data.map((v, i) => (i % 3 === 2 ? v : v + 1.5 * random())),
    }
    const solved = solvePose(c, noisy)
    const tracks = jointTracks(c, solved)
    let checked = 0
    for (const [leg, joint] of [
      ['right', BODY15_INDEX.right_ankle],
      ['left', BODY15_INDEX.left_ankle],
    ] as const) {
      for (const [a, b] of contactRuns(solved.contacts![leg])) {
        for (let f = a; f <= b; f++) {
          const d = Math.hypot(
            tracks[f]![2 * joint]! - tracks[a]![2 * joint]!,
            tracks[f]![2 * joint + 1]! - tracks[a]![2 * joint + 1]!,
          )
          expect(d).toBeLessThan(1)
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(60)
    // Without locking, the same noise makes the foot wander by more than that.
    const free = jointTracks(c, solvePose(c, noisy, { lockFeet: false }))
    let wander = 0
    for (const [a, b] of contactRuns(solved.contacts!.right)) {
      for (let f = a; f <= b; f++) {
        const j = BODY15_INDEX.right_ankle
        wander = Math.max(
          wander,
          Math.hypot(
            free[f]![2 * j]! - free[a]![2 * j]!,
            free[f]![2 * j + 1]! - free[a]![2 * j + 1]!,
          ),
        )
      }
    }
    expect(wander).toBeGreaterThan(1)
  })

  it('keeps the rig’s bone lengths and bends limbs the way the footage does', () => {
    const c = rigs.stout!
    const { motion } = syntheticWalk(c, 40)
    // Stretch the source: a performer twice the rig's size, elbows bent the other way.
    const big: Motion = { ...motion, data: motion.data.map((v, i) => (i % 3 === 2 ? v : v * 2)) }
    const solved = solvePose(c, big, { lockFeet: false })
    const tracks = jointTracks(c, solved)
    const j = BODY15_INDEX
    for (const p of tracks) {
      const d = (a: number, b: number) =>
        Math.hypot(p[2 * a]! - p[2 * b]!, p[2 * a + 1]! - p[2 * b + 1]!)
      expect(d(j.right_shoulder, j.right_elbow)).toBeCloseTo(66, 6)
      expect(d(j.left_knee, j.left_ankle)).toBeCloseTo(56, 6)
    }
    const src = (f: number, a: number, k: number) => big.data[(f * 15 + a) * 3 + k]!
    for (let f = 0; f < 40; f++) {
      const p = tracks[f]!
      const cross = (a: number, b: number, cc: number, get: (a: number, k: number) => number) =>
        (get(b, 0) - get(a, 0)) * (get(cc, 1) - get(b, 1)) -
        (get(b, 1) - get(a, 1)) * (get(cc, 0) - get(b, 0))
      const rig = cross(j.left_shoulder, j.left_elbow, j.left_wrist, (a, k) => p[2 * a + k]!)
      const source = cross(j.left_shoulder, j.left_elbow, j.left_wrist, (a, k) => src(f, a, k))
      expect(Math.sign(rig)).toBe(Math.sign(source))
    }
  })

  it('keeps end-on shoulders and hips (a profile) from spinning on noise', () => {
    const c = rigs.chibi!
    const { motion } = syntheticWalk(c, 60)
    let seed = 11
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1
    const data = motion.data.slice()
    const j = BODY15_INDEX
    // Seen from the side, each shoulder sits on the neck and each hip on mid_hip, give or take
    // a pixel of detector noise, for the second half of the clip.
    for (let f = 30; f < 60; f++) {
      for (const [joint, onto] of [
        [j.right_shoulder, j.neck],
        [j.left_shoulder, j.neck],
        [j.right_hip, j.mid_hip],
        [j.left_hip, j.mid_hip],
      ] as const) {
        data[(f * 15 + joint) * 3] = data[(f * 15 + onto) * 3]! + random()
        data[(f * 15 + joint) * 3 + 1] = data[(f * 15 + onto) * 3 + 1]! + random()
      }
    }
    const solved = solvePose(c, { ...motion, data }, { lockFeet: false })
    const clavicle = c.jointBone[j.right_shoulder]!
    const pelvis = c.jointBone[j.left_hip]!
    for (let f = 30; f < 60; f++) {
      expect(solved.rotations[f * c.boneCount + clavicle]).toBeCloseTo(c.restRotation[clavicle]!, 9)
      expect(solved.rotations[f * c.boneCount + pelvis]).toBeCloseTo(c.restRotation[pelvis]!, 9)
    }
  })

  it('solves 2,000 frames quickly', () => {
    const c = rigs.noodle!
    const { motion } = syntheticWalk(c, 2000)
    const start = performance.now()
    solvePose(c, motion)
    const ms = performance.now() - start
    console.log(`solvePose: 2,000 frames in ${ms.toFixed(1)} ms`)
    // A loose bound (the machine is shared): it catches a slip to O(frames²), not jitter.
    expect(ms).toBeLessThan(10_000)
  })
})
