import { basename, extname, resolve } from 'node:path'
import type { FrameRange } from '../../core/export/atlas/frameSelection'
import { ATLAS_MAX_SIDES } from '../../core/export/atlas/packAtlases'
import type {
  ExportProgress,
  ExportRequest,
  ExportResult,
} from '../../main/services/export/exportAnimation'
import { exportAnimation, MAX_FRAME_SIDE } from '../../main/services/export/exportAnimation'
import type { AnimationInput, PipelineProgress } from '../../main/services/export/animationSources'
import { readAnimationInput } from '../../main/services/export/animationSources'
import { resolveRig } from '../../main/services/rigs/rigFiles'
import type { ParsedArgs } from '../args'
import { optionString, parseArgs } from '../args'
import type { CliCommand, CliIo } from '../command'
import { UsageError } from '../command'

/**
 * A one-line progress bar on stderr: redrawn in place on a terminal, a line per stage (and per
 * tenth of it) otherwise, so logs stay short.
 */
export function terminalProgress(io: CliIo): {
  update(label: string, done: number, total: number, etaSec?: number): void
  end(): void
} {
  let lastLabel = ''
  let lastTenth = -1
  let drawn = false
  return {
    update(label, done, total, etaSec) {
      const fraction = total > 0 ? Math.min(1, done / total) : 0
      if (io.isTty) {
        const width = 28
        const filled = Math.round(fraction * width)
        const eta = etaSec !== undefined && done < total ? ` ETA ${Math.ceil(etaSec)} s` : ''
        io.err(
          `\r${label.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${eta}\x1b[K`,
        )
        drawn = true
        return
      }
      const tenth = Math.floor(fraction * 10)
      if (label !== lastLabel || tenth !== lastTenth) {
        io.err(`${label}: ${done}/${total}\n`)
        lastLabel = label
        lastTenth = tenth
      }
    },
    end() {
      if (drawn) io.err('\n')
      drawn = false
    },
  }
}

/** Parses WxH (e.g. 256x256) with a message that says what is allowed. */
export function parseSize(text: string): { width: number; height: number } {
  const m = /^(\d+)x(\d+)$/i.exec(text.trim())
  const w = m ? Number(m[1]) : NaN
  const h = m ? Number(m[2]) : NaN
  if (!m || w < 1 || h < 1 || w > MAX_FRAME_SIDE || h > MAX_FRAME_SIDE) {
    throw new UsageError(
      `--size must be WIDTHxHEIGHT in pixels, each from 1 to ${MAX_FRAME_SIDE} (e.g. 256x256), got "${text}"`,
    )
  }
  return { width: w, height: h }
}

function numberOption(
  parsed: ParsedArgs,
  name: string,
  min: number,
  max: number,
  integer = false,
): number | undefined {
  const text = optionString(parsed, name)
  if (text === undefined) return undefined
  const v = Number(text)
  if (
    text.trim() === '' ||
    !Number.isFinite(v) ||
    v < min ||
    v > max ||
    (integer && !Number.isInteger(v))
  ) {
    throw new UsageError(
      `--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${text}"`,
    )
  }
  return v
}

/** `--frames A-B` (inclusive, as the timeline shows them) to a range with an exclusive end. */
function parseFrames(text: string | undefined): FrameRange | undefined {
  if (text === undefined) return undefined
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim())
  if (!m)
    throw new UsageError(
      `--frames must be FIRST-LAST (inclusive frame numbers, e.g. 0-59), got "${text}"`,
    )
  const start = Number(m[1])
  const last = m[2] === undefined ? start : Number(m[2])
  return { start, end: last + 1 }
}

