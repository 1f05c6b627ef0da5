import type { RetargetView } from '../../core/retarget/retarget'
import { retargetFile } from '../../main/services/retarget/retargetFiles'
import { optionString, parseArgs } from '../args'
import type { CliCommand } from '../command'
import { UsageError } from '../command'

/** Parses --view: "source" or a yaw in degrees (0 faces the camera, 90 profile facing right). */
export function parseView(text: string): RetargetView {
  if (text === 'source') return 'source'
  const deg = Number(text)
  if (text.trim() === '' || !Number.isFinite(deg)) {
    throw new UsageError(
      `--view must be "source" or a yaw in degrees (0 = facing the camera, 90 = profile facing screen-right, 180 = back), got "${text}"`,
    )
  }
  return deg
}

export const retargetCommand: CliCommand = {
  name: 'retarget',
  summary: 'retarget a keypoint track onto a character skeleton, in its view or a chosen one',
  usage: `Usage: toonmo retarget SRC.json --target SKEL.json --view source|DEG -o OUT.json

Moves the performance in SRC (a toonmo.track, body15 or mediapipe33, e.g. from "toonmo detect")
onto the character whose rest pose is SKEL (a toonmo.skeleton, e.g. from "toonmo rigs --skeleton").
OUT is a body15 track drawn at SKEL's pixel scale; its mid_hip starts where SRC's starts.
  --target SKEL.json   the target skeleton: {"format":"toonmo.skeleton","version":1,
                       "joints":[15 body15 names],"rest":[[x,y],...]} (front view, pixels)
  --view source|DEG    "source" keeps the performer's view (no model needed); a number is a yaw
                       in degrees: 0 faces the camera, 90 is a profile facing screen-right,
                       -90 facing screen-left, 180 the back (uses models/retarget.onnx; the clip
                       needs at least 16 frames)
  -o, --output OUT     where to write the retargeted track`,
  async run(args, io) {
    const parsed = parseArgs(args, {
      flags: [],
      options: ['target', 'view', 'output'],
      aliases: { o: 'output' },
    })
    const [source, ...extra] = parsed.positionals
    if (!source) throw new UsageError('give the source track: toonmo retarget SRC.json ...')
    if (extra.length > 0) throw new UsageError(`one source track only, got also ${extra.join(' ')}`)
    const target = optionString(parsed, 'target')
    if (!target) throw new UsageError('--target SKEL.json is required')
    const viewText = optionString(parsed, 'view')
    if (viewText === undefined) throw new UsageError('--view source|DEG is required')
    const view = parseView(viewText)
    const output = optionString(parsed, 'output')
    if (!output) throw new UsageError('-o OUT.json is required')
    const started = performance.now()
    const { frames } = await retargetFile({
      source,
      target,
      view,
      output,
      onProgress: io.isTty
        ? (done, total) => io.err(`\rretargeting: window ${done}/${total}`)
        : undefined,
    })
    if (io.isTty) io.err('\n')
    const ms = Math.round(performance.now() - started)
    io.err(
      `retargeted ${frames} frames (${view === 'source' ? 'source view' : `yaw ${view}°`}) to ${output} in ${ms} ms\n`,
    )
    return 0
  },
}
