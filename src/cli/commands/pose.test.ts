import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Ajv from 'ajv'
import { afterAll, describe, expect, it } from 'vitest'
import { fromSkeletalFile } from '../../core/export/skeletalJson'
import { serializeTrack } from '../../core/motion/track'
import type { Track } from '../../core/motion/track'
import { syntheticWalk } from '../../core/rig/testing/syntheticWalk'
import { MEDIAPIPE33_JOINTS } from '../../core/skeleton/mediapipe33'
import { BODY15_FROM_MEDIAPIPE } from '../../core/skeleton/mediapipeToBody15'
import { resolveRig } from '../../main/services/rigs/rigFiles'
import { main } from '../main'
import { captureIo } from '../testing/captureIo'

const repo = fileURLToPath(new URL('../../../', import.meta.url))
const scratch = mkdtempSync(join(tmpdir(), 'toonmo-pose-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** A MediaPipe-33 track of a performer walking: the noodle rig's own walk, seen at 2x scale. */
async function mediapipeWalkTrack(): Promise<string> {
  const c = (await resolveRig('noodle')).compiled
  const { motion } = syntheticWalk(c, 60)
  const track: Track = {
    fps: 30,
    width: 1920,
    height: 1080,
    joints: [...MEDIAPIPE33_JOINTS],
    frames: Array.from({ length: 60 }, (_, f) => {
      const points = MEDIAPIPE33_JOINTS.map((): [number, number, number] => [0, 0, 0.01])
      BODY15_FROM_MEDIAPIPE.forEach((sources, j) => {
        if (sources.length !== 1) return
        const o = (f * 15 + j) * 3
        points[sources[0]!] = [motion.data[o]! * 2, motion.data[o + 1]! * 2, 0.95]
      })
      return { time: f / 30, points: f === 20 ? null : points }
    }),
  }
  const file = join(scratch, 'walk.track.json')
  writeFileSync(file, serializeTrack(track))
  return file
}

describe('toonmo pose', () => {
  it('solves a mediapipe33 track onto a bundled rig and writes valid skeletal JSON and BVH', async () => {
    const track = await mediapipeWalkTrack()
    const out = join(scratch, 'anim.json')
    const bvh = join(scratch, 'anim.bvh')
    const io = captureIo()
    const code = await main(
      [
        'pose',
        track,
        '--rig',
        'noodle',
        '-o',
        out,
        '--bvh',
        bvh,
        '--timing',
        '2',
        '--view',
        'profile_right',
      ],
      io,
    )
    expect(io.stderr).toMatch(/posed 60 frames at 30 fps on noodle/)
    expect(code).toBe(0)
    const json = JSON.parse(readFileSync(out, 'utf8'))
    const schema = JSON.parse(
      readFileSync(join(repo, 'schemas/skeletal-animation.schema.json'), 'utf8'),
    )
    const validate = new Ajv({ allErrors: true }).compile(schema)
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
    expect(json.frameCount).toBe(60)
    expect(json.view).toBe('profile_right')
    expect(readFileSync(join(scratch, json.imageBase, json.parts[0].image), 'utf8')).toMatch(
      /^<svg/,
    )
    expect(fromSkeletalFile(json).animation.frameCount).toBe(60)
    expect(json.frames[3]).toEqual(json.frames[2]) // on twos
    expect(readFileSync(bvh, 'utf8')).toMatch(/^HIERARCHY\nROOT torso[\s\S]*Frames: 60\n/)
  })

  it('takes a rig by path, and explains bad input', async () => {
    const track = await mediapipeWalkTrack()
    const io = captureIo()
    const out = join(scratch, 'by-path.json')
    expect(
      await main(['pose', track, '--rig', join(repo, 'resources/rigs/stout'), '-o', out], io),
    ).toBe(0)
    const bad = captureIo()
    expect(await main(['pose', join(scratch, 'nope.json'), '--rig', 'chibi', '-o', out], bad)).toBe(
      1,
    )
    expect(bad.stderr).toMatch(/no track file at/)
    const garbage = join(scratch, 'garbage.json')
    writeFileSync(garbage, '{"format":"toonmo.track","version":1,"fps":30')
    expect(await main(['pose', garbage, '--rig', 'chibi', '-o', out], bad)).toBe(1)
    expect(bad.stderr).toMatch(/not valid JSON .*truncated/)
    expect(
      await main(['pose', track, '--rig', 'chibi', '-o', join(scratch, 'no', 'x.json')], bad),
    ).toBe(1)
    expect(bad.stderr).toMatch(/the folder .*no does not exist/)
    expect(await main(['pose', track, '--rig', 'dragon', '-o', out], bad)).toBe(1)
    expect(bad.stderr).toMatch(/no bundled rig named "dragon"/)
    expect(await main(['pose', track, '--rig', 'chibi'], bad)).toBe(2)
    expect(bad.stderr).toMatch(/-o ANIM.json is required/)
    expect(await main(['pose', track, '--rig', 'chibi', '-o', out, '--view', 'top'], bad)).toBe(2)
  })
})

describe('toonmo rigs', () => {
  it('lists the bundled rigs and writes a SKEL', async () => {
    const io = captureIo()
    expect(await main(['rigs'], io)).toBe(0)
    expect(
      io.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(' ')[0]),
    ).toEqual(['chibi', 'noodle', 'stout'])
    const skelIo = captureIo()
    expect(await main(['rigs', '--skeleton', 'stout'], skelIo)).toBe(0)
    const skel = JSON.parse(skelIo.stdout)
    expect(skel.format).toBe('toonmo.skeleton')
    expect(skel.version).toBe(1)
    expect(skel.joints).toHaveLength(15)
    expect(skel.rest).toHaveLength(15)
    const file = join(scratch, 'skel.json')
    expect(await main(['rigs', '--skeleton', 'chibi', '-o', file], captureIo())).toBe(0)
    expect(JSON.parse(readFileSync(file, 'utf8')).rest[0]).toEqual([200, 223])
  })
})
