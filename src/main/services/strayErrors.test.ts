import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

describe('surviveStrayRejections', () => {
  it('keeps a Node process running through a rejection nobody awaited, and reports it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'toonmo-stray-'))
    try {
      const script = join(dir, 'stray.ts')
      const module = pathToFileURL(join(import.meta.dirname, 'strayErrors.ts')).href
      writeFileSync(
        script,
        `import { surviveStrayRejections } from ${JSON.stringify(module)}
surviveStrayRejections((text) => process.stderr.write(text))
void Promise.reject(new Error('ffmpeg exited'))
setTimeout(() => process.stdout.write('still running'), 200)
`,
      )
      const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
        encoding: 'utf8',
        timeout: 30_000,
      })
      expect(run.status, run.stderr).toBe(0)
      expect(run.stdout).toBe('still running')
      expect(run.stderr).toMatch(/nobody waiting for it[\s\S]*Error: ffmpeg exited/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
