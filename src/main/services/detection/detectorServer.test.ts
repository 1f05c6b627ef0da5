import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DetectorServer } from './detectorServer'
import { detectorCsp, startDetectorServer } from './detectorServer'

describe('the headless detector server', () => {
  let dir: string
  let server: DetectorServer
  let base: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'toonmo-detector-server-'))
    const page = join(dir, 'page')
    const wasm = join(dir, 'wasm')
    const models = join(dir, 'models')
    for (const [path, text] of [
      [join(page, 'detector.html'), '<p>page</p>'],
      [join(wasm, 'vision_wasm_internal.wasm'), 'wasm'],
      [join(models, 'pose_landmarker_full.task'), 'model'],
      [join(models, 'other.task'), 'secret'],
    ] as const) {
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, text)
    }
    server = await startDetectorServer({
      pageDir: page,
      wasmDir: wasm,
      modelPath: join(models, 'pose_landmarker_full.task'),
      config: {
        numPoses: 2,
        delegate: 'auto',
        minPoseDetectionConfidence: 0.5,
        minPosePresenceConfidence: 0.5,
        minTrackingConfidence: 0.5,
      },
    })
    base = server.pageUrl.replace(/detector\.html\?host=http$/, '')
  })

  afterAll(async () => {
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('listens on 127.0.0.1 behind a per-run token', async () => {
    expect(server.pageUrl).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/t\/[0-9a-f]{32}\/detector\.html\?host=http$/,
    )
    const origin = new URL(server.pageUrl).origin
    expect((await fetch(`${origin}/detector.html`)).status).toBe(403)
    expect((await fetch(`${origin}/t/${'0'.repeat(32)}/detector.html`)).status).toBe(403)
  })

  it('serves the page, the wasm and the chosen model under the strict CSP, nothing else', async () => {
    const page = await fetch(server.pageUrl)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toBe(detectorCsp)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(await page.text()).toBe('<p>page</p>')
    const wasm = await fetch(`${base}wasm/vision_wasm_internal.wasm`)
    expect(wasm.headers.get('content-type')).toBe('application/wasm')
    expect(await wasm.text()).toBe('wasm')
    expect(await (await fetch(`${base}model.task`)).text()).toBe('model')
    expect((await fetch(`${base}other.task`)).status).toBe(404)
    expect((await fetch(`${base}wasm/..%2Fmodels%2Fother.task`)).status).toBe(404)
  })

  it('hands the page its config with URLs on this server, and refuses runs not attached', async () => {
    const config = (await (await fetch(`${base}api/config`)).json()) as Record<string, unknown>
    expect(config).toMatchObject({
      numPoses: 2,
      modelUrl: `${base}model.task`,
      wasmBase: `${base}wasm`,
    })
    expect((await fetch(`${base}api/frame`, { method: 'POST' })).status).toBe(409)
  })
})
