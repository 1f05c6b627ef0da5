import type { ProjectDocument } from '../document/types'
import type { History } from './History'

/** A named, pure change to the document. Returning the same object means "nothing changed". */
export interface Edit<A extends unknown[]> {
  label: string
  apply(doc: ProjectDocument, ...args: A): ProjectDocument
}

export function defineEdit<A extends unknown[]>(
  label: string,
  apply: (doc: ProjectDocument, ...args: A) => ProjectDocument,
): Edit<A> {
  return { label, apply }
}

/** Runs an edit through the history so it can be undone. */
export function applyEdit<A extends unknown[]>(
  history: History<ProjectDocument>,
  edit: Edit<A>,
  ...args: A
): ProjectDocument {
  return history.apply(edit.label, (doc) => edit.apply(doc, ...args))
}
