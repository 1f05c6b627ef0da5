import type { FootageRecord, ViewSetting } from '../../core/document/types'
import { defaultCleaning } from '../../core/document/defaults'
import type { FootageId } from '../../core/document/ids'
import type { PoseModel } from '../../core/keypoints/detectorProtocol'
import type { PersonSummary } from '../../core/keypoints/people'
import { titleFromPath } from '../../core/document/fileNames'
import {
  addFootage,
  removeFootage,
  renameProject,
  setProjectFps,
} from '../../core/edits/projectEdits'
import { trackToMotion } from '../../core/motion/motion'
import type { Track } from '../../core/motion/track'
import { applyCartoonControls } from '../../core/rig/controls/cartoonControls'
import type { CompiledRig } from '../../core/rig/compileRig'
import { compileRig } from '../../core/rig/compileRig'
import { rigToSkeleton } from '../../core/rig/skel'
import { solvePose } from '../../core/rig/solve/solvePose'
import { rigViewForYaw } from '../../core/rig/viewForYaw'
import type { Rig } from '../../core/rig/types'
import { api, onApiEvent } from '../api/client'
import { RetargetInferenceError } from '../inference/RetargetInference'
import { animation } from './animation.svelte'
import { JobCancelled } from './jobWaiters'
import { jobs } from './jobs.svelte'
import { lastBackend, retargetInRenderer } from './retargetEngine'
import { playback } from './playback.svelte'
import { project } from './projectStore.svelte'
import { status } from './status.svelte'

export interface PreviewInfo {
  key: string
  width: number
  height: number
  times: number[]
}

/**
 * Everything derived from the document that is too heavy for the document itself: the loaded
 * rig, the footage preview, the keypoint tracks, the retargeted motion. It runs the chain
 * footage -> preview -> detection -> track -> retarget -> pose solve -> animation, each step a
 * job with progress and cancel, and reruns the cheap tail when settings change.
 */
class Pipeline {
  rig = $state.raw<{ rig: Rig; compiled: CompiledRig; images: Record<string, string> } | null>(null)
  preview = $state.raw<PreviewInfo | null>(null)
  /** The performer's body15 keypoints, raw and cleaned, in source pixels, and everyone found. */
  source = $state.raw<{
    raw: Track
    clean: Track
    people: PersonSummary[]
    performer: number | null
  } | null>(null)
  retargeted = $state.raw<Track | null>(null)
  /** Frame size of the footage (or of the track when no footage is at hand). */
  frameSize = $state<{ width: number; height: number } | null>(null)
  /** Which engine retargeted last ('worker:wasm', 'worker:webgpu' or 'main'). */
  backend = $state('none')
  private retargetRun = 0
  /** The detection running for the open footage, if any; `done` is its one wait. */
  private detection: { jobId: string; path: string; model: PoseModel; done: Promise<void> } | null =
    null
  /**
   * The open footage's detection was cancelled or failed: its frames so far are cached, and the
   * inspector offers to resume it.
   */
  detectionStopped = $state(false)
  /** The latest retargeting was cancelled or failed; the inspector offers to run it again. */
  retargetStopped = $state(false)
  /** The inputs of the retargeting under way or last finished, and its end. */
  private retargetOf: {
    clean: Track
    rig: CompiledRig
    view: ViewSetting
    done: Promise<void>
  } | null = null
  /** The rig being loaded, so callers that ask at once share one load. */
  private rigLoading: { name: string; done: Promise<void> } | null = null
  /** The preview job of the open footage while it runs. */
  private previewJob: { jobId: string; path: string } | null = null
  /** The footage whose preview and keypoints are loaded (or loading). */
  private openedPath: string | null = null

  /** Footage warnings already shown, so a cached detection does not repeat the import's. */
  private warned = new Set<string>()

  constructor() {
    onApiEvent('footage:preview', ({ path, info }) => {
      if (this.activeFootage()?.path === path) this.preview = info
    })
    onApiEvent('footage:warning', ({ path, message }) => {
      if (this.activeFootage()?.path === path) this.warnOnce(message)
    })
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return
    this.warned.add(message)
    status.warn(message)
  }

  activeFootage(): FootageRecord | undefined {
    return Object.values(project.doc.footage)[0]
  }

  /** Loads the project's active rig (bundled name) if it is not the one loaded. */
  async loadActiveRig(): Promise<void> {
    const ref = project.doc.activeRigId ? project.doc.rigs[project.doc.activeRigId] : undefined
    const name = ref ? (ref.source.kind === 'bundled' ? ref.source.name : ref.source.path) : 'chibi'
    if (this.rig?.rig.name === name) return
    // Callers that ask at once share one load: two loads would give two compiled rigs, and the
    // same motion would be retargeted once for each.
    let loading = this.rigLoading?.name === name ? this.rigLoading : null
    if (!loading) {
      const done = api['rigs.load'](name).then((loaded) => {
        this.rig = {
          rig: loaded.rig as Rig,
          compiled: compileRig(loaded.rig as Rig),
          images: loaded.images,
        }
        animation.rig = this.rig.compiled
      })
      const started = { name, done }
      loading = started
      this.rigLoading = started
      done
        .finally(() => {
          if (this.rigLoading === started) this.rigLoading = null
        })
        .catch(() => undefined)
    }
    await loading.done
  }

