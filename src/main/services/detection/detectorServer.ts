import { randomBytes } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import type {
  DetectorConfig,
  WireReady,
  WireResult,
} from '../../../core/keypoints/detectorProtocol'
import { encodeFrameHeader } from '../../../core/keypoints/detectorProtocol'
import type { FrameFeed } from './frameFeed'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.task': 'application/octet-stream',
  '.json': 'application/json',
}

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

function serveFile(res: ServerResponse, root: string, relative: string): void {
  const path = normalize(join(root, relative))
  if (
    !(path === root || path.startsWith(root + sep)) ||
    !existsSync(path) ||
    !statSync(path).isFile()
  ) {
    res.writeHead(404).end()
    return
  }
  res.writeHead(200, {
    'content-type': contentTypes[extname(path)] ?? 'application/octet-stream',
    'content-security-policy': detectorCsp,
  })
  createReadStream(path).pipe(res)
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return JSON.parse(Buffer.concat(chunks).toString('utf8'))
}

/**
 * A tiny static + API server for the headless detector: bound to 127.0.0.1, every path behind a
 * per-run random token, serving the built page, tasks-vision's wasm, the model, and the frame
 * protocol (frames go out as raw binary bodies, never JSON).
 */
export async function startDetectorServer(options: DetectorServerOptions): Promise<DetectorServer> {
  const token = randomBytes(16).toString('hex')
  const prefix = `/t/${token}/`
  let feed: FrameFeed | undefined
  let origin = ''

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
      feed?.fail(error instanceof Error ? error : new Error(String(error)))
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(403).end()
      return
    }
    const path = decodeURIComponent(url.pathname.slice(prefix.length))
    if (path.startsWith('api/')) return api(path.slice(4), req, res)
    if (path.startsWith('wasm/')) return serveFile(res, options.wasmDir, path.slice(5))
    if (path === 'model.task') {
      res.writeHead(200, { 'content-type': contentTypes['.task'] as string })
      createReadStream(options.modelPath).pipe(res)
      return
    }
    serveFile(res, options.pageDir, path)
  }

  async function api(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const json = (status: number, body?: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      res.end(body === undefined ? '' : JSON.stringify(body))
    }
    if (path === 'config' && req.method === 'GET') {
      const config: DetectorConfig = {
        ...options.config,
        modelUrl: `${origin}${prefix}model.task`,
        wasmBase: `${origin}${prefix}wasm`,
      }
      return json(200, config)
    }
    if (req.method !== 'POST') return json(405)
    if (!feed) return json(409, { message: 'no detection run is attached' })
    switch (path) {
      case 'ready':
        feed.markReady((await readJson(req)) as WireReady)
        return json(200, {})
      case 'frame': {
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
      case 'result':
        feed.result((await readJson(req)) as WireResult)
        return json(200, {})
      case 'error': {
        const { message } = (await readJson(req)) as { message?: string }
        feed.fail(new Error(`the detector page failed: ${message ?? 'unknown error'}`))
        return json(200, {})
      }
      default:
        return json(404)
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    pageUrl: `${origin}${prefix}detector.html?host=http`,
    setFeed: (f) => (feed = f),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
