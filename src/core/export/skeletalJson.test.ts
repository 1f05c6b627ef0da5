import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import Ajv from 'ajv'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadRigFile } from '../../main/services/rigs/rigFiles'
import type { CompiledRig } from '../rig/compileRig'
import { compileRig } from '../rig/compileRig'
import { solvePose } from '../rig/solve/solvePose'
import { syntheticWalk } from '../rig/testing/syntheticWalk'
import {
  fromSkeletalFile,
  serializeSkeletal,
  SkeletalFormatError,
  toSkeletalFile,
} from './skeletalJson'

const repo = fileURLToPath(new URL('../../../', import.meta.url))
let c: CompiledRig

beforeAll(async () => {
  c = (await loadRigFile(`${repo}resources/rigs/stout/rig.json`)).compiled
})

function validator() {
  const schema = JSON.parse(readFileSync(`${repo}schemas/skeletal-animation.schema.json`, 'utf8'))
  return new Ajv({ allErrors: true, strict: true }).compile(schema)
}

describe('skeletal JSON', () => {
  it('validates against its JSON Schema and re-imports to the same animation', () => {
    const { motion } = syntheticWalk(c, 45)
    const anim = solvePose(c, motion)
    anim.partImages = {
      hand_r: Array.from({ length: 45 }, (_, f) => (f % 10 < 5 ? null : 'closed')),
    }
    anim.stretch = new Float64Array(90).map((_, i) => (i % 2 === 0 ? 1.1 : 0.5))
    const text = serializeSkeletal(toSkeletalFile(c, anim, '../rigs/stout'))
    const json = JSON.parse(text)
    const validate = validator()
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
    expect(json.frames).toHaveLength(45)
    expect(json.frames[0]).toHaveLength(2 + c.boneCount)

    const back = fromSkeletalFile(json)
    expect(back.rig.bones.map((b) => b.name)).toEqual(c.names)
    expect(back.rig.parts).toEqual(c.rig.parts)
    expect(compileRig(back.rig).inheritRotation).toEqual(c.inheritRotation)
    expect(back.animation.frameCount).toBe(45)
    expect(back.animation.partImages).toEqual(anim.partImages)
    expect(Array.from(back.animation.contacts!.right)).toEqual(Array.from(anim.contacts!.right))
    back.animation.rotations.forEach((r, i) => expect(r).toBeCloseTo(anim.rotations[i]!, 5))
    back.animation.root.forEach((r, i) => expect(r).toBeCloseTo(anim.root[i]!, 3))
    back.animation.stretch!.forEach((s, i) => expect(s).toBeCloseTo(anim.stretch![i]!, 5))
    // The rig it carries compiles again: a skeletal file is enough to play the animation.
    expect(compileRig(back.rig).names).toEqual(c.names)
  })

  it('fails the schema, and the import, for broken files', () => {
    const json = toSkeletalFile(c, solvePose(c, syntheticWalk(c, 10).motion)) as unknown as Record<
      string,
      unknown
    >
    const validate = validator()
    expect(validate({ ...json, fps: 0 })).toBe(false)
    expect(validate({ ...json, view: 'top' })).toBe(false)
    expect(() => fromSkeletalFile({ ...json, frameCount: 11 })).toThrow(
      /"frameCount" is 11 but there are 10/,
    )
    expect(() => fromSkeletalFile({ ...json, format: 'x' })).toThrow(SkeletalFormatError)
    expect(() => fromSkeletalFile({ ...json, frames: [[1, 2]], frameCount: 1 })).toThrow(
      /frames\[0\] must hold/,
    )
  })
})
