import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { basename, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { cacheRoot } from '../services/detection/cacheDir'

/** Files dropped on the browser window are kept here; the project refers to them by this path. */
export function importsDir(): string {
  return join(cacheRoot(), 'imports')
}

/** Streams a dropped file to disk (never whole in memory), under its own name plus a short id. */
export async function receiveUpload(req: IncomingMessage, name: string): Promise<string> {
  const dir = join(importsDir(), randomBytes(4).toString('hex'))
  await mkdir(dir, { recursive: true })
  const safe =
    basename(name)
      .replace(/[^\w.\- ]+/g, '_')
      .slice(0, 200) || 'footage'
  const final = join(dir, safe)
  const temp = `${final}.partial`
  try {
    await pipeline(req, createWriteStream(temp))
    await rename(temp, final)
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
  return final
}
