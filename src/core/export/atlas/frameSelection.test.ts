import { describe, expect, it } from 'vitest'
import { ExportRangeError, selectFrames } from './frameSelection'

describe('selectFrames', () => {
  it('takes every frame by default and a sub-range when asked', () => {
    expect(selectFrames(5, 30)).toEqual([0, 1, 2, 3, 4])
    expect(selectFrames(10, 30, { start: 2, end: 5 })).toEqual([2, 3, 4])
  })

  it('drops frames for a lower rate and holds poses for a higher one', () => {
    expect(selectFrames(6, 30, undefined, 15)).toEqual([0, 2, 4])
    expect(selectFrames(3, 10, undefined, 20)).toEqual([0, 0, 1, 1, 2, 2])
  })

  it('refuses empty and out-of-range ranges with a message naming the valid frames', () => {
    expect(() => selectFrames(10, 30, { start: 4, end: 4 })).toThrow(ExportRangeError)
    expect(() => selectFrames(10, 30, { start: 4, end: 4 })).toThrow(/empty.*0\.\.9/)
    expect(() => selectFrames(10, 30, { start: 5, end: 20 })).toThrow(/outside.*0\.\.9/)
    expect(() => selectFrames(0, 30)).toThrow(/no frames/)
    expect(() => selectFrames(10, 30, undefined, 0)).toThrow(/frame rate/)
  })
})
