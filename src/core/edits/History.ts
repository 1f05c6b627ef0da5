/**
 * Undo history over immutable documents. Every edit produces a new document (structural
 * sharing keeps this cheap), so undo is swapping snapshots rather than inverting operations.
 *
 * A drag is one undo step: `mark()` on pointer-down, live `apply()` calls while dragging,
 * `squashToMark()` on pointer-up (or `bailToMark()` on Escape, which also restores the document).
 */
export interface HistoryEntry<D> {
  /** Name of the edit, for menus ("Undo Rename project"). */
  label: string
  before: D
  after: D
}

export type MarkId = number

export class History<D> {
  private past: HistoryEntry<D>[] = []
  private future: HistoryEntry<D>[] = []
  private marks: { id: MarkId; depth: number }[] = []
  private nextMark = 1
  private listeners = new Set<(doc: D) => void>()

  constructor(
    private current: D,
    private readonly limit = 500,
  ) {}

  get document(): D {
    return this.current
  }

  get canUndo(): boolean {
    return this.past.length > 0
  }

  get canRedo(): boolean {
    return this.future.length > 0
  }

  get undoLabel(): string | undefined {
    return this.past.at(-1)?.label
  }

  get redoLabel(): string | undefined {
    return this.future.at(-1)?.label
  }

  /** Records `edit(current)` as one step. An edit that returns the same object records nothing. */
  apply(label: string, edit: (doc: D) => D): D {
    const before = this.current
    const after = edit(before)
    if (after === before) return before
    this.past.push({ label, before, after })
    this.future = []
    if (this.past.length > this.limit && this.marks.length === 0) this.past.shift()
    this.set(after)
    return after
  }

  /** Starts a group of edits that squashToMark will fold into one step. */
  mark(): MarkId {
    const id = this.nextMark++
    this.marks.push({ id, depth: this.past.length })
    return id
  }

  /** Folds every step since the mark into one, labelled with `label` or the first step's label. */
  squashToMark(id: MarkId, label?: string): void {
    const mark = this.popMark(id)
    if (!mark) return
    const steps = this.past.splice(mark.depth)
    const first = steps[0]
    const last = steps.at(-1)
    if (!first || !last) return
    this.past.push({ label: label ?? first.label, before: first.before, after: last.after })
  }

  /** Drops every step since the mark and restores the document to what it was at the mark. */
  bailToMark(id: MarkId): void {
    const mark = this.popMark(id)
    if (!mark) return
    const steps = this.past.splice(mark.depth)
    const first = steps[0]
    if (first) this.set(first.before)
  }

  undo(): boolean {
    const entry = this.past.pop()
    if (!entry) return false
    this.future.push(entry)
    this.set(entry.before)
    return true
  }

  redo(): boolean {
    const entry = this.future.pop()
    if (!entry) return false
    this.past.push(entry)
    this.set(entry.after)
    return true
  }

  /** Replaces the document and forgets all history (opening or creating a project). */
  reset(doc: D): void {
    this.past = []
    this.future = []
    this.marks = []
    this.set(doc)
  }

  subscribe(listener: (doc: D) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private popMark(id: MarkId): { id: MarkId; depth: number } | undefined {
    const index = this.marks.findIndex((m) => m.id === id)
    if (index < 0) return undefined
    // Closing an outer mark closes any inner ones left open.
    return this.marks.splice(index)[0]
  }

  private set(doc: D): void {
    this.current = doc
    for (const listener of this.listeners) listener(doc)
  }
}
