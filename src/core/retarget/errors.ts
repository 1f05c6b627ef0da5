/** What went wrong, so UI and CLI can pick their wording; the message already says what to do. */
export type RetargetErrorCode =
  /** The SKEL file is not a usable toonmo.skeleton. */
  | 'badSkeleton'
  /** The source track is not a usable toonmo.track. */
  | 'badTrack'
  /** Fewer frames than the network's minimum window. */
  | 'tooShort'
  /** No frame of the track has enough joints to pose a body. */
  | 'noPerson'
  /** A view other than the source's was asked for and no model is available. */
  | 'noModel'
  /** The model answered with a shape or values this code cannot use. */
  | 'badModel'
  | 'cancelled'

/** Thrown by the retarget core for input it cannot use; never for a programming error. */
export class RetargetError extends Error {
  override name = 'RetargetError'
  constructor(
    readonly code: RetargetErrorCode,
    message: string,
  ) {
    super(message)
  }
}

/**
 * The part of an AbortSignal that core reads. Core has no DOM or Node types, and a real
 * AbortSignal satisfies this shape, so callers pass theirs unchanged.
 */
export interface CancelSignal {
  readonly aborted: boolean
}

/** Throws a `cancelled` RetargetError when the signal has fired. */
export function throwIfAborted(signal: CancelSignal | undefined): void {
  if (signal?.aborted) throw new RetargetError('cancelled', 'retargeting was cancelled')
}
