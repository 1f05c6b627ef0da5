/**
 * A straight-alpha RGBA8 image, rows top to bottom, 4 bytes per pixel. Pixel coordinates have
 * their origin at the top-left, x right, y down.
 */
export interface RgbaImage {
  width: number
  height: number
  data: Uint8Array
}

/** A rectangle in pixels, origin top-left. */
export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** A blank (fully transparent) image. */
export function createImage(width: number, height: number): RgbaImage {
  return { width, height, data: new Uint8Array(width * height * 4) }
}

/**
 * The smallest rectangle holding every pixel with alpha above `threshold` (0..255), or null for a
 * fully transparent image. Scans rows from the top and bottom, then columns, so a mostly empty
 * frame costs little more than its opaque area.
 */
export function opaqueBounds(image: RgbaImage, threshold = 0): Rect | null {
  const { width, height, data } = image
  const rowHasPixel = (y: number): boolean => {
    for (let i = y * width * 4 + 3, end = i + width * 4; i < end; i += 4)
      if (data[i]! > threshold) return true
    return false
  }
  let top = 0
  while (top < height && !rowHasPixel(top)) top++
  if (top === height) return null
  let bottom = height - 1
  while (bottom > top && !rowHasPixel(bottom)) bottom--
  const columnHasPixel = (x: number): boolean => {
    for (let y = top; y <= bottom; y++) if (data[(y * width + x) * 4 + 3]! > threshold) return true
    return false
  }
  let left = 0
  while (!columnHasPixel(left)) left++
  let right = width - 1
  while (right > left && !columnHasPixel(right)) right--
  return { x: left, y: top, w: right - left + 1, h: bottom - top + 1 }
}

/** Copies `rect` of `image` into a new image. */
export function cropImage(image: RgbaImage, rect: Rect): RgbaImage {
  const out = createImage(rect.w, rect.h)
  for (let y = 0; y < rect.h; y++) {
    const from = ((rect.y + y) * image.width + rect.x) * 4
    out.data.set(image.data.subarray(from, from + rect.w * 4), y * rect.w * 4)
  }
  return out
}

/**
 * Converts premultiplied alpha (what WebGL renders) to straight alpha (what PNG stores), in
 * place. Fully transparent pixels become (0, 0, 0, 0), so identical-looking frames compare equal.
 */
export function unpremultiplyAlpha(data: Uint8Array): void {
  for (let i = 0; i < data.length; i += 4) {
    const a = data[i + 3]!
    if (a === 255) continue
    if (a === 0) {
      data[i] = data[i + 1] = data[i + 2] = 0
      continue
    }
    const k = 255 / a
    data[i] = Math.min(255, Math.round(data[i]! * k))
    data[i + 1] = Math.min(255, Math.round(data[i + 1]! * k))
    data[i + 2] = Math.min(255, Math.round(data[i + 2]! * k))
  }
}

/**
 * Copies `src` into `dst` at (x, y), repeating its outermost pixels `extrude` times around it
 * (extrusion keeps texture filtering at the frame's edge from bleeding in the neighbour's
 * pixels or transparency). The caller guarantees the extruded rectangle lies inside `dst`.
 */
export function blitExtruded(
  dst: RgbaImage,
  src: RgbaImage,
  x: number,
  y: number,
  extrude = 0,
): void {
  const rowBytes = src.width * 4
  for (let sy = -extrude; sy < src.height + extrude; sy++) {
    const srcY = Math.min(src.height - 1, Math.max(0, sy))
    const srcRow = srcY * rowBytes
    const dstRow = ((y + sy) * dst.width + x) * 4
    dst.data.set(src.data.subarray(srcRow, srcRow + rowBytes), dstRow)
    for (let e = 1; e <= extrude; e++) {
      dst.data.copyWithin(dstRow - e * 4, dstRow, dstRow + 4)
      const last = dstRow + rowBytes - 4
      dst.data.copyWithin(last + e * 4, last, last + 4)
    }
  }
}

/** A 32-bit FNV-1a hash of the pixels, to find frames that are exactly alike. */
export function hashImage(image: RgbaImage): number {
  let h = 0x811c9dc5 ^ image.width ^ (image.height << 16)
  const d = image.data
  for (let i = 0; i < d.length; i++) h = Math.imul(h ^ d[i]!, 0x01000193)
  return h >>> 0
}

/** True when both images have the same size and pixels. */
export function sameImage(a: RgbaImage, b: RgbaImage): boolean {
  if (a.width !== b.width || a.height !== b.height) return false
  const x = a.data
  const y = b.data
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false
  return true
}