function parseBackground(text: string | undefined): string | null | undefined {
  if (text === undefined) return undefined
  if (text === 'transparent' || text === 'none') return null
  const hex = text.startsWith('#') ? text : `#${text}`
  if (!/^#[0-9a-f]{6}$/i.test(hex))
    throw new UsageError(`--background must be transparent or #rrggbb, got "${text}"`)
  return hex.toLowerCase()
}

export const exportOptions = {
  flags: ['pot', 'no-trim'],
  options: [
    'rig',
    'sprite-sheet',
    'json',
    'bvh',
    'gif',
    'video',
    'fps',
    'size',
    'scale',
    'background',
    'frames',
    'layout',
    'max-side',
    'padding',
    'extrude',
    'footage',
    'name',
  ],
}

/** The export settings shared by `export`, `run` and `demo`, from the command line. */
export function exportSettings(
  parsed: ParsedArgs,
  project?: AnimationInput['project'],
): Omit<ExportRequest, 'rig' | 'animation'> {
  const p = project?.export
  const size = optionString(parsed, 'size')
  const { width, height } = size ? parseSize(size) : (p?.frameSize ?? { width: 256, height: 256 })
  const layout = optionString(parsed, 'layout') ?? 'hash'
  if (layout !== 'hash' && layout !== 'array')
    throw new UsageError(`--layout must be hash or array, got "${layout}"`)
  const maxSide = numberOption(parsed, 'max-side', 1, 8192, true) ?? p?.maxAtlasSide ?? 4096
  if (!(ATLAS_MAX_SIDES as readonly number[]).includes(maxSide)) {
    throw new UsageError(`--max-side must be one of ${ATLAS_MAX_SIDES.join(', ')}, got ${maxSide}`)
  }
  const prefix = optionString(parsed, 'sprite-sheet')
  const previews = [optionString(parsed, 'gif'), optionString(parsed, 'video')].filter(
    (v): v is string => !!v,
  )
  const video = optionString(parsed, 'video')
  if (video && !['.mp4', '.webm'].includes(extname(video).toLowerCase())) {
    throw new UsageError(`--video must name an .mp4 or .webm file, got "${video}"`)
  }
  const gif = optionString(parsed, 'gif')
  if (gif && extname(gif).toLowerCase() !== '.gif')
    throw new UsageError(`--gif must name a .gif file, got "${gif}"`)
  const background = parseBackground(optionString(parsed, 'background'))
  const range = parseFrames(optionString(parsed, 'frames'))
  const workRange = project?.timeline.workRange
  const request: Omit<ExportRequest, 'rig' | 'animation'> = {
    width,
    height,
    scale: numberOption(parsed, 'scale', 0.01, 100) ?? p?.scale ?? 1,
    background:
      background !== undefined
        ? background
        : p && p.background !== 'transparent'
          ? p.background
          : null,
    range: range ?? (workRange ? { start: workRange.start, end: workRange.end + 1 } : undefined),
    previews,
  }
  const fps = numberOption(parsed, 'fps', 1, 240) ?? p?.fps ?? undefined
  if (fps !== undefined) request.fps = fps
  if (prefix) {
    request.spriteSheet = {
      prefix,
      layout,
      maxSide,
      powerOfTwo: parsed.options.has('pot') || (p?.powerOfTwo ?? false),
      padding: numberOption(parsed, 'padding', 0, 64, true) ?? p?.padding ?? 2,
      extrude: numberOption(parsed, 'extrude', 0, 16, true) ?? p?.extrude ?? 1,
      trim: !parsed.options.has('no-trim'),
    }
    const name = optionString(parsed, 'name')
    if (name) request.spriteSheet.animationName = name
  }
  const json = optionString(parsed, 'json')
  if (json) request.skeletalJson = json
  const bvh = optionString(parsed, 'bvh')
  if (bvh) request.bvh = bvh
  return request
}

export const exportSettingsUsage = `  --sprite-sheet PREFIX  write PREFIX.png + PREFIX.json (TexturePacker JSON, PixiJS-ready); a
                         clip too large for one atlas goes to PREFIX-0.png/.json, PREFIX-1...
  --json OUT.json        the skeletal animation ("BVH-like JSON", docs/skeletal-json.md)
  --bvh OUT.bvh          the same animation as a Biovision .bvh
  --gif OUT.gif          an animated GIF preview
  --video OUT.mp4|.webm  an H.264 or VP9 preview
  --footage FILE         show this footage beside the rig in the previews
  --fps N                output frame rate (frames are dropped or held; default: the animation's)
  --size WxH             frame size in pixels (default 256x256; at most ${MAX_FRAME_SIDE} per side)
  --scale K              scale over fitting the whole clip into the frame (default 1)
  --background C         transparent (default) or #rrggbb
  --frames A-B           export frames A to B only (inclusive)
  --layout hash|array    TexturePacker JSON-hash (default) or JSON-array
  --max-side N           largest atlas side: ${ATLAS_MAX_SIDES.join(', ')} (default 4096)
  --pot                  power-of-two atlas sides
  --padding N            pixels between frames (default 2)
  --extrude N            edge pixels repeated around each frame (default 1)
  --no-trim              keep each frame's transparent border
  --name NAME            animation and frame-name prefix in the sprite sheet (default: the rig)`

/** Runs an export with a progress bar and prints what was written. */
export async function runExport(
  request: ExportRequest,
  io: CliIo,
  progress = terminalProgress(io),
): Promise<ExportResult> {
  const labels: Record<ExportProgress['stage'], string> = {
    render: 'render',
    pack: 'pack',
    write: 'write',
  }
  const result = await exportAnimation({
    ...request,
    onProgress: (p) => progress.update(labels[p.stage], p.done, p.total),
  })
  progress.end()
  const stages = Object.entries(result.seconds)
    .filter(([, sec]) => sec >= 0.05)
    .map(([stage, sec]) => `${stage} ${sec.toFixed(1)} s`)
  const atlases = result.atlases
    ? ` in ${result.atlases} atlas${result.atlases > 1 ? 'es' : ''}`
    : ''
  io.err(
    `exported ${result.frames} frames${atlases}${stages.length ? ` (${stages.join(', ')})` : ''}\n`,
  )
  for (const file of result.files) io.out(`${file}\n`)
  return result
}

/** Cancels on Ctrl+C; returns the signal and a cleanup function. */
export function cancelOnSigint(io: CliIo, what: string): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController()
  const onSigint = (): void => {
    io.err(`\ntoonmo: cancelling the ${what}; nothing partial is left behind...\n`)
    controller.abort()
  }
  process.once('SIGINT', onSigint)
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) }
}

