import { existsSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { compileRig } from '../../../core/rig/compileRig'
import { parseRig, RigFormatError, rigImagePaths } from '../../../core/rig/parseRig'
import type { LoadedRig } from './rigFiles'
import { bundledRigsDir, loadRigFile, saveRigFile } from './rigFiles'

/** A rig.json path from a rig file or the folder holding one. */
export function rigFileOf(path: string): string {
  const full = resolve(path)
  return existsSync(full) && statSync(full).isDirectory() ? join(full, 'rig.json') : full
}

/**
 * Saves an edited rig (untrusted JSON, e.g. from rig setup mode) over a rig file: it is checked
 * as a rig file would be (format, hierarchy, the body15 mapping), its images must already sit in
 * the rig's folder, and the bundled rigs are never overwritten. The write is atomic; the saved
 * file is read back to confirm it loads.
 */
export async function saveEditedRig(raw: unknown, path: string): Promise<LoadedRig> {
  const file = rigFileOf(path)
  const fromBundled = relative(resolve(bundledRigsDir()), file)
  if (!fromBundled.startsWith('..') && !isAbsolute(fromBundled)) {
    throw new RigFormatError(
      `${file} is a bundled rig and is not changed: import a drawing to make a rig of your own`,
    )
  }
  let rig
  try {
    rig = parseRig(raw)
    compileRig(rig)
  } catch (error) {
    if (error instanceof RigFormatError)
      throw new RigFormatError(`the rig was not saved: ${error.message}`)
    throw error
  }
  const dir = dirname(file)
  const missing = rigImagePaths(rig).filter((image) => !existsSync(join(dir, image)))
  if (missing.length > 0) {
    throw new RigFormatError(
      `the rig was not saved: its images ${missing.join(', ')} are not in ${dir}; save it in the folder it was imported into`,
    )
  }
  await saveRigFile(rig, file)
  return loadRigFile(file)
}
