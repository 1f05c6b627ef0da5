import { basename } from 'node:path'
import { parseArgs, optionString } from '../args'
import type { CliCommand } from '../command'
import { printWarning, UsageError } from '../command'
import { probeMedia } from '../../main/services/media/probe'
import type { ProbeResult } from '../../main/services/media/types'

const usage = `Usage: toonmo probe FILE [--json] [--fps N]

Tells what Toonmo sees in a piece of footage: upright size, rotation, frame rate (and whether it
varies), duration, exact frame count, codec, container and audio.

FILE     a video (mp4, mov, mkv, webm, ...), a PNG/JPG still, a folder of numbered PNG/JPG
         frames, or a printf-style pattern such as frames/%04d.png
--json   print {"width","height","rotation","fps","vfr","durationSec","frameCount","codec",
         "container","hasAudio"} on one line (width and height are the upright display size)
--fps N  frame rate for image sequences and stills (default 24)
`

/** The exact --json contract: these keys, in this order. */
export function probeJson(p: ProbeResult): string {
  return JSON.stringify({
    width: p.width,
    height: p.height,
    rotation: p.rotation,
    fps: p.fps,
    vfr: p.vfr,
    durationSec: p.durationSec,
    frameCount: p.frameCount,
    codec: p.codec,
    container: p.container,
    hasAudio: p.hasAudio,
  })
}

function summary(path: string, p: ProbeResult): string {
  const fps = Number(p.fps.toFixed(3))
  const stored =
    p.codedWidth !== p.width || p.codedHeight !== p.height
      ? `, stored ${p.codedWidth}x${p.codedHeight}`
      : ''
  return [
    `${basename(path)} (${p.kind})`,
    `  picture   ${p.width}x${p.height} upright${stored}, ${p.codec} in ${p.container}, ${p.pixelFormat}`,
    `  rotation  ${p.rotation} degrees clockwise`,
    `  frames    ${p.frameCount} at ${fps} fps (${p.vfr ? 'variable frame rate, average' : 'constant'})`,
    `  duration  ${p.durationSec.toFixed(3)} s`,
    `  audio     ${p.hasAudio ? 'yes' : 'no'}`,
    '',
  ].join('\n')
}

export const probeCommand: CliCommand = {
  name: 'probe',
  summary: 'describe a footage file, image sequence or still (size, rotation, fps, frames)',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args, { flags: ['json'], options: ['fps'] })
    const [file, extra] = parsed.positionals
    if (!file || extra !== undefined) throw new UsageError('give exactly one FILE')
    const fpsText = optionString(parsed, 'fps')
    const sequenceFps = fpsText === undefined ? undefined : Number(fpsText)
    if (sequenceFps !== undefined && !(sequenceFps > 0 && Number.isFinite(sequenceFps))) {
      throw new UsageError(`--fps must be a positive number, got ${fpsText}`)
    }
    const result = await probeMedia(file, { sequenceFps })
    for (const warning of result.warnings) printWarning(io, warning.message)
    io.out(parsed.options.has('json') ? `${probeJson(result)}\n` : summary(file, result))
    return 0
  },
}
