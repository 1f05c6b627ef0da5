/**
 * Builds pose_landmarker_{lite,full,heavy}.task into models/mediapipe/ from the tflite files that the
 * npm package @mediapipe/pose ships, so Toonmo never downloads a model.
 *
 * Why this is needed: the legacy package's tflite files carry no TFLite metadata, and the Tasks API
 * refuses a float32 image input without NormalizationOptions. We add a minimal ModelMetadata
 * flatbuffer ("M001") as a new buffer listed in the model's `metadata` vector under
 * "TFLITE_METADATA", then pack detector + landmark model into a stored (uncompressed) zip, which is
 * what a .task file is.
 *
 * Run: `npx tsx scripts/assemble-models.ts [--out DIR] [--force]`. Idempotent: outputs whose
 * SHA-256 already matches are left alone. Inputs and outputs are checked against the checksums
 * below; nothing is ever downloaded.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  addTfliteMetadata,
  buildImageInputMetadata,
} from '../src/main/services/detection/tfliteMetadata'
import { storedZip } from '../src/main/services/detection/storedZip'

export { readTfliteMetadata } from '../src/main/services/detection/tfliteMetadata'
export { listStoredZip } from '../src/main/services/detection/storedZip'

export type PoseModelVariant = 'lite' | 'full' | 'heavy'
export const poseModelVariants: readonly PoseModelVariant[] = ['lite', 'full', 'heavy']

/** SHA-256 of the inputs in @mediapipe/pose 0.5.1675469404, the pinned version. */
export const inputChecksums: Record<string, string> = {
  'pose_solution_packed_assets.data':
    'a63c614bef30d35947f13be361820b1e4e3bec9cfeebf4d11216a18373108e85',
  'pose_landmark_lite.tflite': 'f17bfbecadb61c3be1baa8b8d851cc6619c870a87167b32848ad20db306b9d61',
  'pose_landmark_full.tflite': 'e9a5c5cb17f736fafd4c2ec1da3b3d331d6edbe8a0d32395855aeb2cdfd64b9f',
  'pose_landmark_heavy.tflite': '59e42d71bcd44cbdbabc419f0ff76686595fd265419566bd4009ef703ea8e1fe',
}

/** SHA-256 of the assembled .task files; the assembly is deterministic, so these are exact. */
export const outputChecksums: Record<PoseModelVariant, string> = {
  lite: '6812c425824373c94b66bcbf349761674d155f56afd5c649f2af11772f2a21ec',
  full: '01b721c7d852bc1a9db409f3a873af16e8373bd99beeaf0a9efca42073ff0bcd',
  heavy: '15e030c95f087e7dbaf8879641c9f6ebf6cdbe78b1b8760b092a6a1206a6dc79',
}

/** The detector model is the packed-assets file byte for byte (its loader lists one file). */
const detectorSource = 'pose_solution_packed_assets.data'

/** Input normalisation each model was trained with: (pixel - mean) / std. */
const detectorNormalization = { mean: 127.5, std: 127.5 } // input in [-1, 1]
const landmarkNormalization = { mean: 0, std: 255 } // input in [0, 1]

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Where @mediapipe/pose is installed. */
export function mediapipePoseDir(): string {
  const require = createRequire(import.meta.url)
  try {
    return dirname(require.resolve('@mediapipe/pose/package.json'))
  } catch {
    throw new Error(
      'The npm package @mediapipe/pose is not installed; run `npm install` in the Toonmo checkout.',
    )
  }
}

function readVerified(dir: string, file: string): Uint8Array {
  const path = join(dir, file)
  if (!existsSync(path)) throw new Error(`${path} is missing; reinstall @mediapipe/pose (npm ci).`)
  const bytes = new Uint8Array(readFileSync(path))
  const expected = inputChecksums[file]
  if (sha256(bytes) !== expected) {
    throw new Error(
      `${path} does not have the expected SHA-256 (is @mediapipe/pose pinned to 0.5.1675469404?); reinstall it with npm ci.`,
    )
  }
  return bytes
}

