import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const repo = fileURLToPath(new URL('..', import.meta.url))
const footageDir = resolve(repo, '..', 'shared', 'data', 'footage')
const clip = join(footageDir, 'pexels-gabby-k-6980032_squat_side.mp4')
const hasClip = existsSync(clip)
if (!hasClip)
  console.warn(`SKIPPED toonmo run e2e: ${clip} is absent (../shared/data is not on this machine)`)

/** Runs the real CLI as users do, returning its exit code and output. */
async function toonmo(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(repo, 'bin', 'toonmo.js'), ...args],
      {
        cwd: repo,
        maxBuffer: 16 << 20,
        timeout: 280_000,
      },
    )
    return { code: 0, out: stdout, err: stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return {
      code: typeof e.code === 'number' ? e.code : 1,
      out: e.stdout ?? '',
      err: e.stderr ?? '',
    }
  }
}

async function probe(file: string): Promise<{ width: number; height: number; frames: number }> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-count_frames',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=width,height,nb_read_frames',
    '-of',
    'json',
    file,
  ])
  const s = (
    JSON.parse(stdout) as { streams: { width: number; height: number; nb_read_frames: string }[] }
  ).streams[0]!
  return { width: s.width, height: s.height, frames: Number(s.nb_read_frames) }
}

describe('toonmo run and toonmo demo (the whole pipeline through the CLI)', () => {
  let work: string
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'toonmo-e2e-export-'))
  })
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it.skipIf(!hasClip)(
    'runs footage to every export: track, sprite sheet, skeletal JSON, BVH, GIF, MP4',
    async () => {
      const out = join(work, 'run')
      const r = await toonmo(
        'run',
        clip,
        '--rig',
        'noodle',
        '--out',
        out,
        '--seconds',
        '1.5',
        '--model',
        'lite',
        '--size',
        '128x128',
      )
      expect(r.err).toMatch(/exported \d+ frames in 1 atlas/)
      expect(r.code).toBe(0)
      const name = 'pexels-gabby-k-6980032_squat_side'
      expect(readdirSync(out).sort()).toEqual(
        ['anim.json', 'bvh', 'gif', 'json', 'mp4', 'png', 'track.json']
          .map((e) => `${name}.${e}`)
          .sort(),
      )
      const track = JSON.parse(readFileSync(join(out, `${name}.track.json`), 'utf8')) as {
        frames: unknown[]
      }
      const anim = JSON.parse(readFileSync(join(out, `${name}.anim.json`), 'utf8')) as {
        frameCount: number
        rig: string
      }
      expect(anim.rig).toBe('noodle')
      expect(anim.frameCount).toBe(track.frames.length)
      expect(readFileSync(join(out, `${name}.bvh`), 'utf8')).toMatch(
        new RegExp(`Frames: ${anim.frameCount}\\n`),
      )
      const sheet = JSON.parse(readFileSync(join(out, `${name}.json`), 'utf8')) as {
        frames: object
        animations: Record<string, string[]>
      }
      expect(Object.keys(sheet.frames)).toHaveLength(anim.frameCount)
      expect(sheet.animations[name]).toHaveLength(anim.frameCount)
      const gif = await probe(join(out, `${name}.gif`))
      expect(gif.frames).toBe(anim.frameCount)
      // The MP4 shows the footage beside the rig, both 128 px tall.
      const mp4 = await probe(join(out, `${name}.mp4`))
      expect(mp4.height).toBe(128)
      expect(mp4.width).toBeGreaterThan(128 + 64)
      expect(mp4.frames).toBe(anim.frameCount)
    },
  )

  it('exports the sample project with toonmo demo', async () => {
    const out = join(work, 'demo')
    const r = await toonmo('demo', out, '--frames', '0-23', '--size', '96x96')
    expect(r.code).toBe(0)
    expect(readdirSync(out).sort()).toEqual([
      'sample.anim.json',
      'sample.bvh',
      'sample.gif',
      'sample.json',
      'sample.mp4',
      'sample.png',
    ])
    const anim = JSON.parse(readFileSync(join(out, 'sample.anim.json'), 'utf8')) as {
      frameCount: number
    }
    expect(anim.frameCount).toBe(24)
  })
})
