import { BODY15_JOINTS } from '../../skeleton/body15'
import type { Motion } from '../../motion/motion'
import type { RigAnimation } from '../animation'
import { createWorldPose, frameWorldPose, restAnimation } from '../animation'
import type { CompiledRig } from '../compileRig'
import { body15Positions, restWorld } from '../compileRig'
import { rigLimbs } from '../solve/limbs'
import { twoBoneIk } from '../solve/twoBoneIk'

const DEG = Math.PI / 180

/**
 * A walk made by the rig's own forward kinematics, for tests and benchmarks: the hips travel
 * right at a steady pace with a bob, each foot is planted (exactly still, on the ground line) for
 * 60% of a 30-frame cycle, arms swing with bent elbows, torso and head sway. Returns the rig
 * animation and the body15 motion its joints trace (rig pixels, confidence 1).
 */
export function syntheticWalk(
  c: CompiledRig,
  frameCount: number,
  fps = 30,
): { anim: RigAnimation; motion: Motion } {
  const anim = restAnimation(c, fps, frameCount)
  const rest = restWorld(c)
  const n = c.boneCount
  const limbs = rigLimbs(c)
  const legs = limbs.filter((l) => l.isLeg)
  const legLength = c.length[legs[0]!.upper]! + c.length[legs[0]!.lower]!
  const period = 30
  const speed = (0.3 * legLength) / (0.3 * period)
  const crouch = 0.12 * legLength
  const world = new Float64Array(n)
  const x = new Float64Array(n)
  const y = new Float64Array(n)
  const ankleRestY = legs.map(
    (l) => rest.y[l.lower]! + Math.sin(rest.angle[l.lower]!) * c.length[l.lower]!,
  )
  for (let f = 0; f < frameCount; f++) {
    const rootX = c.restX[0]! + speed * f
    const rootY = c.restY[0]! + crouch + 0.03 * legLength * Math.cos((4 * Math.PI * f) / period)
    const phase = (2 * Math.PI * f) / period
    for (let i = 0; i < n; i++) {
      const p = c.parent[i]!
      const isLower = limbs.some((l) => l.lower === i)
      if (!isLower)
        world[i] =
          p < 0
            ? rest.angle[0]! + 4 * DEG * Math.sin(phase)
            : c.inheritRotation[i]
              ? world[p]! + c.restRotation[i]!
              : rest.angle[i]!
      if (p < 0) {
        x[i] = rootX
        y[i] = rootY
      } else {
        x[i] = x[p]! + Math.cos(world[p]!) * c.restX[i]! - Math.sin(world[p]!) * c.restY[i]!
        y[i] = y[p]! + Math.sin(world[p]!) * c.restX[i]! + Math.cos(world[p]!) * c.restY[i]!
      }
      const limb = limbs.find((l) => l.upper === i)
      if (!limb) {
        if (i === c.segmentBone[1]) world[i] = rest.angle[i]! + 6 * DEG * Math.sin(phase * 2)
        continue
      }
      if (!limb.isLeg) {
        const side = limb.name === 'right_arm' ? 1 : -1
        world[i] = rest.angle[i]! + 22 * DEG * Math.sin(phase) * side
        world[limb.lower] = world[i]! - (30 + 12 * Math.sin(phase)) * DEG * side
        continue
      }
      const k = legs.indexOf(limb)
      const t = (f / period + (k === 0 ? 0 : 0.5)) % 1
      const cycle = Math.floor(f / period + (k === 0 ? 0 : 0.5))
      // Stance for the first 60% of the cycle: the ankle sits where the hip is mid-stance.
      const plantX = (c_: number) =>
        x[i]! -
        rootX +
        c.restX[0]! +
        speed * period * (c_ + 0.3) -
        speed * period * (k === 0 ? 0 : 0.5)
      let ax: number
      let ay = ankleRestY[k]!
      if (t < 0.6) ax = plantX(cycle)
      else {
        const s = (t - 0.6) / 0.4
        ax = plantX(cycle) + (plantX(cycle + 1) - plantX(cycle)) * s
        ay -= 0.25 * legLength * Math.sin(Math.PI * s)
      }
      const ik = twoBoneIk(x[i]!, y[i]!, ax, ay, c.length[i]!, c.length[limb.lower]!, 1)
      world[i] = ik.upper
      world[limb.lower] = ik.lower
    }
    const o = f * n
    anim.root[2 * f] = rootX
    anim.root[2 * f + 1] = rootY
    anim.rotations[o] = world[0]!
    for (let i = 1; i < n; i++) anim.rotations[o + i] = world[i]! - world[c.parent[i]!]!
  }
  const J = BODY15_JOINTS.length
  const data = new Float64Array(frameCount * J * 3)
  const pose = createWorldPose(c)
  const p = new Float64Array(30)
  for (let f = 0; f < frameCount; f++) {
    body15Positions(c, frameWorldPose(c, anim, f, pose), p)
    for (let j = 0; j < J; j++) {
      data[(f * J + j) * 3] = p[2 * j]!
      data[(f * J + j) * 3 + 1] = p[2 * j + 1]!
      data[(f * J + j) * 3 + 2] = 1
    }
  }
  const times = Float64Array.from({ length: frameCount }, (_, f) => f / fps)
  return { anim, motion: { fps, frameCount, jointCount: J, times, data } }
}
