import { api, onApiEvent } from '../api/client'
import { JobWaiters } from './jobWaiters'

export interface JobView {
  id: string
  label: string
  done: number
  total: number
  etaSec: number | null
}

/**
 * Long jobs for the status area: progress, ETA and cancel. Main-process jobs report through
 * events; renderer jobs (retargeting in the worker) register themselves with `track`.
 */
class JobsStore {
  list = $state<JobView[]>([])
  private readonly waiters = new JobWaiters()
  private readonly localCancel = new Map<string, () => void>()
  private nextLocal = 1

  constructor() {
    onApiEvent('job:progress', (p) =>
      this.upsert({ id: p.jobId, label: p.label, done: p.done, total: p.total, etaSec: p.etaSec }),
    )
    onApiEvent('job:done', (d) => {
      this.remove(d.jobId)
      this.waiters.settle(d.jobId, d)
    })
  }

  /** Resolves when a main-process job finishes; rejects with its message when it fails or is cancelled. */
  wait(jobId: string): Promise<void> {
    return this.waiters.wait(jobId)
  }

  cancel(id: string): void {
    const local = this.localCancel.get(id)
    if (local) local()
    else void api['job.cancel'](id)
  }

  /** Runs a renderer-side job with progress and cancel in the status area. */
  async track<R>(
    label: string,
    work: (signal: AbortSignal, progress: (done: number, total: number) => void) => Promise<R>,
  ): Promise<R> {
    const id = `local-${this.nextLocal++}`
    const controller = new AbortController()
    const started = performance.now()
    this.localCancel.set(id, () => controller.abort())
    this.upsert({ id, label, done: 0, total: 1, etaSec: null })
    try {
      return await work(controller.signal, (done, total) => {
        const elapsed = (performance.now() - started) / 1000
        this.upsert({
          id,
          label,
          done,
          total,
          etaSec: done > 0 ? (elapsed / done) * (total - done) : null,
        })
      })
    } finally {
      this.localCancel.delete(id)
      this.remove(id)
    }
  }

  private upsert(job: JobView): void {
    const i = this.list.findIndex((j) => j.id === job.id)
    if (i >= 0) this.list[i] = job
    else this.list.push(job)
  }

  private remove(id: string): void {
    this.list = this.list.filter((j) => j.id !== id)
  }
}

export const jobs = new JobsStore()
