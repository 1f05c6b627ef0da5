/** How a main-process job ended, as its `job:done` event says. */
export interface JobOutcome {
  ok: boolean
  message?: string
  cancelled?: boolean
}

/** A wait's rejection when the job was cancelled (by the user or by newer work), not failed. */
export class JobCancelled extends Error {
  override name = 'JobCancelled'
}

/** Outcomes nobody has waited for yet are kept for this many jobs, then the oldest go. */
const KEEP_UNCLAIMED = 64

/**
 * Promises for main-process jobs by id. The call that starts a job answers over one channel and
 * the job's `job:done` event comes over another, so a quick job (a cached detection, a preview
 * already decoded) can end before anyone waits for it. Its outcome is kept until `wait` claims it;
 * without that, the wait would never end.
 */
export class JobWaiters {
  private readonly waiting = new Map<string, { resolve: () => void; reject: (e: Error) => void }>()
  private readonly unclaimed = new Map<string, JobOutcome>()

  /** Resolves when the job succeeds; rejects with its message when it fails or is cancelled. */
  wait(jobId: string): Promise<void> {
    const outcome = this.unclaimed.get(jobId)
    if (outcome) {
      this.unclaimed.delete(jobId)
      return settled(outcome)
    }
    return new Promise((resolve, reject) => this.waiting.set(jobId, { resolve, reject }))
  }

  /** Records a job's end: settles its wait, or keeps the outcome for a wait still to come. */
  settle(jobId: string, outcome: JobOutcome): void {
    const waiter = this.waiting.get(jobId)
    if (waiter) {
      this.waiting.delete(jobId)
      if (outcome.ok) waiter.resolve()
      else waiter.reject(failure(outcome))
      return
    }
    this.unclaimed.set(jobId, outcome)
    if (this.unclaimed.size > KEEP_UNCLAIMED) {
      this.unclaimed.delete(this.unclaimed.keys().next().value as string)
    }
  }
}

function settled(outcome: JobOutcome): Promise<void> {
  return outcome.ok ? Promise.resolve() : Promise.reject(failure(outcome))
}

function failure(outcome: JobOutcome): Error {
  const message = outcome.message ?? 'The job failed'
  return outcome.cancelled ? new JobCancelled(message) : new Error(message)
}
