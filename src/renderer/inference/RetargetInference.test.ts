import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TrackPoint } from '../../core/motion/track'
import {
  projectAtYaw,
  skeletonDoc,
  syntheticWorldMotion,
  TARGETS,
  trackFromPoints,
} from '../../core/retarget/fixtures/syntheticClip'
import { retargetTrack } from '../../core/retarget/retarget'
import { parseTargetSkeleton } from '../../core/retarget/targetSkeleton'
import { findBrowser } from '../../main/services/browser/findBrowser'
import { launchHeadlessChromium } from '../../main/services/browser/launchChromium'
import { loadRetargetModel, retargetModelPaths } from '../../main/services/retarget/modelFiles'

/*
 * The renderer's retarget worker in real headless Chromium, built by Vite the way the app is
 * (module worker from `new URL(..., import.meta.url)`, onnxruntime-web's wasm emitted as
 * assets): it must load the model, retarget off the UI thread with the same numbers as Node,
 * report progress, cancel, and refuse a clip under 16 frames. Run once as a plain page (one
 * wasm thread) and once cross-origin isolated (wasm threads). Headless Chromium has no WebGPU
 * adapter by default; with --enable-unsafe-webgpu --use-webgpu-adapter=swiftshader it gets
 * Dawn's software (SwiftShader Vulkan) adapter, which runs the same WebGPU execution provider
 * code path a real GPU does, so a third run covers the WebGPU backend.
 */

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..')
const paths = retargetModelPaths()
const browser = findBrowser()
const ready = existsSync(paths.onnx) && existsSync(paths.card) && !!browser && !browser.isElectron
if (!ready) {
  console.log(
    `SKIPPED retarget worker in Chromium: ${!browser || browser.isElectron ? 'no Chromium found' : `${paths.onnx} is absent`}`,
  )
}

/** Chromium flags that give headless Chromium a WebGPU adapter without a GPU (Dawn on SwiftShader). */
const softwareWebGpuArgs = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader']

const T = 300
const pageScript = `
import { RetargetInference } from '${repo}/src/renderer/inference/RetargetInference.ts'
import { projectAtYaw, skeletonDoc, syntheticWorldMotion, TARGETS, trackFromPoints } from '${repo}/src/core/retarget/fixtures/syntheticClip.ts'
window.result = (async () => {
  const track = trackFromPoints(projectAtYaw(syntheticWorldMotion(${T}), ${T}, 30, 2.4), ${T})
  const skel = skeletonDoc(TARGETS.chibi)
  const engine = await RetargetInference.create({ modelUrl: './retarget.onnx', cardUrl: './retarget.card.json' })
  const progress = []
  const out = await engine.retarget(track, skel, 90, { onProgress: (d, t) => progress.push([d, t]) })
  const ac = new AbortController()
  const running = engine.retarget(track, skel, -45, { signal: ac.signal })
  ac.abort() // the worker has the job already: it must stop it, not just drop the answer
  const cancelled = await running.then(() => 'finished', (e) => e.code)
  const short = await engine.retarget(trackFromPoints(projectAtYaw(syntheticWorldMotion(8), 8, 0, 2), 8), skel, 90)
    .then(() => 'finished', (e) => e.message)
  const same = await engine.retarget(track, skel, 'source')
  const result = { backend: engine.backend, threads: engine.threads, out: out.frames.map((f) => f.points),
    progress, cancelled, short, sameFrames: same.frames.length, isolated: crossOriginIsolated }
  engine.dispose()
  return result
})().catch((e) => ({ error: String(e && e.stack || e) }))
`

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
}

function serve(dir: string, isolated: boolean): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').split('?')[0] as string).replace(
      /^\/$/,
      '/index.html',
    )
    const file =
      name === '/retarget.onnx'
        ? paths.onnx
        : name === '/retarget.card.json'
          ? paths.card
          : join(dir, name)
    if (name.includes('..') || !existsSync(file)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      ...(isolated
        ? {
            'cross-origin-opener-policy': 'same-origin',
            'cross-origin-embedder-policy': 'require-corp',
          }
        : {}),
    })
    res.end(readFileSync(file))
  })
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      done({
        server,
        url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`,
      })
    }),
  )
}

interface PageResult {
  error?: string
  backend: string
  threads: number
  out: (TrackPoint[] | null)[]
  progress: [number, number][]
  cancelled: string
  short: string
  sameFrames: number
  isolated: boolean
}

describe.skipIf(!ready)('RetargetInference (Web Worker) in headless Chromium', () => {
  const work = mkdtempSync(join(tmpdir(), 'toonmo-retarget-worker-'))
  let expected: (TrackPoint[] | null)[] = []

  beforeAll(async () => {
    writeFileSync(
      join(work, 'index.html'),
      '<!doctype html><script type="module" src="./main.js"></script>',
    )
    writeFileSync(join(work, 'main.js'), pageScript)
    const { build } = await import('vite')
    await build({
      root: work,
      base: './',
      configFile: false,
      logLevel: 'error',
      worker: { format: 'es' },
      build: {
        outDir: join(work, 'dist'),
        emptyOutDir: true,
        target: 'es2022',
        reportCompressedSize: false,
      },
    })
    const model = await loadRetargetModel()
    if (!model) throw new Error('model vanished')
    const track = trackFromPoints(projectAtYaw(syntheticWorldMotion(T), T, 30, 2.4), T)
    const out = await retargetTrack(track, parseTargetSkeleton(skeletonDoc(TARGETS.chibi)), {
      view: 90,
      model,
    })
    expected = out.frames.map((f) => f.points)
    await model.session.dispose()
  })
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  const runs = [
    { name: 'WebAssembly, plain page', isolated: false, webgpu: false },
    { name: 'WebAssembly, cross-origin isolated', isolated: true, webgpu: false },
    { name: 'WebGPU on a software adapter', isolated: false, webgpu: true },
  ]
  for (const { name, isolated, webgpu } of runs) {
    it(`retargets off the UI thread like Node does (${name})`, async () => {
      const { server, url } = await serve(join(work, 'dist'), isolated)
      const chromium = await launchHeadlessChromium(webgpu ? softwareWebGpuArgs : [])
      try {
        const page = await chromium.newPage()
        await page.goto(url)
        const result = (await page.evaluate('window.result')) as PageResult
        expect(result.error).toBeUndefined()
        expect(result.isolated).toBe(isolated)
        expect(result.backend).toBe(webgpu ? 'webgpu' : 'wasm')
        expect(result.threads).toBe(
          isolated ? Math.min(4, await page.evaluate('navigator.hardwareConcurrency')) : 1,
        )
        expect(result.out).toHaveLength(T)
        let maxDiff = 0
        result.out.forEach((points, t) =>
          points?.forEach((p, j) => {
            const q = expected[t]?.[j] as TrackPoint
            maxDiff = Math.max(maxDiff, Math.abs(p[0] - q[0]), Math.abs(p[1] - q[1]))
          }),
        )
        // Pixels at the chibi's scale; GPU float maths reorders sums, so allow a little more.
        expect(maxDiff).toBeLessThan(webgpu ? 0.01 : 1e-3)
        console.log(
          `retarget worker (${name}): max difference from Node ${maxDiff.toExponential(2)} px`,
        )
        // 300 frames: windows at 0 and 44, two per call in the worker -> one progress report.
        expect(result.progress).toEqual([[2, 2]])
        expect(result.cancelled).toBe('cancelled')
        expect(result.short).toMatch(/has 8 frames; a view change needs at least 16/)
        expect(result.sameFrames).toBe(T)
      } finally {
        await chromium.close()
        server.close()
      }
    })
  }
})
