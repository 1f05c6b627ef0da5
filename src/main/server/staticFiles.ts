import { createReadStream, existsSync, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.onnx': 'application/octet-stream',
  '.task': 'application/octet-stream',
  '.tflite': 'application/octet-stream',
  '.data': 'application/octet-stream',
}

/**
 * Serves `relPath` from `root`, refusing anything that escapes it. Returns false when there is
 * no such file so the caller can try the next mount.
 */
export function serveFile(
  root: string,
  relPath: string,
  res: ServerResponse,
  headers: Record<string, string>,
): boolean {
  let decoded: string
  try {
    decoded = decodeURIComponent(relPath)
  } catch {
    return false
  }
  const full = normalize(join(root, decoded))
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return false
  if (!existsSync(full) || !statSync(full).isFile()) return false
  res.writeHead(200, {
    ...headers,
    'Content-Type': MIME[extname(full).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(statSync(full).size),
    'Cache-Control': 'no-cache',
  })
  createReadStream(full).pipe(res)
  return true
}
