import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { detectorPageSpec } from '../detection/detectorPage'
import { rendererPageDir } from './rendererPage'

describe('building a renderer page for headless use', () => {
  let cache: string
  beforeAll(() => {
    cache = mkdtempSync(join(tmpdir(), 'toonmo-page-cache-'))
    vi.stubEnv('TOONMO_CACHE_DIR', cache)
  })
  afterAll(() => {
    vi.unstubAllEnvs()
    rmSync(cache, { recursive: true, force: true })
  })

  it('builds once for callers that ask at the same time, and reuses the build', async () => {
    // Detection's lanes ask together on first use.
    const dirs = await Promise.all([1, 2, 3].map(() => rendererPageDir(detectorPageSpec)))
    expect(new Set(dirs).size).toBe(1)
    const dir = dirs[0]!
    expect(existsSync(join(dir, 'detector.html'))).toBe(true)
    const root = join(cache, 'detector-page')
    expect(readdirSync(root)).toEqual([dir.split(/[\\/]/).pop()])
    expect(await rendererPageDir(detectorPageSpec)).toBe(dir)
  })
})
