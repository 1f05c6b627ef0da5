import type { ApiContext } from './method'

export interface JobReporter {
  signal: AbortSignal
  /**
   * Reports progress. The ETA is the work's own when it knows better (`etaSec`, null for not yet
   * known); otherwise it is computed here from the rate since the job started.
   */
  progress(done: number, total: number, etaSec?: number | null): void
}

interface RunningJob {
  controller: AbortController
  label: string
  /** Settles when the work has ended, however it ended. */
  ended: Promise<unknown>
}

/**
 * Long jobs (preview frames, detection, export): each runs in the background, reports progress
 * with an ETA as `job:progress` events and ends with `job:done`, and can be cancelled by id.
 * The API call that starts a job returns its id at once, so no call blocks the window.
 */
export class JobRunner {
  private readonly jobs = new Map<string, RunningJob>()
  private next = 1

  constructor(private readonly ctx: ApiContext) {}

  start<R>(
    label: string,
    work: (job: JobReporter) => Promise<R>,
    onResult?: (result: R) => void,
  ): string {
    const jobId = `job-${this.next++}`
    const controller = new AbortController()
    const started = Date.now()
    let lastEmit = 0
    const reporter: JobReporter = {
      signal: controller.signal,
      progress: (done, total, known) => {
        const now = Date.now()
        if (now - lastEmit < 100 && done < total) return
        lastEmit = now
        const elapsed = (now - started) / 1000
        const etaSec =
          known !== undefined
            ? known
            : done > 0 && total > done
              ? (elapsed / done) * (total - done)
              : null
        this.ctx.emit('job:progress', { jobId, done, total, etaSec, label })
      },
    }
    this.ctx.emit('job:progress', { jobId, done: 0, total: 1, etaSec: null, label })
    const ended = work(reporter).then(
      (result) => {
        this.jobs.delete(jobId)
        onResult?.(result)
        this.ctx.emit('job:done', { jobId, ok: true })
      },
      (error: unknown) => {
        this.jobs.delete(jobId)
        const cancelled = controller.signal.aborted
        this.ctx.emit('job:done', {
          jobId,
          ok: false,
          message: cancelled ? 'Cancelled' : error instanceof Error ? error.message : String(error),
          ...(cancelled ? { cancelled } : {}),
        })
      },
    )
    // Registered once the work has begun; it ends (and leaves the map) no sooner than a tick later.
    this.jobs.set(jobId, { controller, label, ended })
    return jobId
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId)
    if (!job) return false
    job.controller.abort()
    return true
  }

  cancelAll(): void {
    for (const job of this.jobs.values()) job.controller.abort()
  }

  /**
   * Cancels every job and waits until each has wound down (its ffmpeg and detector processes
   * stopped, its partial results saved), or `waitMs` passed. For shutting down: a running job
   * otherwise keeps the process alive until it would have finished.
   */
  async stopAll(waitMs: number): Promise<void> {
    this.cancelAll()
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      Promise.allSettled([...this.jobs.values()].map((job) => job.ended)),
      new Promise((resolve) => (timer = setTimeout(resolve, waitMs))),
    ])
    clearTimeout(timer)
  }

  get running(): number {
    return this.jobs.size
  }
}
