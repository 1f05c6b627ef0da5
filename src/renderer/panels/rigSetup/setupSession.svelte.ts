import type { Rig } from '../../../core/rig/types'

/**
 * The rig being set up, with its own undo history (setup edits are not project edits: they are
 * saved to the rig file, not the document). A drag is one step: `preview` shows live changes
 * from the state at `begin`, `commit` records them, `bail` drops them.
 */
export class SetupSession {
  rig = $state.raw<Rig>() as Rig
  private past = $state.raw<Rig[]>([])
  private future = $state.raw<Rig[]>([])
  private dragStart: Rig | null = null
  /** The rig as last saved, to tell whether there is anything to save. */
  private saved = $state.raw<Rig>() as Rig

  constructor(rig: Rig) {
    this.rig = rig
    this.saved = rig
  }

  get canUndo(): boolean {
    return this.past.length > 0
  }
  get canRedo(): boolean {
    return this.future.length > 0
  }
  get dirty(): boolean {
    return this.rig !== this.saved
  }

  /** One finished edit. */
  apply(next: Rig): void {
    if (next === this.rig) return
    this.past = [...this.past, this.rig]
    this.future = []
    this.rig = next
  }

  begin(): Rig {
    this.dragStart = this.rig
    return this.rig
  }
  preview(next: Rig): void {
    if (this.dragStart) this.rig = next
  }
  commit(): void {
    const start = this.dragStart
    this.dragStart = null
    if (!start || start === this.rig) return
    this.past = [...this.past, start]
    this.future = []
  }
  bail(): void {
    if (this.dragStart) this.rig = this.dragStart
    this.dragStart = null
  }

  undo(): void {
    const prev = this.past.at(-1)
    if (!prev) return
    this.past = this.past.slice(0, -1)
    this.future = [this.rig, ...this.future]
    this.rig = prev
  }
  redo(): void {
    const next = this.future[0]
    if (!next) return
    this.future = this.future.slice(1)
    this.past = [...this.past, this.rig]
    this.rig = next
  }

  markSaved(): void {
    this.saved = this.rig
  }
}
