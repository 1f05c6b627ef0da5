import { readFile } from 'node:fs/promises'
import { extname, resolve } from 'node:path'
import type { ProjectDocument } from '../../../core/document/types'
import { fromSkeletalFile } from '../../../core/export/skeletalJson'
import type { CleaningSettings } from '../../../core/keypoints/clean'
import type { PerformerAnchor } from '../../../core/keypoints/people'
import { cleanSequence, defaultCleaningSettings } from '../../../core/keypoints/clean'
import type { PoseModel } from '../../../core/keypoints/detectorProtocol'
import { trackIdentities } from '../../../core/keypoints/identity'
import { performerSequence, resolvePerformer } from '../../../core/keypoints/performer'
import { sequenceToTrack } from '../../../core/keypoints/toTrack'
import { trackToMotion } from '../../../core/motion/motion'
import type { Track } from '../../../core/motion/track'
import { parseTrack } from '../../../core/motion/track'
import { trackToBody15 } from '../../../core/motion/trackToBody15'
import type { RetargetView } from '../../../core/retarget/retarget'
import { retargetTrack } from '../../../core/retarget/retarget'
import { parseTargetSkeleton } from '../../../core/retarget/targetSkeleton'
import type { RigAnimation } from '../../../core/rig/animation'
import type { CartoonSettings } from '../../../core/rig/controls/cartoonControls'
import { applyCartoonControls } from '../../../core/rig/controls/cartoonControls'
import { rigToSkeleton } from '../../../core/rig/skel'
import { solvePose } from '../../../core/rig/solve/solvePose'
import { applyEditLayer, groupKeysByBone } from '../../../core/timeline/editLayer'
import type { DetectionProgress } from '../detection/detectFootage'
import { detectFootage } from '../detection/detectFootage'
import type { MediaWarning } from '../media'
import { readProjectFile } from '../projects/projectFiles'
import { loadSampleProject } from '../projects/sampleProject'
import { loadRetargetModel } from '../retarget/modelFiles'
import type { LoadedRig } from '../rigs/rigFiles'
import { rigViewForYaw as rigViewFor } from '../../../core/rig/viewForYaw'

export interface PipelineProgress {
  stage: 'detect' | 'retarget' | 'pose'
  done: number
  total: number
  etaSec?: number
}

export interface FootageOptions {
  model?: PoseModel
  /** Detect only up to this time, seconds. */
  endSec?: number
  /** The performer's identity (a project's choice); absent or unknown: the default person. */
  performer?: number | null
  /** Where the chosen performer was (a project's choice); found first (see resolvePerformer). */
  performerAt?: PerformerAnchor | null
  /** Cleaning (a project's settings); absent: the defaults. */
  cleaning?: CleaningSettings
  signal?: AbortSignal
  onProgress?: (p: PipelineProgress) => void
  /** Damage in the footage (cut off, garbled); the frames before it are used. */
  onWarning?: (warning: MediaWarning) => void
}

/**
 * Footage to the performer's cleaned body15 track: detection (cached by footage hash and
 * settings), the performer (the one given, or the largest, most central person), then cleaning.
 */
export async function footageToTrack(
  path: string,
  options: FootageOptions = {},
): Promise<{ track: Track; fromCache: boolean }> {
  const result = await detectFootage(path, {
    settings: options.model ? { model: options.model } : {},
    signal: options.signal,
    endSec: options.endSec,
    onProgress: (p: DetectionProgress) =>
      options.onProgress?.({ stage: 'detect', done: p.done, total: p.total, etaSec: p.etaSec }),
    onWarning: options.onWarning,
  })
  const identities = trackIdentities(result.raw.frames)
  const performer = resolvePerformer(result.raw, identities, options.performer, options.performerAt)
  if (performer === undefined) {
    throw new Error(
      `no person was found in any of the ${result.raw.frames.length} frames of ${path}: the performer must be clearly visible and reasonably large in the frame`,
    )
  }
  const sequence = cleanSequence(
    performerSequence(result.raw, identities, performer),
    options.cleaning ?? defaultCleaningSettings,
  ).sequence
  return { track: sequenceToTrack(sequence, 'body15'), fromCache: result.fromCache }
}

export interface TrackToAnimationOptions {
  view?: RetargetView
  cartoon?: Partial<Omit<CartoonSettings, 'view'>>
  signal?: AbortSignal
  onProgress?: (p: PipelineProgress) => void
}

/**
 * A keypoint track to a rig animation: retarget onto the rig's skeleton (the learned model for a
 * view change, the analytic retarget for the source's view), solve the pose, apply the cartoon
 * controls.
 */
