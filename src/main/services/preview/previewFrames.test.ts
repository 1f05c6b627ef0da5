import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { footageHash } from '../detection/footageHash'
import { decodeFrames, MediaError } from '../media'
import { makeCounterClip, makeTempDir, readCounter } from '../media/testing/clips'
import type { PreviewInfo } from './previewFrames'
import { preparePreview, readPreviewFrame, readPreviewFrameNear } from './previewFrames'

const x264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '16', '-pix_fmt', 'yuv420p']

describe('preview frames for playback (real ffmpeg)', () => {
  let dir = ''
  let cleanup = async (): Promise<void> => {}
  const clip = (name: string): string => join(dir, name)

  beforeAll(async () => {
    ;({ dir, cleanup } = await makeTempDir('toonmo-preview-'))
    vi.stubEnv('TOONMO_CACHE_DIR', join(dir, 'cache'))
    // Different lengths give different footage hashes: each test gets a preview of its own.
    await Promise.all([
      makeCounterClip(clip('short.mp4'), { frames: 40, codecArgs: x264 }),
      makeCounterClip(clip('shared.mp4'), { frames: 300, codecArgs: x264 }),
      makeCounterClip(clip('dropped.mp4'), { frames: 301, codecArgs: x264 }),
      makeCounterClip(clip('long.mp4'), { frames: 900, codecArgs: x264 }),
      // One keyframe: every frame decoded on its own is decoded from the start, which takes
      // long enough that the next request always comes while it runs.
      makeCounterClip(clip('scrubbed.mp4'), { frames: 901, codecArgs: [...x264, '-g', '1000'] }),
      makeCounterClip(clip('played.mp4'), { frames: 902, codecArgs: [...x264, '-g', '1000'] }),
      makeCounterClip(clip('jumped.mp4'), { frames: 903, codecArgs: [...x264, '-g', '1000'] }),
    ])
  })
  afterAll(async () => {
    vi.unstubAllEnvs()
    await cleanup()
  })

  const counterOf = async (jpeg: Uint8Array | null): Promise<number> => {
    if (!jpeg) throw new Error('no frame')
    const file = clip(`frame-${Math.random().toString(36).slice(2)}.jpg`)
    writeFileSync(file, jpeg)
    for await (const frame of decodeFrames(file)) return readCounter(frame)
    throw new Error('no frame decoded')
  }

  it('gives preview frame i as the picture of clip frame i, and says when a frame is past the end', async () => {
    const info = await preparePreview(clip('short.mp4'))
    expect(info.times).toHaveLength(40)
    expect([info.width, info.height]).toEqual([320, 240])
    for (const i of [0, 17, 39])
      expect(await counterOf(await readPreviewFrame(info.key, i))).toBe(i)
    await expect(readPreviewFrame(info.key, 40)).rejects.toThrow(
      /no preview frame 40.*past the end/,
    )
  })

  it('gives any frame as soon as the build starts, not only when it ends', async () => {
    const early = new Promise<PreviewInfo>((resolve) => {
      void preparePreview(clip('long.mp4'), { onInfo: resolve })
    })
    const info = await early
    expect(info.times).toHaveLength(900)
    // Far ahead of the build: a frame the viewport loads ahead waits for the build ...
    expect(await readPreviewFrame(info.key, 899, { ahead: true })).toBeNull()
    // ... the one on screen is decoded on its own, the same picture the build will give.
    expect(await counterOf(await readPreviewFrame(info.key, 880))).toBe(880)
    const built = await preparePreview(clip('long.mp4'))
    expect(built.times).toEqual(info.times)
    expect([built.width, built.height]).toEqual([info.width, info.height])
    expect(await counterOf(await readPreviewFrame(info.key, 899, { ahead: true }))).toBe(899)
  })

  /** Asks for `frames` one after another, as the viewport does, and collects the answers. */
  const askInTurn = async (
    key: string,
    frames: number[],
    gapMs = 100,
  ): Promise<(number | null)[]> => {
    const answers: Promise<Uint8Array | null>[] = []
    for (const i of frames) {
      answers.push(readPreviewFrame(key, i))
      // Time for the request to reach the decoder queue before the next one comes.
      await new Promise((wake) => setTimeout(wake, gapMs))
    }
    return Promise.all(
      (await Promise.all(answers)).map((jpeg) => (jpeg === null ? null : counterOf(jpeg))),
    )
  }

  it('while building, a jump stops the decode under way; replaced requests get null, not an error', async () => {
    const early = new Promise<PreviewInfo>((resolve) => {
      void preparePreview(clip('scrubbed.mp4'), { onInfo: resolve })
    })
    const info = await early
    // The animator scrubs back over frames the build has not reached: each decode seeks to the
    // keyframe before it and decodes forward, so finishing the replaced ones would only delay
    // the frame now under the playhead.
    expect(await askInTurn(info.key, [880, 870, 860])).toEqual([null, null, 860])
    await preparePreview(clip('scrubbed.mp4'))
  })

  it('while building, playback past the build decodes on from the playhead: nearly every frame shows', async () => {
    const early = new Promise<PreviewInfo>((resolve) => {
      void preparePreview(clip('played.mp4'), { onInfo: resolve })
    })
    const info = await early
    // Playback from frame 600 at the clip's 25 fps, each frame asked for as the playhead
    // reaches it, as the viewport does (readPreviewFrameNear: an earlier frame may come, with
    // its index). With one keyframe, a frame decoded on its own decodes the clip from its
    // start, 1 to 4 s a frame here depending on load; the run ahead makes that seek once. So:
    // from the first frame that shows, 10 frames for the run ahead to catch up with the
    // playhead, then the next 50 must nearly all show, each exactly.
    const answers: Promise<{ index: number; jpeg: Uint8Array } | null>[] = []
    let playheadAtFirst: number | undefined
    for (
      let i = 600;
      i < 900 && (playheadAtFirst === undefined || i <= playheadAtFirst + 60);
      i++
    ) {
      answers.push(
        readPreviewFrameNear(info.key, i).then((frame) => {
          if (frame) playheadAtFirst ??= answers.length + 599
          return frame
        }),
      )
      await new Promise((wake) => setTimeout(wake, 40))
    }
    const frames = await Promise.all(answers)
    // Every frame that comes is the picture of the frame it says it is, at or before the one
    // asked for.
    const shown = await Promise.all(
      frames.map(async (frame, k) => {
        if (!frame) return null
        expect(frame.index).toBeLessThanOrEqual(600 + k)
        expect(await counterOf(frame.jpeg)).toBe(frame.index)
        return frame.index
      }),
    )
    expect(playheadAtFirst).toBeDefined()
    const after = shown.slice(playheadAtFirst! - 600 + 11, playheadAtFirst! - 600 + 61)
    expect(after).toHaveLength(50)
    const exact = after.filter((index, k) => index === playheadAtFirst! + 11 + k)
    expect(exact.length).toBeGreaterThanOrEqual(48)
    await preparePreview(clip('played.mp4'))
  })

  it('while building, a jump during playback past the build is answered, not left waiting', async () => {
    const early = new Promise<PreviewInfo>((resolve) => {
      void preparePreview(clip('jumped.mp4'), { onInfo: resolve })
    })
    const info = await early
    // Play from 600: the run ahead starts seeking; jump to 880 while 602 waits for it.
    const played = await askInTurn(info.key, [600, 601, 602, 880], 40)
    expect(played.at(-1)).toBe(880)
    played.forEach(
      (counter, k) => counter === null || expect(counter).toBe([600, 601, 602, 880][k]),
    )
    await preparePreview(clip('jumped.mp4'))
  })

  it('shares one build between callers, and one caller cancelling does not fail the other', async () => {
    const controller = new AbortController()
    const cancelled = preparePreview(clip('shared.mp4'), {
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 5) controller.abort()
      },
    })
    let progressSeen = 0
    const waiting = preparePreview(clip('shared.mp4'), {
      onProgress: (done) => (progressSeen = done),
    })
    await expect(cancelled).rejects.toBeInstanceOf(MediaError)
    const info = await waiting
    expect(info.times).toHaveLength(300)
    expect(progressSeen).toBe(300)
    expect(await counterOf(await readPreviewFrame(info.key, 299))).toBe(299)
  })

  it('stops the build when every caller cancels, leaves nothing behind, and builds afresh later', async () => {
    const controller = new AbortController()
    const run = preparePreview(clip('dropped.mp4'), {
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 5) controller.abort()
      },
    })
    await expect(run).rejects.toThrow(/cancelled/)
    const previews = join(dir, 'cache', 'previews')
    const key = footageHash(clip('dropped.mp4'))
    // The stopped build removes its half-written folder once ffmpeg has exited.
    await expect
      .poll(() => readdirSync(previews).filter((name) => name.startsWith(key)), {
        timeout: 10_000,
      })
      .toEqual([])
    const info = await preparePreview(clip('dropped.mp4'))
    expect(info.times).toHaveLength(301)
    expect(readdirSync(previews).filter((name) => name.startsWith(key))).toEqual([key])
  })
})
