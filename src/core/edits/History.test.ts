import { describe, expect, it } from 'vitest'
import { createProject } from '../document/createProject'
import type { ProjectDocument } from '../document/types'
import { applyEdit } from './defineEdit'
import { History } from './History'
import { addFootage, renameProject, setCartoon } from './projectEdits'
import { deleteKeys, moveKeys, setKey, setWorkRange } from './timelineEdits'

function fresh(): History<ProjectDocument> {
  return new History(createProject('Start'))
}

describe('History', () => {
  it('undoes and redoes a named edit', () => {
    const h = fresh()
    applyEdit(h, renameProject, 'Walk cycle')
    expect(h.document.name).toBe('Walk cycle')
    expect(h.undoLabel).toBe('Rename project')
    expect(h.undo()).toBe(true)
    expect(h.document.name).toBe('Start')
    expect(h.redo()).toBe(true)
    expect(h.document.name).toBe('Walk cycle')
  })

  it('records nothing for an edit that changes nothing', () => {
    const h = fresh()
    applyEdit(h, renameProject, 'Start')
    expect(h.canUndo).toBe(false)
  })

  it('a new edit clears the redo stack', () => {
    const h = fresh()
    applyEdit(h, renameProject, 'A')
    h.undo()
    applyEdit(h, renameProject, 'B')
    expect(h.canRedo).toBe(false)
    expect(h.document.name).toBe('B')
  })

  it('squashes a whole drag into one undo step', () => {
    const h = fresh()
    applyEdit(h, renameProject, 'Before drag')
    const mark = h.mark()
    for (let i = 1; i <= 20; i++) applyEdit(h, setCartoon, { exaggeration: 1 + i / 10 })
    h.squashToMark(mark, 'Drag exaggeration')
    expect(h.document.cartoon.exaggeration).toBeCloseTo(3)
    expect(h.undoLabel).toBe('Drag exaggeration')
    h.undo()
    expect(h.document.cartoon.exaggeration).toBe(1)
    expect(h.document.name).toBe('Before drag')
    h.redo()
    expect(h.document.cartoon.exaggeration).toBeCloseTo(3)
  })

  it('bails out of a drag and restores the document (Escape)', () => {
    const h = fresh()
    const before = h.document
    const mark = h.mark()
    applyEdit(h, setCartoon, { smoothing: 0.9 })
    applyEdit(h, setCartoon, { smoothing: 0.8 })
    h.bailToMark(mark)
    expect(h.document).toBe(before)
    expect(h.canUndo).toBe(false)
  })

  it('notifies subscribers on every change, undo and redo', () => {
    const h = fresh()
    const names: string[] = []
    h.subscribe((d) => names.push(d.name))
    applyEdit(h, renameProject, 'X')
    h.undo()
    h.redo()
    expect(names).toEqual(['X', 'Start', 'X'])
  })
})

describe('timeline edits', () => {
  it('sets, moves and deletes keys, each undoable', () => {
    const h = fresh()
    applyEdit(h, setKey, { frame: 10, bone: 'upper_arm_r', rotation: 0.3, interpolation: 'bezier' })
    const [key] = Object.values(h.document.timeline.keys)
    expect(key?.frame).toBe(10)
    applyEdit(h, moveKeys, [key!.id], 5)
    expect(h.document.timeline.keys[key!.id]?.frame).toBe(15)
    applyEdit(h, deleteKeys, [key!.id])
    expect(Object.keys(h.document.timeline.keys)).toHaveLength(0)
    h.undo()
    h.undo()
    expect(h.document.timeline.keys[key!.id]?.frame).toBe(10)
  })

  it('replaces the key of the same bone and frame instead of stacking a second one', () => {
    const h = fresh()
    applyEdit(h, setKey, { frame: 3, bone: 'head', rotation: 0.1, interpolation: 'linear' })
    applyEdit(h, setKey, { frame: 3, bone: 'head', rotation: 0.2, interpolation: 'linear' })
    const keys = Object.values(h.document.timeline.keys)
    expect(keys).toHaveLength(1)
    expect(keys[0]?.rotation).toBe(0.2)
  })

  it('normalises a reversed work range', () => {
    const h = fresh()
    applyEdit(h, setWorkRange, { start: 40, end: 10 })
    expect(h.document.timeline.workRange).toEqual({ start: 10, end: 40 })
  })
})

/** Imports a one-second 640x360 clip at `path`. */
function addClip(h: History<ProjectDocument>, path: string): void {
  applyEdit(h, addFootage, {
    path,
    hash: null,
    width: 640,
    height: 360,
    rotation: 0,
    fps: 30,
    durationSec: 1,
    frameCount: 30,
  })
}

describe('detection settings edits', () => {
  it('creates the clip track record on first change and edits it after, undoably', async () => {
    const { setCleaning, setDetectionModel, choosePerformer } = await import('./projectEdits')
    const h = fresh()
    addClip(h, '/clip.mp4')
    const footageId = Object.keys(h.document.footage)[0] as Parameters<
      typeof setDetectionModel.apply
    >[1]
    applyEdit(h, setDetectionModel, footageId, 'lite')
    applyEdit(h, setCleaning, footageId, {
      gapFill: { enabled: false, minConfidence: 0.3, maxGapFrames: 5 },
    })
    applyEdit(h, choosePerformer, footageId, 2)
    const tracks = Object.values(h.document.tracks)
    expect(tracks).toHaveLength(1)
    expect(tracks[0]).toMatchObject({
      model: 'lite',
      performer: 2,
      cleaning: { gapFill: { enabled: false } },
    })
    applyEdit(h, choosePerformer, footageId, 2)
    expect(h.undoLabel).toBe('Choose performer')
    h.undo()
    expect(Object.values(h.document.tracks)[0]?.performer).toBeNull()
  })

  it('records a choice of performer whose number is stored already but with another place', async () => {
    const { choosePerformer } = await import('./projectEdits')
    const h = fresh()
    addClip(h, '/crowd.mp4')
    const footageId = Object.keys(h.document.footage)[0] as Parameters<
      typeof choosePerformer.apply
    >[1]
    // Stored: number 0 beside a place where, on this run of the tracker, someone else stands.
    applyEdit(h, choosePerformer, footageId, 0, { frame: 3, x: 400, y: 200 })
    const before = h.document
    applyEdit(h, choosePerformer, footageId, 0, { frame: 3, x: 400, y: 200 })
    expect(h.document).toBe(before)
    // Picking number 0 where they are now is a change, not a no-op.
    applyEdit(h, choosePerformer, footageId, 0, { frame: 9, x: 120, y: 180 })
    expect(Object.values(h.document.tracks)[0]?.performerAt).toEqual({ frame: 9, x: 120, y: 180 })
  })
})
