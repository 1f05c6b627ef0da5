import type { WireReady, WireResult } from '../../../core/keypoints/detectorProtocol'
import type { DecodedFrame } from '../media/types'

/** Thrown when a detection run is cancelled; frames already detected are kept. */
export class DetectionCancelled extends Error {
  override name = 'DetectionCancelled'
  constructor() {
    super('detection was cancelled')
  }
}

/**
 * The host side of the detector protocol, shared by every transport (HTTP for headless Chromium,
 * a MessagePort for Electron's hidden window). The page pulls frames one at a time, so the
 * decoder runs ahead only as far as the page asked: backpressure without buffering a clip.
 */
export class FrameFeed {
  private readonly iterator: AsyncIterator<DecodedFrame>
  private sent = 0
  private received = 0
  private ended = false
  private pulling: Promise<DecodedFrame | null> | undefined
  private settle!: { resolve: () => void; reject: (e: Error) => void }
  /** Resolves when every frame was detected; rejects on a page error or cancel. */
  readonly done: Promise<void>
  ready: WireReady | undefined

  constructor(
    frames: AsyncIterable<DecodedFrame>,
    private readonly callbacks: {
      onResult: (result: WireResult) => void
      onReady?: (info: WireReady) => void
    },
    private readonly signal?: AbortSignal,
  ) {
    this.iterator = frames[Symbol.asyncIterator]()
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }))
    this.done.catch(() => undefined)
    signal?.addEventListener('abort', () => this.fail(new DetectionCancelled()), { once: true })
    // A cancel that came while the host was still setting up sends no event any more.
    if (signal?.aborted) this.fail(new DetectionCancelled())
  }

  /** The next frame for the page, or null at the end. Pulls are serialised. */
  pull(): Promise<DecodedFrame | null> {
    const previous = this.pulling ?? Promise.resolve(null)
    const next = previous.then(() => this.pullOne())
    this.pulling = next.catch(() => null)
    return next
  }

  private async pullOne(): Promise<DecodedFrame | null> {
    if (this.ended || this.signal?.aborted) return null
    try {
      const step = await this.iterator.next()
      if (step.done) {
        this.ended = true
        this.checkDone()
        return null
      }
      this.sent++
      return step.value
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)))
      throw error
    }
  }

  /** A result from the page; results arrive in frame order. */
  result(result: WireResult): void {
    this.received++
    this.callbacks.onResult(result)
    this.checkDone()
  }

  markReady(info: WireReady): void {
    this.ready = info
    this.callbacks.onReady?.(info)
  }

  /** The page (or the transport) failed. */
  fail(error: Error): void {
    this.ended = true
    this.settle.reject(error)
    void this.iterator.return?.()
  }

  private checkDone(): void {
    if (this.ended && this.received >= this.sent) this.settle.resolve()
  }
}
