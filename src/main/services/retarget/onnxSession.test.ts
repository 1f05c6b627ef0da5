import { existsSync, readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { defaultRetargetModelsDir, retargetModelPaths } from './modelFiles'
import type { NodeOnnxSession } from './onnxSession'
import { openNodeOnnxSession } from './onnxSession'

interface Vectors {
  tolerance: number
  vectors: {
    name: string
    input_shape: number[]
    output_shape: number[]
    input: number[]
    output: number[]
  }[]
}

const paths = retargetModelPaths()
const present = existsSync(paths.onnx) && existsSync(paths.vectors)
if (!present) {
  console.log(
    `SKIPPED retarget model vectors: ${paths.onnx} or ${paths.vectors} is absent (models dir ${defaultRetargetModelsDir()}); training/export.py writes them`,
  )
}

describe.skipIf(!present)('models/retarget.onnx in onnxruntime-web (wasm, Node)', () => {
  let session: NodeOnnxSession | undefined
  afterAll(async () => {
    await session?.dispose()
  })

  it('reproduces the training framework on the stored vectors within their tolerance', async () => {
    const file = JSON.parse(readFileSync(paths.vectors, 'utf8')) as Vectors
    expect(file.tolerance).toBeLessThanOrEqual(1e-4)
    expect(file.vectors.length).toBeGreaterThan(0)
    session = await openNodeOnnxSession(paths.onnx)
    for (const v of file.vectors) {
      const { data, dims } = await session.run(Float32Array.from(v.input), v.input_shape)
      expect(dims, v.name).toEqual(v.output_shape)
      let maxDiff = 0
      for (let i = 0; i < v.output.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs((data[i] as number) - (v.output[i] as number)))
      }
      console.log(
        `retarget vector ${v.name}: max |onnxruntime-web - PyTorch| = ${maxDiff.toExponential(2)}`,
      )
      expect(maxDiff, v.name).toBeLessThanOrEqual(file.tolerance)
    }
  })

  it('takes any batch and time length (dynamic axes)', async () => {
    session ??= await openNodeOnnxSession(paths.onnx)
    for (const [b, t] of [
      [1, 16],
      [3, 40],
    ] as const) {
      const { dims, data } = await session.run(new Float32Array(b * 47 * t).fill(0.1), [b, 47, t])
      expect(dims).toEqual([b, 46, t])
      expect(data.every(Number.isFinite)).toBe(true)
    }
  })
})
