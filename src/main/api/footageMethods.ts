import { z } from 'zod'
import { footageHash } from '../services/detection/footageHash'
import { probeMedia, thumbnails } from '../services/media'
import {
  preparePreview,
  readPreviewFrame,
  readPreviewFrameNear,
} from '../services/preview/previewFrames'
import type { PreviewInfo } from '../services/preview/previewFrames'
import type { JobRunner } from './jobs'
import type { ApiContext } from './method'
import { method } from './method'

const path = z.string().min(1).max(4096)

export function footageMethods(ctx: ApiContext, jobs: JobRunner) {
  /** The filmstrip's thumbnails being decoded, and for which clip. */
  let thumbnailsRun: { path: string; stop: AbortController } | undefined
  return {
    /** Probes a file and returns what the document stores about it. Errors say what to do. */
    'footage.probe': method(z.tuple([path]), async (p) => {
      const probe = await probeMedia(p)
      return { ...probe, hash: footageHash(p) }
    }),
    /**
     * Starts decoding the preview frames. `footage:preview` arrives as the build starts (frames
     * can be asked for from then on) and again when every frame is ready.
     */
    'footage.preparePreview': method(z.tuple([path]), async (p) => ({
      jobId: jobs.start(
        'Preparing footage',
        (job) =>
          preparePreview(p, {
            signal: job.signal,
            onProgress: job.progress,
            onInfo: (info) => ctx.emit('footage:preview', { path: p, info }),
          }),
        (info: PreviewInfo) => ctx.emit('footage:preview', { path: p, info }),
      ),
    })),
    /**
     * One preview frame (JPEG); null for a frame loaded `ahead` that is not built yet, or for one
     * a newer request replaced while the preview is being built.
     */
    'footage.previewFrame': method(
      z.tuple([
        z.string().regex(/^[a-zA-Z0-9_-]+$/),
        z.number().int().min(0),
        z.boolean().optional(),
      ]),
      async (key, index, ahead) => readPreviewFrame(key, index, { ahead: ahead ?? false }),
    ),
    /**
     * A preview frame with its index: frame `index`, or (not `ahead`) while the preview is being
     * built and playback runs past it, the nearest earlier frame decoded yet; null as for
     * footage.previewFrame.
     */
    'footage.previewFrameNear': method(
      z.tuple([
        z.string().regex(/^[a-zA-Z0-9_-]+$/),
        z.number().int().min(0),
        z.boolean().optional(),
      ]),
      async (key, index, ahead) => readPreviewFrameNear(key, index, { ahead: ahead ?? false }),
    ),
    /** Filmstrip frames; none for a request that a request for another clip replaced. */
    'footage.thumbnails': method(
      z.tuple([path, z.number().int().min(1).max(200), z.number().int().min(16).max(512)]),
      async (p, count, height) => {
        // The filmstrip shows one clip: once it asks for another clip's thumbnails, decoding the
        // last one's would only slow the new clip's first frames down.
        if (thumbnailsRun && thumbnailsRun.path !== p) thumbnailsRun.stop.abort()
        const run = { path: p, stop: new AbortController() }
        thumbnailsRun = run
        try {
          const frames = await thumbnails(p, count, height, { signal: run.stop.signal })
          return frames.map((f) => ({
            time: f.time,
            width: f.width,
            height: f.height,
            rgba: f.rgba,
          }))
        } catch (error) {
          // Replaced by another clip's: no thumbnails, and no error (nothing went wrong).
          if (run.stop.signal.aborted) return []
          throw error
        } finally {
          if (thumbnailsRun === run) thumbnailsRun = undefined
        }
      },
    ),
    'job.cancel': method(z.tuple([z.string().min(1)]), async (jobId) => jobs.cancel(jobId)),
  }
}
