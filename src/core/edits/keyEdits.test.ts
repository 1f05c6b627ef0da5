import { describe, expect, it } from 'vitest'
import { createProject } from '../document/createProject'
import type { KeyId } from '../document/ids'
import type { ProjectDocument } from '../document/types'
import { applyEdit } from './defineEdit'
import { History } from './History'
import {
  changedKeyIds,
  dropCoveredKeys,
  pasteKeys,
  setKeyInterpolation,
  setKeyRotations,
} from './keyEdits'
import { moveKeys, setKey } from './timelineEdits'
import { copyKeys, placeClipboard } from '../timeline/keyClipboard'

function withKeys(): { h: History<ProjectDocument>; ids: KeyId[] } {
  const h = new History(createProject('Keys'))
  applyEdit(h, setKey, { frame: 10, bone: 'head', rotation: 0.1, interpolation: 'linear' })
  applyEdit(h, setKey, { frame: 20, bone: 'head', rotation: 0.2, interpolation: 'linear' })
  applyEdit(h, setKey, { frame: 14, bone: 'forearm_l', rotation: -0.3, interpolation: 'bezier' })
  const ids = Object.values(h.document.timeline.keys)
    .sort((a, b) => a.frame - b.frame)
    .map((k) => k.id)
  return { h, ids }
}

describe('key edits', () => {
  it('sets interpolation on the chosen keys only, as one undo step', () => {
    const { h, ids } = withKeys()
    const [a, , c] = ids
    applyEdit(h, setKeyInterpolation, [a!, c!], 'stepped')
    const keys = h.document.timeline.keys
    expect(keys[a!]?.interpolation).toBe('stepped')
    expect(keys[c!]?.interpolation).toBe('stepped')
    expect(keys[ids[1]!]?.interpolation).toBe('bezier')
    expect(h.undoLabel).toBe('Set interpolation')
    h.undo()
    expect(h.document.timeline.keys[a!]?.interpolation).toBe('linear')
  })

  it('records nothing when the interpolation is already set or the key is gone', () => {
    const { h, ids } = withKeys()
    const before = h.document
    applyEdit(h, setKeyInterpolation, [ids[0]!, 'key-missing' as KeyId], 'linear')
    expect(h.document).toBe(before)
  })

  it('changes key values and ignores non-finite ones', () => {
    const { h, ids } = withKeys()
    applyEdit(h, setKeyRotations, { [ids[0]!]: 0.5, [ids[1]!]: Number.NaN })
    expect(h.document.timeline.keys[ids[0]!]?.rotation).toBe(0.5)
    expect(h.document.timeline.keys[ids[1]!]?.rotation).toBe(-0.3)
  })

  it('pastes copied keys at the playhead keeping their spacing, replacing keys in the way', () => {
    const { h, ids } = withKeys()
    const keys = h.document.timeline.keys
    // Copy the head key at 10 and the forearm key at 14; paste at 16: they land on 16 and 20.
    const clip = copyKeys([keys[ids[0]!]!, keys[ids[1]!]!])
    const before = h.document
    applyEdit(h, pasteKeys, placeClipboard(clip, 16))
    const after = h.document
    const pasted = changedKeyIds(before, after).map((id) => after.timeline.keys[id]!)
    expect(pasted.map((k) => [k.bone, k.frame]).sort()).toEqual([
      ['forearm_l', 20],
      ['head', 16],
    ])
    // The old keys stay: 3 + 2 pasted.
    expect(Object.values(after.timeline.keys)).toHaveLength(5)
    // Pasting again at 10 replaces the head key there instead of stacking a second one.
    applyEdit(h, pasteKeys, placeClipboard(clip, 10))
    const heads = Object.values(h.document.timeline.keys).filter((k) => k.bone === 'head')
    expect(heads.map((k) => k.frame).sort((a, b) => a - b)).toEqual([10, 16, 20])
    expect(h.document.timeline.keys[ids[0]!]?.rotation).toBe(0.1)
    h.undo()
    h.undo()
    expect(h.document).toBe(before)
  })

  it('a moved key replaces the key it lands on, and the move is one undo step', () => {
    const { h, ids } = withKeys()
    const before = h.document
    const mark = h.mark()
    applyEdit(h, moveKeys, [ids[0]!], 4)
    applyEdit(h, moveKeys, [ids[0]!], 6)
    applyEdit(h, dropCoveredKeys, [ids[0]!])
    h.squashToMark(mark, 'Move keys')
    const heads = Object.values(h.document.timeline.keys).filter((k) => k.bone === 'head')
    expect(heads).toHaveLength(1)
    expect(heads[0]).toMatchObject({ id: ids[0], frame: 20, rotation: 0.1 })
    h.undo()
    expect(h.document).toBe(before)
  })
})