  /** Probes and adds a clip to the project, then prepares its preview and detects keypoints. */
  async importFootage(path: string): Promise<void> {
    const probe = await api['footage.probe'](path)
    const mark = project.mark()
    // A project drives one performance: the new clip replaces the old one (undo brings it back).
    for (const id of Object.keys(project.doc.footage)) project.edit(removeFootage, id as FootageId)
    project.edit(addFootage, {
      path,
      hash: probe.hash,
      width: probe.width,
      height: probe.height,
      rotation: probe.rotation as 0 | 90 | 180 | 270,
      fps: probe.fps,
      durationSec: probe.durationSec,
      frameCount: probe.frameCount,
    })
    project.edit(setProjectFps, Math.round(probe.fps * 1000) / 1000)
    // A project still called what Toonmo called it (the sample, "Untitled") takes the clip's name.
    if (project.hasGivenName) project.edit(renameProject, titleFromPath(path))
    project.squashToMark(mark, 'Import footage')
    this.forgetMotion()
    const summary = `Imported ${path}: ${probe.width}x${probe.height}, ${probe.frameCount} frames at ${probe.fps.toFixed(2)} fps`
    if (probe.warnings.length === 0) status.info(summary)
    else {
      // Damaged footage still imports (the good frames are usable), but the animator must know.
      for (const warning of probe.warnings) this.warned.add(warning.message)
      status.warn(`${summary}. ${probe.warnings.map((w) => w.message).join(' ')}`)
    }
    await this.openFootage()
  }

  /**
   * Drops the motion of the footage that was open, including a detection or retarget still
   * running for it: neither may land on the new footage when it finishes.
   */
  forgetMotion(): void {
    this.stopDetection()
    this.detectionStopped = false
    this.retargetRun++
    this.retargetOf = null
    this.source = null
    this.retargeted = null
    animation.base = null
  }

  /**
   * Called right after a project is loaded, before anything awaits: the loader prepares this
   * footage itself, so the footage-following effect must not start a second preparation.
   */
  claimFootage(): void {
    this.openedPath = this.activeFootage()?.path ?? null
  }

  /** Follows the document's footage (import, undo of an import, open): prepares what changed. */
  async syncFootage(): Promise<void> {
    if (this.activeFootage()?.path === this.openedPath) return
    this.forgetMotion()
    await this.openFootage()
  }

  /**
   * Prepares preview frames for the active footage and, unless `detect` is false (a project that
   * brings its own track), its keypoints. Both are cached after the first time.
   */
  async openFootage(detect = true): Promise<void> {
    this.preview = null
    const footage = this.activeFootage()
    this.openedPath = footage?.path ?? null
    // Until a track drives it, the timeline spans the footage (or nothing), not the last clip.
    if (!this.source) {
      playback.frameCount = footage ? Math.max(1, footage.frameCount) : 1
      playback.seek(playback.frame)
    }
    // The clip that was open no longer needs its preview: stop decoding it, so the new clip's
    // preview and detection get the machine (main keeps a build that another caller still wants).
    if (this.previewJob && this.previewJob.path !== footage?.path)
      jobs.cancel(this.previewJob.jobId)
    this.previewJob = null
    if (!footage) return
    this.frameSize = { width: footage.width, height: footage.height }
    const { jobId } = await api['footage.preparePreview'](footage.path)
    // Other footage came while main answered: this clip's preview is not wanted any more.
    if (this.activeFootage()?.path !== footage.path) {
      jobs.cancel(jobId)
      return
    }
    const job = { jobId, path: footage.path }
    this.previewJob = job
    // Both at once, each with its handler from the start: a detection that fails while the
    // preview is still decoding must not surface as an unhandled rejection.
    await Promise.all([
      jobs
        .wait(jobId)
        .catch((e: Error) => {
          // Superseded by other footage: nothing failed that the animator still wants.
          if (this.activeFootage()?.path !== job.path) return
          if (e instanceof JobCancelled)
            status.info('Preparing the footage was cancelled: import it again to play it back.')
          else status.error(`Could not prepare the footage for playback: ${e.message}`)
        })
        .finally(() => {
          if (this.previewJob === job) this.previewJob = null
        }),
      detect ? this.detect() : Promise.resolve(),
    ])
  }

