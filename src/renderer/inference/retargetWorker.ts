/**
 * The retarget worker: owns the onnxruntime-web session and runs whole retarget jobs (core's
 * pre-processing, the network, post-processing) so none of it touches the UI thread.
 * Execution provider: WebGPU when navigator.gpu gives an adapter, else WebAssembly (SIMD always;
 * threads only when the page is cross-origin isolated, since they need SharedArrayBuffer).
 * Protocol in retargetProtocol.ts; the page talks to it through RetargetInference.
 */
import type * as Ort from 'onnxruntime-web'
import type { ModelNormalisation } from '../../core/retarget/modelCard'
import { RetargetError } from '../../core/retarget/errors'
import { retargetTrack } from '../../core/retarget/retarget'
import type { RetargetSession } from '../../core/retarget/session'
import { parseTargetSkeleton } from '../../core/retarget/targetSkeleton'
import type { FromRetargetWorker, InferenceBackend, ToRetargetWorker } from './retargetProtocol'

/** The worker's global scope, typed structurally (the renderer compiles with lib.dom). */
interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void
  onmessage: ((event: MessageEvent<ToRetargetWorker>) => void) | null
  crossOriginIsolated: boolean
}

const scope = self as unknown as WorkerScope

/** The onnxruntime-web build in use, imported on load: the WebGPU build only where it can run. */
let ort: typeof Ort | null = null
let session: Ort.InferenceSession | null = null
let norm: ModelNormalisation | null = null
const jobs = new Map<number, AbortController>()

function post(message: FromRetargetWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer)
}

/** True when this worker can get a WebGPU adapter (navigator.gpu is not typed in lib.dom here). */
async function hasWebGpuAdapter(): Promise<boolean> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu
  if (!gpu) return false
  try {
    return (await gpu.requestAdapter()) != null
  } catch {
    return false
  }
}

async function load(message: Extract<ToRetargetWorker, { type: 'load' }>): Promise<void> {
  const started = performance.now()
  const wantGpu = message.prefer !== 'wasm' && (await hasWebGpuAdapter())
  // The WebGPU build carries a larger runtime (27 MB of wasm against 14 MB): fetch it only
  // where an adapter exists.
  const lib: typeof Ort = wantGpu
    ? await import('onnxruntime-web/webgpu')
    : await import('onnxruntime-web/wasm')
  ort = lib
  if (message.wasmPaths) lib.env.wasm.wasmPaths = message.wasmPaths
  // Threads need SharedArrayBuffer, which only a cross-origin isolated page has.
  const threads = scope.crossOriginIsolated
    ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1))
    : 1
  lib.env.wasm.numThreads = threads
  lib.env.wasm.proxy = false // already off the UI thread
  const providers: InferenceBackend[] = wantGpu ? ['webgpu', 'wasm'] : ['wasm']
  let backend: InferenceBackend = providers[0] as InferenceBackend
  try {
    session = await lib.InferenceSession.create(new Uint8Array(message.model), {
      executionProviders: providers,
      graphOptimizationLevel: 'all',
    })
  } catch (error) {
    if (!wantGpu) throw error
    // A WebGPU adapter that cannot run the graph (old driver, missing feature): use wasm.
    backend = 'wasm'
    session = await lib.InferenceSession.create(new Uint8Array(message.model), {
      executionProviders: ['wasm'],
      graphOptimizationLevel: 'all',
    })
  }
  norm = message.norm
  post({ type: 'loaded', backend, threads, loadMs: performance.now() - started })
}

/** core's RetargetSession over the worker's ORT session. */
function coreSession(lib: typeof Ort, s: Ort.InferenceSession): RetargetSession {
  const inputName = s.inputNames[0] as string
  const outputName = s.outputNames[0] as string
  return {
    async run(input, dims) {
      // Let a waiting 'cancel' message in before the network call: message events only run
      // between tasks, and the work between calls is synchronous.
      await yieldToEvents()
      const result = await s.run({ [inputName]: new lib.Tensor('float32', input, dims) })
      const y = result[outputName] as Ort.Tensor
      // getData() downloads from the GPU when the output lives there.
      const data = (await y.getData()) as Float32Array
      const outDims = [...y.dims]
      y.dispose()
      await yieldToEvents()
      return { data, dims: outDims }
    },
  }
}

function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

async function retarget(message: Extract<ToRetargetWorker, { type: 'retarget' }>): Promise<void> {
  const { job } = message
  const controller = new AbortController()
  jobs.set(job, controller)
  const started = performance.now()
  try {
    const skeleton = parseTargetSkeleton(message.skeleton)
    const model = ort && session && norm ? { session: coreSession(ort, session), norm } : undefined
    const out = await retargetTrack(message.track, skeleton, {
      view: message.view,
      ...(model ? { model } : {}),
      signal: controller.signal,
      // Smaller batches than in Node, so progress moves and a cancel is noticed between calls.
      batch: 2,
      onProgress: (done, total) => {
        post({ type: 'progress', job, done, total })
        // Let a 'cancel' sent in answer to this report arrive before the work goes on.
        return yieldToEvents()
      },
    })
    post({ type: 'done', job, track: out, ms: performance.now() - started })
  } catch (error) {
    post({
      type: 'error',
      job,
      code: error instanceof RetargetError ? error.code : 'internal',
      message: error instanceof Error ? error.message : String(error),
    })
  } finally {
    jobs.delete(job)
  }
}

/**
 * onnxruntime-web starts its wasm threads as module workers on its own script URL, named
 * "em-pthread"; when a bundler puts it in this file, those threads run this file too and must
 * leave their message handler to Emscripten.
 */
const isOrtThread = (self as unknown as { name?: string }).name?.startsWith('em-pthread') ?? false

const handle = (event: MessageEvent<ToRetargetWorker>): void => {
  const message = event.data
  switch (message.type) {
    case 'load':
      load(message).catch((error: unknown) =>
        post({
          type: 'error',
          job: null,
          code: 'badModel',
          message: `The retarget model could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
        }),
      )
      break
    case 'retarget':
      void retarget(message)
      break
    case 'cancel':
      jobs.get(message.job)?.abort()
      break
    case 'dispose':
      for (const c of jobs.values()) c.abort()
      void (async () => {
        await session?.release()
        session = null
        post({ type: 'disposed' })
      })()
      break
  }
}

if (!isOrtThread) scope.onmessage = handle
