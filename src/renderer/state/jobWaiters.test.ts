import { describe, expect, it } from 'vitest'
import { JobCancelled, JobWaiters } from './jobWaiters'

describe('JobWaiters', () => {
  it('settles a wait when its job ends', async () => {
    const waiters = new JobWaiters()
    const ok = waiters.wait('job-1')
    const failed = waiters.wait('job-2')
    waiters.settle('job-1', { ok: true })
    waiters.settle('job-2', { ok: false, message: 'Cancelled', cancelled: true })
    await expect(ok).resolves.toBeUndefined()
    await expect(failed).rejects.toThrow('Cancelled')
    await expect(failed).rejects.toBeInstanceOf(JobCancelled)
  })

  it('keeps the outcome of a job that ended before anyone waited for it', async () => {
    const waiters = new JobWaiters()
    waiters.settle('job-1', { ok: true })
    waiters.settle('job-2', { ok: false, message: 'No person was found' })
    await expect(waiters.wait('job-1')).resolves.toBeUndefined()
    const noPerson = waiters.wait('job-2')
    await expect(noPerson).rejects.toThrow('No person was found')
    // A failure, not a cancel.
    await expect(noPerson).rejects.not.toBeInstanceOf(JobCancelled)
    // Claimed once: a second wait for the same id is a new wait, not an old answer.
    let later = false
    void waiters.wait('job-1').then(() => (later = true))
    await Promise.resolve()
    expect(later).toBe(false)
  })

  it('forgets the oldest unclaimed outcomes beyond a bound', async () => {
    const waiters = new JobWaiters()
    for (let i = 0; i < 100; i++) waiters.settle(`job-${i}`, { ok: false, message: `m${i}` })
    await expect(waiters.wait('job-99')).rejects.toThrow('m99')
    let answered = false
    void waiters.wait('job-0').catch(() => (answered = true))
    await Promise.resolve()
    expect(answered).toBe(false)
  })
})