/** Builds one .task file's bytes from the package directory. */
export function buildTask(variant: PoseModelVariant, packageDir: string): Uint8Array {
  const detector = addTfliteMetadata(
    readVerified(packageDir, detectorSource),
    buildImageInputMetadata('pose_detector', detectorNormalization.mean, detectorNormalization.std),
  )
  const landmarks = addTfliteMetadata(
    readVerified(packageDir, `pose_landmark_${variant}.tflite`),
    buildImageInputMetadata(
      `pose_landmarks_detector_${variant}`,
      landmarkNormalization.mean,
      landmarkNormalization.std,
    ),
  )
  return storedZip([
    { name: 'pose_detector.tflite', data: detector },
    { name: 'pose_landmarks_detector.tflite', data: landmarks },
  ])
}

export function taskFileName(variant: PoseModelVariant): string {
  return `pose_landmarker_${variant}.task`
}

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const defaultModelDir = join(repoRoot, 'models', 'mediapipe')

export interface AssembleResult {
  variant: PoseModelVariant
  path: string
  status: 'built' | 'unchanged'
}

/**
 * Makes sure every .task in `outDir` exists with the expected checksum, building only what is
 * missing or wrong. Writes go to a temp name then rename, so an interrupted run leaves no half file.
 */
export function assembleModels(
  outDir = defaultModelDir,
  options: { force?: boolean; packageDir?: string } = {},
): AssembleResult[] {
  mkdirSync(outDir, { recursive: true })
  const results: AssembleResult[] = []
  // size + mtime of files already verified, so a no-op run (every npm install) skips hashing.
  const stampPath = join(outDir, '.verified.json')
  let stamps: Record<string, { size: number; mtimeMs: number; sha256: string }> = {}
  try {
    stamps = JSON.parse(readFileSync(stampPath, 'utf8')) as typeof stamps
  } catch {
    stamps = {}
  }
  const verified = (variant: PoseModelVariant, path: string): boolean => {
    if (!existsSync(path)) return false
    const stat = statSync(path)
    const stamp = stamps[variant]
    const expected = outputChecksums[variant]
    if (
      stamp &&
      stamp.size === stat.size &&
      stamp.mtimeMs === stat.mtimeMs &&
      stamp.sha256 === expected
    ) {
      return true
    }
    const ok = sha256(readFileSync(path)) === expected
    if (ok) stamps[variant] = { size: stat.size, mtimeMs: stat.mtimeMs, sha256: expected }
    return ok
  }
  for (const variant of poseModelVariants) {
    const path = join(outDir, taskFileName(variant))
    const expected = outputChecksums[variant]
    if (!options.force && expected && verified(variant, path)) {
      results.push({ variant, path, status: 'unchanged' })
      continue
    }
    const bytes = buildTask(variant, options.packageDir ?? mediapipePoseDir())
    const actual = sha256(bytes)
    if (expected && actual !== expected) {
      throw new Error(
        `assembled ${taskFileName(variant)} has SHA-256 ${actual}, expected ${expected}; ` +
          'the inputs or this script changed.',
      )
    }
    const temp = `${path}.${process.pid}.tmp`
    writeFileSync(temp, bytes)
    renameSync(temp, path)
    const stat = statSync(path)
    stamps[variant] = { size: stat.size, mtimeMs: stat.mtimeMs, sha256: actual }
    results.push({ variant, path, status: 'built' })
  }
  writeFileSync(stampPath, `${JSON.stringify(stamps, null, 2)}\n`)
  return results
}

function cli(argv: string[]): number {
  const outIndex = argv.indexOf('--out')
  const outDir =
    outIndex >= 0 && argv[outIndex + 1] ? resolve(argv[outIndex + 1] as string) : defaultModelDir
  try {
    const started = performance.now()
    const results = assembleModels(outDir, { force: argv.includes('--force') })
    const built = results.filter((r) => r.status === 'built').map((r) => r.variant)
    const ms = Math.round(performance.now() - started)
    process.stdout.write(
      built.length
        ? `assemble-models: built ${built.join(', ')} in ${outDir} (${ms} ms)\n`
        : `assemble-models: pose landmarker models up to date in ${outDir} (${ms} ms)\n`,
    )
    return 0
  } catch (error) {
    process.stderr.write(
      `assemble-models: ${error instanceof Error ? error.message : String(error)}\n`,
    )
    return 1
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = cli(process.argv.slice(2))
}
