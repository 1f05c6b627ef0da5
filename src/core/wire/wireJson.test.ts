import { describe, expect, it } from 'vitest'
import { base64ToBytes, bytesToBase64, fromWireJson, toWireJson } from './wireJson'

describe('wire JSON', () => {
  it('matches standard base64 for every tail length', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'abcd', 'Toonmo!']) {
      const bytes = new TextEncoder().encode(text)
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'))
      expect(Array.from(base64ToBytes(bytesToBase64(bytes)))).toEqual(Array.from(bytes))
    }
  })

  it('round-trips typed arrays nested in objects', () => {
    const value = {
      frame: { rgba: new Uint8Array([0, 255, 7, 9, 1]), t: 0.5 },
      f: new Float32Array([1.5, -2]),
    }
    const back = fromWireJson(toWireJson(value)) as typeof value
    expect(back.frame.rgba).toBeInstanceOf(Uint8Array)
    expect(Array.from(back.frame.rgba)).toEqual([0, 255, 7, 9, 1])
    expect(Array.from(back.f)).toEqual([1.5, -2])
    expect(back.frame.t).toBe(0.5)
  })
})
