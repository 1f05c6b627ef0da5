import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadRigFile } from '../../main/services/rigs/rigFiles'
import { createWorldPose, frameWorldPose } from '../rig/animation'
import { solvePose } from '../rig/solve/solvePose'
import { syntheticWalk } from '../rig/testing/syntheticWalk'
import { bvhZRotation, toBvh } from './bvh'

const repo = fileURLToPath(new URL('../../../', import.meta.url))

// three ships JavaScript without type declarations (no @types/three here), so the loader is
// imported through a variable specifier and given the small shape this test uses.
interface Quat {
  x: number
  y: number
  z: number
  w: number
  fromArray(values: ArrayLike<number>, offset: number): Quat
}
interface Vec3 {
  x: number
  y: number
  z: number
  setFromMatrixPosition(m: unknown): Vec3
}
interface BvhBone {
  name: string
  quaternion: Quat
  position: { fromArray(values: ArrayLike<number>, offset: number): void }
  matrixWorld: unknown
  updateMatrixWorld(force: boolean): void
}
interface BvhResult {
  skeleton: { bones: BvhBone[] }
  clip: { tracks: { name: string; times: ArrayLike<number>; values: ArrayLike<number> }[] }
}
const threeSpec = 'three'
const loaderSpec = 'three/examples/jsm/loaders/BVHLoader.js'
const three = (await import(threeSpec)) as {
  Quaternion: new () => Quat
  Vector3: new (x?: number, y?: number, z?: number) => Vec3
}
const { BVHLoader } = (await import(loaderSpec)) as {
  BVHLoader: new () => { parse(text: string): BvhResult }
}
const { Quaternion, Vector3 } = three

describe('BVH export', () => {
  it.each(['chibi', 'noodle'])(
    'loads in three.js BVHLoader with the same joints, frames and rotations (%s)',
    async (name) => {
      const c = (await loadRigFile(`${repo}resources/rigs/${name}/rig.json`)).compiled
      const anim = solvePose(c, syntheticWalk(c, 75).motion)
      const text = toBvh(c, anim)
      const result = new BVHLoader().parse(text)
      const bones = result.skeleton.bones.filter((b) => !b.name.startsWith('ENDSITE'))
      expect(bones.map((b) => b.name).sort()).toEqual([...c.names].sort())
      expect(text).toMatch(new RegExp(`Frames: ${anim.frameCount}\\n`))
      let compared = 0
      let worst = 0
      for (const [i, name] of c.names.entries()) {
        const track = result.clip.tracks.find((t) => t.name === `${name}.quaternion`)!
        expect(track.times.length).toBe(anim.frameCount)
        for (let f = 0; f < anim.frameCount; f++) {
          const q = new Quaternion().fromArray(track.values, f * 4)
          // A pure Z rotation: the axis is z (or the angle is zero).
          const axisOff = Math.hypot(q.x, q.y)
          expect(axisOff).toBeLessThan(1e-9)
          const loaded = (2 * Math.atan2(q.z, q.w) * 180) / Math.PI
          const expected = bvhZRotation(c, anim, f, i)
          const diff = ((((loaded - expected) % 360) + 540) % 360) - 180
          worst = Math.max(worst, Math.abs(diff))
          compared++
        }
      }
      expect(compared).toBe(anim.frameCount * c.boneCount)
      expect(worst).toBeLessThan(0.01)
      // The root's position channel carries the root translation (y flipped to BVH's y up).
      const pos = result.clip.tracks.find((t) => t.name === `${c.names[0]}.position`)!
      expect(pos.values[3 * 10]).toBeCloseTo(anim.root[20]!, 4)
      expect(pos.values[3 * 10 + 1]).toBeCloseTo(-anim.root[21]!, 4)
    },
  )

  it('poses the three.js skeleton exactly where the app draws the rig, frame by frame', async () => {
    const c = (await loadRigFile(`${repo}resources/rigs/chibi/rig.json`)).compiled
    const anim = solvePose(c, syntheticWalk(c, 40).motion)
    const result = new BVHLoader().parse(toBvh(c, anim))
    const pose = createWorldPose(c)
    let worst = 0
    for (const f of [0, 7, 19, 33]) {
      for (const bone of result.skeleton.bones) {
        const q = result.clip.tracks.find((t) => t.name === `${bone.name}.quaternion`)
        if (q) bone.quaternion.fromArray(q.values, f * 4)
        const p = result.clip.tracks.find((t) => t.name === `${bone.name}.position`)
        if (p) bone.position.fromArray(p.values, f * 3)
      }
      result.skeleton.bones[0]!.updateMatrixWorld(true)
      frameWorldPose(c, anim, f, pose)
      c.names.forEach((name, i) => {
        const bone = result.skeleton.bones.find((b) => b.name === name)!
        const p = new Vector3().setFromMatrixPosition(bone.matrixWorld)
        worst = Math.max(worst, Math.hypot(p.x - pose.x[i]!, -p.y - pose.y[i]!), Math.abs(p.z))
      })
    }
    expect(worst).toBeLessThan(1e-3)
  })

  it('places the rest skeleton where the rig has it (y flipped)', async () => {
    const c = (await loadRigFile(`${repo}resources/rigs/stout/rig.json`)).compiled
    const anim = solvePose(c, syntheticWalk(c, 5).motion)
    const result = new BVHLoader().parse(toBvh(c, anim))
    const root = result.skeleton.bones[0]!
    root.updateMatrixWorld(true)
    const neck = result.skeleton.bones.find((b) => b.name === 'head')!
    const p = new Vector3().setFromMatrixPosition(neck.matrixWorld)
    // head starts at the torso's tip: torso length straight up from the root (rest, no motion).
    expect(p.x).toBeCloseTo(0, 6)
    expect(p.y).toBeCloseTo(c.length[0]!, 6)
  })
})
