import { readFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { z } from 'zod'
import { rigImagePaths } from '../../core/rig/parseRig'
import { importLayeredRig, listUserRigs } from '../services/rigs/importRig'
import { listBundledRigs, resolveRig } from '../services/rigs/rigFiles'
import { saveEditedRig } from '../services/rigs/saveRig'
import { method } from './method'

const path = z.string().min(1).max(4096)

const MIME: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
}

export function rigMethods() {
  return {
    'rigs.list': method(z.tuple([]), async () => listBundledRigs()),
    /** The user's rigs (imported or saved in the user's rigs folder), same shape as rigs.list. */
    'rigs.listUser': method(z.tuple([]), async () => listUserRigs()),
    /**
     * A rig (bundled name or path) with its images as data: URLs, so the renderer can draw it
     * the same way in Electron (file://) and in a browser, under the strict CSP.
     */
    'rigs.load': method(z.tuple([path]), async (nameOrPath) => {
      const loaded = await resolveRig(nameOrPath)
      const images: Record<string, string> = {}
      for (const rel of rigImagePaths(loaded.rig)) {
        const bytes = await readFile(join(loaded.dir, rel))
        images[rel] =
          `data:${MIME[extname(rel).toLowerCase()] ?? 'application/octet-stream'};base64,${bytes.toString('base64')}`
      }
      return { rig: loaded.rig, images, file: loaded.file }
    }),
    /**
     * Makes a rig from a layered .psd or .svg (one named layer per part, bones placed
     * automatically) in `outDir`, or in a new folder of the user's rigs folder.
     */
    'rigs.import': method(z.tuple([path, path.optional()]), async (file, outDir) => {
      const loaded = await importLayeredRig(file, outDir ? { outDir } : {})
      return { file: loaded.file, name: loaded.rig.name, title: loaded.rig.title }
    }),
    /** Saves a rig edited in rig setup mode over its rig.json (checked, atomic). */
    'rigs.save': method(z.tuple([path, z.unknown()]), async (file, rig) => {
      const saved = await saveEditedRig(rig, file)
      return { file: saved.file }
    }),
  }
}
