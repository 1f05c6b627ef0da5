import type { IncomingMessage, ServerResponse } from 'node:http'
import type { DetectorConfig, WirePull, WireReady } from '../../../core/keypoints/detectorProtocol'
import { encodeFrameHeader } from '../../../core/keypoints/detectorProtocol'
import { readBody, sendJson, startPageServer } from '../browser/pageServer'
import type { FrameFeed } from './frameFeed'

/** The page's CSP, sent as a header too so the page runs under it whatever its meta says. */
export const detectorCsp =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; " +
  "img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:"

export interface DetectorServerOptions {
  pageDir: string
  wasmDir: string
  modelPath: string
  config: Omit<DetectorConfig, 'modelUrl' | 'wasmBase'>
}

export interface DetectorServer {
  /** The detector page's URL; open it in a browser to start. */
  pageUrl: string
  /** Feeds the next page that asks; set before opening the page. */
  setFeed(feed: FrameFeed): void
  close(): Promise<void>
}

function takeResults(feed: FrameFeed, pull: WirePull): void {
  for (const result of pull.results) feed.result(result)
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  return JSON.parse((await readBody(req)).toString('utf8'))
}

/**
 * The headless detector's local server (a page server: 127.0.0.1 only, every path behind a
 * per-run random token), serving the built page, tasks-vision's wasm, the model, and the frame
 * protocol (frames go out as raw binary bodies, never JSON).
 */
export async function startDetectorServer(options: DetectorServerOptions): Promise<DetectorServer> {
  let feed: FrameFeed | undefined
  // Known once the server listens; the page asks for its config only after it has loaded.
  let base = ''

  async function api(
    pathAndQuery: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    // The page sends no query; ignore one rather than miss the route.
    const path = pathAndQuery.replace(/\?.*$/s, '')
    if (path === 'config' && req.method === 'GET') {
      const config: DetectorConfig = {
        ...options.config,
        modelUrl: `${base}model.task`,
        wasmBase: `${base}wasm`,
      }
      return sendJson(res, 200, config)
    }
    if (req.method !== 'POST') return sendJson(res, 405)
    if (!feed) return sendJson(res, 409, { message: 'no detection run is attached' })
    switch (path) {
      case 'ready':
        feed.markReady((await readJson(req)) as WireReady)
        return sendJson(res, 200, {})
      case 'frame': {
        // The pull carries the results detected since the previous one (none on the first).
        const body = await readBody(req)
        if (body.length) takeResults(feed, JSON.parse(body.toString('utf8')) as WirePull)
        const frame = await feed.pull()
        if (!frame) {
          res.writeHead(204, { 'cache-control': 'no-store' }).end()
          return
        }
        const header = encodeFrameHeader(frame)
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': header.length + frame.rgba.length,
          'cache-control': 'no-store',
        })
        res.write(header)
        res.end(frame.rgba)
        return
      }
      case 'results':
        takeResults(feed, (await readJson(req)) as WirePull)
        return sendJson(res, 200, {})
      case 'error': {
        const { message } = (await readJson(req)) as { message?: string }
        feed.fail(new Error(`the detector page failed: ${message ?? 'unknown error'}`))
        return sendJson(res, 200, {})
      }
      default:
        return sendJson(res, 404)
    }
  }

  const server = await startPageServer({
    folders: { '': options.pageDir, wasm: options.wasmDir },
    files: { 'model.task': options.modelPath },
    csp: detectorCsp,
    api,
    onError: (error) => feed?.fail(error),
  })
  base = server.base
  return {
    pageUrl: `${server.base}detector.html?host=http`,
    setFeed: (f) => (feed = f),
    close: () => server.close(),
  }
}
