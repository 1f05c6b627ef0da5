import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeFrames } from './decodeFrames'
import { decodeFrameAt, thumbnails } from './decodeFrameAt'
import { requireTool } from './ffmpegPaths'
import { MediaError } from './MediaError'
import { probeMedia } from './probe'
import {
  CLIP_HEIGHT,
  CLIP_WIDTH,
  ffmpeg,
  makeCounterClip,
  makeTempDir,
  readCounter,
} from './testing/clips'
import type { DecodedFrame, DecodeOptions } from './types'

let dir = ''
let cleanup = async (): Promise<void> => {}
const clip = (name: string): string => join(dir, name)

/** VFR schedule (seconds): 10 frames at 40 ms, 10 at 100 ms, 10 at 1/30 s. */
function vfrTime(n: number): number {
  if (n < 10) return n * 0.04
  if (n < 20) return 0.4 + (n - 10) * 0.1
  return 1.4 + (n - 20) / 30
}

async function collect(path: string, options: DecodeOptions = {}): Promise<DecodedFrame[]> {
  const frames: DecodedFrame[] = []
  for await (const frame of decodeFrames(path, options)) frames.push(frame)
  return frames
}

beforeAll(async () => {
  ;({ dir, cleanup } = await makeTempDir())
  const x264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '16', '-pix_fmt', 'yuv420p']
  await Promise.all([
    makeCounterClip(clip('h264.mp4'), {
      frames: 50,
      codecArgs: [...x264, '-c:a', 'aac', '-movflags', '+faststart'],
      audio: true,
    }),
    makeCounterClip(clip('hevc10.mkv'), {
      frames: 24,
      codecArgs: [
        '-c:v',
        'libx265',
        '-preset',
        'ultrafast',
        '-crf',
        '18',
        '-pix_fmt',
        'yuv420p10le',
        '-x265-params',
        'log-level=error',
      ],
    }),
    makeCounterClip(clip('prores.mov'), {
      frames: 24,
      fps: 30,
      codecArgs: ['-c:v', 'prores_ks', '-profile:v', '3', '-pix_fmt', 'yuv422p10le'],
    }),
    makeCounterClip(clip('vp9.webm'), {
      frames: 24,
      codecArgs: [
        '-c:v',
        'libvpx-vp9',
        '-deadline',
        'realtime',
        '-cpu-used',
        '8',
        '-crf',
        '20',
        '-b:v',
        '0',
      ],
    }),
    makeCounterClip(clip('av1.webm'), {
      frames: 24,
      codecArgs: [
        '-c:v',
        'libsvtav1',
        '-preset',
        '12',
        '-crf',
        '20',
        '-svtav1-params',
        'verbosity=0',
      ],
    }),
    makeCounterClip(clip('vfr.mp4'), {
      frames: 30,
      afterFilters: [
        'settb=1/3000',
        "setpts='if(lt(N,10),N*120,if(lt(N,20),1200+(N-10)*300,4200+(N-20)*100))'",
      ],
      codecArgs: [
        ...x264,
        '-fps_mode',
        'passthrough',
        '-enc_time_base:v',
        '1/3000',
        '-video_track_timescale',
        '3000',
      ],
    }),
  ])
  // Rotation as phones store it: landscape pixels plus display-matrix metadata.
  await ffmpeg([
    '-i',
    clip('h264.mp4'),
    '-c',
    'copy',
    '-metadata:s:v:0',
    'rotate=90',
    clip('rot_a.mp4'),
  ])
  await ffmpeg([
    '-i',
    clip('h264.mp4'),
    '-c',
    'copy',
    '-metadata:s:v:0',
    'rotate=270',
    clip('rot_b.mp4'),
  ])
  await ffmpeg([
    '-i',
    clip('h264.mp4'),
    '-c',
    'copy',
    '-metadata:s:v:0',
    'rotate=180',
    clip('rot_180.mp4'),
  ])
  // A cut without re-encoding: an MP4 edit list whose leading packets are decoded but not shown.
  await ffmpeg(['-ss', '1.3', '-i', clip('h264.mp4'), '-an', '-c', 'copy', clip('edit_list.mp4')])
})

afterAll(() => cleanup())

