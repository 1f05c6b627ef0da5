import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, dirname, extname, join, resolve } from 'node:path'
import { RigFormatError, rigToJson } from '../../../core/rig/parseRig'
import type { DrawingLayer } from '../../../core/rig/rigFromLayers'
import { rigFromLayers } from '../../../core/rig/rigFromLayers'
import type { LayeredDrawing } from './layeredDrawing'
import { looksLikePsd, readPsdLayers } from './psdLayers'
import type { LoadedRig, RigListing } from './rigFiles'
import { listRigsIn, loadRigFile } from './rigFiles'
import { looksLikeSvg, readSvgLayers } from './svgLayers'

/** The user's own rigs (imported ones land there), for the character picker. */
export function listUserRigs(): Promise<RigListing[]> {
  return listRigsIn(userRigsDir(), true)
}

/** Where imported rigs go when no folder is given. TOONMO_USER_RIGS_DIR overrides it. */
export function userRigsDir(): string {
  return process.env.TOONMO_USER_RIGS_DIR ?? join(homedir(), '.config', 'toonmo', 'rigs')
}

/** A rig id from a file name: lower case letters, digits, `_` and `-` (`My Hero.psd` -> `my_hero`). */
export function rigNameFromFile(file: string): string {
  const stem = basename(file, extname(file))
  const name = stem
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '')
  return name || 'rig'
}

/** Reads a .psd or .svg into part layers, telling the two apart by their content. */
export async function readLayeredFile(file: string): Promise<LayeredDrawing> {
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new RigFormatError(
      code === 'ENOENT' ? `no file at ${file}` : `cannot read ${file} (${code ?? String(error)})`,
    )
  }
  if (looksLikePsd(bytes)) return readPsdLayers(bytes, file)
  const text = bytes.toString('utf8')
  if (looksLikeSvg(text)) return readSvgLayers(text, file)
  throw new RigFormatError(
    `${file} is neither a layered PSD nor an SVG: export the drawing as .psd (one layer per part) or .svg (one named group per part)`,
  )
}

async function isEmptyDir(dir: string): Promise<boolean> {
  return (await readdir(dir)).length === 0
}

/** `base`, or `base-2`, `base-3`... whichever does not exist yet. */
function freeFolder(parent: string, base: string): string {
  for (let i = 1; ; i++) {
    const dir = join(parent, i === 1 ? base : `${base}-${i}`)
    if (!existsSync(dir)) return dir
  }
}

export interface ImportRigOptions {
  /** Folder to create for the rig (rig.json + parts/); default a new folder in {@link userRigsDir}. */
  outDir?: string
  /** Rig id; default from the file name. */
  name?: string
}

/**
 * Imports a layered drawing as a rig: reads the part layers, places the bones automatically
 * (`rigFromLayers`), writes rig.json and parts/ into a temporary folder beside the target, checks
 * that it loads, then renames it into place, so a failed import leaves nothing behind. An
 * existing non-empty output folder is refused rather than mixed with.
 */
export async function importLayeredRig(
  file: string,
  options: ImportRigOptions = {},
): Promise<LoadedRig> {
  const input = resolve(file)
  const target = resolve(options.outDir ?? freeFolder(userRigsDir(), rigNameFromFile(input)))
  if (existsSync(target) && !(await isEmptyDir(target))) {
    throw new RigFormatError(
      `${target} already exists and is not empty: choose another output folder (or remove it)`,
    )
  }
  const drawing = await readLayeredFile(input)
  if (drawing.layers.length === 0) {
    throw new RigFormatError(
      `${input} has no layers named after body parts: name one layer (SVG: group) per part: head, torso, and upper_arm, forearm, hand, thigh, shin, foot each with _r or _l (r is the character's right; "Upper Arm.R" and "Left Shin" work too). Layers found: ${drawing.otherLayers.join(', ') || 'none'}`,
    )
  }
  const layers: DrawingLayer[] = drawing.layers.map((l) => ({
    name: l.name,
    image: `parts/${l.part}.${l.ext}`,
    box: l.box,
  }))
  const rig = rigFromLayers(options.name ?? rigNameFromFile(input), drawing.size, [
    ...layers,
    ...drawing.otherLayers.map((name): DrawingLayer => ({ name, image: '', box: [0, 0, 0, 0] })),
  ])
  rig.title = basename(input, extname(input))
  rig.description = `Imported from ${basename(input)}`

  await mkdir(dirname(target), { recursive: true })
  const temp = join(
    dirname(target),
    `.${basename(target)}.import-${randomBytes(6).toString('hex')}`,
  )
  try {
    await mkdir(join(temp, 'parts'), { recursive: true })
    const written = new Set<string>()
    for (const [i, layer] of drawing.layers.entries()) {
      const image = layers[i]!.image
      if (written.has(image)) continue // a second layer for the same part is not used
      written.add(image)
      await writeFile(join(temp, image), layer.data)
    }
    await writeFile(join(temp, 'rig.json'), `${JSON.stringify(rigToJson(rig), null, 2)}\n`)
    await loadRigFile(join(temp, 'rig.json'))
    if (existsSync(target)) await rmdir(target)
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { recursive: true, force: true })
    throw error
  }
  return loadRigFile(join(target, 'rig.json'))
}
