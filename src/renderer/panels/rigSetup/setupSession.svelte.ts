import type { MarkId } from '../../../core/edits/History'
import { History } from '../../../core/edits/History'
import type { Rig } from '../../../core/rig/types'

/**
 * The rig being set up, with an undo history of its own (core's History over the rig: setup
 * edits are saved to the rig file, not the project document). A drag is one step: `begin`
 * marks, `preview` applies live changes, `commit` squashes them, `bail` drops them.
 */
export class SetupSession {
  rig = $state.raw<Rig>() as Rig
  canUndo = $state(false)
  canRedo = $state(false)
  private readonly history: History<Rig>
  private dragMark: MarkId | null = null
  /** The rig as last saved, to tell whether there is anything to save. */
  private saved = $state.raw<Rig>() as Rig

  constructor(rig: Rig) {
    this.history = new History(rig)
    this.rig = rig
    this.saved = rig
    this.history.subscribe(() => this.sync())
  }

  get dirty(): boolean {
    return this.rig !== this.saved
  }

  /** One finished edit. */
  apply(next: Rig): void {
    this.history.apply('Set up rig', () => next)
  }

  begin(): Rig {
    this.dragMark = this.history.mark()
    return this.rig
  }
  preview(next: Rig): void {
    if (this.dragMark !== null) this.history.apply('Move joint', () => next)
  }
  commit(): void {
    if (this.dragMark !== null) this.history.squashToMark(this.dragMark)
    this.dragMark = null
    this.sync()
  }
  bail(): void {
    if (this.dragMark !== null) this.history.bailToMark(this.dragMark)
    this.dragMark = null
    this.sync()
  }

  undo(): void {
    this.history.undo()
  }
  redo(): void {
    this.history.redo()
  }

  markSaved(): void {
    this.saved = this.rig
  }

  private sync(): void {
    this.rig = this.history.document
    this.canUndo = this.history.canUndo
    this.canRedo = this.history.canRedo
  }
}
