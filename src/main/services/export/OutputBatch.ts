import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { access, mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'

/** A problem with where the export should go; the message says what to do. */
export class ExportOutputError extends Error {
  override name = 'ExportOutputError'
}

/**
 * The files of one export, written all or nothing: each goes to a hidden temporary name beside
 * its target, and only when every output is complete are they renamed into place. A failure or
 * a cancel at any point removes the temporaries, so no partial files are ever left behind.
 */
export class OutputBatch {
  private readonly staged = new Map<string, string>()

  /**
   * Checks up front that every target's folder exists (or can be made) and is writable, and that
   * no target is a folder, so a long render never ends in "cannot write".
   */
  static async prepare(targets: string[]): Promise<OutputBatch> {
    const seen = new Set<string>()
    for (const target of targets.map((t) => resolve(t))) {
      if (seen.has(target))
        throw new ExportOutputError(
          `two outputs would both be written to ${target}: give them different names`,
        )
      seen.add(target)
      const info = await stat(target).catch(() => undefined)
      if (info?.isDirectory())
        throw new ExportOutputError(`${target} is a folder: give a file name for this output`)
      const dir = dirname(target)
      try {
        await mkdir(dir, { recursive: true })
        await access(dir, constants.W_OK)
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error)
        throw new ExportOutputError(
          `cannot write to the folder ${dir} (${code}): choose a folder you can write to, or fix its permissions`,
        )
      }
    }
    return new OutputBatch()
  }

  /** A fresh temporary path for `target` (in its folder, so the final rename is atomic). */
  tempPathFor(target: string): string {
    const path = resolve(target)
    const existing = this.staged.get(path)
    if (existing) return existing
    const temp = join(dirname(path), `.${basename(path)}.${randomBytes(5).toString('hex')}.partial`)
    this.staged.set(path, temp)
    return temp
  }

  /** Writes `data` to the temporary file for `target` and syncs it. */
  async write(target: string, data: string | Uint8Array): Promise<void> {
    const temp = this.tempPathFor(target)
    let handle
    try {
      handle = await open(temp, 'w', 0o644)
      await handle.writeFile(data)
      await handle.sync()
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error)
      throw new ExportOutputError(`cannot write ${resolve(target)} (${code})`)
    } finally {
      await handle?.close()
    }
  }

  /** Targets staged so far, as absolute paths. */
  get targets(): string[] {
    return [...this.staged.keys()]
  }

  /** Moves every staged file into place. */
  async commit(): Promise<string[]> {
    const done: string[] = []
    for (const [target, temp] of this.staged) {
      await rename(temp, target)
      done.push(target)
    }
    this.staged.clear()
    return done
  }

  /** Removes every temporary file; safe to call after commit or twice. */
  async discard(): Promise<void> {
    await Promise.all([...this.staged.values()].map((t) => rm(t, { force: true })))
    this.staged.clear()
  }
}
