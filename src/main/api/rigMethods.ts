import { readFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { z } from 'zod'
import { rigImagePaths } from '../../core/rig/parseRig'
import { listBundledRigs, resolveRig } from '../services/rigs/rigFiles'
import { method } from './method'

const MIME: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
}

export function rigMethods() {
  return {
    'rigs.list': method(z.tuple([]), async () => listBundledRigs()),
    /**
     * A rig (bundled name or path) with its images as data: URLs, so the renderer can draw it
     * the same way in Electron (file://) and in a browser, under the strict CSP.
     */
    'rigs.load': method(z.tuple([z.string().min(1).max(4096)]), async (nameOrPath) => {
      const loaded = await resolveRig(nameOrPath)
      const images: Record<string, string> = {}
      for (const rel of rigImagePaths(loaded.rig)) {
        const bytes = await readFile(join(loaded.dir, rel))
        images[rel] =
          `data:${MIME[extname(rel).toLowerCase()] ?? 'application/octet-stream'};base64,${bytes.toString('base64')}`
      }
      return { rig: loaded.rig, images }
    }),
  }
}
