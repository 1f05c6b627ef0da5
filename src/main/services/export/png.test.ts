import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { createImage } from '../../../core/export/atlas/image'
import { encodePng } from './png'

describe('encodePng', () => {
  it('writes RGBA PNGs that a standard decoder reads back exactly', () => {
    const image = createImage(37, 23)
    for (let i = 0; i < image.data.length; i++) image.data[i] = (i * 131 + (i >> 7)) & 255
    const decoded = PNG.sync.read(encodePng(image))
    expect(decoded.width).toBe(37)
    expect(decoded.height).toBe(23)
    expect(Buffer.from(decoded.data).equals(Buffer.from(image.data))).toBe(true)
  })

  it('refuses pixel data that does not match the size', () => {
    expect(() => encodePng({ width: 2, height: 2, data: new Uint8Array(3) })).toThrow(
      /does not match 2x2/,
    )
  })
})
