import { describe, expect, it } from 'vitest'
import type { KeyId } from '../document/ids'
import type { KeyRecord } from '../document/types'
import { boneRangeDegrees, fitValues, valueStep, valueToY, yToValue } from './curveScale'
import { copyKeys, placeClipboard } from './keyClipboard'
import { clampKeyDelta, keyAtPoint, keysInBox, rowAt } from './keyHits'
import type { TrackGeometry } from './keyHits'
import { firstTick, rulerTicks } from './rulerTicks'
import { formatFrame, formatTimecode, formatTimecodeShort } from './timecode'
import {
  clampView,
  fitView,
  followFrame,
  frameToX,
  panBy,
  visibleFrames,
  xToFrame,
  xToWholeFrame,
  zoomAt,
} from './timeView'
import { effectiveRange, setRangeEnd } from './workRange'

const key = (id: string, bone: string, frame: number, rotation = 0): KeyRecord => ({
  id: id as KeyId,
  bone,
  frame,
  rotation,
  interpolation: 'linear',
})

describe('time view', () => {
  it('maps frames to pixels and back', () => {
    const view = { start: 10, pxPerFrame: 4 }
    expect(frameToX(view, 10)).toBe(0)
    expect(frameToX(view, 35)).toBe(100)
    expect(xToFrame(view, 100)).toBe(35)
    expect(xToWholeFrame(view, 101, 2000)).toBe(35)
    expect(xToWholeFrame(view, -1000, 2000)).toBe(0)
    expect(xToWholeFrame(view, 1e6, 2000)).toBe(1999)
  })

  it('zooms about the mouse: the frame under the anchor stays under it', () => {
    const view = { start: 100, pxPerFrame: 2 }
    const zoomed = zoomAt(view, 300, 3)
    expect(zoomed.pxPerFrame).toBe(6)
    expect(xToFrame(zoomed, 300)).toBeCloseTo(xToFrame(view, 300))
    expect(zoomAt(view, 0, 1e9).pxPerFrame).toBe(200)
  })

  it('fits a 2,000-frame clip into the width with a small margin', () => {
    const view = fitView(0, 1999, 1000)
    expect(frameToX(view, 0)).toBeGreaterThan(0)
    expect(frameToX(view, 2000)).toBeLessThan(1000)
    expect(frameToX(view, 2000)).toBeGreaterThan(900)
  })

  it('pans and keeps part of the clip on screen', () => {
    const view = { start: 0, pxPerFrame: 10 }
    expect(panBy(view, 50).start).toBe(5)
    const far = clampView(panBy(view, 1e6), 100, 500)
    expect(far.start).toBeLessThan(100)
    expect(visibleFrames(far, 500, 100).last).toBe(99)
    expect(clampView(panBy(view, -1e6), 100, 500).start).toBeGreaterThan(-50)
  })

  it('pages to follow the playhead only when it leaves the view', () => {
    const view = { start: 0, pxPerFrame: 10 }
    expect(followFrame(view, 30, 500)).toBe(view)
    const paged = followFrame(view, 60, 500)
    expect(frameToX(paged, 60)).toBeGreaterThanOrEqual(0)
    expect(frameToX(paged, 60)).toBeLessThan(100)
  })
})

describe('timecode and ruler ticks', () => {
  it('formats timecode at 24 and 30 fps, and past an hour', () => {
    expect(formatTimecode(0, 24)).toBe('00:00:00:00')
    expect(formatTimecode(25, 24)).toBe('00:00:01:01')
    expect(formatTimecode(30 * 61 + 7, 30)).toBe('00:01:01:07')
    expect(formatTimecode(30 * 3600, 30)).toBe('01:00:00:00')
    // 23.976 fps counts 24 frames per timecode second.
    expect(formatTimecode(90, 23.976)).toBe('00:00:03:18')
    expect(formatTimecodeShort(25, 24)).toBe('00:01:01')
    expect(formatTimecodeShort(30 * 3600, 30)).toBe('01:00:00:00')
    expect(formatTimecodeShort(119, 120)).toBe('00:00:119')
    expect(formatFrame(42, 24, 'frames')).toBe('42')
    expect(formatFrame(48, 24, 'timecode')).toBe('00:00:02:00')
    expect(formatFrame(48, 24, 'timecode', true)).toBe('00:02:00')
  })

  it('spaces labelled ticks at least the label width apart on round values', () => {
    for (const pxPerFrame of [0.05, 0.5, 1, 3, 10, 40]) {
      const frames = rulerTicks(pxPerFrame, 24, 'frames', 50)
      expect(frames.major * pxPerFrame).toBeGreaterThanOrEqual(50)
      expect(frames.major % frames.minor).toBe(0)
      const tc = rulerTicks(pxPerFrame, 24, 'timecode', 60)
      expect(tc.major * pxPerFrame).toBeGreaterThanOrEqual(60)
      // Timecode labels land on whole seconds once a tick spans a second or more.
      if (tc.major >= 24) expect(tc.major % 24).toBe(0)
      expect(tc.major % tc.minor).toBe(0)
    }
    expect(rulerTicks(10, 24, 'frames', 50).major).toBe(5)
    expect(firstTick(13, 5)).toBe(15)
  })
})

