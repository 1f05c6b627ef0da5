import type { MarkId } from '../../core/edits/History'
import { project } from './projectStore.svelte'

/**
 * One undo step for a continuous control (slider drag): `begin` marks the history, live edits
 * follow, `end(label)` folds them into a single step.
 */
export function dragStep(): { begin: () => void; end: (label: string) => () => void } {
  let mark: MarkId | null = null
  return {
    begin: () => {
      mark ??= project.mark()
    },
    end: (label) => () => {
      if (mark !== null) project.squashToMark(mark, label)
      mark = null
    },
  }
}
