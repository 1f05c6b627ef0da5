import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { probeCommand } from '../../../cli/commands/probe'
import { decodeFrames } from './decodeFrames'
import { decodeFrameAt } from './decodeFrameAt'
import { describeFfmpeg } from './describeFfmpeg'
import { displayRotation } from './ffprobeJson'
import { outputSize } from './frameSize'
import { analyseFrameTimes } from './frameTiming'
import { probeMedia } from './probe'
import { ffmpeg, counterFilter, makeCounterClip, makeTempDir, readCounter } from './testing/clips'
import type { DecodedFrame } from './types'
import { captureIo } from '../../../cli/testing/captureIo'

let dir = ''
let cleanup = async (): Promise<void> => {}
const file = (name: string): string => join(dir, name)
const x264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p']

async function collect(path: string, options = {}): Promise<DecodedFrame[]> {
  const frames: DecodedFrame[] = []
  for await (const f of decodeFrames(path, options)) frames.push(f)
  return frames
}

/** Writes frames 0..count-1 of the counter clip as numbered images. */
async function writeFrames(pattern: string, count: number, startNumber: number): Promise<void> {
  await ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'testsrc2=s=320x240:r=25',
    '-vf',
    counterFilter(),
    '-frames:v',
    String(count),
    '-start_number',
    String(startNumber),
    pattern,
  ])
}

beforeAll(async () => {
  ;({ dir, cleanup } = await makeTempDir())
  await Promise.all([
    mkdir(file('png_seq')),
    mkdir(file('jpg_seq')),
    mkdir(file('gappy')),
    makeCounterClip(file('a.mp4'), {
      frames: 30,
      fps: 30,
      codecArgs: [...x264, '-c:a', 'aac'],
      audio: true,
    }),
    makeCounterClip(file('b.mov'), {
      frames: 12,
      fps: 24,
      codecArgs: ['-c:v', 'prores_ks', '-profile:v', '3', '-pix_fmt', 'yuv422p10le'],
    }),
    makeCounterClip(file('c.mkv'), {
      frames: 15,
      fps: 30000 / 1001,
      codecArgs: [
        '-c:v',
        'libx265',
        '-preset',
        'ultrafast',
        '-pix_fmt',
        'yuv420p10le',
        '-x265-params',
        'log-level=error',
      ],
    }),
    makeCounterClip(file('d.webm'), {
      frames: 10,
      codecArgs: [
        '-c:v',
        'libvpx-vp9',
        '-deadline',
        'realtime',
        '-cpu-used',
        '8',
        '-c:a',
        'libopus',
      ],
      audio: true,
    }),
    makeCounterClip(file('anamorphic.mp4'), {
      frames: 5,
      afterFilters: ['setsar=2'],
      codecArgs: x264,
    }),
    makeCounterClip(file('vfr.mkv'), {
      frames: 20,
      afterFilters: ['settb=1/1000', "setpts='if(lt(N,10),N*40,400+(N-10)*100)'"],
      codecArgs: [...x264, '-fps_mode', 'passthrough', '-enc_time_base:v', '1/1000'],
    }),
  ])
  await Promise.all([
    writeFrames(file('png_seq/frame_%04d.png'), 12, 1),
    writeFrames(file('jpg_seq/shot%03d.jpg'), 6, 100),
    writeFrames(file('gappy/f%02d.png'), 8, 0),
    writeFrames(file('still.png'), 1, 0),
    writeFrames(file('still.jpg'), 1, 0),
  ])
  await rm(file('gappy/f05.png'))
  // A phone photo: landscape pixels, EXIF Orientation 6 (rotate 90 degrees clockwise to view).
  await writeFile(
    file('portrait_photo.jpg'),
    withExifOrientation(await readFile(file('still.jpg')), 6),
  )
})

/** A JPEG with an EXIF APP1 segment holding only the Orientation tag, inserted after SOI. */
function withExifOrientation(jpeg: Buffer, orientation: number): Buffer {
  const ifd = Buffer.alloc(18)
  ifd.writeUInt16BE(1, 0) // one entry
  ifd.writeUInt16BE(0x0112, 2) // Orientation
  ifd.writeUInt16BE(3, 4) // SHORT
  ifd.writeUInt32BE(1, 6)
  ifd.writeUInt16BE(orientation, 10)
  const tiff = Buffer.concat([Buffer.from('MM\x00\x2a\x00\x00\x00\x08', 'latin1'), ifd])
  const payload = Buffer.concat([Buffer.from('Exif\x00\x00', 'latin1'), tiff])
  const header = Buffer.alloc(4)
  header.writeUInt16BE(0xffe1, 0)
  header.writeUInt16BE(payload.length + 2, 2)
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)])
}

