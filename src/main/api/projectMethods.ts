import { z } from 'zod'
import { createProject } from '../../core/document/createProject'
import { loadProject } from '../../core/document/loadProject'
import type { ProjectDocument } from '../../core/document/types'
import { loadSampleProject } from '../services/projects/sampleProject'
import { clearAutosave, listAutosaves, writeAutosave } from '../services/projects/autosave'
import {
  PROJECT_EXTENSION,
  readProjectFile,
  writeProjectFile,
} from '../services/projects/projectFiles'
import type { ApiContext } from './method'
import { ApiError, method } from './method'

const path = z.string().min(1).max(4096)

/** A document from the renderer is untrusted: it goes through the same checks as a file. */
function checkedDocument(raw: unknown): ProjectDocument {
  const result = loadProject(JSON.stringify(raw))
  if (!result.ok) throw new ApiError(result.error.message, result.error.kind)
  return result.value
}

function withExtension(p: string): string {
  return p.endsWith(PROJECT_EXTENSION) ? p : `${p}${PROJECT_EXTENSION}`
}

export function projectMethods(ctx: ApiContext) {
  return {
    'project.new': method(z.tuple([z.string().max(500).optional()]), async (name) =>
      createProject(name ?? 'Untitled'),
    ),
    'project.sample': method(z.tuple([]), async () => loadSampleProject()),
    'project.open': method(z.tuple([path]), async (p) => ({
      doc: await readProjectFile(p),
      path: p,
    })),
    'project.save': method(z.tuple([path, z.unknown()]), async (p, raw) => {
      const doc = checkedDocument(raw)
      const target = withExtension(p)
      await writeProjectFile(target, doc)
      await clearAutosave(doc)
      return { path: target }
    }),
    'project.autosave': method(z.tuple([z.unknown()]), async (raw) => ({
      path: await writeAutosave(checkedDocument(raw)),
    })),
    'project.listAutosaves': method(z.tuple([]), async () => listAutosaves()),
    'dialog.openProject': method(z.tuple([]), async () =>
      ctx.dialogs
        ? ctx.dialogs.openFile({ title: 'Open project', extensions: [PROJECT_EXTENSION.slice(1)] })
        : null,
    ),
    'dialog.openFootage': method(z.tuple([]), async () =>
      ctx.dialogs
        ? ctx.dialogs.openFile({
            title: 'Import footage',
            extensions: ['mp4', 'mov', 'mkv', 'webm', 'avi', 'm4v', 'png', 'jpg', 'jpeg'],
          })
        : null,
    ),
    'dialog.saveProject': method(z.tuple([z.string().max(500)]), async (suggested) =>
      ctx.dialogs
        ? ctx.dialogs.saveFile({
            title: 'Save project',
            defaultPath: withExtension(suggested),
            extensions: [PROJECT_EXTENSION.slice(1)],
          })
        : null,
    ),
  }
}
