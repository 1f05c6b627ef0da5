import { existsSync, statSync } from 'node:fs'
import { mkdir, readdir, readFile } from 'node:fs/promises'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CompiledRig } from '../../../core/rig/compileRig'
import { compileRig } from '../../../core/rig/compileRig'
import { parseRig, RigFormatError, rigImagePaths, rigToJson } from '../../../core/rig/parseRig'
import type { Rig } from '../../../core/rig/types'
import { writeFileAtomic } from '../projects/atomicWrite'

/** A rig read from disk: the file, its folder (image paths are relative to it), and the packed form. */
export interface LoadedRig {
  rig: Rig
  compiled: CompiledRig
  /** Absolute path of the rig.json. */
  file: string
  /** Absolute folder the rig's image paths are relative to. */
  dir: string
}

/** Summary of a bundled rig for listings. */
export interface RigListing {
  name: string
  title: string
  description: string
  file: string
}

const RIG_FILE = 'rig.json'

/**
 * The folder holding the bundled rigs (`resources/rigs` in the checkout). TOONMO_RIGS_DIR
 * overrides it, for a packaged app whose resources live elsewhere.
 */
export function bundledRigsDir(): string {
  return (
    process.env.TOONMO_RIGS_DIR ??
    fileURLToPath(new URL('../../../../resources/rigs', import.meta.url))
  )
}

/** Reads, validates and compiles a rig file; every image it names must exist beside it. */
export async function loadRigFile(file: string): Promise<LoadedRig> {
  const path = resolve(file)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new RigFormatError(
      code === 'ENOENT'
        ? `no rig file at ${path}`
        : `cannot read the rig file ${path} (${code ?? String(error)})`,
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new RigFormatError(
      `${path} is not valid JSON (${(error as Error).message}); is it truncated?`,
    )
  }
  let rig: Rig
  let compiled: CompiledRig
  try {
    rig = parseRig(json)
    compiled = compileRig(rig)
  } catch (error) {
    if (error instanceof RigFormatError) throw new RigFormatError(`${path}: ${error.message}`)
    throw error
  }
  const dir = dirname(path)
  const missing = rigImagePaths(rig).filter((image) => !existsSync(join(dir, image)))
  if (missing.length > 0) {
    const users = (image: string) =>
      rig.parts
        .filter(
          (p) =>
            p.image === image || Object.values(p.alternatives ?? {}).some((a) => a.image === image),
        )
        .map((p) => p.name)
    throw new RigFormatError(
      `${path}: missing image${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}" (part ${users(m).join(', ')})`).join(', ')}: put the file${missing.length > 1 ? 's' : ''} in ${dir} or fix the part's "image"`,
    )
  }
  return { rig, compiled, file: path, dir }
}

/** The bundled rigs, sorted by name. */
export async function listBundledRigs(): Promise<RigListing[]> {
  return listRigsIn(bundledRigsDir())
}

/**
 * The rigs in `root`, one folder each holding a rig.json, sorted by name. With `skipBroken`, a
 * folder whose rig does not parse is left out (a user's folder: one bad rig must not hide the
 * others); otherwise it throws, as a broken bundled rig is a bug.
 */
export async function listRigsIn(root: string, skipBroken = false): Promise<RigListing[]> {
  if (skipBroken && !existsSync(root)) return []
  const entries = await readdir(root, { withFileTypes: true })
  const out: RigListing[] = []
  for (const e of entries) {
    const file = join(root, e.name, RIG_FILE)
    if (!e.isDirectory() || !existsSync(file)) continue
    try {
      const rig = parseRig(JSON.parse(await readFile(file, 'utf8')))
      out.push({ name: rig.name, title: rig.title, description: rig.description ?? '', file })
    } catch (error) {
      if (!skipBroken) throw error
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * A rig by bundled name (`chibi`) or by path (a rig.json, or a folder holding one). Unknown
 * names get a message listing the bundled rigs.
 */
export async function resolveRig(nameOrPath: string): Promise<LoadedRig> {
  const looksLikePath =
    isAbsolute(nameOrPath) || nameOrPath.includes('/') || nameOrPath.endsWith('.json')
  if (existsSync(nameOrPath)) {
    const file = statSync(nameOrPath).isDirectory() ? join(nameOrPath, RIG_FILE) : nameOrPath
    return loadRigFile(file)
  }
  if (!looksLikePath) {
    const bundled = await listBundledRigs()
    const hit = bundled.find((r) => r.name === nameOrPath)
    if (hit) return loadRigFile(hit.file)
    throw new RigFormatError(
      `no bundled rig named "${nameOrPath}"; bundled rigs: ${bundled.map((r) => r.name).join(', ')} (or give a path to a rig.json)`,
    )
  }
  throw new RigFormatError(
    `no rig at ${resolve(nameOrPath)}: give a bundled rig name or a path to a rig.json`,
  )
}

/**
 * Writes a rig file atomically (temporary file, fsync, rename), so a crash never leaves half a
 * rig. Images are not copied: they must already sit beside `file`.
 */
export async function saveRigFile(rig: Rig, file: string): Promise<void> {
  compileRig(rig)
  const path = resolve(file)
  await mkdir(dirname(path), { recursive: true })
  await writeFileAtomic(path, `${JSON.stringify(rigToJson(rig), null, 2)}\n`)
}
