import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { parseTrack, serializeTrack, TrackFormatError } from '../../../core/motion/track'
import type { Track } from '../../../core/motion/track'
import { RetargetError } from '../../../core/retarget/errors'
import type { RetargetView } from '../../../core/retarget/retarget'
import { retargetTrack } from '../../../core/retarget/retarget'
import type { TargetSkeleton } from '../../../core/retarget/targetSkeleton'
import { parseTargetSkeleton } from '../../../core/retarget/targetSkeleton'
import type { LoadedRetargetModel } from './modelFiles'
import { defaultRetargetModelsDir, loadRetargetModel } from './modelFiles'

/** A file the user named could not be used; the message says which file, what is wrong, what to do. */
export class RetargetFileError extends Error {
  override name = 'RetargetFileError'
}

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder, not a file'
            : (error as Error).message
    throw new RetargetFileError(`cannot read ${what} ${path}: ${why}`)
  }
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new RetargetFileError(
      `${what} ${path} is not valid JSON (${(error as Error).message}); is it truncated?`,
    )
  }
}

/** Reads and checks a SKEL file (toonmo.skeleton). */
export async function readTargetSkeletonFile(path: string): Promise<TargetSkeleton> {
  const doc = await readJson(path, 'the target skeleton')
  try {
    return parseTargetSkeleton(doc)
  } catch (error) {
    if (error instanceof RetargetError) {
      throw new RetargetFileError(`the target skeleton ${path} is not usable: ${error.message}`)
    }
    throw error
  }
}

/** Reads and checks a source track file (toonmo.track, body15 or mediapipe33). */
export async function readSourceTrackFile(path: string): Promise<Track> {
  const doc = await readJson(path, 'the source track')
  try {
    return parseTrack(doc)
  } catch (error) {
    if (error instanceof TrackFormatError) {
      throw new RetargetFileError(`the source track ${path} is not usable: ${error.message}`)
    }
    throw error
  }
}

export interface RetargetFileOptions {
  source: string
  target: string
  view: RetargetView
  output: string
  modelsDir?: string
  /** An already loaded model (the app keeps one); otherwise loaded here when the view needs it. */
  model?: LoadedRetargetModel
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
}

/**
 * `toonmo retarget` as a function: reads SRC and SKEL, retargets, writes OUT atomically (temp
 * file, then rename). The model is loaded only for a view change. Returns the frame count.
 */
export async function retargetFile(options: RetargetFileOptions): Promise<{ frames: number }> {
  const target = await readTargetSkeletonFile(options.target)
  const source = await readSourceTrackFile(options.source)
  let model = options.model
  let owned: LoadedRetargetModel | null = null
  if (options.view !== 'source' && !model) {
    owned = await loadRetargetModel(options.modelsDir ?? defaultRetargetModelsDir())
    if (owned) model = owned
  }
  try {
    const out = await retargetTrack(source, target, {
      view: options.view,
      ...(model ? { model: { session: model.session, norm: model.norm } } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    })
    const tmp = `${options.output}.tmp-${process.pid}`
    try {
      await writeFile(tmp, serializeTrack(out))
      await rename(tmp, options.output)
    } catch (error) {
      await rm(tmp, { force: true })
      throw new RetargetFileError(
        `cannot write ${options.output}: ${(error as Error).message}; check that its folder exists and is writable`,
      )
    }
    return { frames: out.frames.length }
  } finally {
    await owned?.session.dispose()
  }
}
