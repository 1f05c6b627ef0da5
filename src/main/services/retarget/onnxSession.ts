import { readFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import * as ort from 'onnxruntime-web'
import type { RetargetSession } from '../../../core/retarget/session'

/** A loaded ONNX model behind core's RetargetSession interface. */
export interface NodeOnnxSession extends RetargetSession {
  /** Milliseconds from reading the file to a session ready to run. */
  loadMs: number
  dispose(): Promise<void>
}

/**
 * Threads for onnxruntime-web's wasm backend in Node (it runs them as worker_threads): half the
 * cores, 1 to 4, or TOONMO_ORT_THREADS. Measured on the shared 2-core machine (bench/retarget.ts):
 * one thread retargets a minute of footage in about 170 ms of CPU, while two threads there
 * fight the other jobs for the cores and take longer in wall-clock time.
 */
export function defaultWasmThreads(): number {
  const env = Number(process.env.TOONMO_ORT_THREADS)
  if (Number.isInteger(env) && env >= 1) return env
  return Math.max(1, Math.min(4, Math.floor(availableParallelism() / 2)))
}

let configuredThreads: number | undefined

/**
 * Opens an ONNX model with onnxruntime-web's WebAssembly backend in Node (onnxruntime-node cannot
 * install here: its postinstall downloads CUDA binaries). The first call fixes the thread count
 * for the whole process: onnxruntime-web initialises its wasm runtime once.
 */
export async function openNodeOnnxSession(
  modelPath: string,
  options: { threads?: number } = {},
): Promise<NodeOnnxSession> {
  const started = performance.now()
  const threads = options.threads ?? configuredThreads ?? defaultWasmThreads()
  if (configuredThreads === undefined) {
    ort.env.wasm.numThreads = threads
    ort.env.logLevel = 'error'
    configuredThreads = threads
  }
  const bytes = new Uint8Array(await readFile(modelPath))
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  })
  const inputName = session.inputNames[0]
  const outputName = session.outputNames[0]
  if (inputName === undefined || outputName === undefined) {
    await session.release()
    throw new Error(`${modelPath} has no input or no output: it is not a retarget model`)
  }
  const loadMs = performance.now() - started
  return {
    loadMs,
    async run(input, dims) {
      const feeds = { [inputName]: new ort.Tensor('float32', input, dims) }
      const result = await session.run(feeds)
      const y = result[outputName]
      if (!y || y.type !== 'float32')
        throw new Error(`the model's output "${outputName}" is not float32`)
      const data = y.data as Float32Array
      const outDims = [...y.dims]
      y.dispose()
      return { data, dims: outDims }
    },
    async dispose() {
      await session.release()
    },
  }
}
