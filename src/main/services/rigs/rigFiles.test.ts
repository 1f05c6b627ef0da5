import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Ajv from 'ajv'
import { afterAll, describe, expect, it } from 'vitest'
import { compileRig } from '../../../core/rig/compileRig'
import { parseRig, RigFormatError } from '../../../core/rig/parseRig'
import { rigToSkeleton } from '../../../core/rig/skel'
import { BODY15_JOINTS } from '../../../core/skeleton/body15'
import {
  bundledRigsDir,
  listBundledRigs,
  listRigsIn,
  loadRigFile,
  resolveRig,
  saveRigFile,
} from './rigFiles'

/** Rig JSON as the tests poke at it: any field, any depth. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberately malformed input
type LooseJson = Record<string, any>

const scratch = mkdtempSync(join(tmpdir(), 'toonmo-rigs-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** A copy of a bundled rig's folder whose rig.json is edited by `edit`. */
function brokenCopy(name: string, edit: (json: LooseJson) => void): string {
  const dir = join(scratch, `${name}-${Math.random().toString(36).slice(2)}`)
  cpSync(join(bundledRigsDir(), name), dir, { recursive: true })
  const file = join(dir, 'rig.json')
  const json = JSON.parse(readFileSync(file, 'utf8'))
  edit(json)
  writeFileSync(file, JSON.stringify(json))
  return file
}

describe('bundled rigs', () => {
  it('lists the three characters', async () => {
    const rigs = await listBundledRigs()
    expect(rigs.map((r) => r.name)).toEqual(['chibi', 'noodle', 'stout'])
  })

  it.each(['chibi', 'noodle', 'stout'])(
    '%s loads with every image present, and round-trips',
    async (name) => {
      const loaded = await resolveRig(name)
      expect(loaded.rig.parts.length).toBeGreaterThanOrEqual(12)
      const head = loaded.rig.parts.find((p) => p.name === 'head')!
      expect(Object.keys(head.alternatives ?? {})).toEqual([
        'three_quarter',
        'profile_right',
        'profile_left',
      ])
      const out = join(scratch, `${name}-copy`, 'rig.json')
      cpSync(loaded.dir, join(scratch, `${name}-copy`), { recursive: true })
      await saveRigFile(loaded.rig, out)
      const again = await loadRigFile(out)
      expect(again.rig).toEqual(loaded.rig)
      expect(parseRig(JSON.parse(JSON.stringify(loaded.rig)))).toEqual(loaded.rig)
    },
  )

  it('match the rig JSON Schema', async () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../../../schemas/rig.schema.json', import.meta.url), 'utf8'),
    )
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema)
    for (const rig of await listBundledRigs()) {
      const json: unknown = JSON.parse(readFileSync(rig.file, 'utf8'))
      expect(validate(json), `${rig.name}: ${JSON.stringify(validate.errors)}`).toBe(true)
    }
    expect(validate({ format: 'toonmo.rig', version: 1 })).toBe(false)
  })

  it('have clearly different proportions', async () => {
    const ratio = async (name: string) => {
      const { compiled } = await resolveRig(name)
      const skel = rigToSkeleton(compiled)
      const p = Object.fromEntries(BODY15_JOINTS.map((j, i) => [j, skel.rest[i]!]))
      const legs = p.right_ankle![1] - p.right_hip![1]
      const arms =
        Math.hypot(
          p.right_elbow![0] - p.right_shoulder![0],
          p.right_elbow![1] - p.right_shoulder![1],
        ) + Math.hypot(p.right_wrist![0] - p.right_elbow![0], p.right_wrist![1] - p.right_elbow![1])
      const torso = p.mid_hip![1] - p.neck![1]
      const width = p.left_shoulder![0] - p.right_shoulder![0]
      const head = compiled.rig.parts.find((x) => x.name === 'head')!
      return { legs: legs / torso, arms: arms / torso, width: width / torso, head }
    }
    const chibi = await ratio('chibi')
    const noodle = await ratio('noodle')
    const stout = await ratio('stout')
    expect(chibi.legs).toBeLessThan(1) // short legs
    expect(noodle.legs).toBeGreaterThan(1.8) // long legs
    expect(noodle.arms).toBeGreaterThan(1.5) // long arms
    expect(stout.width).toBeGreaterThan(1.2) // wide
    expect(noodle.width).toBeLessThan(0.5)
  })

  it('writes the SKEL retargeting takes: front-view rest pose, y down', async () => {
    const skel = rigToSkeleton((await resolveRig('chibi')).compiled)
    expect(skel.format).toBe('toonmo.skeleton')
    expect(skel.joints).toEqual(BODY15_JOINTS)
    const at = (j: string) => skel.rest[BODY15_JOINTS.indexOf(j as never)]!
    expect(at('nose')[1]).toBeLessThan(at('neck')[1])
    expect(at('neck')[1]).toBeLessThan(at('mid_hip')[1])
    expect(at('right_shoulder')[0]).toBeLessThan(at('left_shoulder')[0]) // performer's right on screen-left
    expect(at('right_ankle')[1]).toBeGreaterThan(at('right_knee')[1])
  })
})

