import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { requireTool } from '../media'
import type { DecodedFrame } from '../media'
import { runBelowNormal } from '../processPriority'
import { rgbaToJpegArgs } from './previewJpeg'

/** An ffmpeg writing the RGBA frames it is given as preview JPEGs, one file a frame. */
export interface JpegWriter {
  /** Queues a frame; resolves when ffmpeg can take more (backpressure). */
  write(frame: DecodedFrame): Promise<void>
  /** No more frames: resolves once every file is written, rejects if ffmpeg failed. */
  finish(): Promise<void>
  /** Stops at once (a cancel, an error elsewhere); files being written may be left cut short. */
  kill(): void
}

/**
 * Starts an encoder writing frames of this size into `folder` as previewFrameFile names, the
 * first numbered `firstIndex`. Below normal priority when `background` (the build), at normal
 * priority otherwise (frames the animator is waiting for).
 */
export function startJpegWriter(
  folder: string,
  size: { width: number; height: number },
  options: { firstIndex?: number; background?: boolean } = {},
): JpegWriter {
  const encoder = spawn(
    requireTool('ffmpeg'),
    [
      ...rgbaToJpegArgs(size.width, size.height),
      '-start_number',
      String(options.firstIndex ?? 0),
      join(folder, '%06d.jpg'),
    ],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  )
  if (options.background) runBelowNormal(encoder.pid)
  let stderr = ''
  encoder.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  // If ffmpeg dies, writing to it fails with EPIPE; that error is reported by its exit below,
  // and must never surface as an unhandled 'error' event that ends the process.
  encoder.stdin.on('error', () => undefined)
  const done = new Promise<void>((resolve, reject) => {
    encoder.once('error', reject)
    encoder.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`encoding preview frames failed: ${stderr.trim()}`)),
    )
  })
  // Awaited by finish(); a kill before that must not become an unhandled rejection.
  done.catch(() => undefined)
  return {
    async write(frame) {
      // An encoder that dies never drains: its exit (an error) ends the wait instead.
      if (!encoder.stdin.write(frame.rgba))
        await Promise.race([new Promise((resolve) => encoder.stdin.once('drain', resolve)), done])
    },
    finish() {
      encoder.stdin.end()
      return done
    },
    kill() {
      encoder.kill('SIGKILL')
    },
  }
}
