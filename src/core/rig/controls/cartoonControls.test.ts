import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadRigFile } from '../../../main/services/rigs/rigFiles'
import { BODY15_INDEX } from '../../skeleton/body15'
import type { Motion } from '../../motion/motion'
import type { RigAnimation } from '../animation'
import { createWorldPose, frameWorldPose, wrapAngle } from '../animation'
import type { CompiledRig } from '../compileRig'
import { body15Positions } from '../compileRig'
import { contactRuns } from '../solve/footContacts'
import { solvePose } from '../solve/solvePose'
import { syntheticWalk } from '../testing/syntheticWalk'
import { applyCartoonControls } from './cartoonControls'
import { exaggerate } from './exaggerate'
import { mirrorAnimation } from './mirror'
import { smoothAnimation } from './smoothing'
import { squashAndStretch } from './squashStretch'
import { holdFrames } from './timing'

const rigsDir = fileURLToPath(new URL('../../../../resources/rigs', import.meta.url))
let c: CompiledRig
let noisy: RigAnimation

beforeAll(async () => {
  c = (await loadRigFile(`${rigsDir}/chibi/rig.json`)).compiled
  const { motion } = syntheticWalk(c, 120)
  let seed = 3
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1
  const jittered: Motion = {
    ...motion,
    data: motion.data.map((v, i) => (i % 3 === 2 ? v : v + random())),
  }
  noisy = solvePose(c, jittered)
})

function jitter(anim: RigAnimation): number {
  const n = anim.bones.length
  let sum = 0
  for (let f = 1; f < anim.frameCount - 1; f++) {
    for (let b = 0; b < n; b++) {
      const r = (k: number) => anim.rotations[k * n + b]!
      sum += Math.abs(r(f + 1) - 2 * r(f) + r(f - 1))
    }
  }
  return sum
}

function joints(anim: RigAnimation, f: number): Float64Array {
  return body15Positions(c, frameWorldPose(c, anim, f, createWorldPose(c)))
}

describe('cartoon controls', () => {
  it('smoothing cuts jitter, and 0 changes nothing', () => {
    expect(jitter(smoothAnimation(noisy, 3))).toBeLessThan(jitter(noisy) * 0.5)
    expect(smoothAnimation(noisy, 0).rotations).toEqual(noisy.rotations)
  })

  it('exaggeration scales each bone’s deviation from its smoothed motion', () => {
    const smooth = smoothAnimation(noisy, 4)
    const double = exaggerate(noisy, 2)
    for (const i of [5, 300, 1111]) {
      expect(double.rotations[i]! - smooth.rotations[i]!).toBeCloseTo(
        2 * (noisy.rotations[i]! - smooth.rotations[i]!),
        9,
      )
    }
    expect(exaggerate(noisy, 1).rotations).toEqual(noisy.rotations)
  })

  it('timing on twos and threes holds each pose', () => {
    const n = c.boneCount
    for (const step of [2, 3]) {
      const held = holdFrames(noisy, step)
      for (let f = 0; f < held.frameCount; f++) {
        const k = f - (f % step)
        expect(held.rotations.subarray(f * n, (f + 1) * n)).toEqual(
          noisy.rotations.subarray(k * n, (k + 1) * n),
        )
        expect(held.root[2 * f]).toBe(noisy.root[2 * k])
      }
    }
  })

  it('mirror swaps sides: the right ankle goes where the left one went, reflected', () => {
    const mirrored = mirrorAnimation(c, noisy)
    const axis = noisy.root[0]!
    const j = BODY15_INDEX
    for (const f of [0, 17, 64]) {
      const a = joints(noisy, f)
      const b = joints(mirrored, f)
      expect(b[2 * j.right_ankle]!).toBeCloseTo(2 * axis - a[2 * j.left_ankle]!, 6)
      expect(b[2 * j.right_ankle + 1]!).toBeCloseTo(a[2 * j.left_ankle + 1]!, 6)
      expect(b[2 * j.nose]!).toBeCloseTo(2 * axis - a[2 * j.nose]!, 6)
    }
    expect(Array.from(mirrored.contacts!.right)).toEqual(Array.from(noisy.contacts!.left))
    const twice = mirrorAnimation(c, mirrored, axis)
    twice.rotations.forEach((r, i) =>
      expect(Math.abs(wrapAngle(r - noisy.rotations[i]!))).toBeLessThan(1e-9),
    )
  })

  it('squash and stretch grows along fast motion and is off at 0', () => {
    expect(squashAndStretch(c, noisy, 0).stretch).toBeNull()
    const fast = { ...noisy, root: noisy.root.map((v, i) => (i % 2 === 0 ? v * 8 : v)) }
    const s = squashAndStretch(c, fast, 1).stretch!
    expect(s[2 * 60]!).toBeGreaterThan(1.05)
    expect(Math.abs(wrapAngle(s[2 * 60 + 1]!))).toBeLessThan(0.3) // moving right: stretched along x
  })

  it('applies all controls as a pure function and keeps planted feet planted', () => {
    const before = noisy.rotations.slice()
    const out = applyCartoonControls(c, noisy, {
      smoothing: 2,
      exaggeration: 1.6,
      squashStretch: 0.5,
      view: 'profile_right',
    })
    expect(noisy.rotations).toEqual(before)
    expect(out.view).toBe('profile_right')
    expect(out.stretch).not.toBeNull()
    const j = BODY15_INDEX.left_ankle
    let checked = 0
    for (const [a, b] of contactRuns(out.contacts!.left)) {
      const start = joints(out, a)
      for (let f = a; f <= b; f++) {
        const p = joints(out, f)
        expect(
          Math.hypot(p[2 * j]! - start[2 * j]!, p[2 * j + 1]! - start[2 * j + 1]!),
        ).toBeLessThan(1)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(30)
  })
})
