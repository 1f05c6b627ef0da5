import { describe, expect, it } from 'vitest'
import { JobRunner } from './jobs'
import type { ApiContext } from './method'

/** A context that records the events a job sends to the windows. */
function recordingContext(): { ctx: ApiContext; events: { channel: string; payload: unknown }[] } {
  const events: { channel: string; payload: unknown }[] = []
  const ctx: ApiContext = {
    mode: 'browser',
    emit: (channel, payload) => events.push({ channel, payload }),
  }
  return { ctx, events }
}

const progressOf = (events: { channel: string; payload: unknown }[]) =>
  events
    .filter((e) => e.channel === 'job:progress')
    .map((e) => e.payload as { done: number; total: number; etaSec: number | null })

describe('JobRunner', () => {
  it("takes the work's own ETA when it gives one, null included", async () => {
    const { ctx, events } = recordingContext()
    const runner = new JobRunner(ctx)
    let finish!: () => void
    runner.start('Detecting keypoints', async (job) => {
      // A slow start (a detector loading) must not make the first frames promise an hour.
      await new Promise((resolve) => setTimeout(resolve, 150))
      job.progress(1, 100, null)
      await new Promise((resolve) => setTimeout(resolve, 120))
      job.progress(5, 100, 9.5)
      await new Promise<void>((resolve) => (finish = resolve))
    })
    await expect.poll(() => progressOf(events).length).toBe(3)
    expect(progressOf(events).map((p) => p.etaSec)).toEqual([null, null, 9.5])
    finish()
  })

  it('computes an ETA from the rate so far when the work gives none', async () => {
    const { ctx, events } = recordingContext()
    const runner = new JobRunner(ctx)
    runner.start('Preparing footage', async (job) => {
      await new Promise((resolve) => setTimeout(resolve, 200))
      job.progress(10, 40)
    })
    await expect.poll(() => events.some((e) => e.channel === 'job:done')).toBe(true)
    const eta = progressOf(events)[1]!.etaSec!
    // 10 done in about 0.2 s: 30 more take about 0.6 s.
    expect(eta).toBeGreaterThan(0.5)
    expect(eta).toBeLessThan(1.5)
  })

  it('ends a cancelled job as Cancelled, whatever the work threw', async () => {
    const { ctx, events } = recordingContext()
    const runner = new JobRunner(ctx)
    const id = runner.start('Exporting', (job) => {
      return new Promise((_, reject) =>
        job.signal.addEventListener('abort', () => reject(new Error('ffmpeg was killed'))),
      )
    })
    expect(runner.cancel(id)).toBe(true)
    await expect
      .poll(() => events.find((e) => e.channel === 'job:done')?.payload)
      .toEqual({
        jobId: id,
        ok: false,
        message: 'Cancelled',
        cancelled: true,
      })
    expect(runner.cancel(id)).toBe(false)
  })

  it('stopAll cancels every job and returns once each has wound down, or at the deadline', async () => {
    const { ctx, events } = recordingContext()
    const runner = new JobRunner(ctx)
    // One job saves its work for a moment after the cancel; the other never stops.
    runner.start('Detecting keypoints', (job) => {
      return new Promise((_, reject) =>
        job.signal.addEventListener('abort', () => setTimeout(() => reject(new Error('x')), 100)),
      )
    })
    await runner.stopAll(5_000)
    expect(events.filter((e) => e.channel === 'job:done')).toHaveLength(1)
    expect(runner.running).toBe(0)

    runner.start('Stuck', () => new Promise(() => undefined))
    const before = Date.now()
    await runner.stopAll(200)
    expect(Date.now() - before).toBeLessThan(2_000)
    expect(runner.running).toBe(1)
  })
})
