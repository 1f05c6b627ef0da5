import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Ajv from 'ajv'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bvhZRotation } from '../../core/export/bvh'
import { fromSkeletalFile, serializeSkeletal, toSkeletalFile } from '../../core/export/skeletalJson'
import type { RigAnimation } from '../../core/rig/animation'
import { syntheticWalk } from '../../core/rig/testing/syntheticWalk'
import { resolveRig } from '../../main/services/rigs/rigFiles'
import type { LoadedRig } from '../../main/services/rigs/rigFiles'
import { main } from '../main'

const repo = fileURLToPath(new URL('../../../', import.meta.url))

interface Quat {
  x: number
  y: number
  z: number
  w: number
  fromArray(values: ArrayLike<number>, offset: number): Quat
}
interface BvhResult {
  skeleton: { bones: { name: string }[] }
  clip: { tracks: { name: string; times: ArrayLike<number>; values: ArrayLike<number> }[] }
}
// three ships JavaScript without type declarations here: import through variable specifiers.
const threeSpec = 'three'
const loaderSpec = 'three/examples/jsm/loaders/BVHLoader.js'
const { Quaternion } = (await import(threeSpec)) as { Quaternion: new () => Quat }
const { BVHLoader } = (await import(loaderSpec)) as {
  BVHLoader: new () => { parse(text: string): BvhResult }
}

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), isTty: false })
  return { code, out, err }
}

describe('toonmo export', () => {
  let dir: string
  let rig: LoadedRig
  let anim: RigAnimation
  let animPath: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'toonmo-cli-export-'))
    rig = await resolveRig('stout')
    anim = syntheticWalk(rig.compiled, 45, 30).anim
    animPath = join(dir, 'walk.anim.json')
    writeFileSync(animPath, serializeSkeletal(toSkeletalFile(rig.compiled, anim, '.')))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('writes a .bvh that three.js BVHLoader reads and a JSON that the schema and re-import accept', async () => {
    const out = join(dir, 'ok')
    const r = await cli(
      'export',
      animPath,
      '--rig',
      'stout',
      '--json',
      join(out, 'walk.json'),
      '--bvh',
      join(out, 'walk.bvh'),
    )
    expect(r.err).not.toMatch(/toonmo export:/)
    expect(r.code).toBe(0)
    expect(r.out.trim().split('\n').sort()).toEqual([join(out, 'walk.bvh'), join(out, 'walk.json')])

    const bvh = new BVHLoader().parse(readFileSync(join(out, 'walk.bvh'), 'utf8'))
    const c = rig.compiled
    expect(
      bvh.skeleton.bones
        .map((b) => b.name)
        .filter((n) => !n.startsWith('ENDSITE'))
        .sort(),
    ).toEqual([...c.names].sort())
    let worst = 0
    for (const [i, name] of c.names.entries()) {
      const track = bvh.clip.tracks.find((t) => t.name === `${name}.quaternion`)!
      expect(track.times.length).toBe(45)
      for (let f = 0; f < 45; f++) {
        const q = new Quaternion().fromArray(track.values, f * 4)
        const loaded = (2 * Math.atan2(q.z, q.w) * 180) / Math.PI
        const diff = ((((loaded - bvhZRotation(c, anim, f, i)) % 360) + 540) % 360) - 180
        worst = Math.max(worst, Math.abs(diff))
      }
    }
    expect(worst).toBeLessThan(0.01)

    const json = JSON.parse(readFileSync(join(out, 'walk.json'), 'utf8')) as unknown
    const schema = JSON.parse(
      readFileSync(join(repo, 'schemas', 'skeletal-animation.schema.json'), 'utf8'),
    ) as object
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
    const back = fromSkeletalFile(json).animation
    expect(back.frameCount).toBe(45)
    expect(back.bones).toEqual(c.names)
    let rotWorst = 0
    for (let i = 0; i < anim.rotations.length; i++)
      rotWorst = Math.max(rotWorst, Math.abs(back.rotations[i]! - anim.rotations[i]!))
    expect((rotWorst * 180) / Math.PI).toBeLessThan(1e-3)
    // The images the JSON points at are found from where it was written.
    const { imageBase, parts } = json as { imageBase: string; parts: { image: string }[] }
    expect(existsSync(join(out, imageBase, parts[0]!.image))).toBe(true)
  })

  it('resamples to --fps and exports a --frames range', async () => {
    const out = join(dir, 'fps')
    const r = await cli(
      'export',
      animPath,
      '--rig',
      'stout',
      '--json',
      join(out, 'a.json'),
      '--fps',
      '15',
      '--frames',
      '10-29',
    )
    expect(r.code).toBe(0)
    const back = fromSkeletalFile(JSON.parse(readFileSync(join(out, 'a.json'), 'utf8'))).animation
    expect(back.fps).toBe(15)
    expect(back.frameCount).toBe(10)
    const n = back.bones.length
    expect(back.rotations[n]).toBeCloseTo(anim.rotations[12 * n]!, 4)
  })

  it('says what is wrong with bad input and leaves no files', async () => {
    const out = join(dir, 'bad')
    const empty = await cli(
      'export',
      animPath,
      '--rig',
      'stout',
      '--bvh',
      join(out, 'a.bvh'),
      '--frames',
      '50-60',
    )
    expect(empty.code).toBe(1)
    expect(empty.err).toMatch(/frame range 50\.\.60 lies outside the animation's frames 0\.\.44/)
    const absurd = await cli(
      'export',
      animPath,
      '--rig',
      'stout',
      '--sprite-sheet',
      join(out, 's'),
      '--size',
      '100000x100000',
    )
    expect(absurd.code).toBe(2)
    expect(absurd.err).toMatch(/--size must be WIDTHxHEIGHT in pixels, each from 1 to 4096/)
    const tooBig = await cli(
      'export',
      animPath,
      '--rig',
      'stout',
      '--sprite-sheet',
      join(out, 's'),
      '--size',
      '4000x300',
      '--max-side',
      '2048',
      '--no-trim',
    )
    expect(tooBig.code).toBe(1)
    expect(tooBig.err).toMatch(/4000x300 px .* does not fit in a 2048x2048 atlas/)
    writeFileSync(join(dir, 'blocker'), 'a file, not a folder')
    const unwritable = await cli(
      'export',
      animPath,
      '--rig',
      'stout',
      '--bvh',
      join(dir, 'blocker', 'a.bvh'),
    )
    expect(unwritable.code).toBe(1)
    expect(unwritable.err).toMatch(/cannot write to the folder .*blocker/)
    const noRig = await cli('export', animPath, '--rig', 'nobody', '--bvh', join(out, 'a.bvh'))
    expect(noRig.code).toBe(1)
    expect(noRig.err).toMatch(/no bundled rig named "nobody"; bundled rigs: .*chibi/)
    const nothing = await cli('export', animPath, '--rig', 'stout')
    expect(nothing.code).toBe(2)
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([])
  })
})
