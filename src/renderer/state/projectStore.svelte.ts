import { createProject } from '../../core/document/createProject'
import type { ProjectDocument } from '../../core/document/types'
import { History } from '../../core/edits/History'
import type { MarkId } from '../../core/edits/History'
import { applyEdit } from '../../core/edits/defineEdit'
import type { Edit } from '../../core/edits/defineEdit'
import { api } from '../api/client'

const AUTOSAVE_INTERVAL_MS = 30_000

/**
 * The open project: the undo history over the document, where it is saved, and whether it has
 * unsaved changes. Components read `doc` and call `edit`; nothing else changes the document.
 */
export class ProjectStore {
  readonly history = new History<ProjectDocument>(createProject())
  doc = $state.raw<ProjectDocument>(this.history.document)
  path = $state<string | null>(null)
  private savedDoc = $state.raw<ProjectDocument | null>(this.history.document)
  private autosavedDoc: ProjectDocument | null = null
  canUndo = $state(false)
  canRedo = $state(false)
  undoLabel = $state<string | undefined>(undefined)
  redoLabel = $state<string | undefined>(undefined)

  readonly dirty = $derived(this.doc !== this.savedDoc)
  /** The name Toonmo gave the project it loaded (a new project, the sample); null when opened. */
  private givenName = $state<string | null>(null)
  /**
   * True while the project has no file and still carries the name Toonmo gave it, so importing
   * footage may name it after the clip. An undo that brings the given name back makes it true
   * again; a name the user typed never is.
   */
  readonly hasGivenName = $derived(this.path === null && this.doc.name === this.givenName)

  constructor() {
    this.history.subscribe((doc) => this.sync(doc))
  }

  edit<A extends unknown[]>(edit: Edit<A>, ...args: A): void {
    applyEdit(this.history, edit, ...args)
  }

  mark(): MarkId {
    return this.history.mark()
  }

  squashToMark(mark: MarkId, label?: string): void {
    this.history.squashToMark(mark, label)
    this.sync(this.history.document)
  }

  bailToMark(mark: MarkId): void {
    this.history.bailToMark(mark)
    this.sync(this.history.document)
  }

  undo(): void {
    this.history.undo()
  }

  redo(): void {
    this.history.redo()
  }

  /**
   * Replaces the open project (new, open, sample, recovered); history starts afresh.
   * `givenName`: the name is Toonmo's, not the user's (see hasGivenName).
   */
  load(doc: ProjectDocument, path: string | null, saved = true, givenName = false): void {
    this.path = path
    this.history.reset(doc)
    this.savedDoc = saved ? doc : null
    this.givenName = givenName ? doc.name : null
  }

  async newProject(name?: string): Promise<void> {
    this.load(await api['project.new'](name), null, false, name === undefined)
  }

  async open(path: string): Promise<void> {
    const { doc, path: opened } = await api['project.open'](path)
    this.load(doc, opened)
  }

  async save(path: string): Promise<string> {
    const doc = this.doc
    const { path: saved } = await api['project.save'](path, doc)
    this.path = saved
    this.savedDoc = doc
    return saved
  }

  /** Writes an autosave when something changed since the last one; never touches the saved file. */
  async autosave(): Promise<void> {
    const doc = this.doc
    if (!this.dirty || doc === this.autosavedDoc) return
    await api['project.autosave'](doc)
    this.autosavedDoc = doc
  }

  startAutosave(onError: (message: string) => void): () => void {
    const timer = setInterval(() => {
      this.autosave().catch((error: unknown) =>
        onError(`Autosave failed: ${(error as Error).message}`),
      )
    }, AUTOSAVE_INTERVAL_MS)
    return () => clearInterval(timer)
  }

  private sync(doc: ProjectDocument): void {
    this.doc = doc
    this.canUndo = this.history.canUndo
    this.canRedo = this.history.canRedo
    this.undoLabel = this.history.undoLabel
    this.redoLabel = this.history.redoLabel
  }
}

export const project = new ProjectStore()
