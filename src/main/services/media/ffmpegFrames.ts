import { spawn } from 'node:child_process'
import type { ChildProcessByStdio } from 'node:child_process'
import type { Readable } from 'node:stream'
import { requireTool } from './ffmpegPaths'
import { runBelowNormal } from '../processPriority'
import type { TimeBase } from './frameTiming'

/** One frame as ffmpeg wrote it: RGBA bytes and the stream timestamp showinfo logged for it. */
export interface RawFrame {
  rgba: Uint8Array
  /** Presentation timestamp in ticks of `timeBase`; undefined where ffmpeg had none. */
  pts: number | undefined
  timeBase: TimeBase | undefined
}

export interface FfmpegExit {
  code: number | null
  /** Lines ffmpeg logged at error level or worse (damaged data, missing decoder). */
  errors: string[]
  /** The last lines of the whole log, for messages when nothing else explains a failure. */
  tail: string[]
  /** Bytes of a frame left incomplete when the output ended. */
  leftoverBytes: number
}

const showinfoFrame = /\] \[info\] n:\s*\d+\s+pts:\s*(-?\d+|NOPTS)/
const showinfoTimeBase = /\] \[info\] config in time_base:\s*(\d+)\/(\d+)/
const errorLevel = /\[(error|fatal|panic)\]/

/**
 * Waits for values that arrive on another stream (stderr) in the order frames arrive on stdout.
 * Both come from the same ffmpeg in the same order; showinfo logs a frame before it is written.
 */
class ArrivalQueue<T> {
  private items: T[] = []
  private waiters: ((value: T | undefined) => void)[] = []
  private closed = false

  push(value: T): void {
    const waiter = this.waiters.shift()
    if (waiter) waiter(value)
    else this.items.push(value)
  }

  close(): void {
    this.closed = true
    for (const waiter of this.waiters.splice(0)) waiter(undefined)
  }

  next(): Promise<T | undefined> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift())
    if (this.closed) return Promise.resolve(undefined)
    return new Promise((resolve) => this.waiters.push(resolve))
  }
}

/**
 * A running ffmpeg that writes raw RGBA frames of a fixed size to stdout. Reading is pull-based:
 * `frames()` reads stdout only as fast as its consumer asks, so a slow consumer pauses the pipe and
 * ffmpeg blocks instead of piling frames up in memory. Only one frame plus the pipe buffers is ever
 * in flight.
 */
export class FfmpegFrameReader {
  private readonly child: ChildProcessByStdio<null, Readable, Readable>
  private readonly timestamps = new ArrivalQueue<{
    pts: number | undefined
    timeBase: TimeBase | undefined
  }>()
  private readonly errors: string[] = []
  private readonly tail: string[] = []
  private timeBase: TimeBase | undefined
  private leftoverBytes = 0
  private killed = false
  private readonly exited: Promise<number | null>

  constructor(
    args: string[],
    private readonly frameBytes: number,
    background = false,
  ) {
    this.child = spawn(requireTool('ffmpeg'), args, { stdio: ['ignore', 'pipe', 'pipe'] })
    if (background) runBelowNormal(this.child.pid)
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code) => resolve(code))
      this.child.on('error', (error) => {
        this.errors.push(error.message)
        resolve(null)
      })
    })
    let pending = ''
    this.child.stderr.setEncoding('utf8')
    this.child.stderr.on('data', (text: string) => {
      pending += text
      let newline: number
      while ((newline = pending.indexOf('\n')) >= 0) {
        this.onLogLine(pending.slice(0, newline))
        pending = pending.slice(newline + 1)
      }
    })
    this.child.stderr.on('end', () => {
      if (pending) this.onLogLine(pending)
      this.timestamps.close()
    })
  }

  private onLogLine(line: string): void {
    const frame = showinfoFrame.exec(line)
    if (frame) {
      const pts = frame[1] === 'NOPTS' ? undefined : Number(frame[1])
      this.timestamps.push({ pts, timeBase: this.timeBase })
      return
    }
    const tb = showinfoTimeBase.exec(line)
    if (tb) {
      this.timeBase = { num: Number(tb[1]), den: Number(tb[2]) }
      return
    }
    if (line.includes('Parsed_showinfo')) return
    if (errorLevel.test(line)) this.errors.push(line.replace(/\[(error|fatal|panic)\]\s*/, ''))
    this.tail.push(line)
    if (this.tail.length > 20) this.tail.shift()
  }

  /** Yields frames in output order; ends when ffmpeg's output ends. */
  async *frames(): AsyncGenerator<RawFrame> {
    try {
      yield* this.assemble()
    } catch (error) {
      // kill() destroys stdout under a pending read ("Premature close"): that is the cancel.
      if (!this.killed) throw error
    }
  }

  private async *assemble(): AsyncGenerator<RawFrame> {
    let buffer = new Uint8Array(this.frameBytes)
    let filled = 0
    for await (const chunk of this.child.stdout as AsyncIterable<Buffer>) {
      let offset = 0
      while (offset < chunk.length) {
        const n = Math.min(this.frameBytes - filled, chunk.length - offset)
        buffer.set(chunk.subarray(offset, offset + n), filled)
        filled += n
        offset += n
        if (filled === this.frameBytes) {
          const stamp = await this.timestamps.next()
          yield { rgba: buffer, pts: stamp?.pts, timeBase: stamp?.timeBase }
          buffer = new Uint8Array(this.frameBytes)
          filled = 0
        }
      }
    }
    this.leftoverBytes = filled
  }

  /** Stops ffmpeg now (cancel, or the range is done). Safe to call more than once. */
  kill(): void {
    this.killed = true
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL')
    // Unread output would keep the pipe open and 'close' from ever firing.
    this.child.stdout.destroy()
  }

  /** Waits for ffmpeg to exit; `code` is null when it was killed. */
  async exit(): Promise<FfmpegExit> {
    const code = await this.exited
    return { code, errors: this.errors, tail: this.tail, leftoverBytes: this.leftoverBytes }
  }
}
