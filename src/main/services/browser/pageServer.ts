import { randomBytes } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { basename, dirname, extname, join, normalize, resolve, sep } from 'node:path'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
}

/** Handles `api/...` requests; the path is given without the token prefix and `api/`. */
export type ApiHandler = (
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
) => Promise<void> | void

export interface PageServerOptions {
  /** URL folder -> disk folder; '' is the page's own folder (its HTML and assets). */
  folders: Record<string, string>
  /**
   * URL path -> disk file, for single files that live outside the served folders (a model file
   * beside other models the page must not see). Checked before the folders.
   */
  files?: Record<string, string>
  /** Content-Security-Policy header sent with every file. */
  csp: string
  api?: ApiHandler
  /** Told of a request that failed (after it was answered 500), e.g. to end the run it served. */
  onError?: (error: Error) => void
}

export interface PageServer {
  /** `http://127.0.0.1:PORT/t/TOKEN/`: every URL the page may use starts here. */
  base: string
  close(): Promise<void>
}

/** Sends a file from `root`, refusing any path that escapes it. */
export function serveFile(res: ServerResponse, root: string, relative: string, csp: string): void {
  const rootPath = resolve(root)
  const path = normalize(join(rootPath, relative))
  if (!path.startsWith(rootPath + sep) || !existsSync(path) || !statSync(path).isFile()) {
    res.writeHead(404).end()
    return
  }
  res.writeHead(200, {
    'content-type': contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream',
    'content-security-policy': csp,
    'cache-control': 'no-store',
  })
  createReadStream(path).pipe(res)
}

/** Reads a request body whole. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** Answers with JSON (or an empty body). */
export function sendJson(res: ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
  res.end(body === undefined ? '' : JSON.stringify(body))
}

/**
 * A tiny server for a headless page: bound to 127.0.0.1, every path behind a per-run random
 * token, serving static folders and files and handing `api/` requests to the caller. For pages
 * that a launched Chromium loads (the exporter, the detector).
 */
export async function startPageServer(options: PageServerOptions): Promise<PageServer> {
  const token = randomBytes(16).toString('hex')
  const prefix = `/t/${token}/`
  const folders = Object.entries(options.folders).sort((a, b) => b[0].length - a[0].length)
  const files = options.files ?? {}
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
      options.onError?.(error instanceof Error ? error : new Error(String(error)))
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(403).end()
      return
    }
    const path = decodeURIComponent(url.pathname.slice(prefix.length))
    if (path.startsWith('api/') && options.api) {
      await options.api(path.slice(4) + url.search, req, res)
      return
    }
    const file = Object.hasOwn(files, path) ? files[path] : undefined
    if (file !== undefined) return serveFile(res, dirname(file), basename(file), options.csp)
    for (const [folder, dir] of folders) {
      const head = folder === '' ? '' : `${folder}/`
      if (path.startsWith(head)) return serveFile(res, dir, path.slice(head.length), options.csp)
    }
    res.writeHead(404).end()
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolveListen())
  })
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base: `${origin}${prefix}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
