import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadRigFile } from '../../main/services/rigs/rigFiles'
import { compileRig } from './compileRig'
import { moveRestPoint, restBoneWorld, setBoneParent, updatePart } from './editRig'
import { rigToSkeleton } from './skel'

const rigsDir = fileURLToPath(new URL('../../../resources/rigs', import.meta.url))

describe('rig setup edits', () => {
  it('dragging the elbow moves both arm bones and nothing else', async () => {
    const { rig } = await loadRigFile(`${rigsDir}/noodle/rig.json`)
    const before = rigToSkeleton(compileRig(rig))
    const elbow = restBoneWorld(rig).get('upper_arm_r')!.tail
    const edited = moveRestPoint(rig, elbow, [elbow[0] - 30, elbow[1] + 10])
    const after = rigToSkeleton(compileRig(edited)) // still a valid rig
    const e = before.joints.indexOf('right_elbow')
    expect(after.rest[e]![0]).toBeCloseTo(elbow[0] - 30, 2)
    expect(after.rest[e]![1]).toBeCloseTo(elbow[1] + 10, 2)
    after.rest.forEach((p, j) => {
      if (j === e) return
      expect(p[0]).toBeCloseTo(before.rest[j]![0], 2)
      expect(p[1]).toBeCloseTo(before.rest[j]![1], 2)
    })
    expect(rig.bones).toEqual((await loadRigFile(`${rigsDir}/noodle/rig.json`)).rig.bones) // input untouched
  })

  it('re-parents a bone in place and refuses cycles', async () => {
    const { rig } = await loadRigFile(`${rigsDir}/chibi/rig.json`)
    const edited = setBoneParent(rig, 'hand_r', 'torso')
    const a = restBoneWorld(rig).get('hand_r')!
    const b = restBoneWorld(edited).get('hand_r')!
    expect(b.head[0]).toBeCloseTo(a.head[0], 6)
    expect(b.tail[1]).toBeCloseTo(a.tail[1], 6)
    expect(edited.bones.find((x) => x.name === 'hand_r')!.parent).toBe('torso')
    expect(() => setBoneParent(rig, 'upper_arm_r', 'hand_r')).toThrow(/close a cycle/)
    expect(
      updatePart(rig, 'head', { pivot: [1, 2] }).parts.find((p) => p.name === 'head')!.pivot,
    ).toEqual([1, 2])
    expect(() => updatePart(rig, 'tail', { z: 1 })).toThrow(/no part named "tail"/)
  })
})
