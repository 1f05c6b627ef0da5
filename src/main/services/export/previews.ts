import { spawn } from 'node:child_process'
import type { ChildProcessByStdio } from 'node:child_process'
import type { Readable, Writable } from 'node:stream'
import { extname } from 'node:path'
import { requireTool } from '../media/ffmpegPaths'
import { keepStderrTail } from '../stderrTail'
import type { StderrTail } from '../stderrTail'

export type PreviewFormat = 'gif' | 'mp4' | 'webm'

/** The footage to show beside the rig, from `start` seconds on. */
export interface SideBySide {
  path: string
  start: number
}

export interface PreviewOptions {
  /** Where ffmpeg writes (a temporary name; the caller renames it). */
  file: string
  format: PreviewFormat
  width: number
  height: number
  fps: number
  /** Colour behind the rig where it is transparent, '#rrggbb'. GIF keeps transparency if null. */
  background: string | null
  footage?: SideBySide
  /** Frames that will be written, for the footage's duration. */
  frameCount: number
}

/** The preview format for a file name, or undefined if the extension is not one we write. */
export function previewFormatFor(path: string): PreviewFormat | undefined {
  const ext = extname(path).toLowerCase()
  return ext === '.gif' ? 'gif' : ext === '.mp4' ? 'mp4' : ext === '.webm' ? 'webm' : undefined
}

function filterGraph(o: PreviewOptions): string {
  const bg = (o.background ?? '#ffffff').replace('#', '0x')
  const keepAlpha = o.format === 'gif' && o.background === null && !o.footage
  const parts: string[] = []
  let rig = '[0:v]'
  if (!keepAlpha) {
    parts.push(
      `color=c=${bg}:s=${o.width}x${o.height}:r=${o.fps}[bg]`,
      `[bg][0:v]overlay=shortest=1:format=auto[rig]`,
    )
    rig = '[rig]'
  }
  let out = rig
  if (o.footage) {
    parts.push(
      `[1:v]fps=${o.fps},scale=-2:${o.height},setsar=1[foot]`,
      `[foot]${rig}hstack=inputs=2[both]`,
    )
    out = '[both]'
  }
  if (o.format === 'gif') {
    parts.push(
      `${out}split[a][b]`,
      `[a]palettegen=reserve_transparent=${keepAlpha ? 1 : 0}:stats_mode=diff[p]`,
      `[b][p]paletteuse=dither=bayer:bayer_scale=3${keepAlpha ? ':alpha_threshold=128' : ''}[out]`,
    )
  } else {
    // H.264 and VP9 in yuv420p need even sides.
    parts.push(`${out}pad=ceil(iw/2)*2:ceil(ih/2)*2,format=yuv420p[out]`)
  }
  return parts.join(';')
}

/**
 * An ffmpeg process turning straight-alpha RGBA frames (written in order with `write`) into an
 * animated GIF (one palette for the clip, transparency kept when there is no background), an
 * H.264 MP4 or a VP9 WebM, optionally with the footage beside the rig at the same height.
 */
export class PreviewEncoder {
  private readonly proc: ChildProcessByStdio<Writable, null, Readable>
  private readonly stderr: StderrTail
  private readonly exited: Promise<number | null>

  constructor(private readonly options: PreviewOptions) {
    const o = options
    const args = ['-hide_banner', '-loglevel', 'error', '-y']
    args.push(
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      '-s',
      `${o.width}x${o.height}`,
      '-r',
      String(o.fps),
      '-i',
      'pipe:0',
    )
    if (o.footage) {
      args.push(
        '-ss',
        String(o.footage.start),
        '-t',
        String(o.frameCount / o.fps),
        '-i',
        o.footage.path,
      )
    }
    args.push('-filter_complex', filterGraph(o), '-map', '[out]', '-an')
    if (o.format === 'gif') args.push('-loop', '0', '-f', 'gif')
    else if (o.format === 'mp4')
      args.push(
        '-c:v',
        'libx264',
        '-preset',
        'veryfast',
        '-crf',
        '20',
        '-movflags',
        '+faststart',
        '-f',
        'mp4',
      )
    else
      args.push(
        '-c:v',
        'libvpx-vp9',
        '-deadline',
        'realtime',
        '-cpu-used',
        '8',
        '-b:v',
        '0',
        '-crf',
        '32',
        '-f',
        'webm',
      )
    args.push(o.file)
    this.proc = spawn(requireTool('ffmpeg'), args, { stdio: ['pipe', 'ignore', 'pipe'] })
    this.stderr = keepStderrTail(this.proc.stderr)
    this.proc.stdin.on('error', () => undefined)
    this.exited = new Promise((resolve, reject) => {
      this.proc.on('error', reject)
      this.proc.on('close', resolve)
    })
  }

  /** Writes the next frame, waiting when ffmpeg is behind (backpressure). */
  async write(rgba: Uint8Array): Promise<void> {
    if (!this.proc.stdin.write(rgba)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => {
          this.proc.off('close', onClose)
          resolve()
        }
        const onClose = () => {
          this.proc.stdin.off('drain', onDrain)
          reject(
            new Error(
              `ffmpeg stopped while writing the ${this.options.format} preview: ${this.stderr.text()}`,
            ),
          )
        }
        this.proc.stdin.once('drain', onDrain)
        this.proc.once('close', onClose)
      })
    }
  }

  /** Ends the input and waits for ffmpeg to finish the file. */
  async finish(): Promise<void> {
    this.proc.stdin.end()
    const code = await this.exited
    if (code !== 0)
      throw new Error(
        `ffmpeg could not write the ${this.options.format} preview (exit ${code}): ${this.stderr.text()}`,
      )
  }

  /** Stops ffmpeg (on failure or cancel). */
  async abort(): Promise<void> {
    this.proc.stdin.destroy()
    this.proc.kill('SIGKILL')
    await this.exited.catch(() => undefined)
  }
}
