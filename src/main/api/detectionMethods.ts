import { z } from 'zod'
import { cleanSequence } from '../../core/keypoints/clean'
import { poseModels } from '../../core/keypoints/detectorProtocol'
import { trackIdentities } from '../../core/keypoints/identity'
import { personFoundRate } from '../../core/keypoints/keypointTrack'
import { summarizePeople } from '../../core/keypoints/people'
import {
  performerScores,
  performerSequence,
  resolvePerformer,
} from '../../core/keypoints/performer'
import { sequenceToTrack } from '../../core/keypoints/toTrack'
import { projectSchema } from '../../core/document/schema'
import { defaultDetectionSettings } from '../../core/keypoints/types'
import { trackCacheDir } from '../services/detection/cacheDir'
import { detectFootage } from '../services/detection/detectFootage'
import { footageHash } from '../services/detection/footageHash'
import { detectionCacheKey, TrackCache } from '../services/detection/trackCache'
import type { JobRunner } from './jobs'
import type { ApiContext } from './method'
import { ApiError, method } from './method'

const path = z.string().min(1).max(4096)
const model = z.enum(poseModels as unknown as ['lite', 'full', 'heavy'])
const cleaning = projectSchema.shape.tracks.valueType.shape.cleaning
const performerAt = projectSchema.shape.tracks.valueType.shape.performerAt.unwrap()

export function detectionMethods(ctx: ApiContext, jobs: JobRunner) {
  return {
    /**
     * Starts keypoint detection on a clip. Finished and partial runs are cached, so a cancelled
     * run resumes and a detected clip returns at once. `detection:done` follows success.
     */
    'detection.start': method(z.tuple([path, model]), async (p, m) => ({
      jobId: jobs.start(
        'Detecting keypoints',
        (job) =>
          detectFootage(p, {
            settings: { model: m },
            ...(ctx.detector ? { backend: ctx.detector } : {}),
            signal: job.signal,
            // Batch work beside the animator's window (see detectFootage).
            background: true,
            onProgress: (progress) =>
              job.progress(progress.done, progress.total, progress.etaSec ?? null),
            onWarning: (warning) =>
              ctx.emit('footage:warning', { path: p, message: warning.message }),
          }),
        (result) => ctx.emit('detection:done', { path: p, model: m, cacheKey: result.cacheKey }),
      ),
    })),
    /**
     * The performer's keypoints from a finished detection, raw and cleaned (body15), plus the
     * people found (with their boxes frame by frame, for the viewport to show and pick); null
     * when the clip has not been detected with that model yet. Never detects.
     */
    'detection.track': method(
      z.tuple([path, model, cleaning, z.number().int().min(0).nullable(), performerAt]),
      async (p, m, settings, chosen, at) => {
        const cacheKey = detectionCacheKey(footageHash(p), {
          ...defaultDetectionSettings,
          model: m,
        })
        const detected = new TrackCache(trackCacheDir()).load(cacheKey)
        // Not detected yet with this model: the caller starts detection.
        if (!detected) return null
        const identities = trackIdentities(detected.frames)
        const scores = performerScores(detected, identities)
        const performer = resolvePerformer(detected, identities, chosen, at)
        if (performer === undefined) {
          throw new ApiError(
            'No person was found in this clip. The performer must be clearly visible and fill a good part of the frame; try the heavy model or other footage.',
            'noPerson',
          )
        }
        const raw = performerSequence(detected, identities, performer)
        const clean = cleanSequence(raw, settings)
        return {
          raw: sequenceToTrack(raw, 'body15'),
          clean: sequenceToTrack(clean.sequence, 'body15'),
          report: clean.report,
          people: summarizePeople(detected, identities, scores),
          performer,
          foundRate: personFoundRate(raw),
          cacheKey,
        }
      },
    ),
  }
}