describe('malformed rigs', () => {
  it('refuse a cycle in the hierarchy, naming it', async () => {
    const file = brokenCopy('chibi', (json) => {
      const find = (n: string) => json.bones.find((b: { name: string }) => b.name === n)
      find('upper_arm_r').parent = 'hand_r'
    })
    await expect(loadRigFile(file)).rejects.toThrow(
      /cycle: upper_arm_r -> hand_r -> forearm_r -> upper_arm_r/,
    )
  })

  it('refuse a missing image, naming the file and the part', async () => {
    const file = brokenCopy('noodle', () => {})
    rmSync(join(file, '..', 'parts', 'head_profile.svg'))
    await expect(loadRigFile(file)).rejects.toThrow(
      /missing image "parts\/head_profile.svg" \(part head\)/,
    )
  })

  it('refuse an unknown joint in the mapping', async () => {
    const file = brokenCopy('stout', (json) => {
      json.joints.left_toe = { bone: 'foot_l', at: 'tail' }
    })
    await expect(loadRigFile(file)).rejects.toThrow(/unknown joint "left_toe"/)
  })

  it('refuse other mistakes with messages that say what to do', async () => {
    const base = JSON.parse(readFileSync(join(bundledRigsDir(), 'chibi', 'rig.json'), 'utf8'))
    const variant = (edit: (j: LooseJson) => void) => {
      const j = structuredClone(base)
      edit(j)
      return () => compileRig(parseRig(j))
    }
    expect(variant((j) => delete j.joints.left_knee)).toThrow(/joint "left_knee" is not mapped/)
    expect(variant((j) => (j.joints.nose.bone = 'tail'))).toThrow(
      /bone "tail", which the rig does not have/,
    )
    expect(variant((j) => (j.bones[3].parent = 'ghost'))).toThrow(
      /parent "ghost", which is not a bone/,
    )
    expect(variant((j) => (j.bones[1].parent = null))).toThrow(/2 root bones/)
    expect(variant((j) => (j.parts[0].bone = 'nope'))).toThrow(/attached to bone "nope"/)
    expect(variant((j) => (j.version = 2))).toThrow(/newer than this Toonmo reads/)
    expect(variant((j) => (j.joints.right_elbow = { bone: 'forearm_r', at: 'tail' }))).toThrow(
      RigFormatError,
    )
    expect(
      variant(
        (j) => (j.bones.find((b: { name: string }) => b.name === 'thigh_l').position = [40, 3]),
      ),
    ).toThrow(/bone "thigh_l" ends at joint "left_knee", so it must start at joint "left_hip"/)
    expect(variant((j) => (j.parts[0].image = '../outside.svg'))).toThrow(/relative path inside/)
    await expect(resolveRig('dragon')).rejects.toThrow(
      /no bundled rig named "dragon"; bundled rigs: chibi, noodle, stout/,
    )
  })
})

describe("a user's rigs folder", () => {
  it('lists the good rigs and leaves out a broken one instead of failing', async () => {
    const root = join(scratch, `user-rigs-${Math.random().toString(36).slice(2)}`)
    cpSync(join(bundledRigsDir(), 'noodle'), join(root, 'mine'), { recursive: true })
    cpSync(join(bundledRigsDir(), 'stout'), join(root, 'broken'), { recursive: true })
    writeFileSync(join(root, 'broken', 'rig.json'), '{"format": "toonmo.rig", "vers')
    const listed = await listRigsIn(root, true)
    expect(listed.map((r) => r.file)).toEqual([join(root, 'mine', 'rig.json')])
    await expect(listRigsIn(root)).rejects.toThrow()
    expect(await listRigsIn(join(root, 'absent'), true)).toEqual([])
  })
})
