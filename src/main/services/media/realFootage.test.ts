import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeFrames } from './decodeFrames'
import { decodeFrameAt } from './decodeFrameAt'
import { probeMedia } from './probe'
import { sharedFootageDir } from './testing/clips'

const haveFootage = existsSync(sharedFootageDir)
if (!haveFootage) {
  console.log(`media: SKIPPED real-footage tests: ${sharedFootageDir} is absent on this machine`)
}

/** What ../shared/data/README.md and the files themselves say (upright sizes). */
const clips = [
  {
    name: 'hybrik_taiji.mp4',
    width: 1280,
    height: 720,
    fps: 24000 / 1001,
    frames: 412,
    codec: 'h264',
    audio: true,
  },
  {
    name: 'qengineering_Dance.mp4',
    width: 514,
    height: 496,
    fps: 25,
    frames: 244,
    codec: 'h264',
    audio: true,
  },
  {
    name: 'mmhuman3d_single_person_demo.mp4',
    width: 1080,
    height: 1920,
    fps: 12,
    frames: 40,
    codec: 'h264',
    audio: false,
  },
  {
    name: 'sports2d_demo.mp4',
    width: 1768,
    height: 994,
    fps: 30,
    frames: 230,
    codec: 'vp9',
    audio: true,
  },
  {
    name: 'pexels-gabby-k-6980032_squat_side.mp4',
    width: 1080,
    height: 2048,
    fps: 30,
    frames: 312,
    codec: 'h264',
    audio: false,
  },
]

describe.skipIf(!haveFootage)('real footage in ../shared/data/footage', () => {
  it.each(clips)('$name: probe, then decode every frame small', async (clip) => {
    const path = join(sharedFootageDir, clip.name)
    const p = await probeMedia(path)
    expect(p).toMatchObject({
      width: clip.width,
      height: clip.height,
      frameCount: clip.frames,
      codec: clip.codec,
      container: 'mp4',
      hasAudio: clip.audio,
      vfr: false,
      kind: 'video',
    })
    expect(p.fps).toBeCloseTo(clip.fps, 6)
    expect(p.durationSec).toBeCloseTo(clip.frames / clip.fps, 2)

    const maxSide = 64
    // Seek targets: inside frame n/3 (between two frame times) and exactly on the last frame.
    const inside = Math.floor(clip.frames / 3)
    const seeks = new Map([
      [inside, (inside + 0.5) / clip.fps],
      [clip.frames - 1, (clip.frames - 1) / clip.fps],
    ])
    const kept = new Map<number, Uint8Array>()
    let count = 0
    let previous = -1
    for await (const f of decodeFrames(path, { maxSide })) {
      expect(f.frameNumber).toBe(count)
      expect(f.time).toBeGreaterThan(previous)
      expect(f.time).toBeCloseTo(count / clip.fps, 3)
      expect(Math.max(f.width, f.height)).toBe(maxSide)
      // Portrait stays portrait, landscape landscape, aspect within rounding.
      expect(f.width / f.height).toBeCloseTo(clip.width / clip.height, 1)
      if (seeks.has(count)) kept.set(count, f.rgba)
      previous = f.time
      count++
    }
    expect(count).toBe(clip.frames)

    // Frame-accurate seeking: the same frame, byte for byte, as the full decode gave.
    for (const [n, t] of seeks) {
      const frame = await decodeFrameAt(path, t, maxSide)
      expect(frame.frameNumber).toBe(n)
      expect(Buffer.compare(frame.rgba, kept.get(n) ?? new Uint8Array())).toBe(0)
    }
  })
})
