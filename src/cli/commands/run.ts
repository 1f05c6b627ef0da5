import { mkdir } from 'node:fs/promises'
import { basename, extname, join, resolve } from 'node:path'
import { poseModels } from '../../core/keypoints/detectorProtocol'
import type { PoseModel } from '../../core/keypoints/detectorProtocol'
import { serializeTrack } from '../../core/motion/track'
import type { RetargetView } from '../../core/retarget/retarget'
import type { RigAnimation } from '../../core/rig/animation'
import { footageToTrack, trackToAnimation } from '../../main/services/export/animationSources'
import type { ExportRequest } from '../../main/services/export/exportAnimation'
import { writeFileAtomic } from '../../main/services/projects/atomicWrite'
import type { LoadedRig } from '../../main/services/rigs/rigFiles'
import { resolveRig } from '../../main/services/rigs/rigFiles'
import type { ParsedArgs } from '../args'
import { optionString, parseArgs } from '../args'
import type { CliCommand, CliIo } from '../command'
import { printWarning, UsageError } from '../command'
import {
  cancelOnSigint,
  exportOptions,
  exportSettings,
  pipelineProgress,
  runExport,
  terminalProgress,
} from './export'

/** `--view source|DEG` as retargeting takes it. */
export function parseView(text: string | undefined): RetargetView {
  if (text === undefined || text === 'source') return 'source'
  const deg = Number(text)
  if (text.trim() === '' || !Number.isFinite(deg) || deg < -180 || deg > 360) {
    throw new UsageError(
      `--view must be "source" or a yaw in degrees (0 faces the camera, 90 is a profile), got "${text}"`,
    )
  }
  return deg
}

/**
 * Exports everything for one animation into `dir`: the sprite sheet NAME.png + NAME.json, the
 * skeletal animation NAME.anim.json, NAME.bvh, a NAME.gif preview and a NAME.mp4 preview (with the
 * footage beside the rig where there is footage). Command-line export options still apply.
 */
export async function exportEverything(
  dir: string,
  name: string,
  rig: LoadedRig,
  animation: RigAnimation,
  parsed: ParsedArgs,
  io: CliIo,
  options: { footage?: string; signal: AbortSignal; progress: ReturnType<typeof terminalProgress> },
): Promise<void> {
  const settings = exportSettings(parsed)
  const request: ExportRequest = {
    ...settings,
    rig,
    animation,
    signal: options.signal,
    spriteSheet: settings.spriteSheet ?? {
      prefix: join(dir, name),
      animationName: name,
      padding: 2,
      extrude: 1,
    },
    skeletalJson: settings.skeletalJson ?? join(dir, `${name}.anim.json`),
    bvh: settings.bvh ?? join(dir, `${name}.bvh`),
    previews: settings.previews?.length
      ? settings.previews
      : [join(dir, `${name}.gif`), join(dir, `${name}.mp4`)],
  }
  if (options.footage) request.footage = { path: options.footage, start: 0 }
  await runExport(request, io, options.progress)
}

export const runOptions = {
  flags: exportOptions.flags,
  options: [...exportOptions.options, 'out', 'view', 'model', 'seconds'],
  aliases: { o: 'out' },
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'footage to finished exports in one go: decode, detect, retarget, pose, export',
  usage: `Usage: toonmo run FOOTAGE --rig RIG --out DIR [--view source|DEG] [options]

Runs the whole pipeline on FOOTAGE (a video, an image sequence or a still): decodes it, detects
the performer's keypoints (cached, so a second run is quick), retargets them onto RIG for the
chosen view, solves the pose, and exports everything into DIR: NAME.track.json (the detected
keypoints), NAME.png + NAME.json (sprite sheet), NAME.anim.json (skeletal JSON), NAME.bvh,
NAME.gif and NAME.mp4 (the footage beside the rig). NAME is the footage's file name.
  --rig RIG              a bundled rig name (toonmo rigs) or a path to a rig.json
  --out DIR              the folder to write into (created if missing)
  --view source|DEG      keep the performer's view (default) or retarget to a yaw in degrees
                         (0 faces the camera, 90 profile facing right; needs models/retarget.onnx)
  --model M              detection model: lite, full (default) or heavy
  --seconds S            use only the first S seconds of the footage
Any "toonmo export" option (--size, --fps, --background, --max-side, ...) applies too.`,
  async run(args, io) {
    const parsed = parseArgs(args, runOptions)
    const [footage, ...extra] = parsed.positionals
    if (!footage)
      throw new UsageError('give the footage to run on: toonmo run FOOTAGE --rig RIG --out DIR')
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`)
    const rigName = optionString(parsed, 'rig')
    if (!rigName)
      throw new UsageError(
        '--rig is required: a bundled rig name (toonmo rigs lists them) or a rig.json path',
      )
    const out = optionString(parsed, 'out')
    if (!out) throw new UsageError('--out DIR is required: the folder to write the exports into')
    const view = parseView(optionString(parsed, 'view'))
    const model = optionString(parsed, 'model') as PoseModel | undefined
    if (model !== undefined && !poseModels.includes(model))
      throw new UsageError(`--model must be one of ${poseModels.join(', ')}, got "${model}"`)
    const secondsText = optionString(parsed, 'seconds')
    const seconds = secondsText === undefined ? undefined : Number(secondsText)
    if (seconds !== undefined && !(seconds > 0))
      throw new UsageError(`--seconds must be a positive number, got "${secondsText}"`)
    exportSettings(parsed)
    const rig = await resolveRig(rigName)
    const dir = resolve(out)
    const name = basename(footage, extname(footage)).replace(/[^\w-]+/g, '_') || 'toonmo'
    const cancel = cancelOnSigint(io, 'run')
    const progress = terminalProgress(io)
    try {
      const { track, fromCache } = await footageToTrack(resolve(footage), {
        ...(model ? { model } : {}),
        ...(seconds !== undefined ? { endSec: seconds } : {}),
        signal: cancel.signal,
        onProgress: pipelineProgress(progress),
        onWarning: (warning) => printWarning(io, warning.message),
      })
      progress.end()
      if (fromCache) io.err('using the cached detection of this footage\n')
      // The track first: if a later step fails, the slow part is kept.
      await mkdir(dir, { recursive: true })
      const trackFile = join(dir, `${name}.track.json`)
      await writeFileAtomic(trackFile, serializeTrack(track))
      io.out(`${trackFile}\n`)
      const animation = await trackToAnimation(track, rig, {
        view,
        signal: cancel.signal,
        onProgress: pipelineProgress(progress),
      })
      progress.end()
      await exportEverything(dir, name, rig, animation, parsed, io, {
        footage: resolve(footage),
        signal: cancel.signal,
        progress,
      })
      return 0
    } finally {
      cancel.dispose()
    }
  },
}
