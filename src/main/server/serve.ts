import { randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { toWireJson } from '../../core/wire/wireJson'
import { createApi, JobRunner } from '../api/index'
import type { ApiContext, ApiEvents } from '../api/index'
import { dispatch, serializeError } from '../api/dispatch'
import { modelsDir, rendererBuildDir } from '../paths'
import { contentSecurityPolicy } from './contentSecurityPolicy'
import { serveFile } from './staticFiles'
import { receiveUpload } from './upload'

export interface ServeOptions {
  port?: number
  /** Folder with the built renderer (index.html); defaults to out/renderer. */
  rendererDir?: string
}

export interface RunningServer {
  url: string
  token: string
  port: number
  server: Server
  /** Cancels the running jobs, waits for them to stop, then closes the server. */
  close(): Promise<void>
}

const MAX_BODY_BYTES = 512 * 1024 * 1024
/** How long closing waits for cancelled jobs to save their work and stop their processes. */
const JOB_STOP_WAIT_MS = 10_000

/**
 * `toonmo serve`: the real main-process services in plain Node, and the real renderer served to a
 * browser. The API that Electron carries over IPC goes over POST /api/<method> here, events over
 * server-sent events. Bound to 127.0.0.1 only; every API call needs the per-run token, and the
 * Host header must be ours (so a web page cannot reach it through DNS rebinding).
 */
export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const rendererDir = options.rendererDir ?? rendererBuildDir
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(
      `The renderer is not built (${rendererDir}/index.html is missing). Run "npm run build" first.`,
    )
  }
  const token = randomBytes(24).toString('hex')
  const listeners = new Set<ServerResponse>()
  const ctx: ApiContext = {
    mode: 'browser',
    emit<K extends keyof ApiEvents>(channel: K, payload: ApiEvents[K]) {
      const data = `event: message\ndata: ${toWireJson({ channel, payload })}\n\n`
      for (const res of listeners) res.write(data)
    },
  }
  const jobs = new JobRunner(ctx)
  const api = createApi(ctx, jobs)
  const baseHeaders = {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    // Cross-origin isolation lets ONNX Runtime use WebAssembly threads.
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
  }
  let port = 0

  const tokenOk = (given: string | null | undefined): boolean => {
    if (!given || given.length !== token.length) return false
    return timingSafeEqual(Buffer.from(given), Buffer.from(token))
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ error: serializeError(error) }))
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? ''
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(403).end('Forbidden host')
      return
    }
    const url = new URL(req.url ?? '/', `http://${host}`)
    if (url.pathname.startsWith('/api/')) {
      const given =
        (req.headers['x-toonmo-token'] as string | undefined) ?? url.searchParams.get('token')
      if (!tokenOk(given)) {
        res.writeHead(401, { 'Content-Type': 'application/json' })
        res.end(
          JSON.stringify({
            error: {
              message: 'Missing or wrong token: open the URL that toonmo serve printed.',
              kind: 'unauthorized',
            },
          }),
        )
        return
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, {
          'Content-Type': 'text/event-stream',
          'Cache-Control': 'no-cache',
          Connection: 'keep-alive',
        })
        res.write(': connected\n\n')
        listeners.add(res)
        req.on('close', () => listeners.delete(res))
        return
      }
      if (req.method !== 'POST') {
        res.writeHead(405).end()
        return
      }
      if (url.pathname === '/api/upload') {
        // A browser cannot give us the path of a dropped file, so it sends the bytes.
        const path = await receiveUpload(req, url.searchParams.get('name') ?? 'footage')
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify({ result: { path } }))
        return
      }
      const name = url.pathname.slice('/api/'.length)
      const body = await readBody(req)
      let result: unknown
      try {
        const args = body.length ? (JSON.parse(body) as unknown) : []
        result = await dispatch(api, name, args)
      } catch (error) {
        res.writeHead(400, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify({ error: serializeError(error) }))
        return
      }
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(toWireJson({ result: result ?? null }))
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end()
      return
    }
    // Model files are served for the renderer's inference (never fetched from the internet).
    if (
      url.pathname.startsWith('/models/') &&
      serveFile(modelsDir, url.pathname.slice('/models/'.length), res, baseHeaders)
    )
      return
    const rel = url.pathname === '/' ? 'index.html' : url.pathname.slice(1)
    if (serveFile(rendererDir, rel, res, baseHeaders)) return
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found')
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    server,
    close: async () => {
      // Running jobs hold ffmpeg and detector processes: stop them first (a cancelled detection
      // keeps its frames), so closing takes a moment, not the rest of the job.
      await jobs.stopAll(JOB_STOP_WAIT_MS)
      await new Promise<void>((resolve) => {
        for (const res of listeners) res.end()
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Request too large'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
