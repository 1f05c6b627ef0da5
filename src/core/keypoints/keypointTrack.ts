import type { CleaningReport, CleaningSettings } from './clean'
import { cleanSequence, defaultCleaningSettings } from './clean'
import type { Identities, IdentityOptions } from './identity'
import { defaultIdentityOptions, trackIdentities } from './identity'
import { choosePerformer, performerSequence } from './performer'
import type { PoseSequence, RawDetection } from './types'

/**
 * What the project stores for a clip's keypoints: the raw detection (every person, every frame,
 * uncleaned), the chosen performer and the cleaning settings. Everything else is derived, so raw
 * and clean can always be compared and settings changed without detecting again.
 */
export interface KeypointTrackRecord {
  raw: RawDetection
  /** The performer's identity track id; undefined picks the default (largest, most central). */
  performer?: number
  cleaning: CleaningSettings
  identity?: IdentityOptions
}

export interface KeypointTrackView {
  identities: Identities
  /** The performer actually used (the stored choice, or the default). */
  performer: number | undefined
  raw: PoseSequence
  clean: PoseSequence
  report: CleaningReport
}

/** Derives identities, the performer's raw and cleaned sequences from a stored record. */
export function viewKeypointTrack(record: KeypointTrackRecord): KeypointTrackView {
  const identities = trackIdentities(record.raw.frames, record.identity ?? defaultIdentityOptions)
  const performer =
    record.performer !== undefined && identities.trackIds.includes(record.performer)
      ? record.performer
      : choosePerformer(record.raw, identities)
  const raw = performerSequence(record.raw, identities, performer)
  const { sequence: clean, report } = cleanSequence(raw, record.cleaning ?? defaultCleaningSettings)
  return { identities, performer, raw, clean, report }
}

/** Fraction of frames in which a sequence has a person, 0-1. */
export function personFoundRate(sequence: PoseSequence): number {
  if (sequence.frames.length === 0) return 0
  return sequence.frames.filter((f) => f !== null).length / sequence.frames.length
}
