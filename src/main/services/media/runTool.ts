import { spawn } from 'node:child_process'
import { requireTool } from './ffmpegPaths'

export interface ToolOutput {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs ffmpeg or ffprobe to completion and captures its output (for short, bounded outputs such as
 * ffprobe JSON; decoding streams instead, see decodeFrames). Aborting kills the process.
 */
export function runTool(
  tool: 'ffmpeg' | 'ffprobe',
  args: string[],
  signal?: AbortSignal,
): Promise<ToolOutput> {
  const bin = requireTool(tool)
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (c: Buffer) => out.push(c))
    child.stderr.on('data', (c: Buffer) => err.push(c))
    const onAbort = (): void => {
      child.kill('SIGKILL')
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    child.on('error', (e) => {
      signal?.removeEventListener('abort', onAbort)
      reject(e)
    })
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort)
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      })
    })
  })
}