export async function trackToAnimation(
  track: Track,
  rig: LoadedRig,
  options: TrackToAnimationOptions = {},
): Promise<RigAnimation> {
  const view = options.view ?? 'source'
  options.onProgress?.({ stage: 'retarget', done: 0, total: 1 })
  const target = parseTargetSkeleton(rigToSkeleton(rig.compiled))
  const model = view === 'source' ? null : await loadRetargetModel()
  if (view !== 'source' && !model) {
    throw new Error(
      `a view change (--view ${view}) needs the retargeting model models/retarget.onnx, which is not installed; use --view source`,
    )
  }
  let retargeted: Track
  try {
    retargeted = await retargetTrack(trackToBody15(track), target, {
      view,
      ...(model ? { model: { session: model.session, norm: model.norm } } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (done, total) => options.onProgress?.({ stage: 'retarget', done, total }),
    })
  } finally {
    await model?.session.dispose()
  }
  options.onProgress?.({ stage: 'pose', done: 0, total: 1 })
  const rigView = rigViewFor(view)
  const solved = solvePose(rig.compiled, trackToMotion(retargeted), {
    view: rigView,
    signal: options.signal,
  })
  const anim = applyCartoonControls(rig.compiled, solved, { ...options.cartoon, view: rigView })
  options.onProgress?.({ stage: 'pose', done: 1, total: 1 })
  return anim
}

/** What an export input file turned out to be, and the animation in it. */
export interface AnimationInput {
  kind: 'skeletal' | 'track' | 'project'
  animation: RigAnimation
  /** The footage the motion came from, where known and on this machine (for side by side). */
  footage?: string
  /** The project's export settings, when the input is a project. */
  project?: ProjectDocument
}

/**
 * Reads what `toonmo export` is given: a skeletal animation (toonmo.skeletal, as `toonmo pose`
 * writes), a keypoint track (toonmo.track, posed here), or a project (.toonmo: its track comes
 * from the detection cache, or is detected now). The rig draws it; a skeletal file must have the
 * rig's bones.
 */
export async function readAnimationInput(
  path: string,
  rig: LoadedRig,
  options: FootageOptions = {},
): Promise<AnimationInput> {
  const file = resolve(path)
  if (extname(file).toLowerCase() === '.toonmo') return projectAnimation(file, rig, options)
  let value: unknown
  try {
    value = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new Error(
      code === 'ENOENT'
        ? `no file at ${file}: give a skeletal animation (toonmo pose -o), a track (toonmo detect -o) or a project (.toonmo)`
        : `${file} is not readable JSON (${code ?? (error as Error).message})`,
      { cause: error },
    )
  }
  const format = (value as { format?: unknown } | null)?.format
  if (format === 'toonmo.skeletal') {
    const { animation } = fromSkeletalFile(value)
    const expected = rig.compiled.names
    if (
      animation.bones.length !== expected.length ||
      animation.bones.some((b, i) => b !== expected[i])
    ) {
      throw new Error(
        `${file} animates rig "${animation.rig}", whose bones differ from rig "${rig.rig.name}": export it with --rig ${animation.rig}`,
      )
    }
    return { kind: 'skeletal', animation }
  }
  if (format === 'toonmo.track') {
    return { kind: 'track', animation: await trackToAnimation(parseTrack(value), rig, options) }
  }
  if ((value as { formatVersion?: unknown } | null)?.formatVersion !== undefined)
    return projectAnimation(file, rig, options)
  throw new Error(
    `${file} is neither a skeletal animation ("format": "toonmo.skeletal"), a keypoint track ("toonmo.track") nor a project`,
  )
}

async function projectAnimation(
  file: string,
  rig: LoadedRig,
  options: FootageOptions,
): Promise<AnimationInput> {
  const doc = await readProjectFile(file)
  const view = doc.retarget.view
  const cartoon = doc.cartoon
  const sample = await loadSampleProject().catch(() => undefined)
  let track: Track | undefined
  // The bundled sample ships its track (its footage is not shipped).
  if (sample && sample.doc.id === doc.id) track = sample.track
  const footage = Object.values(
    sample && sample.doc.id === doc.id ? sample.doc.footage : doc.footage,
  )[0]
  if (!track) {
    if (!footage)
      throw new Error(`the project ${file} has no footage, so there is no motion to export`)
    // The clip's settings as the editor uses them: model, chosen performer, cleaning.
    const record = Object.values(doc.tracks).find((t) => t.footageId === footage.id)
    const model = record?.model ?? options.model
    track = (
      await footageToTrack(footage.path, {
        ...options,
        ...(model ? { model } : {}),
        ...(record
          ? {
              performer: record.performer,
              performerAt: record.performerAt ?? null,
              cleaning: record.cleaning,
            }
          : {}),
      })
    ).track
  }
  const driven = await trackToAnimation(track, rig, {
    view,
    cartoon,
    signal: options.signal,
    onProgress: options.onProgress,
  })
  // The animator's tweaks: keys on the edit layer over the retargeted motion, as the editor plays.
  const keys = groupKeysByBone(doc.timeline.keys)
  const animation =
    keys.size === 0
      ? driven
      : {
          ...driven,
          rotations: applyEditLayer(driven.rotations, driven.bones, keys, doc.timeline.blendFrames),
        }
  const result: AnimationInput = { kind: 'project', animation, project: doc }
  if (footage) result.footage = footage.path
  return result
}
