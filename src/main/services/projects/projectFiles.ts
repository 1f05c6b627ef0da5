import { copyFile, readFile, stat } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { loadProject, serializeProject } from '../../../core/document/loadProject'
import type { LoadError } from '../../../core/document/loadProject'
import type { ProjectDocument } from '../../../core/document/types'
import { writeFileAtomic } from './atomicWrite'

/** The extension Toonmo saves projects with. */
export const PROJECT_EXTENSION = '.toonmo'

/** A failure to open or save, carrying the typed load error where there is one. */
export class ProjectFileError extends Error {
  override name = 'ProjectFileError'
  constructor(
    message: string,
    readonly kind: LoadError['kind'] | 'io',
  ) {
    super(message)
  }
}

/** Largest project file we agree to parse; keypoint tracks live in the cache, not in the file. */
const MAX_PROJECT_BYTES = 256 * 1024 * 1024

/** Reads and validates a project; throws ProjectFileError with a message for the user. */
export async function readProjectFile(path: string): Promise<ProjectDocument> {
  let size: number
  try {
    size = (await stat(path)).size
  } catch (error) {
    throw ioError(error, path, 'open')
  }
  if (size > MAX_PROJECT_BYTES) {
    throw new ProjectFileError(
      `${path} is ${Math.round(size / 1e6)} MB, far larger than any Toonmo project: it is probably not one.`,
      'notAProject',
    )
  }
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw ioError(error, path, 'open')
  }
  const result = loadProject(text)
  if (!result.ok) throw new ProjectFileError(result.error.message, result.error.kind)
  return result.value
}

/**
 * Saves atomically. The previous saved version is kept as `<path>.bak` first, so even a bug that
 * writes a bad document never destroys the only good copy.
 */
export async function writeProjectFile(path: string, doc: ProjectDocument): Promise<void> {
  const text = serializeProject(doc)
  // Refuse to write something we could not read back.
  const check = loadProject(text)
  if (!check.ok)
    throw new ProjectFileError(
      `Refusing to save an invalid project: ${check.error.message}`,
      'invalid',
    )
  try {
    if (existsSync(path)) await copyFile(path, `${path}.bak`)
    await writeFileAtomic(path, text)
  } catch (error) {
    throw ioError(error, path, 'save')
  }
}

function ioError(error: unknown, path: string, verb: 'open' | 'save'): ProjectFileError {
  const code = (error as NodeJS.ErrnoException).code
  const reason =
    code === 'ENOENT'
      ? verb === 'open'
        ? 'the file does not exist'
        : 'its folder does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied: check the file and folder permissions'
        : code === 'ENOSPC'
          ? 'the disk is full: free some space and save again'
          : code === 'EISDIR'
            ? 'that is a folder, not a file'
            : (error as Error).message
  return new ProjectFileError(`Could not ${verb} ${path}: ${reason}.`, 'io')
}
