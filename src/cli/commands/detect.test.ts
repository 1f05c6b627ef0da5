import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BODY15_JOINTS } from '../../core/skeleton/body15'
import { findBrowser } from '../../main/services/browser/findBrowser'
import { findFfmpegTools } from '../../main/services/media'
import { copyCutShort } from '../../main/services/media/testing/clips'
import { sharedDataDir } from '../../main/paths'
import { captureIo } from '../testing/captureIo'
import { main } from '../main'

const still = join(sharedDataDir, 'annotated', 'coco', '000000000785.jpg')
const clip = join(sharedDataDir, 'footage', 'mmhuman3d_single_person_demo.mp4')
const haveBrowser = findBrowser() !== undefined
const ffmpeg = findFfmpegTools().ffmpeg?.path
if (!haveBrowser) console.log('SKIPPED toonmo detect tests: no Chromium found')

describe.skipIf(!haveBrowser || !ffmpeg)('toonmo detect', () => {
  let dir: string
  const previousCache = process.env.TOONMO_CACHE_DIR
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'toonmo-cli-detect-'))
    process.env.TOONMO_CACHE_DIR = join(dir, 'cache')
  })
  afterAll(() => {
    if (previousCache === undefined) delete process.env.TOONMO_CACHE_DIR
    else process.env.TOONMO_CACHE_DIR = previousCache
    rmSync(dir, { recursive: true, force: true })
  })

  it('refuses a missing -o and an unknown model with usage errors', async () => {
    const io = captureIo()
    expect(await main(['detect', 'clip.mp4'], io)).toBe(2)
    expect(io.stderr).toContain('-o TRACK.json')
    expect(await main(['detect', 'clip.mp4', '-o', 'x.json', '--model', 'huge'], io)).toBe(2)
    expect(io.stderr).toContain('lite, full or heavy')
  })

  it.skipIf(!existsSync(still))('writes the exact track format for a still image', async () => {
    const out = join(dir, 'still.json')
    const io = captureIo()
    expect(await main(['detect', still, '-o', out, '--model', 'lite'], io)).toBe(0)
    const track = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>
    expect(Object.keys(track)).toEqual([
      'format',
      'version',
      'fps',
      'width',
      'height',
      'skeleton',
      'joints',
      'frames',
    ])
    expect(track).toMatchObject({
      format: 'toonmo.track',
      version: 1,
      width: 640,
      height: 425,
      skeleton: 'body15',
    })
    expect(track.joints).toEqual([...BODY15_JOINTS])
    const frames = track.frames as { time: number; points: number[][] | null }[]
    expect(frames).toHaveLength(1)
    expect(Object.keys(frames[0] ?? {})).toEqual(['time', 'points'])
    expect(frames[0]?.points).toHaveLength(15)
    const nose = frames[0]?.points?.[0] as number[]
    // The skier's nose is annotated at (367, 81) in COCO.
    expect(Math.hypot((nose[0] ?? 0) - 367, (nose[1] ?? 0) - 81)).toBeLessThan(15)
    expect(io.stderr).toContain('person found in 100%')

    const again = captureIo()
    expect(
      await main(
        [
          'detect',
          still,
          '-o',
          join(dir, 'still33.json'),
          '--model',
          'lite',
          '--skeleton',
          'mediapipe33',
          '--raw',
        ],
        again,
      ),
    ).toBe(0)
    expect(again.stderr).toContain('cached')
    const mp = JSON.parse(readFileSync(join(dir, 'still33.json'), 'utf8')) as {
      skeleton: string
      joints: string[]
    }
    expect(mp.skeleton).toBe('mediapipe33')
    expect(mp.joints).toHaveLength(33)
  })

  it('says clearly when no person is in the clip', async () => {
    const clip = join(dir, 'empty.mp4')
    execFileSync(ffmpeg as string, [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=10:duration=1',
      '-pix_fmt',
      'yuv420p',
      clip,
    ])
    const io = captureIo()
    expect(await main(['detect', clip, '-o', join(dir, 'empty.json'), '--model', 'lite'], io)).toBe(
      1,
    )
    expect(io.stderr).toContain('no person was found in any of the 10 frames')
    expect(existsSync(join(dir, 'empty.json'))).toBe(false)
  })
  it.skipIf(!existsSync(clip))(
    'warns that a clip is cut off, and writes the frames before the cut',
    async () => {
      const cut = await copyCutShort(clip, join(dir, 'cut.mp4'), 120_000)
      const out = join(dir, 'cut.json')
      const io = captureIo()
      expect(await main(['detect', cut, '-o', out, '--model', 'lite'], io)).toBe(0)
      expect(io.stderr).toMatch(/^warning: .*cut off/m)
      expect(io.stderr.match(/^warning:/gm)).toHaveLength(1)
      const frames = (JSON.parse(readFileSync(out, 'utf8')) as { frames: unknown[] }).frames
      expect(frames.length).toBeGreaterThan(5)
      expect(frames.length).toBeLessThan(40)
    },
  )
})
