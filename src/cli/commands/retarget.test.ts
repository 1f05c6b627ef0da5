import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { parseTrack, serializeTrack } from '../../core/motion/track'
import {
  projectAtYaw,
  skeletonDoc,
  syntheticWorldMotion,
  TARGETS,
  trackFromPoints,
} from '../../core/retarget/fixtures/syntheticClip'
import { retargetModelAvailable } from '../../main/services/retarget/modelFiles'
import type { CliIo } from '../command'
import { main } from '../main'

const dir = mkdtempSync(join(tmpdir(), 'toonmo-retarget-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function write(name: string, content: unknown): string {
  const path = join(dir, name)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), isTty: false }
  const code = await main(['retarget', ...argv], io)
  return { code, out, err }
}

const T = 40
const srcTrack = trackFromPoints(projectAtYaw(syntheticWorldMotion(T), T, 15, 2.2), T)
const src = write('src.json', serializeTrack(srcTrack))
const skel = write('skel.json', skeletonDoc(TARGETS.lanky))

describe('toonmo retarget', () => {
  const savedModels = process.env.TOONMO_MODELS_DIR
  afterEach(() => {
    if (savedModels === undefined) delete process.env.TOONMO_MODELS_DIR
    else process.env.TOONMO_MODELS_DIR = savedModels
  })

  it('writes a body15 track at the target scale starting at the source mid_hip (--view source)', async () => {
    const out = join(dir, 'out.json')
    const r = await run(src, '--target', skel, '--view', 'source', '-o', out)
    expect(r.err).toMatch(/retargeted 40 frames/)
    expect(r.code).toBe(0)
    const json = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>
    expect(json.format).toBe('toonmo.track')
    expect(json.version).toBe(1)
    expect(json.skeleton).toBe('body15')
    const track = parseTrack(json)
    expect(track.frames).toHaveLength(T)
    expect(track.fps).toBe(30)
    expect(track.frames[0]?.points?.[8]?.slice(0, 2)).toEqual(
      srcTrack.frames[0]?.points?.[8]?.slice(0, 2),
    )
    // The lanky target's shin is 85 px in its rest pose; seen from the front it stays close.
    const p = track.frames[0]?.points ?? []
    const shin = Math.hypot(
      (p[11]?.[0] ?? 0) - (p[10]?.[0] ?? 0),
      (p[11]?.[1] ?? 0) - (p[10]?.[1] ?? 0),
    )
    expect(shin).toBeGreaterThan(70)
    expect(shin).toBeLessThanOrEqual(85 + 1e-9)
  })

  it.each([
    [
      'SKEL is not JSON',
      () => ['--target', write('bad1.json', '{"format":'), '--view', 'source'],
      /target skeleton .*bad1.json is not valid JSON/,
    ],
    [
      'SKEL has the wrong format',
      () => ['--target', write('bad2.json', { format: 'x' }), '--view', 'source'],
      /bad2.json is not usable: The skeleton's "format" is "x"/,
    ],
    [
      'SKEL misses a joint',
      () => [
        '--target',
        write('bad3.json', { ...skeletonDoc(TARGETS.chibi), joints: ['nose'] }),
        '--view',
        'source',
      ],
      /lists 1 joints; body15 has 15/,
    ],
    [
      'SKEL does not exist',
      () => ['--target', join(dir, 'nope.json'), '--view', 'source'],
      /cannot read the target skeleton .*nope.json: no such file/,
    ],
  ])('exits 1 when %s', async (_name, args, message) => {
    const r = await run(src, ...args(), '-o', join(dir, 'x.json'))
    expect(r.code).toBe(1)
    expect(r.err).toMatch(message)
  })

  it.each([
    [
      'SRC is not a track',
      { format: 'toonmo.skeleton' },
      /source track .* is not usable: not a keypoint track/,
    ],
    [
      'SRC has a short frame',
      { ...JSON.parse(serializeTrack(srcTrack)), frames: [{ time: 0, points: [[1, 2, 1]] }] },
      /frames\[0\]\.points must be null \(no person\) or 15/,
    ],
    [
      'SRC has no person',
      { ...JSON.parse(serializeTrack(srcTrack)), frames: [{ time: 0, points: null }] },
      /no detected person in any frame/,
    ],
  ])('exits 1 when %s', async (_name, doc, message) => {
    const r = await run(
      write('badsrc.json', doc),
      '--target',
      skel,
      '--view',
      'source',
      '-o',
      join(dir, 'x.json'),
    )
    expect(r.code).toBe(1)
    expect(r.err).toMatch(message)
  })

  it('exits 1 when OUT cannot be written', async () => {
    const r = await run(
      src,
      '--target',
      skel,
      '--view',
      'source',
      '-o',
      join(dir, 'no', 'such', 'out.json'),
    )
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/cannot write .*out.json: .*check that its folder exists/)
  })

  it('exits 1 with a clear message when a view change has no model', async () => {
    process.env.TOONMO_MODELS_DIR = mkdtempSync(join(dir, 'nomodel-'))
    const r = await run(src, '--target', skel, '--view', '90', '-o', join(dir, 'x.json'))
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/needs the retarget model \(models\/retarget.onnx\).*--view source/)
  })

  it.skipIf(!retargetModelAvailable())(
    'refuses a view change on a clip under 16 frames',
    async () => {
      const short = write(
        'short.json',
        serializeTrack(trackFromPoints(projectAtYaw(syntheticWorldMotion(10), 10, 0, 2), 10)),
      )
      const r = await run(short, '--target', skel, '--view', '-90', '-o', join(dir, 'x.json'))
      expect(r.code).toBe(1)
      expect(r.err).toMatch(/has 10 frames; a view change needs at least 16/)
    },
  )

  it('exits 2 on usage mistakes', async () => {
    expect((await run(src, '--target', skel, '-o', join(dir, 'x.json'))).err).toMatch(
      /--view source\|DEG is required/,
    )
    const bad = await run(src, '--target', skel, '--view', 'left', '-o', join(dir, 'x.json'))
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/--view must be "source" or a yaw in degrees/)
    expect((await run('--target', skel, '--view', 'source', '-o', 'x')).code).toBe(2)
  })
})
