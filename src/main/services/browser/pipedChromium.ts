import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { findBrowser, headlessChromiumArgs, noBrowserMessage } from './findBrowser'

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
  private stderr = ''
  private closing = false
  private readonly input: Writable
  /** Settles when the browser exits, with why. */
  readonly exited: Promise<string>

  private constructor(
    private readonly proc: ChildProcess,
    private readonly profileDir: string,
    path: string,
  ) {
    const input = proc.stdio[3] as Writable
    const output = proc.stdio[4] as Readable
    this.input = input
    proc.stderr?.on(
      'data',
      (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)),
    )
    let partial: Buffer[] = []
    output.on('data', (chunk: Buffer) => {
      let start = 0
      for (let end = chunk.indexOf(0); end >= 0; end = chunk.indexOf(0, start)) {
        partial.push(chunk.subarray(start, end))
        this.dispatch(Buffer.concat(partial).toString('utf8'))
        partial = []
        start = end + 1
      }
      if (start < chunk.length) partial.push(chunk.subarray(start))
    })
    input.on('error', () => undefined)
    this.exited = new Promise<string>((resolve) => {
      proc.on('error', (error) => resolve(`could not start ${path}: ${error.message}`))
      proc.on('close', (code, signal) => {
        rmSync(profileDir, { recursive: true, force: true })
        const why = this.closing
          ? 'closed'
          : `Chromium exited (${signal ?? `code ${code}`}): ${this.stderrTail()}`
        for (const p of this.pending.values()) p.reject(new Error(`${p.method}: ${why}`))
        this.pending.clear()
        resolve(why)
      })
    })
  }

  /** Starts the machine's Chromium headless (see findBrowser) and waits until DevTools answers. */
  static async launch(extraArgs: string[] = [], timeoutMs = 60_000): Promise<PipedChromium> {
    const browser = findBrowser()
    if (!browser) throw new Error(noBrowserMessage)
    if (browser.isElectron) {
      throw new Error(
        `Only an Electron binary was found (${browser.path}); this needs a Chromium. ${noBrowserMessage}`,
      )
    }
    const profileDir = mkdtempSync(join(tmpdir(), 'toonmo-chromium-'))
    const proc = spawn(
      browser.path,
      [
        ...headlessChromiumArgs,
        `--user-data-dir=${profileDir}`,
        '--remote-debugging-pipe',
        ...extraArgs,
        'about:blank',
      ],
      // Its own process group: Ctrl-C in a terminal is ours to handle (cancel cleanly, keep the
      // frames done), not the browser's.
      {
        stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
      },
    )
    const chromium = new PipedChromium(proc, profileDir, browser.path)
    const killOnExit = (): void => killGroup(proc)
    process.once('exit', killOnExit)
    void chromium.exited.then(() => process.removeListener('exit', killOnExit))
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
        `Could not start ${browser.path}: ${error instanceof Error ? error.message : String(error)}`,
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
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) {
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
    return this.stderr.trim().split('\n').slice(-3).join(' | ')
  }

  async close(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) {
      await this.exited
      return
    }
    this.closing = true
    // A throwaway profile and no page worth keeping: nothing to shut down gracefully. The whole
    // process group goes, so no helper process outlives the browser.
    killGroup(this.proc)
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

function killGroup(proc: ChildProcess): void {
  try {
    if (proc.pid) process.kill(-proc.pid, 'SIGKILL')
  } catch {
    proc.kill('SIGKILL')
  }
}
