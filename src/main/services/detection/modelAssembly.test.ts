import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { ByteBuffer } from 'flatbuffers'
import { afterAll, describe, expect, it } from 'vitest'
import {
  assembleModels,
  listStoredZip,
  mediapipePoseDir,
  outputChecksums,
  poseModelVariants,
  readTfliteMetadata,
  sha256,
} from '../../../../scripts/assemble-models'

// Tests scripts/assemble-models.ts (it lives here because the unit project collects src/ tests).
const outDir = mkdtempSync(join(tmpdir(), 'toonmo-models-'))
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

/** Reads NormalizationOptions mean and std from a ModelMetadata flatbuffer (paths per metadata_schema.fbs). */
function normalization(metadata: Uint8Array): { mean: number; std: number } {
  const bb = new ByteBuffer(metadata)
  const field = (table: number, slot: number): number => {
    const vtable = table - bb.readInt32(table)
    const offset = bb.readUint16(vtable + 4 + 2 * slot)
    if (!offset) throw new Error(`missing field ${slot}`)
    return table + offset
  }
  const deref = (pos: number): number => pos + bb.readUint32(pos)
  const first = (vectorField: number): number => deref(deref(vectorField) + 4)
  const root = bb.readUint32(0)
  const subgraph = first(field(root, 3))
  const tensor = first(field(subgraph, 2))
  const content = deref(field(tensor, 3))
  expect(bb.readUint8(field(content, 0))).toBe(2) // ImageProperties
  expect(bb.readInt8(field(deref(field(content, 1)), 0))).toBe(1) // RGB
  const unit = first(field(tensor, 4))
  expect(bb.readUint8(field(unit, 0))).toBe(1) // NormalizationOptions
  const options = deref(field(unit, 1))
  const mean = deref(field(options, 0))
  const std = deref(field(options, 1))
  return { mean: bb.readFloat32(mean + 4), std: bb.readFloat32(std + 4) }
}

describe('assemble-models', () => {
  it('builds the three .task files with the recorded checksums', () => {
    const results = assembleModels(outDir)
    expect(results.map((r) => [r.variant, r.status])).toEqual(
      poseModelVariants.map((v) => [v, 'built']),
    )
    for (const variant of poseModelVariants) {
      const bytes = readFileSync(join(outDir, `pose_landmarker_${variant}.task`))
      expect(sha256(bytes), variant).toBe(outputChecksums[variant])
    }
  })

  it('writes a stored zip holding the detector and landmark models with TFLite metadata', () => {
    const pose = mediapipePoseDir()
    const detectorSource = readFileSync(join(pose, 'pose_solution_packed_assets.data'))
    for (const variant of poseModelVariants) {
      const zip = new Uint8Array(readFileSync(join(outDir, `pose_landmarker_${variant}.task`)))
      const entries = listStoredZip(zip)
      expect(entries.map((e) => e.name)).toEqual([
        'pose_detector.tflite',
        'pose_landmarks_detector.tflite',
      ])
      for (const entry of entries) {
        expect(entry.method).toBe(0) // stored, uncompressed
        expect(entry.offset % 64).toBe(0) // aligned so the model can be used in place
        const data = zip.subarray(entry.offset, entry.offset + entry.size)
        expect(crc32(data)).toBe(entry.crc)
        expect(new TextDecoder().decode(data.subarray(4, 8))).toBe('TFL3')
        const metadata = readTfliteMetadata(data)
        expect(metadata, entry.name).toBeDefined()
        expect(new TextDecoder().decode(metadata?.subarray(4, 8))).toBe('M001')
        const { mean, std } = normalization(metadata as Uint8Array)
        if (entry.name === 'pose_detector.tflite') {
          expect([mean, std]).toEqual([127.5, 127.5])
          // The original model follows the prefix untouched.
          expect(
            Buffer.from(data.subarray(data.length - detectorSource.length)).equals(detectorSource),
          ).toBe(true)
        } else {
          expect([mean, std]).toEqual([0, 255])
          const source = readFileSync(join(pose, `pose_landmark_${variant}.tflite`))
          expect(Buffer.from(data.subarray(data.length - source.length)).equals(source)).toBe(true)
        }
      }
    }
  })

  it('is idempotent: a second run changes nothing and is quick; a damaged file is rebuilt', () => {
    const path = join(outDir, 'pose_landmarker_lite.task')
    const before = statSync(path).mtimeMs
    const started = performance.now()
    const again = assembleModels(outDir)
    expect(performance.now() - started).toBeLessThan(3000)
    expect(again.every((r) => r.status === 'unchanged')).toBe(true)
    expect(statSync(path).mtimeMs).toBe(before)
    writeFileSync(path, 'damaged')
    const repaired = assembleModels(outDir)
    expect(repaired.find((r) => r.variant === 'lite')?.status).toBe('built')
    expect(sha256(readFileSync(path))).toBe(outputChecksums.lite)
  })
})