  /** Uses the detected track if there is one, else runs detection (with progress and cancel). */
  async detect(): Promise<void> {
    const footage = this.activeFootage()
    if (!footage) return
    const model = this.detectionModel(footage.id)
    // Footage or model may change while we await: then this call has nothing left to do.
    const stillWanted = (): boolean => {
      const now = this.activeFootage()
      return now?.path === footage.path && this.detectionModel(now.id) === model
    }
    if (await this.loadTrack()) return
    if (!stillWanted()) return
    // One detection at a time. A run for this clip and model already going is joined (a change
    // of cleaning settings mid-run must not restart it); one for other footage or another model
    // is superseded. Its frames stay cached, so going back to it resumes where it stopped.
    let run = this.detection
    if (!run || run.path !== footage.path || run.model !== model) {
      this.stopDetection()
      this.detectionStopped = false
      const { jobId } = await api['detection.start'](footage.path, model)
      if (!stillWanted()) {
        jobs.cancel(jobId)
        return
      }
      this.stopDetection()
      run = { jobId, path: footage.path, model, done: jobs.wait(jobId) }
      this.detection = run
    }
    try {
      await run.done
    } catch (error) {
      // Superseded, not failed: the run that replaced it speaks for itself.
      if (this.detection !== run) return
      this.detectionStopped = true
      if (error instanceof JobCancelled) {
        status.info(
          'Keypoint detection cancelled. The frames done are kept: Resume detection goes on from there.',
        )
      } else {
        status.error(
          `Keypoint detection stopped: ${(error as Error).message.replace(/\.$/, '')}. The frames done are kept: Resume detection tries again from there.`,
        )
      }
      return
    } finally {
      if (this.detection === run) this.detection = null
    }
    if (stillWanted()) await this.loadTrack()
  }

  private detectionModel(footageId: FootageId): PoseModel {
    return Object.values(project.doc.tracks).find((t) => t.footageId === footageId)?.model ?? 'full'
  }

  private stopDetection(): void {
    if (this.detection) jobs.cancel(this.detection.jobId)
    this.detection = null
  }

  /**
   * Reads the detected track with the project's cleaning settings and drives the rig with it.
   * False when the clip has not been detected with the chosen model yet.
   */
  async loadTrack(): Promise<boolean> {
    const footage = this.activeFootage()
    if (!footage) return false
    const record = Object.values(project.doc.tracks).find((t) => t.footageId === footage.id)
    const result = await api['detection.track'](
      footage.path,
      record?.model ?? 'full',
      record?.cleaning ?? defaultCleaning,
      record?.performer ?? null,
      record?.performerAt ?? null,
    )
    if (!result) return false
    this.useTrack(result.raw as Track, result.clean as Track, result.people, result.performer)
    return true
  }

  /** Uses a track as the motion source (detected, or shipped with the sample project). */
  useTrack(
    raw: Track,
    clean: Track,
    people: PersonSummary[] = [],
    performer: number | null = null,
  ): void {
    this.source = { raw, clean, people, performer }
    this.detectionStopped = false
    this.frameSize ??= { width: clean.width, height: clean.height }
    playback.fps = project.doc.fps
    playback.frameCount = clean.frames.length
    void this.retarget()
  }

  /**
   * Retargets the clean track onto the rig for the project's view, then solves the pose. A call
   * with the inputs of the run under way or last finished joins it: loading a project asks from
   * two places (the track arriving, the settings changing) and must not retarget twice.
   */
  async retarget(): Promise<void> {
    const source = this.source
    if (!source) return
    await this.loadActiveRig()
    const rig = this.rig!
    const view = project.doc.retarget.view
    const last = this.retargetOf
    if (last && last.clean === source.clean && last.rig === rig.compiled && last.view === view)
      return last.done
    const done = this.runRetarget(source.clean, rig, view)
    this.retargetOf = { clean: source.clean, rig: rig.compiled, view, done }
    return done
  }

  private async runRetarget(
    clean: Track,
    rig: NonNullable<Pipeline['rig']>,
    view: ViewSetting,
  ): Promise<void> {
    const run = ++this.retargetRun
    this.retargetStopped = false
    try {
      const out = await jobs.track('Retargeting', (signal, progress) =>
        retargetInRenderer(clean, rigToSkeleton(rig.compiled), view, signal, progress),
      )
      this.backend = lastBackend
      if (run !== this.retargetRun) return
      this.retargeted = out
      this.solve()
    } catch (error) {
      // A run that did not finish is not a result to join: the next call runs again.
      if (this.retargetOf?.clean === clean) this.retargetOf = null
      if (run !== this.retargetRun) return
      this.retargetStopped = true
      if (error instanceof RetargetInferenceError && error.code === 'cancelled') {
        status.info(
          'Retargeting cancelled: Retarget again, in the inspector, runs it when you are ready.',
        )
      } else {
        status.error(`Retargeting failed: ${(error as Error).message}`)
      }
    }
  }

  /** Solves the retargeted motion onto the rig: the base animation the editor layers over. */
  solve(): void {
    const rig = this.rig
    const motion = this.retargeted
    if (!rig || !motion) return
    const view = rigViewForYaw(project.doc.retarget.view)
    const solved = solvePose(rig.compiled, trackToMotion(motion), { view })
    solved.fps = project.doc.fps
    animation.base = solved
    animation.cartoon = (anim) =>
      applyCartoonControls(rig.compiled, anim, { ...project.doc.cartoon, view })
    playback.frameCount = solved.frameCount
  }
}

export const pipeline = new Pipeline()
