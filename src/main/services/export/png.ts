import { crc32, deflateSync } from 'node:zlib'
import type { RgbaImage } from '../../../core/export/atlas/image'

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'latin1')
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

/**
 * Encodes a straight-alpha RGBA8 image as a PNG (colour type 6, 8 bits, no interlace). Rows use
 * the Sub filter, which suits the flat colours and long transparent runs of cartoon atlases.
 * `level` is zlib's 0-9; 6 balances size and speed.
 */
export function encodePng(image: RgbaImage, level = 6): Buffer {
  const { width, height, data } = image
  if (data.length !== width * height * 4)
    throw new Error(`RGBA data of ${data.length} bytes does not match ${width}x${height}`)
  const stride = width * 4
  const raw = Buffer.alloc((stride + 1) * height)
  for (let y = 0; y < height; y++) {
    const o = y * (stride + 1)
    raw[o] = 1
    const row = y * stride
    for (let i = 0; i < 4 && i < stride; i++) raw[o + 1 + i] = data[row + i]!
    for (let i = 4; i < stride; i++) raw[o + 1 + i] = (data[row + i]! - data[row + i - 4]!) & 255
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8
  header[9] = 6
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
