import { appendFileSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { defaultDetectionSettings } from '../../../core/keypoints/types'
import type { RawDetection } from '../../../core/keypoints/types'
import { footageHash } from './footageHash'
import { FrameFeed } from './frameFeed'
import { detectionCacheKey, TrackCache } from './trackCache'
import type { DecodedFrame } from '../media/types'

const dir = mkdtempSync(join(tmpdir(), 'toonmo-cache-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('footage hash and cache key', () => {
  it('is the same for a copy, and changes when any sampled byte or the size changes', () => {
    const a = join(dir, 'a.bin')
    const bytes = Buffer.alloc(500_000, 7)
    writeFileSync(a, bytes)
    copyFileSync(a, join(dir, 'copy.bin'))
    expect(footageHash(join(dir, 'copy.bin'))).toBe(footageHash(a))
    bytes[bytes.length - 10] = 8
    writeFileSync(join(dir, 'b.bin'), bytes)
    expect(footageHash(join(dir, 'b.bin'))).not.toBe(footageHash(a))
    appendFileSync(join(dir, 'copy.bin'), 'x')
    expect(footageHash(join(dir, 'copy.bin'))).not.toBe(footageHash(a))
  })

  it('keys on the model and every setting', () => {
    const key = detectionCacheKey('abc', defaultDetectionSettings)
    expect(detectionCacheKey('abc', { ...defaultDetectionSettings })).toBe(key)
    expect(detectionCacheKey('abc', { ...defaultDetectionSettings, model: 'lite' })).not.toBe(key)
    expect(detectionCacheKey('abc', { ...defaultDetectionSettings, numPoses: 3 })).not.toBe(key)
    expect(detectionCacheKey('abd', defaultDetectionSettings)).not.toBe(key)
  })
})

describe('track cache', () => {
  const frame = (time: number) => ({ time, people: [] })

  it('keeps partial frames, drops a torn last line, and stores the finished result', () => {
    const cache = new TrackCache(join(dir, 'tracks'))
    const header = { settings: defaultDetectionSettings, fps: 30, width: 64, height: 48 }
    cache.beginPartial('k', header, [])
    cache.appendPartial('k', frame(0))
    cache.appendPartial('k', frame(1 / 30))
    appendFileSync(join(cache.dir, 'k.partial.jsonl'), '{"time":0.0666,"peo') // a crash mid-write
    expect(cache.loadPartial('k').map((f) => f.time)).toEqual([0, 1 / 30])
    expect(cache.load('k')).toBeUndefined()
    const raw: RawDetection = {
      format: 'toonmo.detection',
      version: 1,
      settings: defaultDetectionSettings,
      fps: 30,
      width: 64,
      height: 48,
      frames: [frame(0), frame(1 / 30), frame(2 / 30)],
    }
    cache.save('k', raw)
    expect(cache.load('k')).toEqual(raw)
    expect(cache.loadPartial('k')).toEqual([])
  })

  it('refuses a second live run on the same key and takes over a stale lock', () => {
    const cache = new TrackCache(join(dir, 'locks'))
    const release = cache.lock('k')
    writeFileSync(join(cache.dir, 'other.lock'), String(process.ppid))
    expect(() => cache.lock('other')).toThrow(/another Toonmo process/)
    release()
    writeFileSync(join(cache.dir, 'stale.lock'), '999999999')
    expect(() => cache.lock('stale')()).not.toThrow()
  })
})

describe('frame feed', () => {
  async function* frames(n: number): AsyncGenerator<DecodedFrame> {
    for (let i = 0; i < n; i++) {
      yield { index: i, frameNumber: i, time: i / 10, width: 1, height: 1, rgba: new Uint8Array(4) }
    }
  }

  it('pulls frames in order, one at a time, and finishes when every result is in', async () => {
    const got: number[] = []
    const feed = new FrameFeed(frames(3), { onResult: (r) => got.push(r.index) })
    const pulled = await Promise.all([feed.pull(), feed.pull(), feed.pull(), feed.pull()])
    expect(pulled.map((f) => f?.index ?? null)).toEqual([0, 1, 2, null])
    for (const i of [0, 1, 2]) feed.result({ index: i, time: i / 10, detectMs: 1, poses: [] })
    await expect(feed.done).resolves.toBeUndefined()
    expect(got).toEqual([0, 1, 2])
  })

  it('fails with DetectionCancelled when the signal aborts', async () => {
    const controller = new AbortController()
    const feed = new FrameFeed(frames(5), { onResult: () => undefined }, controller.signal)
    await feed.pull()
    controller.abort()
    await expect(feed.done).rejects.toThrow('cancelled')
    expect(await feed.pull()).toBeNull()
  })

  it('fails at once when the signal aborted before the feed was made', async () => {
    const feed = new FrameFeed(frames(5), { onResult: () => undefined }, AbortSignal.abort())
    await expect(feed.done).rejects.toThrow('cancelled')
    expect(await feed.pull()).toBeNull()
  })
})
