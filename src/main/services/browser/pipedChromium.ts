import type { Readable, Writable } from 'node:stream'
import type { SpawnedChromium } from './spawnChromium'
import { spawnChromium } from './spawnChromium'

/** A DevTools event; `sessionId` names the page session it came from, if any. */
export interface CdpEvent {
  method: string
  params: Record<string, unknown>
  sessionId?: string
}

interface Pending {
  resolve: (result: Record<string, unknown>) => void
  reject: (error: Error) => void
  method: string
}

/**
 * A headless Chromium spawned by this process and driven over DevTools' pipe transport
 * (--remote-debugging-pipe: NUL-separated JSON on file descriptors 3 and 4), with only the
 * domains the caller enables. Playwright enables the Network domain on every page, so each
 * request costs DevTools events in the browser and in Node; for a page that pulls a frame per
 * request that was the difference between 28 and 34 frames a second on two cores (bench/detect).
 */
export class PipedChromium {
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private readonly listeners = new Set<(event: CdpEvent) => void>()
  private readonly input: Writable
  /** Settles when the browser exits, with why. */
  readonly exited: Promise<string>

  private constructor(private readonly chromium: SpawnedChromium) {
    const proc = chromium.process
    this.input = proc.stdio[3] as Writable
    this.input.on('error', () => undefined)
    let partial: Buffer[] = []
    ;(proc.stdio[4] as Readable).on('data', (chunk: Buffer) => {
      let start = 0
      for (let end = chunk.indexOf(0); end >= 0; end = chunk.indexOf(0, start)) {
        partial.push(chunk.subarray(start, end))
        this.dispatch(Buffer.concat(partial).toString('utf8'))
        partial = []
        start = end + 1
      }
      if (start < chunk.length) partial.push(chunk.subarray(start))
    })
    this.exited = chromium.exited.then((why) => {
      for (const p of this.pending.values()) p.reject(new Error(`${p.method}: ${why}`))
      this.pending.clear()
      return why
    })
  }

  /** Starts the machine's Chromium headless (see findBrowser) and waits until DevTools answers. */
  static async launch(
    extraArgs: string[] = [],
    timeoutMs = 60_000,
    { background = false }: { background?: boolean } = {},
  ): Promise<PipedChromium> {
    const spawned = spawnChromium([...extraArgs, 'about:blank'], { devToolsPipe: true, background })
    const chromium = new PipedChromium(spawned)
    let timer: NodeJS.Timeout | undefined
    try {
      await Promise.race([
        chromium.send('Browser.getVersion'),
        chromium.exited.then((why) => Promise.reject(new Error(why))),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${timeoutMs / 1000} s`)),
            timeoutMs,
          )
        }),
      ])
    } catch (error) {
      await chromium.close()
      throw new Error(
        `Could not start ${spawned.path}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      )
    } finally {
      clearTimeout(timer)
    }
    return chromium
  }

  /** Sends a DevTools command (to a page session when `sessionId` is given). */
  send<T = Record<string, unknown>>(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const proc = this.chromium.process
      if (proc.exitCode !== null || proc.signalCode !== null) {
        reject(new Error(`${method}: the browser has exited`))
        return
      }
      this.pending.set(id, { resolve: resolve as Pending['resolve'], reject, method })
      this.input.write(`${JSON.stringify({ id, method, params, sessionId })}\0`)
    })
  }

  /** Listens to every event; returns the function that stops listening. */
  on(listener: (event: CdpEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The last lines Chromium wrote to stderr, for error messages. */
  stderrTail(): string {
    return this.chromium.stderrTail()
  }

  /** Kills the browser and its helper processes; resolves once it is gone. */
  async close(): Promise<void> {
    await this.chromium.close()
    await this.exited
  }

  private dispatch(text: string): void {
    let message: {
      id?: number
      result?: Record<string, unknown>
      error?: { message: string }
      method?: string
      params?: Record<string, unknown>
      sessionId?: string
    }
    try {
      message = JSON.parse(text) as typeof message
    } catch {
      return
    }
    if (message.id !== undefined) {
      const pending = this.pending.get(message.id)
      if (!pending) return
      this.pending.delete(message.id)
      if (message.error) pending.reject(new Error(`${pending.method}: ${message.error.message}`))
      else pending.resolve(message.result ?? {})
    } else if (message.method) {
      const event: CdpEvent = { method: message.method, params: message.params ?? {} }
      if (message.sessionId) event.sessionId = message.sessionId
      for (const listener of this.listeners) listener(event)
    }
  }
}
