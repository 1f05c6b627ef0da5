import { createHash } from 'node:crypto'
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

const chunkBytes = 64 * 1024

function hashFileSample(hash: ReturnType<typeof createHash>, path: string): void {
  // Content only, not the name: a renamed or copied clip is the same footage.
  const size = statSync(path).size
  hash.update(`${size}\n`)
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(chunkBytes)
    // Start, middle and end: cheap even for gigabytes, and any re-encode or trim changes them.
    for (const at of [
      0,
      Math.max(0, Math.floor(size / 2) - chunkBytes / 2),
      Math.max(0, size - chunkBytes),
    ]) {
      const n = readSync(fd, buffer, 0, chunkBytes, at)
      hash.update(buffer.subarray(0, n))
    }
  } finally {
    closeSync(fd)
  }
}

/**
 * A fast fingerprint of footage (SHA-256, hex): the file size plus three 64 KiB samples. For an
 * image sequence (a folder, or a numbered pattern like shot_%04d.png) the file list and sizes
 * plus samples of the first, middle and last image. Milliseconds even for large files.
 */
export function footageHash(path: string): string {
  const hash = createHash('sha256')
  const isDir = existsSync(path) && statSync(path).isDirectory()
  if (existsSync(path) && !isDir) {
    hashFileSample(hash, path)
    return hash.digest('hex')
  }
  const dir = isDir ? path : dirname(path)
  hash.update(isDir ? 'folder\n' : `pattern:${basename(path)}\n`)
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.(png|jpe?g|webp|bmp|tiff?)$/i.test(f))
        .sort()
    : []
  for (const f of files) hash.update(`${f}:${statSync(join(dir, f)).size}\n`)
  for (const f of [files[0], files[files.length >> 1], files[files.length - 1]]) {
    if (f) hashFileSample(hash, join(dir, f))
  }
  return hash.digest('hex')
}