afterAll(() => cleanup())

describe('probeMedia on generated footage', () => {
  it.each([
    [
      'a.mp4',
      {
        codec: 'h264',
        container: 'mp4',
        fps: 30,
        frameCount: 30,
        durationSec: 1,
        hasAudio: true,
        pixelFormat: 'yuv420p',
      },
    ],
    [
      'b.mov',
      {
        codec: 'prores',
        container: 'mov',
        fps: 24,
        frameCount: 12,
        durationSec: 0.5,
        hasAudio: false,
        pixelFormat: 'yuv422p10le',
      },
    ],
    [
      'c.mkv',
      {
        codec: 'hevc',
        container: 'mkv',
        frameCount: 15,
        hasAudio: false,
        pixelFormat: 'yuv420p10le',
      },
    ],
    ['d.webm', { codec: 'vp9', container: 'webm', fps: 25, frameCount: 10, hasAudio: true }],
  ])('%s', async (name, expected) => {
    const p = await probeMedia(file(name))
    expect(p).toMatchObject({
      width: 320,
      height: 240,
      rotation: 0,
      vfr: false,
      kind: 'video',
      ...expected,
    })
    if ('durationSec' in expected) expect(p.durationSec).toBeCloseTo(expected.durationSec, 3)
  })

  it('stretches anamorphic footage (pixel aspect 2:1) to its display size', async () => {
    const p = await probeMedia(file('anamorphic.mp4'))
    expect(p).toMatchObject({ width: 640, height: 240, codedWidth: 320, codedHeight: 240 })
    const frames = await collect(file('anamorphic.mp4'), { maxSide: 320 })
    expect([frames[0]?.width, frames[0]?.height]).toEqual([320, 120])
  })

  it('keeps 29.97 fps constant despite Matroska millisecond rounding', async () => {
    const p = await probeMedia(file('c.mkv'))
    expect(p.vfr).toBe(false)
    expect(p.fps).toBeCloseTo(29.97, 2)
  })

  it('detects a variable frame rate and reports the average', async () => {
    const p = await probeMedia(file('vfr.mkv'))
    expect(p.vfr).toBe(true)
    expect(p.frameCount).toBe(20)
    // 19 intervals over 0.4 + 9 x 0.1 = 1.3 s
    expect(p.fps).toBeCloseTo(19 / 1.3, 3)
    // The last frame lasts as long as the container says (x264 kept 40 ms here).
    expect(p.durationSec).toBeGreaterThan(1.3)
    expect(p.durationSec).toBeLessThanOrEqual(1.4)
  })
})

describe('image sequences and stills', () => {
  it('a folder of numbered PNGs is a clip', async () => {
    const p = await probeMedia(file('png_seq'))
    expect(p).toMatchObject({
      kind: 'sequence',
      container: 'sequence',
      codec: 'png',
      width: 320,
      height: 240,
      fps: 24,
      frameCount: 12,
      hasAudio: false,
    })
    expect(p.durationSec).toBeCloseTo(0.5, 6)
    const frames = await collect(file('png_seq'), { maxSide: 160 })
    expect(frames.map((f) => readCounter(f))).toEqual([...Array(12).keys()])
    expect(frames[11]?.time).toBeCloseTo(11 / 24, 9)
  })

  it('a printf pattern with a frame rate, starting at any number', async () => {
    const pattern = file('jpg_seq/shot%03d.jpg')
    const p = await probeMedia(pattern, { sequenceFps: 12 })
    expect(p).toMatchObject({ kind: 'sequence', codec: 'mjpeg', fps: 12, frameCount: 6 })
    const frames = await collect(pattern, { sequenceFps: 12, startSec: 0.25 })
    expect(frames.map((f) => readCounter(f))).toEqual([3, 4, 5])
    expect(frames[0]?.time).toBe(3 / 12)
    // Past the end: the last frame stays on screen.
    const last = await decodeFrameAt(pattern, 10, undefined, { sequenceFps: 12 })
    expect(readCounter(last)).toBe(5)
  })

  it('a JPEG photo with EXIF orientation comes out upright', async () => {
    const p = await probeMedia(file('portrait_photo.jpg'))
    expect(p).toMatchObject({ kind: 'still', rotation: 90, width: 240, height: 320 })
    const [frame] = await collect(file('portrait_photo.jpg'))
    expect([frame?.width, frame?.height]).toEqual([240, 320])
    expect(readCounter(frame as DecodedFrame, 90)).toBe(0)
  })

  it('a numbering gap stops the sequence there, with a warning', async () => {
    const p = await probeMedia(file('gappy'))
    expect(p.frameCount).toBe(5)
    expect(p.warnings[0]?.message).toMatch(/gap after frame 4/)
  })

  it.each(['still.png', 'still.jpg'])('a still image (%s) is a one-frame clip', async (name) => {
    const p = await probeMedia(file(name))
    expect(p).toMatchObject({
      kind: 'still',
      container: 'image',
      frameCount: 1,
      width: 320,
      height: 240,
    })
    const frames = await collect(file(name))
    expect(frames).toHaveLength(1)
    expect(readCounter(frames[0] as DecodedFrame)).toBe(0)
  })
})

