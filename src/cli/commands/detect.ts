import { writeFileSync, renameSync, existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { poseModels } from '../../core/keypoints/detectorProtocol'
import type { PoseModel } from '../../core/keypoints/detectorProtocol'
import { cleanSequence, defaultCleaningSettings } from '../../core/keypoints/clean'
import { trackIdentities } from '../../core/keypoints/identity'
import { choosePerformer, performerSequence } from '../../core/keypoints/performer'
import { personFoundRate } from '../../core/keypoints/keypointTrack'
import { sequenceToTrack } from '../../core/keypoints/toTrack'
import { serializeTrack } from '../../core/motion/track'
import type { TrackSkeleton } from '../../core/motion/track'
import { detectFootage } from '../../main/services/detection/detectFootage'
import type { DetectionProgress } from '../../main/services/detection/detectFootage'
import { DetectionCancelled } from '../../main/services/detection/frameFeed'
import { optionString, parseArgs } from '../args'
import type { CliCommand, CliIo } from '../command'
import { printWarning, UsageError } from '../command'

function formatSeconds(sec: number): string {
  const s = Math.max(0, Math.round(sec))
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`
}

/** A progress line on stderr: redrawn in place on a terminal, every 10% otherwise. */
function progressPrinter(io: CliIo): (p: DetectionProgress) => void {
  let lastDecile = -1
  let toldResume = false
  return (p) => {
    if (p.resumed > 0 && !toldResume) {
      toldResume = true
      io.err(`resuming: ${p.resumed} frames were detected by an earlier, interrupted run\n`)
    }
    const pct = p.total ? Math.min(100, (100 * p.done) / p.total) : 0
    const eta = p.etaSec === undefined ? 'ETA --' : `ETA ${formatSeconds(p.etaSec)}`
    const line = `detecting: ${p.done}/${p.total} frames (${pct.toFixed(0)}%), ${p.fps.toFixed(1)} fps, ${eta}`
    if (io.isTty) {
      io.err(`\r${line}\u001b[K`)
    } else if (Math.floor(pct / 10) > lastDecile) {
      lastDecile = Math.floor(pct / 10)
      io.err(`${line}\n`)
    }
  }
}

export const detectCommand: CliCommand = {
  name: 'detect',
  summary: "detect the performer's keypoints in footage and write a track JSON",
  usage: `Usage: toonmo detect INPUT -o TRACK.json [--model lite|full|heavy] [--skeleton body15|mediapipe33] [--raw]

Runs MediaPipe pose detection on every frame of INPUT (a video, a still image, or an image
sequence: a folder of PNG/JPG or a numbered pattern like shot_%04d.png) and writes the
performer's keypoints (the largest, most central person) as a toonmo.track JSON:
  {"format":"toonmo.track","version":1,"fps":F,"width":W,"height":H,"skeleton":"body15",
   "joints":[names],"frames":[{"time":seconds,"points":[[x,y,confidence],...]}]}
x, y are pixels of the upright frame (origin top-left, y down); a frame with no person has
"points": null.

Options:
  -o, --output FILE   where to write the track (required)
  --model NAME        lite, full (default) or heavy: faster or more accurate
  --skeleton NAME     body15 (default) or mediapipe33 (all 33 MediaPipe landmarks)
  --raw               write the detector's output without cleaning (no smoothing, gap
                      filling, left/right repair or outlier rejection)

Results are cached in ~/.cache/toonmo/tracks (or $TOONMO_CACHE_DIR/tracks): running again on the
same footage does not detect again, and a run stopped with Ctrl-C resumes where it stopped.`,
  async run(args, io) {
    const parsed = parseArgs(args, {
      flags: ['raw'],
      options: ['output', 'model', 'skeleton'],
      aliases: { o: 'output' },
    })
    const [input, ...extra] = parsed.positionals
    if (!input)
      throw new UsageError('give the footage to detect (a video, an image, or an image sequence)')
    if (extra.length) throw new UsageError(`one INPUT only; unexpected ${extra.join(' ')}`)
    const output = optionString(parsed, 'output')
    if (!output) throw new UsageError('give the output file with -o TRACK.json')
    const model = (optionString(parsed, 'model') ?? 'full') as PoseModel
    if (!poseModels.includes(model)) {
      throw new UsageError(`--model must be lite, full or heavy, got ${model}`)
    }
    const skeleton = (optionString(parsed, 'skeleton') ?? 'body15') as TrackSkeleton
    if (skeleton !== 'body15' && skeleton !== 'mediapipe33') {
      throw new UsageError(`--skeleton must be body15 or mediapipe33, got ${skeleton}`)
    }
    const outPath = resolve(output)
    if (!existsSync(dirname(outPath))) {
      io.err(
        `toonmo detect: the folder ${dirname(outPath)} does not exist; create it or choose another -o path.\n`,
      )
      return 1
    }

    const controller = new AbortController()
    const onSigint = (): void => {
      io.err('\ntoonmo detect: cancelling (frames done so far are kept; run again to resume)...\n')
      controller.abort()
    }
    process.once('SIGINT', onSigint)
    try {
      const result = await detectFootage(input, {
        settings: { model },
        signal: controller.signal,
        onProgress: progressPrinter(io),
        onWarning: (warning) => printWarning(io, warning.message),
      })
      if (io.isTty && !result.fromCache) io.err('\n')
      if (result.fromCache) io.err('toonmo detect: using the cached detection of this footage\n')
      const identities = trackIdentities(result.raw.frames)
      const performer = choosePerformer(result.raw, identities)
      if (performer === undefined) {
        io.err(
          `toonmo detect: no person was found in any of the ${result.raw.frames.length} frames of ${input}. ` +
            'The performer must be clearly visible and reasonably large in the frame (small, distant people are ' +
            'not found); try footage where the whole body fills more of the picture, or --model heavy.\n',
        )
        return 1
      }
      const raw = performerSequence(result.raw, identities, performer)
      const sequence = parsed.options.has('raw')
        ? raw
        : cleanSequence(raw, defaultCleaningSettings).sequence
      const track = sequenceToTrack(sequence, skeleton)
      const temp = `${outPath}.${process.pid}.tmp`
      writeFileSync(temp, serializeTrack(track))
      renameSync(temp, outPath)
      const found = Math.round(personFoundRate(raw) * 100)
      io.err(
        `toonmo detect: wrote ${track.frames.length} frames (${skeleton}, person found in ${found}% of frames) to ${output}\n`,
      )
      return 0
    } catch (error) {
      if (error instanceof DetectionCancelled) {
        io.err('toonmo detect: cancelled; nothing written. Run the same command again to resume.\n')
        return 130
      }
      throw error
    } finally {
      process.removeListener('SIGINT', onSigint)
    }
  },
}
