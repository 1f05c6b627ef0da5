import { randomBytes } from 'node:crypto'
import { chmod, readFile, truncate, writeFile, copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeFrames } from './decodeFrames'
import { MediaError } from './MediaError'
import { probeMedia } from './probe'
import { ffmpeg, makeCounterClip, makeTempDir, readCounter } from './testing/clips'
import type { DecodedFrame, MediaErrorCode, MediaWarning } from './types'

let dir = ''
let cleanup = async (): Promise<void> => {}
const file = (name: string): string => join(dir, name)
const x264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p']

async function expectMediaError(
  promise: Promise<unknown>,
  code: MediaErrorCode,
): Promise<MediaError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(MediaError)
  expect((error as MediaError).code).toBe(code)
  // Every message says what to do, not only what is wrong.
  expect((error as MediaError).message.length).toBeGreaterThan(40)
  return error as MediaError
}

/** A PNG whose header claims width x height (grey, 8-bit) with only a few rows of data. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf: Buffer): number => {
    let c = 0xffffffff
    for (const b of buf) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([len, body, sum])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 0, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc((width + 1) * 4))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

beforeAll(async () => {
  ;({ dir, cleanup } = await makeTempDir())
  await Promise.all([
    makeCounterClip(file('faststart.mp4'), {
      frames: 50,
      codecArgs: [...x264, '-movflags', '+faststart'],
    }),
    makeCounterClip(file('plain.mp4'), { frames: 50, codecArgs: x264 }),
    makeCounterClip(file('clip.mkv'), { frames: 50, codecArgs: x264 }),
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440',
      '-t',
      '1',
      '-c:a',
      'aac',
      file('audio.m4a'),
    ]),
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'testsrc2=s=320x240:r=25',
      '-frames:v',
      '0',
      ...x264,
      file('zero.mp4'),
    ]),
    // 16K UHD, grey so the PNG encodes quickly.
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'color=c=gray:s=15360x8640',
      '-frames:v',
      '1',
      '-pix_fmt',
      'gray',
      '-compression_level',
      '1',
      file('16k.png'),
    ]),
  ])
  await writeFile(file('random.mp4'), randomBytes(64 * 1024))
  await writeFile(file('random.bin'), randomBytes(64 * 1024))
  await writeFile(file('huge.png'), pngHeaderOnly(20000, 20000))
  // Cut files the way a full card or an interrupted copy leaves them.
  await copyFile(file('faststart.mp4'), file('cut_faststart.mp4'))
  await truncate(file('cut_faststart.mp4'), 60_000)
  await copyFile(file('plain.mp4'), file('cut_plain.mp4'))
  await truncate(file('cut_plain.mp4'), 40_000)
  await copyFile(file('clip.mkv'), file('cut.mkv'))
  await truncate(file('cut.mkv'), 60_000)
  // A codec nobody knows: rename the Matroska codec id in place (same length).
  const mkv = await readFile(file('clip.mkv'))
  const at = mkv.indexOf('V_MPEG4/ISO/AVC')
  expect(at).toBeGreaterThan(0)
  const renamed = Buffer.from(mkv)
  renamed.write('V_TOONMO/FUTURE', at, 'latin1')
  await writeFile(file('unknown_codec.mkv'), renamed)
  // Garbage over the frame data (deterministic noise): everything after the first cluster's
  // header, or a 4 KB stretch in the middle.
  const cluster = mkv.indexOf(Buffer.from([0x1f, 0x43, 0xb6, 0x75]))
  expect(cluster).toBeGreaterThan(0)
  await writeFile(file('garbled_all.mkv'), noiseOver(mkv, cluster + 60, mkv.length))
  await writeFile(file('garbled_mid.mkv'), noiseOver(mkv, 30_000, 34_000))
})

/** A copy of `data` with bytes [from, to) replaced by seeded pseudo-random noise. */
function noiseOver(data: Buffer, from: number, to: number): Buffer {
  const out = Buffer.from(data)
  let seed = 12345
  for (let i = from; i < to; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0
    out[i] = seed >>> 24
  }
  return out
}

afterAll(() => cleanup())

