import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, relative, resolve, sep } from 'node:path'
import { toBvh } from '../../core/export/bvh'
import { serializeSkeletal, toSkeletalFile } from '../../core/export/skeletalJson'
import { parseTrackJson, TrackFormatError } from '../../core/motion/track'
import type { CartoonSettings } from '../../core/rig/controls/cartoonControls'
import { poseTrack } from '../../core/rig/poseTrack'
import { RIG_VIEWS } from '../../core/rig/types'
import type { RigView } from '../../core/rig/types'
import { writeFileAtomic } from '../../main/services/projects/atomicWrite'
import { resolveRig } from '../../main/services/rigs/rigFiles'
import { optionString, parseArgs } from '../args'
import type { CliCommand } from '../command'
import { UsageError } from '../command'

function numberOption(
  text: string | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined
  const v = Number(text)
  if (text.trim() === '' || !Number.isFinite(v) || v < min || v > max) {
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${text}"`)
  }
  return v
}

async function readTrack(path: string) {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new Error(
      code === 'ENOENT'
        ? `no track file at ${resolve(path)}`
        : `cannot read ${path} (${code ?? String(error)})`,
      { cause: error },
    )
  }
  try {
    return parseTrackJson(text)
  } catch (error) {
    if (error instanceof TrackFormatError)
      throw new Error(`${path}: ${error.message}`, { cause: error })
    throw error
  }
}

/** Writes an output file atomically, with a clear message when it cannot. */
async function writeOutput(path: string, text: string): Promise<void> {
  if (!existsSync(dirname(path))) {
    throw new Error(
      `the folder ${dirname(path)} does not exist: create it, or write somewhere else`,
    )
  }
  try {
    await writeFileAtomic(path, text)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(error))
    throw new Error(`cannot write ${path} (${why}): choose a folder you can write to`, {
      cause: error,
    })
  }
}

export const poseCommand: CliCommand = {
  name: 'pose',
  summary: 'solve a keypoint track onto a rig and write its skeletal animation JSON',
  usage: `Usage: toonmo pose TRACK.json --rig RIG -o ANIM.json [options]

Turns the body motion in TRACK (a toonmo.track, body15 or mediapipe33; from "toonmo detect" or
"toonmo retarget") into bone rotations and root motion on RIG, keeping the rig's bone lengths,
with feet on the ground and planted feet locked. Writes the skeletal animation JSON
(format toonmo.skeletal, see docs/skeletal-json.md).
  --rig RIG            a bundled rig name (see "toonmo rigs") or a path to a rig.json or its folder
  -o, --output FILE    the skeletal JSON to write
  --bvh FILE           also write the same animation as a .bvh
  --view VIEW          front, three_quarter, profile_left or profile_right (default front): picks
                       the rig's drawings for that view
  --smooth FRAMES      smoothing time constant in frames (default 0, off)
  --exaggerate K       scale each bone's accents from its smoothed motion (default 1)
  --squash K           squash and stretch along fast motion, 0 to 1 (default 0)
  --timing N           hold each pose N frames: 1, 2 or 3 (default 1)
  --mirror             swap left and right
  --no-foot-lock       do not find foot contacts or lock planted feet
  --no-ground          keep the track's vertical placement instead of standing on the ground line`,
  async run(args, io) {
    const parsed = parseArgs(args, {
      flags: ['mirror', 'no-foot-lock', 'no-ground'],
      options: ['rig', 'output', 'bvh', 'view', 'smooth', 'exaggerate', 'squash', 'timing'],
      aliases: { o: 'output' },
    })
    const [trackPath, ...extra] = parsed.positionals
    if (!trackPath)
      throw new UsageError(
        'give the keypoint track to pose: toonmo pose TRACK.json --rig RIG -o ANIM.json',
      )
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`)
    const rigName = optionString(parsed, 'rig')
    if (!rigName)
      throw new UsageError(
        '--rig is required: a bundled rig name (toonmo rigs lists them) or a rig.json path',
      )
    const output = optionString(parsed, 'output')
    if (!output)
      throw new UsageError('-o ANIM.json is required: where to write the skeletal animation')
    const view = optionString(parsed, 'view') ?? 'front'
    if (!(RIG_VIEWS as readonly string[]).includes(view)) {
      throw new UsageError(`--view must be one of ${RIG_VIEWS.join(', ')}, got "${view}"`)
    }
    const timing = numberOption(optionString(parsed, 'timing'), 'timing', 1, 3)
    if (timing !== undefined && !Number.isInteger(timing))
      throw new UsageError('--timing must be 1, 2 or 3')
    const settings: Partial<CartoonSettings> = {
      view: view as RigView,
      smoothing: numberOption(optionString(parsed, 'smooth'), 'smooth', 0, 100) ?? 0,
      exaggeration: numberOption(optionString(parsed, 'exaggerate'), 'exaggerate', 0, 5) ?? 1,
      squashStretch: numberOption(optionString(parsed, 'squash'), 'squash', 0, 1) ?? 0,
      timing: (timing ?? 1) as 1 | 2 | 3,
      mirror: parsed.options.has('mirror'),
    }

    const track = await readTrack(trackPath)
    if (track.frames.length === 0) {
      throw new Error(`${trackPath} has no frames: there is nothing to pose`)
    }
    const loaded = await resolveRig(rigName)
    const { animation: anim } = poseTrack(loaded.compiled, track, settings, {
      lockFeet: !parsed.options.has('no-foot-lock'),
      ground: !parsed.options.has('no-ground'),
    })
    const outPath = resolve(output)
    const imageBase = relative(dirname(outPath), loaded.dir).split(sep).join('/') || '.'
    await writeOutput(outPath, serializeSkeletal(toSkeletalFile(loaded.compiled, anim, imageBase)))
    const bvh = optionString(parsed, 'bvh')
    if (bvh) await writeOutput(resolve(bvh), toBvh(loaded.compiled, anim))
    const planted = anim.contacts
      ? ` , feet planted in ${anim.contacts.right.reduce((s, v) => s + v, 0)} (right) and ${anim.contacts.left.reduce((s, v) => s + v, 0)} (left) frames`
      : ''
    io.err(
      `posed ${anim.frameCount} frames at ${anim.fps} fps on ${loaded.rig.name} (${loaded.compiled.boneCount} bones)${planted.replace(' ,', ',')}\n`,
    )
    io.out(`${outPath}${bvh ? `\n${resolve(bvh)}` : ''}\n`)
    return 0
  },
}
