import { describe, expect, it } from 'vitest'
import type { KeyId } from '../document/ids'
import type { KeyRecord } from '../document/types'
import { applyEditLayer, groupKeysByBone, offsetAt } from './editLayer'

const key = (
  frame: number,
  rotation: number,
  interpolation: KeyRecord['interpolation'] = 'linear',
  bone = 'arm',
): KeyRecord => ({
  id: `k${frame}${bone}` as KeyId,
  frame,
  bone,
  rotation,
  interpolation,
})

describe('edit layer', () => {
  it('holds the key value at the key and fades to zero over the blend frames', () => {
    const keys = [key(10, 1)]
    expect(offsetAt(keys, 10, 4)).toBe(1)
    expect(offsetAt(keys, 6, 4)).toBe(0)
    expect(offsetAt(keys, 14, 4)).toBe(0)
    expect(offsetAt(keys, 8, 4)).toBeCloseTo(0.5)
    expect(offsetAt(keys, 12, 4)).toBeCloseTo(0.5)
  })

  it('never pops: neighbouring frames differ by a small step', () => {
    const keys = [key(20, 1)]
    let prev = offsetAt(keys, 0, 6)
    for (let f = 1; f < 40; f++) {
      const v = offsetAt(keys, f, 6)
      expect(Math.abs(v - prev)).toBeLessThan(0.3)
      prev = v
    }
  })

  it('interpolates linear, bezier and stepped between keys', () => {
    expect(offsetAt([key(0, 0, 'linear'), key(10, 1)], 5, 3)).toBeCloseTo(0.5)
    expect(offsetAt([key(0, 0, 'bezier'), key(10, 1)], 2, 3)).toBeLessThan(0.2)
    expect(offsetAt([key(0, 0, 'bezier'), key(10, 1)], 5, 3)).toBeCloseTo(0.5)
    expect(offsetAt([key(0, 0.3, 'stepped'), key(10, 1)], 9, 3)).toBe(0.3)
  })

  it('adds offsets to the right bone only, leaving the input untouched', () => {
    const bones = ['torso', 'arm']
    const rotations = new Float64Array(2 * 30)
    const out = applyEditLayer(rotations, bones, groupKeysByBone({ a: key(15, 0.5) }), 3)
    expect(out[15 * 2 + 1]).toBeCloseTo(0.5)
    expect(out[15 * 2 + 0]).toBe(0)
    expect(out[2 * 2 + 1]).toBe(0)
    expect(rotations[15 * 2 + 1]).toBe(0)
  })
})