describe('decodeFrames on generated clips', () => {
  it.each([
    ['h264.mp4', 50, 25],
    ['hevc10.mkv', 24, 25],
    ['prores.mov', 24, 30],
    ['vp9.webm', 24, 25],
    ['av1.webm', 24, 25],
  ])('%s: every frame N shows counter N at time N/fps', async (name, count, fps) => {
    const frames = await collect(clip(name), { maxSide: 160 })
    expect(frames).toHaveLength(count)
    frames.forEach((f, n) => {
      expect(f.width).toBe(160)
      expect(f.height).toBe(120)
      expect(f.rgba.length).toBe(160 * 120 * 4)
      expect(f.index).toBe(n)
      expect(f.frameNumber).toBe(n)
      expect(f.time).toBeCloseTo(n / fps, 6)
      expect(readCounter(f)).toBe(n)
    })
  })

  it('keeps the real timestamps of a variable-frame-rate clip', async () => {
    const frames = await collect(clip('vfr.mp4'), { maxSide: 160 })
    expect(frames).toHaveLength(30)
    frames.forEach((f, n) => {
      expect(readCounter(f)).toBe(n)
      expect(f.time).toBeCloseTo(vfrTime(n), 6)
    })
  })

  it('decodes a 10-bit HEVC and ProRes clip at full size without shifting colours', async () => {
    const [hevc] = await collect(clip('hevc10.mkv'), { endSec: 0.01 })
    const [prores] = await collect(clip('prores.mov'), { endSec: 0.01 })
    for (const f of [hevc, prores]) {
      expect(f?.width).toBe(CLIP_WIDTH)
      expect(f?.height).toBe(CLIP_HEIGHT)
      // The counter band's "0" blocks are black and RGBA alpha is opaque.
      expect(f?.rgba[3]).toBe(255)
      expect(f?.rgba[(20 * CLIP_WIDTH + 16) * 4] ?? 255).toBeLessThan(40)
    }
  })

  it.each(['rot_a.mp4', 'rot_b.mp4', 'rot_180.mp4'])(
    '%s comes out upright, the same picture as ffmpeg autorotate gives',
    async (name) => {
      const probe = await probeMedia(clip(name))
      expect([90, 180, 270]).toContain(probe.rotation)
      const quarter = probe.rotation !== 180
      expect([probe.width, probe.height]).toEqual(quarter ? [240, 320] : [320, 240])
      const frames = await collect(clip(name))
      expect(frames).toHaveLength(50)
      frames.forEach((f, n) => expect(readCounter(f, probe.rotation)).toBe(n))
      // Independent reference: ffmpeg's own autorotation of the same file.
      const reference = execFileSync(
        requireTool('ffmpeg'),
        [
          '-v',
          'error',
          '-i',
          clip(name),
          '-frames:v',
          '1',
          '-f',
          'rawvideo',
          '-pix_fmt',
          'rgba',
          '-',
        ],
        { maxBuffer: 64 * 1024 * 1024 },
      )
      const ours = frames[0] as DecodedFrame
      expect(reference.length).toBe(ours.rgba.length)
      let diff = 0
      for (let i = 0; i < reference.length; i++)
        diff += Math.abs((reference[i] ?? 0) - (ours.rgba[i] ?? 0))
      expect(diff / reference.length).toBeLessThan(3)
    },
  )

  it('honours an MP4 edit list: hidden lead-in frames are neither counted nor yielded', async () => {
    const probe = await probeMedia(clip('edit_list.mp4'))
    const frames = await collect(clip('edit_list.mp4'), { maxSide: 160 })
    expect(frames).toHaveLength(probe.frameCount)
    const first = readCounter(frames[0] as DecodedFrame)
    expect(first).toBeGreaterThanOrEqual(32)
    expect(first).toBeLessThanOrEqual(33)
    expect(frames[0]?.time).toBe(0)
    frames.forEach((f, n) => {
      expect(readCounter(f)).toBe(first + n)
      expect(f.time).toBeCloseTo(n / 25, 6)
    })
    expect(probe.frameCount).toBe(50 - first)
  })

  it('decodes a time range: the frame on screen at startSec, then frames before endSec', async () => {
    const frames = await collect(clip('h264.mp4'), { startSec: 1.01, endSec: 1.4, maxSide: 80 })
    expect(frames.map((f) => f.frameNumber)).toEqual([25, 26, 27, 28, 29, 30, 31, 32, 33, 34])
    expect(frames.map((f) => readCounter(f))).toEqual([25, 26, 27, 28, 29, 30, 31, 32, 33, 34])
    expect(frames[0]?.index).toBe(0)
    expect(frames[0]?.time).toBeCloseTo(1.0, 6)
  })

  it('reports progress against the frames in the range', async () => {
    const calls: [number, number][] = []
    await collect(clip('h264.mp4'), { maxSide: 64, onProgress: (d, t) => calls.push([d, t]) })
    expect(calls).toHaveLength(50)
    expect(calls[49]).toEqual([50, 50])
  })
})