/** Progress of the footage pipeline stages through the same bar. */
export function pipelineProgress(
  progress: ReturnType<typeof terminalProgress>,
): (p: PipelineProgress) => void {
  return (p) => progress.update(p.stage, p.done, p.total, p.etaSec)
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'export an animation as a sprite sheet, skeletal JSON, BVH and GIF/video previews',
  usage: `Usage: toonmo export PROJECT_OR_ANIM --rig RIG [--sprite-sheet PREFIX] [--json OUT.json]
                     [--bvh OUT.bvh] [--gif OUT.gif] [--fps N] [--size WxH] [options]

PROJECT_OR_ANIM is a skeletal animation (toonmo pose -o), a keypoint track (toonmo detect -o;
posed on RIG here) or a project (.toonmo; its export settings and work range are the defaults).
Frames are drawn with the editor's own renderer in headless Chromium. All outputs are written
together at the end, or none at all.
  --rig RIG              a bundled rig name (toonmo rigs) or a path to a rig.json
${exportSettingsUsage}`,
  async run(args, io) {
    const parsed = parseArgs(args, exportOptions)
    const [input, ...extra] = parsed.positionals
    if (!input) throw new UsageError('give the animation or project to export')
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`)
    const rigName = optionString(parsed, 'rig')
    if (!rigName)
      throw new UsageError(
        '--rig is required: a bundled rig name (toonmo rigs lists them) or a rig.json path',
      )
    // Check the options before any slow work.
    exportSettings(parsed)
    const rig = await resolveRig(rigName)
    const cancel = cancelOnSigint(io, 'export')
    const progress = terminalProgress(io)
    try {
      const source = await readAnimationInput(input, rig, {
        signal: cancel.signal,
        onProgress: pipelineProgress(progress),
      })
      const request: ExportRequest = {
        ...exportSettings(parsed, source.project),
        rig,
        animation: source.animation,
        signal: cancel.signal,
      }
      const footage = optionString(parsed, 'footage')
      if (footage) request.footage = { path: resolve(footage), start: 0 }
      if (
        !request.spriteSheet &&
        !request.skeletalJson &&
        !request.bvh &&
        !request.previews?.length
      ) {
        throw new UsageError(
          'nothing to export: give --sprite-sheet, --json, --bvh, --gif or --video',
        )
      }
      if (request.spriteSheet && !request.spriteSheet.animationName)
        request.spriteSheet.animationName =
          basename(request.spriteSheet.prefix).replace(/[^\w-]+/g, '_') || rig.rig.name
      await runExport(request, io, progress)
      return 0
    } finally {
      cancel.dispose()
    }
  },
}
