import { SvelteSet } from 'svelte/reactivity'
import type { KeyId } from '../../core/document/ids'

/** What the animator has selected: a bone (stage or timeline) and keys (timeline). Ephemeral. */
class Selection {
  bone = $state<string | null>(null)
  keys = $state<ReadonlySet<KeyId>>(new SvelteSet())

  selectBone(bone: string | null): void {
    this.bone = bone
  }

  selectKeys(ids: Iterable<KeyId>, add = false): void {
    // A new set each time: the whole selection is replaced, which is what triggers updates.
    const next = new SvelteSet<KeyId>(add ? this.keys : [])
    for (const id of ids) next.add(id)
    this.keys = next
  }

  clearKeys(): void {
    this.keys = new SvelteSet()
  }
}

export const selection = new Selection()