describe('bad input gets a specific MediaError', () => {
  it('missing file', async () => {
    const e = await expectMediaError(probeMedia(file('nope.mp4')), 'missing')
    expect(e.message).toContain('nope.mp4')
  })

  it('missing file also fails decodeFrames', async () => {
    await expectMediaError(decodeFrames(file('nope.mp4')).next(), 'missing')
  })

  const isRoot = process.getuid?.() === 0
  if (isRoot)
    console.log(
      'media: skipping the no-permission case: tests run as root, where chmod 000 does not block reading',
    )
  it.skipIf(isRoot)('no permission', async () => {
    await copyFile(file('plain.mp4'), file('locked.mp4'))
    await chmod(file('locked.mp4'), 0o000)
    const e = await expectMediaError(probeMedia(file('locked.mp4')), 'permission')
    expect(e.message).toMatch(/permission/)
  })

  it.each(['random.mp4', 'random.bin'])('random bytes (%s) are not media', async (name) => {
    const e = await expectMediaError(probeMedia(file(name)), 'notMedia')
    expect(e.message).toMatch(/not a video or image/)
  })

  it('an audio-only file', async () => {
    const e = await expectMediaError(probeMedia(file('audio.m4a')), 'audioOnly')
    expect(e.message).toMatch(/only audio/)
  })

  it('a file with zero frames', async () => {
    await expectMediaError(probeMedia(file('zero.mp4')), 'noFrames')
  })

  it('an MP4 cut off before its index was written', async () => {
    const e = await expectMediaError(probeMedia(file('cut_plain.mp4')), 'corrupt')
    expect(e.message).toMatch(/cut off/)
  })

  it('an unknown codec', async () => {
    const e = await expectMediaError(probeMedia(file('unknown_codec.mkv')), 'unsupportedCodec')
    expect(e.message).toMatch(/libx264/)
  })

  it('a picture too large for ffmpeg (20000x20000)', async () => {
    const e = await expectMediaError(probeMedia(file('huge.png')), 'tooLarge')
    expect(e.message).toContain('20000x20000')
  })
})

describe('damaged but partly usable footage', () => {
  it.each(['cut_faststart.mp4', 'cut.mkv'])(
    '%s: frames up to the cut decode, with a warning saying where it failed',
    async (name) => {
      const probe = await probeMedia(file(name))
      const probeWarning = probe.warnings.find((w) => w.code === 'truncated')
      expect(probeWarning?.lastGoodSec).toBeGreaterThan(0)
      expect(probeWarning?.message).toMatch(/cut off/)
      expect(probe.frameCount).toBeLessThan(50)
      expect(probe.frameCount).toBeGreaterThan(10)

      const warnings: MediaWarning[] = []
      const frames: DecodedFrame[] = []
      for await (const f of decodeFrames(file(name), {
        maxSide: 160,
        onWarning: (w) => warnings.push(w),
      })) {
        frames.push(f)
      }
      expect(frames.length).toBeGreaterThan(10)
      // The probe does not count the packet the cut clipped: every frame it promises decodes.
      expect(frames.length).toBe(probe.frameCount)
      // What decodes is right: each frame shows the counter of its own time. (B-frames whose
      // packets were cut are missing just before the end, so numbers need not be contiguous.)
      for (const f of frames) expect(readCounter(f)).toBe(Math.round(f.time * 25))
      expect(frames.slice(0, 20).map((f) => f.frameNumber)).toEqual([...Array(20).keys()])
      const last = frames[frames.length - 1] as DecodedFrame
      if (frames.length < probe.frameCount) {
        expect(warnings[0]?.lastGoodSec).toBeCloseTo(last.time, 6)
      }
      expect(last.time).toBeLessThanOrEqual((probeWarning?.lastGoodSec ?? 0) + 1e-6)
    },
  )
})

describe('garbled data', () => {
  it('nothing decodable: decodeFrames throws "corrupt" with ffmpeg\'s reason', async () => {
    const run = async (): Promise<void> => {
      for await (const _ of decodeFrames(file('garbled_all.mkv'), { maxSide: 64 })) {
        // no frame expected
      }
    }
    const e = await expectMediaError(run(), 'corrupt')
    expect(e.message).toMatch(/no frame could be decoded/)
  })

  it('damage in the middle: the good frames decode, a warning says where it broke', async () => {
    const warnings: MediaWarning[] = []
    const frames: DecodedFrame[] = []
    for await (const f of decodeFrames(file('garbled_mid.mkv'), {
      maxSide: 160,
      onWarning: (w) => warnings.push(w),
    })) {
      frames.push(f)
    }
    expect(frames.length).toBeGreaterThan(10)
    expect(frames.slice(0, 10).map((f) => readCounter(f))).toEqual([...Array(10).keys()])
    expect(warnings.length).toBeGreaterThan(0)
    expect(warnings[0]?.lastGoodSec).toBeGreaterThan(0)
  })
})

describe('absurd sizes', () => {
  it('a 16K still decodes downscaled inside ffmpeg, with a warning', async () => {
    const probe = await probeMedia(file('16k.png'))
    expect(probe).toMatchObject({ width: 15360, height: 8640, frameCount: 1, kind: 'still' })
    expect(probe.warnings.map((w) => w.code)).toContain('large')
    const frames: DecodedFrame[] = []
    // No maxSide: the output cap still applies, so JS never sees a 530 MB RGBA frame.
    for await (const f of decodeFrames(file('16k.png'))) frames.push(f)
    expect(frames).toHaveLength(1)
    expect([frames[0]?.width, frames[0]?.height]).toEqual([4096, 2304])
    // Grey stays grey through the downscale.
    expect(Math.abs((frames[0]?.rgba[0] ?? 0) - 128)).toBeLessThan(8)
  })
})
