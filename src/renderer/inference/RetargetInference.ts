import type { Track } from '../../core/motion/track'
import type { ModelNormalisation } from '../../core/retarget/modelCard'
import { parseModelCard } from '../../core/retarget/modelCard'
import type { RetargetView } from '../../core/retarget/retarget'
import type { FromRetargetWorker, InferenceBackend, ToRetargetWorker } from './retargetProtocol'

/** A failure reported by the worker; `code` is core's RetargetError code, or 'internal'. */
export class RetargetInferenceError extends Error {
  override name = 'RetargetInferenceError'
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export interface RetargetInferenceOptions {
  /**
   * URL of models/retarget.onnx as the page can fetch it; leave out (with cardUrl) for an engine
   * that only does same-view retargeting, which needs no model.
   */
  modelUrl?: string
  /** URL of models/retarget.card.json (normalisation statistics). */
  cardUrl?: string
  /** Where onnxruntime-web's .wasm/.mjs files are served, when not beside its bundled script. */
  wasmPaths?: string
  /** Force WebAssembly even where WebGPU exists. */
  prefer?: InferenceBackend
  /** Only for tests: a worker made elsewhere (default: the bundled retargetWorker). */
  worker?: Worker
}

export interface RetargetJobOptions {
  signal?: AbortSignal
  /** Network windows done out of total (view changes only). */
  onProgress?: (done: number, total: number) => void
}

interface Pending {
  resolve: (track: Track) => void
  reject: (error: Error) => void
  onProgress?: (done: number, total: number) => void
}

/**
 * The retargeting engine for the UI: a Web Worker that holds the ONNX session and runs whole
 * retarget jobs, so neither inference nor pre/post-processing ever runs on the UI thread.
 *
 *   const engine = await RetargetInference.create({ modelUrl, cardUrl })
 *   const out = await engine.retarget(track, skeletonDoc, 90, { signal, onProgress })
 *   engine.dispose()
 *
 * `--view source` jobs need no model; they run in the same worker for the same reason.
 */
export class RetargetInference {
  private nextJob = 1
  private readonly pending = new Map<number, Pending>()
  private loadWaiter: { resolve: () => void; reject: (e: Error) => void } | null = null

  private constructor(
    private readonly worker: Worker,
    /** The execution provider in use, known after create(). */
    public backend: InferenceBackend = 'wasm',
    /** wasm threads (1 unless the page is cross-origin isolated). */
    public threads = 1,
    /** Milliseconds the worker took to create the session. */
    public loadMs = 0,
  ) {
    worker.onmessage = (event: MessageEvent<FromRetargetWorker>) => this.receive(event.data)
    worker.onerror = (event) =>
      this.failAll(
        new RetargetInferenceError('internal', `the retarget worker crashed: ${event.message}`),
      )
  }

  /** Starts the worker and loads the model into it; resolves once it can run. */
  static async create(options: RetargetInferenceOptions): Promise<RetargetInference> {
    const worker =
      options.worker ??
      new Worker(new URL('./retargetWorker.ts', import.meta.url), { type: 'module' })
    const engine = new RetargetInference(worker)
    if (!options.modelUrl || !options.cardUrl) return engine
    const [modelResponse, cardResponse] = await Promise.all([
      fetch(options.modelUrl),
      fetch(options.cardUrl),
    ])
    if (!modelResponse.ok || !cardResponse.ok) {
      const bad = modelResponse.ok ? options.cardUrl : options.modelUrl
      const status = modelResponse.ok ? cardResponse.status : modelResponse.status
      engine.dispose()
      throw new RetargetInferenceError('noModel', `cannot fetch ${bad}: HTTP ${status}`)
    }
    const norm: ModelNormalisation = parseModelCard(await cardResponse.json())
    const model = await modelResponse.arrayBuffer()
    await new Promise<void>((resolve, reject) => {
      engine.loadWaiter = { resolve, reject }
      engine.post(
        {
          type: 'load',
          model,
          norm,
          ...(options.wasmPaths ? { wasmPaths: options.wasmPaths } : {}),
          ...(options.prefer ? { prefer: options.prefer } : {}),
        },
        [model],
      )
    })
    return engine
  }

  /**
   * Retargets a track (body15 or mediapipe33) onto a toonmo.skeleton document, in the source's
   * view or at a yaw in degrees. Rejects with RetargetInferenceError (code 'cancelled' when the
   * signal fires, 'tooShort', 'noPerson', 'badSkeleton', ...).
   */
  retarget(
    track: Track,
    skeleton: unknown,
    view: RetargetView,
    options: RetargetJobOptions = {},
  ): Promise<Track> {
    const job = this.nextJob++
    return new Promise<Track>((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(new RetargetInferenceError('cancelled', 'retargeting was cancelled'))
        return
      }
      this.pending.set(job, {
        resolve,
        reject,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      })
      options.signal?.addEventListener('abort', () => this.post({ type: 'cancel', job }), {
        once: true,
      })
      this.post({ type: 'retarget', job, track, skeleton, view })
    })
  }

  /** Releases the session and ends the worker; pending jobs are rejected as cancelled. */
  dispose(): void {
    this.post({ type: 'dispose' })
    this.failAll(new RetargetInferenceError('cancelled', 'the retarget engine was disposed'))
    // Give the worker a moment to release GPU/wasm memory before it is terminated.
    setTimeout(() => this.worker.terminate(), 1000)
  }

  private post(message: ToRetargetWorker, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer)
  }

  private receive(message: FromRetargetWorker): void {
    switch (message.type) {
      case 'loaded':
        this.backend = message.backend
        this.threads = message.threads
        this.loadMs = message.loadMs
        this.loadWaiter?.resolve()
        this.loadWaiter = null
        break
      case 'progress':
        this.pending.get(message.job)?.onProgress?.(message.done, message.total)
        break
      case 'done':
        this.pending.get(message.job)?.resolve(message.track)
        this.pending.delete(message.job)
        break
      case 'error': {
        const error = new RetargetInferenceError(message.code, message.message)
        if (message.job === null) {
          this.loadWaiter?.reject(error)
          this.loadWaiter = null
        } else {
          this.pending.get(message.job)?.reject(error)
          this.pending.delete(message.job)
        }
        break
      }
      case 'disposed':
        this.worker.terminate()
        break
    }
  }

  private failAll(error: Error): void {
    this.loadWaiter?.reject(error)
    this.loadWaiter = null
    for (const p of this.pending.values()) p.reject(error)
    this.pending.clear()
  }
}
