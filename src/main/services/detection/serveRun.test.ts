import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { defaultDetectionSettings } from '../../../core/keypoints/types'
import type { DecodedFrame } from '../media/types'
import { detectorPageDir } from './detectorPage'
import { DetectionCancelled } from './frameFeed'
import { serveRun } from './serveRun'

describe('starting a detection run', () => {
  let cache: string
  beforeAll(() => {
    // A fresh cache, so the detector page has to be built first, as after an install.
    cache = mkdtempSync(join(tmpdir(), 'toonmo-serve-run-'))
    vi.stubEnv('TOONMO_CACHE_DIR', cache)
  })
  afterAll(() => {
    vi.unstubAllEnvs()
    rmSync(cache, { recursive: true, force: true })
  })

  it('ends at once when cancelled while the detector page is still being built', async () => {
    // Stands in for the decoder: the run must close it, as it would stop ffmpeg.
    let decoderClosed = false
    const frames: AsyncIterable<DecodedFrame> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise(() => undefined),
        return: async () => {
          decoderClosed = true
          return { done: true, value: undefined }
        },
      }),
    }
    const pageRoot = join(cache, 'detector-page')
    const builtPages = (): string[] =>
      existsSync(pageRoot) ? readdirSync(pageRoot).filter((name) => !name.endsWith('.tmp')) : []
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 20)
    const started = performance.now()
    const run = serveRun({
      frames,
      settings: defaultDetectionSettings,
      onResult: () => undefined,
      signal: controller.signal,
    })
    await expect(run).rejects.toBeInstanceOf(DetectionCancelled)
    const waited = performance.now() - started
    // The build was still going when the run ended; it finishes in the background for next time.
    expect(builtPages()).toEqual([])
    expect(waited).toBeLessThan(1000)
    expect(decoderClosed).toBe(true)
    const dir = await detectorPageDir()
    expect(existsSync(join(dir, 'detector.html'))).toBe(true)
  })
})