describe('probe pieces', () => {
  it('reads rotation from the display matrix (counter-clockwise) and the legacy tag (clockwise)', () => {
    const matrix = (rotation: number) => ({
      side_data_list: [{ side_data_type: 'Display Matrix', rotation }],
    })
    expect(displayRotation(matrix(-90))).toBe(90)
    expect(displayRotation(matrix(90))).toBe(270)
    expect(displayRotation(matrix(180))).toBe(180)
    expect(displayRotation(matrix(-180))).toBe(180)
    expect(displayRotation({ tags: { rotate: '90' } })).toBe(90)
    expect(displayRotation({ tags: { rotate: '-90' } })).toBe(270)
    expect(displayRotation({})).toBe(0)
  })

  it('frame timing from unordered packet pts (B-frames)', () => {
    const t = analyseFrameTimes([0, 3, 1, 2, 5, 4], { num: 1, den: 25 }, 1, 25)
    expect(Array.from(t.times)).toEqual([0, 0.04, 0.08, 0.12, 0.16, 0.2])
    expect(t).toMatchObject({ fps: 25, vfr: false })
    expect(t.durationSec).toBeCloseTo(0.24, 9)
  })

  it('fits output inside maxSide, keeps aspect, never upscales, caps huge sources', () => {
    expect(outputSize({ width: 1080, height: 1920 }, { maxSide: 640 })).toEqual({
      width: 360,
      height: 640,
    })
    expect(outputSize({ width: 320, height: 240 }, { maxSide: 640 })).toEqual({
      width: 320,
      height: 240,
    })
    expect(outputSize({ width: 15360, height: 8640 }, {})).toEqual({ width: 4096, height: 2304 })
    expect(outputSize({ width: 1280, height: 720 }, { height: 90 })).toEqual({
      width: 160,
      height: 90,
    })
    expect(() => outputSize({ width: 10, height: 10 }, { maxSide: 0 })).toThrow(/maxSide/)
  })

  it('describeFfmpeg names the tools in use and their versions', () => {
    const d = describeFfmpeg()
    expect(d.ffmpeg?.path).toBeTruthy()
    expect(['ffmpeg-static', 'env', 'system']).toContain(d.ffmpeg?.source)
    expect(d.ffmpeg?.version).toMatch(/\d/)
    expect(d.ffprobe?.version).toMatch(/\d/)
  })
})

describe('toonmo probe', () => {
  it('--json prints exactly the contract keys', async () => {
    const io = captureIo()
    expect(await probeCommand.run([file('a.mp4'), '--json'], io)).toBe(0)
    const json = JSON.parse(io.stdout) as Record<string, unknown>
    expect(Object.keys(json)).toEqual([
      'width',
      'height',
      'rotation',
      'fps',
      'vfr',
      'durationSec',
      'frameCount',
      'codec',
      'container',
      'hasAudio',
    ])
    expect(json).toEqual({
      width: 320,
      height: 240,
      rotation: 0,
      fps: 30,
      vfr: false,
      durationSec: 1,
      frameCount: 30,
      codec: 'h264',
      container: 'mp4',
      hasAudio: true,
    })
  })

  it('without --json prints a readable summary', async () => {
    const io = captureIo()
    expect(await probeCommand.run([file('vfr.mkv')], io)).toBe(0)
    expect(io.stdout).toMatch(/320x240/)
    expect(io.stdout).toMatch(/20 at .* fps \(variable frame rate/)
  })

  it('bad input rejects with the MediaError message (main prints it and exits 1)', async () => {
    await expect(probeCommand.run([file('none.mp4'), '--json'], captureIo())).rejects.toThrow(
      /No file or folder/,
    )
  })
})