describe('key hit-testing', () => {
  const keys = [key('a', 'head', 10), key('b', 'head', 20), key('c', 'neck', 12)]
  const g: TrackGeometry = {
    view: { start: 0, pxPerFrame: 10 },
    rowHeight: 20,
    rowOf: new Map([
      ['head', 0],
      ['neck', 1],
    ]),
  }

  it('finds the key under the pointer and nothing between keys', () => {
    // Frame 10 sits at x = 100.
    expect(keyAtPoint(keys, g, 106, 11, 8)).toBe('a')
    expect(keyAtPoint(keys, g, 125, 31, 8)).toBe('c')
    expect(keyAtPoint(keys, g, 150, 10, 8)).toBeNull()
    expect(rowAt(25, 20, 2)).toBe(1)
    expect(rowAt(45, 20, 2)).toBe(-1)
  })

  it('box-selects keys whose centre is inside the box, corners in any order', () => {
    expect(keysInBox(keys, g, 210, 0, 90, 25).sort()).toEqual(['a', 'b'])
    expect(keysInBox(keys, g, 90, 40, 130, 0).sort()).toEqual(['a', 'c'])
  })

  it('never moves keys before frame 0, keeping their spacing', () => {
    expect(clampKeyDelta([5, 9], -8)).toBe(-5)
    expect(clampKeyDelta([5, 9], 3.4)).toBe(3)
    expect(clampKeyDelta([], 3)).toBe(0)
  })
})

describe('clipboard and work range', () => {
  it('pastes keys at the playhead keeping their spacing', () => {
    const clip = copyKeys([key('a', 'head', 30, 0.5), key('b', 'neck', 36, -0.2)])
    expect(placeClipboard(clip, 100)).toEqual([
      { bone: 'head', frame: 100, rotation: 0.5, interpolation: 'linear' },
      { bone: 'neck', frame: 106, rotation: -0.2, interpolation: 'linear' },
    ])
    expect(copyKeys([])).toEqual([])
  })

  it('sets either end at the playhead, pushing the other end along', () => {
    expect(effectiveRange(null, 100)).toEqual({ start: 0, end: 99 })
    expect(setRangeEnd(null, 100, 'start', 20)).toEqual({ start: 20, end: 99 })
    expect(setRangeEnd({ start: 20, end: 50 }, 100, 'end', 10)).toEqual({ start: 10, end: 10 })
    expect(setRangeEnd({ start: 20, end: 50 }, 100, 'start', 70)).toEqual({ start: 70, end: 70 })
    expect(setRangeEnd({ start: 20, end: 50 }, 100, 'end', 500)).toEqual({ start: 20, end: 99 })
  })
})

describe('curve value scale', () => {
  it('fits a bone over frames and maps degrees to y with larger angles up', () => {
    // Two bones, three frames: bone 1 goes 0 -> 90° -> 45°.
    const rotations = new Float64Array([0, 0, 9, Math.PI / 2, 9, Math.PI / 4])
    const range = boneRangeDegrees(rotations, 2, 1, 0, 2)!
    expect(range.min).toBeCloseTo(0)
    expect(range.max).toBeCloseTo(90)
    const scale = fitValues(range.min, range.max, 200)
    expect(valueToY(scale, 90)).toBeLessThan(valueToY(scale, 0))
    expect(valueToY(scale, 90)).toBeGreaterThan(0)
    expect(valueToY(scale, 0)).toBeLessThan(200)
    expect(yToValue(scale, valueToY(scale, 33))).toBeCloseTo(33)
    expect(valueStep(scale, 20) * scale.pxPerUnit).toBeGreaterThanOrEqual(20)
    expect(boneRangeDegrees(rotations, 2, 1, 5, 9)).toBeNull()
  })
})