describe('frame-accurate seeking', () => {
  it('decodeFrameAt(t) is the frame decodeFrames yields for t (CFR)', async () => {
    const all = await collect(clip('h264.mp4'), { maxSide: 160 })
    for (const t of [0, 0.039, 0.04, 0.99, 1.0, 1.999, 5]) {
      const expected = Math.min(49, Math.floor(t * 25 + 1e-9))
      const frame = await decodeFrameAt(clip('h264.mp4'), t, 160)
      expect(frame.frameNumber).toBe(expected)
      expect(readCounter(frame)).toBe(expected)
      expect(frame.time).toBeCloseTo(all[expected]?.time ?? NaN, 9)
      expect(Buffer.compare(frame.rgba, all[expected]?.rgba ?? new Uint8Array())).toBe(0)
    }
  })

  it('decodeFrameAt(t) picks the greatest pts <= t on a VFR clip', async () => {
    for (const [t, expected] of [
      [0.39, 9],
      [0.4, 10],
      [0.45, 10],
      [1.39, 19],
      [1.4, 20],
      [1.5, 23],
      [1.59, 25],
      [1.6, 26],
    ] as const) {
      const frame = await decodeFrameAt(clip('vfr.mp4'), t, 160)
      expect(readCounter(frame)).toBe(expected)
      expect(frame.time).toBeCloseTo(vfrTime(expected), 6)
    }
  })

  it('decodeFrameAt is upright on rotated footage', async () => {
    const probe = await probeMedia(clip('rot_a.mp4'))
    const frame = await decodeFrameAt(clip('rot_a.mp4'), 1.5, 100)
    expect(frame.height).toBe(100)
    expect(frame.width).toBe(75)
    expect(readCounter(frame, probe.rotation)).toBe(37)
  })

  it('thumbnails spread evenly at the requested height', async () => {
    const thumbs = await thumbnails(clip('h264.mp4'), 5, 48)
    expect(thumbs.map((t) => readCounter(t))).toEqual([5, 15, 25, 35, 45])
    for (const t of thumbs) expect([t.width, t.height]).toEqual([64, 48])
  })

  it('thumbnails come from one decoding pass or from seeks, the same frames either way', async () => {
    for (const name of ['h264.mp4', 'vfr.mp4']) {
      for (const count of [1, 4, 7]) {
        const pass = await thumbnails(clip(name), count, 48, { onePassUpTo: Infinity })
        const seeks = await thumbnails(clip(name), count, 48, { onePassUpTo: 0 })
        expect(
          pass.map((t) => t.time),
          `${name} x${count}`,
        ).toEqual(seeks.map((t) => t.time))
        expect(pass.map((t) => readCounter(t))).toEqual(seeks.map((t) => readCounter(t)))
      }
    }
  })

  it('thumbnails of a clip shorter than the count give each frame once, in order', async () => {
    const thumbs = await thumbnails(clip('h264.mp4'), 80, 24)
    expect(thumbs.map((t) => readCounter(t))).toEqual(Array.from({ length: 50 }, (_, i) => i))
    const times = thumbs.map((t) => t.time)
    expect(new Set(times).size).toBe(times.length)
  })
})

describe('streaming, backpressure and cancellation', () => {
  /** Command lines of running ffmpeg processes that read `path`. */
  function ffmpegReading(path: string): string[] {
    const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    return ps
      .split('\n')
      .filter((l) => l.includes(path) && /ffmpeg/.test(l) && l.includes('rawvideo'))
  }

  it('pauses ffmpeg while the consumer is busy, and kills it when the loop breaks', async () => {
    const long = clip('long.mp4')
    await makeCounterClip(long, {
      frames: 400,
      codecArgs: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
    })
    let seen = 0
    for await (const frame of decodeFrames(long)) {
      expect(readCounter(frame)).toBe(seen)
      seen++
      if (seen === 1) {
        // 400 full-size frames are 123 MB of RGBA: if nothing held ffmpeg back it would have
        // finished and exited by now; paused on a full pipe, it is still there.
        await new Promise((r) => setTimeout(r, 1500))
        expect(ffmpegReading(long)).toHaveLength(1)
      }
      if (seen === 3) break
    }
    await new Promise((r) => setTimeout(r, 200))
    expect(ffmpegReading(long)).toHaveLength(0)
  })

  it('an AbortSignal cancels: MediaError "cancelled", ffmpeg gone', async () => {
    const controller = new AbortController()
    let seen = 0
    const run = async (): Promise<void> => {
      for await (const _ of decodeFrames(clip('long.mp4'), { signal: controller.signal })) {
        seen++
        if (seen === 2) controller.abort()
      }
    }
    const error = await run().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MediaError)
    expect((error as MediaError).code).toBe('cancelled')
    expect(seen).toBe(2)
    await new Promise((r) => setTimeout(r, 200))
    expect(ffmpegReading(clip('long.mp4'))).toHaveLength(0)
  })
})
