import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { ProjectDocument } from '../../../core/document/types'
import { readProjectFile, writeProjectFile } from './projectFiles'

/**
 * Autosave keeps two copies per project in the autosave folder: `current` and `previous`. A new
 * autosave first moves `current` to `previous`, so a crash during the write, or an autosave of a
 * broken state, still leaves the last good copy. Saved project files are never touched.
 */
export function autosaveDir(): string {
  return process.env.TOONMO_AUTOSAVE_DIR ?? join(homedir(), '.config', 'toonmo', 'autosave')
}

function slot(doc: { id: string }): string {
  return createHash('sha1').update(doc.id).digest('hex').slice(0, 16)
}

export interface AutosaveEntry {
  projectId: string
  name: string
  path: string
  savedAt: number
}

export async function writeAutosave(doc: ProjectDocument): Promise<string> {
  const dir = join(autosaveDir(), slot(doc))
  await mkdir(dir, { recursive: true })
  const current = join(dir, 'current.toonmo')
  if (existsSync(current)) await rename(current, join(dir, 'previous.toonmo'))
  await writeProjectFile(current, doc)
  // writeProjectFile keeps a .bak beside what it replaces; here `previous` already does that.
  await rm(`${current}.bak`, { force: true })
  return current
}

/** Autosaves that can be recovered, newest first; unreadable ones fall back to their previous copy. */
export async function listAutosaves(): Promise<AutosaveEntry[]> {
  const root = autosaveDir()
  if (!existsSync(root)) return []
  const entries: AutosaveEntry[] = []
  for (const name of await readdir(root)) {
    for (const file of ['current.toonmo', 'previous.toonmo']) {
      const path = join(root, name, file)
      if (!existsSync(path)) continue
      try {
        const doc = await readProjectFile(path)
        entries.push({
          projectId: doc.id,
          name: doc.name,
          path,
          savedAt: (await stat(path)).mtimeMs,
        })
        break
      } catch {
        // damaged: try the previous copy
      }
    }
  }
  return entries.sort((a, b) => b.savedAt - a.savedAt)
}

/** Removes a project's autosaves once the user has saved or discarded them. */
export async function clearAutosave(doc: { id: string }): Promise<void> {
  await rm(join(autosaveDir(), slot(doc)), { recursive: true, force: true })
}
