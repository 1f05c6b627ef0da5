import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RenderJob, RenderReady } from '../../../core/export/atlas/renderJob'
import type { RigAnimation } from '../../../core/rig/animation'
import { toWireJson } from '../../../core/wire/wireJson'
import { readBody, sendJson, startPageServer } from '../browser/pageServer'
import { rendererPageDir } from '../browser/rendererPage'
import type { HeadlessPage } from '../browser/spawnHeadlessPage'
import { spawnHeadlessPage } from '../browser/spawnHeadlessPage'
import type { LoadedRig } from '../rigs/rigFiles'

/** The exporter page's CSP, sent as a header too so the page runs under it whatever its meta says. */
export const exporterCsp =
  "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data: blob:; " +
  "style-src 'self' 'unsafe-inline'; worker-src 'self' blob:"

/** What to render: which frames of which animation, at what size. */
export interface RenderOptions {
  rig: LoadedRig
  animation: RigAnimation
  /** First frame (inclusive) and end (exclusive), in animation frames. */
  start: number
  end: number
  width: number
  height: number
  /** Extra scale on top of fitting the whole range into the frame. Default 1. */
  scale?: number
  /** Border kept around the fitted drawing, output pixels. Default 4. */
  margin?: number
  /** '#rrggbb', or null/undefined for transparent. */
  background?: string | null
  signal?: AbortSignal
  /**
   * Opens the page's URL somewhere that renders it: a spawned headless Chromium by default; the
   * Electron app passes a hidden window here.
   */
  openPage?: (url: string) => HeadlessPage
}

/**
 * Called with each frame in order: index in the animation, premultiplied RGBA8 rows top-down. The
 * array is the sink's to keep.
 */
export type FrameSink = (index: number, rgba: Uint8Array) => Promise<void> | void

/** How long the page may stay silent before the export fails (a loaded machine is slow). */
const STALL_MS = 120_000

/** The page's framing, and where the time went. */
export interface RenderResult extends RenderReady {
  seconds: {
    /** Launching Chromium, loading the page and the rig's drawings, framing the clip. */
    startup: number
    /** Rendering the frames and handing them to the sink. */
    frames: number
  }
}

/** Sources whose content decides the exporter page's build. */
export const exporterPageSpec = {
  entry: 'exporter',
  sources: ['src/renderer/exporter', 'src/renderer/stage/rig', 'src/core'],
  packages: ['pixi.js'],
}

/**
 * Renders frames of a rig animation in the exporter page (RigView, the viewport's own renderer)
 * inside a headless Chromium, and hands each frame's pixels to `sink` in order. The page waits
 * for `sink` before it sends the next batch of frames, so memory stays flat however long the
 * clip. The page's own errors come back through the local server's `api/error`.
 */
export async function renderRigFrames(
  options: RenderOptions,
  sink: FrameSink,
): Promise<RenderResult> {
  const { start, end, width, height } = options
  if (!(end > start))
    throw new Error(`nothing to render: the frame range ${start}..${end} is empty`)
  const job: RenderJob = {
    rig: options.rig.rig,
    animation: options.animation,
    start,
    end,
    width,
    height,
    scale: options.scale ?? 1,
    margin: options.margin ?? 4,
    background: options.background ?? null,
  }
  const pageDir = await rendererPageDir(exporterPageSpec)
  let settle!: { resolve: () => void; reject: (e: Error) => void }
  const finished = new Promise<void>((resolve, reject) => (settle = { resolve, reject }))
  let ready: RenderReady | undefined
  let next = start
  const frameBytes = width * height * 4

  let lastCall = Date.now()
  const startedAt = performance.now()
  let readyAt = startedAt
  async function api(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    lastCall = Date.now()
    const url = new URL(path, 'http://x/')
    if (url.pathname === '/job' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      res.end(toWireJson(job))
      return
    }
    if (req.method !== 'POST') return sendJson(res, 405)
    const body = await readBody(req)
    switch (url.pathname) {
      case '/ready':
        ready = JSON.parse(body.toString('utf8')) as RenderReady
        readyAt = performance.now()
        return sendJson(res, 200, {})
      case '/frames': {
        const first = Number(url.searchParams.get('first'))
        const count = Number(url.searchParams.get('count'))
        const cols = Number(url.searchParams.get('cols'))
        const rows = Math.ceil(count / cols)
        if (first !== next || !(count > 0) || body.length !== rows * cols * frameBytes) {
          settle.reject(
            new Error(
              `the exporter page sent ${count} frames from ${first} in ${body.length} bytes, expected frame ${next} and ${rows * cols * frameBytes} bytes`,
            ),
          )
          return sendJson(res, 400)
        }
        try {
          for (let k = 0; k < count; k++) {
            await sink(first + k, cutTile(body, cols, width, height, k))
            next++
          }
        } catch (error) {
          settle.reject(error instanceof Error ? error : new Error(String(error)))
          return sendJson(res, 500)
        }
        return sendJson(res, 200, {})
      }
      case '/done':
        if (next !== end)
          settle.reject(
            new Error(`the exporter page stopped after frame ${next - 1} of ${end - 1}`),
          )
        else settle.resolve()
        return sendJson(res, 200, {})
      case '/error': {
        const { message } = JSON.parse(body.toString('utf8')) as { message?: string }
        settle.reject(new Error(`the exporter page failed: ${message ?? 'unknown error'}`))
        return sendJson(res, 200, {})
      }
      default:
        return sendJson(res, 404)
    }
  }

  const server = await startPageServer({
    folders: { '': pageDir, rig: options.rig.dir },
    csp: exporterCsp,
    api,
  })
  const onAbort = () => settle.reject(new DOMException('The export was cancelled', 'AbortError'))
  options.signal?.addEventListener('abort', onAbort, { once: true })
  if (options.signal?.aborted) onAbort()
  let chromium: HeadlessPage | undefined
  // No DevTools connection tells us of a hung or crashed page, so a watchdog does: every call
  // from the page resets it.
  const watchdog = setInterval(() => {
    if (Date.now() - lastCall > STALL_MS)
      settle.reject(
        new Error(`the exporter page stopped responding (nothing for ${STALL_MS / 1000} s)`),
      )
  }, 1000)
  try {
    const url = `${server.base}exporter.html`
    chromium = options.openPage
      ? options.openPage(url)
      : spawnHeadlessPage(url, ['--enable-unsafe-swiftshader'])
    void chromium.exited.then((why) =>
      settle.reject(new Error(`the exporter page stopped: ${why}`)),
    )
    await finished
    if (!ready) throw new Error('the exporter page never reported its framing')
    const seconds = {
      startup: (readyAt - startedAt) / 1000,
      frames: (performance.now() - readyAt) / 1000,
    }
    return { ...ready, seconds }
  } finally {
    clearInterval(watchdog)
    options.signal?.removeEventListener('abort', onAbort)
    await chromium?.close()
    await server.close()
  }
}

/** Frame `k` of a grid of frames `cols` wide, as its own width x height RGBA8 image. */
function cutTile(
  grid: Uint8Array,
  cols: number,
  width: number,
  height: number,
  k: number,
): Uint8Array {
  const out = new Uint8Array(width * height * 4)
  const gridStride = cols * width * 4
  const x0 = (k % cols) * width * 4
  const y0 = Math.floor(k / cols) * height
  for (let y = 0; y < height; y++) {
    const from = (y0 + y) * gridStride + x0
    out.set(grid.subarray(from, from + width * 4), y * width * 4)
  }
  return out
}
