import { execFile } from 'node:child_process'
import { mkdtemp, rm, truncate } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { requireTool } from '../ffmpegPaths'
import type { DecodedFrame } from '../types'

/*
 * Test and bench fixtures: clips generated with ffmpeg at test time (never committed), each frame
 * stamped with its frame number as a row of black/white blocks that survive lossy coding and can
 * be read back from decoded RGBA without OCR.
 */

const run = promisify(execFile)

/** Bits in the frame counter: clips up to 1,023 frames. */
export const COUNTER_BITS = 10
/** Stored size of generated clips, in pixels. Blocks are 32x40 px along the top edge. */
export const CLIP_WIDTH = 320
export const CLIP_HEIGHT = 240
const BLOCK_W = CLIP_WIDTH / COUNTER_BITS
const BLOCK_H = 40

/** The repo root, so tests find ../shared/data whatever the working directory. */
export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../..')
/** The shared real footage, if this machine has it. */
export const sharedFootageDir = resolve(repoRoot, '../shared/data/footage')

export async function makeTempDir(prefix = 'toonmo-media-'): Promise<{
  dir: string
  cleanup: () => Promise<void>
}> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/** Runs ffmpeg quietly; rejects with its stderr when it fails. */
export async function ffmpeg(args: string[]): Promise<void> {
  await run(requireTool('ffmpeg'), ['-hide_banner', '-v', 'error', '-y', ...args], {
    maxBuffer: 16 * 1024 * 1024,
  })
}

/** drawbox filters that stamp frame number `n` as COUNTER_BITS blocks, bit 0 on the left. */
export function counterFilter(): string {
  const boxes = [`drawbox=x=0:y=0:w=${CLIP_WIDTH}:h=${BLOCK_H}:color=black:t=fill`]
  for (let bit = 0; bit < COUNTER_BITS; bit++) {
    boxes.push(
      `drawbox=x=${bit * BLOCK_W}:y=0:w=${BLOCK_W}:h=${BLOCK_H}:color=white:t=fill:` +
        `enable='mod(floor(n/${2 ** bit}),2)'`,
    )
  }
  return boxes.join(',')
}

export interface CounterClipOptions {
  frames: number
  fps?: number
  /** Encoder and muxer arguments, e.g. ['-c:v', 'libx264']. */
  codecArgs: string[]
  /** Filters after the counter (setpts for VFR, format for 10-bit). */
  afterFilters?: string[]
  /** Add a 440 Hz tone as a second stream. */
  audio?: boolean
  size?: { width: number; height: number }
}

/** Encodes a testsrc2 clip whose frame N shows counter N. */
export async function makeCounterClip(path: string, options: CounterClipOptions): Promise<string> {
  const fps = options.fps ?? 25
  const w = options.size?.width ?? CLIP_WIDTH
  const h = options.size?.height ?? CLIP_HEIGHT
  const filters = [counterFilter(), ...(options.afterFilters ?? [])].join(',')
  const args = ['-f', 'lavfi', '-i', `testsrc2=s=${w}x${h}:r=${fps}`]
  if (options.audio) args.push('-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000')
  args.push('-vf', filters, '-frames:v', String(options.frames))
  if (options.audio) args.push('-shortest')
  args.push(...options.codecArgs, path)
  await ffmpeg(args)
  return path
}

/** Mean luminance (0-255) of a 3x3 patch of an RGBA frame around (x, y). */
function lumaAt(frame: DecodedFrame, x: number, y: number): number {
  let sum = 0
  let n = 0
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const px = Math.min(frame.width - 1, Math.max(0, Math.round(x) + dx))
      const py = Math.min(frame.height - 1, Math.max(0, Math.round(y) + dy))
      const i = (py * frame.width + px) * 4
      sum +=
        0.299 * (frame.rgba[i] ?? 0) +
        0.587 * (frame.rgba[i + 1] ?? 0) +
        0.114 * (frame.rgba[i + 2] ?? 0)
      n++
    }
  }
  return sum / n
}

/**
 * Where a point of the stored (pre-rotation) picture lands in the upright picture, for a display
 * rotation in degrees clockwise. Sizes are the stored picture's.
 */
export function storedToUpright(
  x: number,
  y: number,
  rotation: number,
  stored: { width: number; height: number },
): [number, number] {
  switch (rotation) {
    case 90:
      return [stored.height - y, x]
    case 180:
      return [stored.width - x, stored.height - y]
    case 270:
      return [y, stored.width - x]
    default:
      return [x, y]
  }
}

/**
 * Reads the frame counter back from a decoded upright frame of a clip made by makeCounterClip,
 * whose stored picture was `stored` and is shown rotated `rotation` degrees clockwise.
 */
export function readCounter(
  frame: DecodedFrame,
  rotation = 0,
  stored = { width: CLIP_WIDTH, height: CLIP_HEIGHT },
): number {
  const quarter = rotation === 90 || rotation === 270
  const uprightW = quarter ? stored.height : stored.width
  const scale = frame.width / uprightW
  let value = 0
  for (let bit = 0; bit < COUNTER_BITS; bit++) {
    const [ux, uy] = storedToUpright((bit + 0.5) * BLOCK_W, BLOCK_H / 2, rotation, stored)
    if (lumaAt(frame, ux * scale, uy * scale) > 128) value |= 1 << bit
  }
  return value
}

/**
 * A copy of `source` cut off after `bytes`, the way a failed copy or a full card leaves a phone
 * clip: remuxed with its index first (as phones write it), then truncated.
 */
export async function copyCutShort(source: string, out: string, bytes: number): Promise<string> {
  await ffmpeg(['-i', source, '-c', 'copy', '-movflags', '+faststart', out])
  await truncate(out, bytes)
  return out
}
