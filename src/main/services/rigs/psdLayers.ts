import { getLayerImageData, initializeCanvas, readPsd } from 'ag-psd'
import type { Layer } from 'ag-psd'
import { RigFormatError } from '../../../core/rig/parseRig'
import type { LayeredDrawing, PartLayer } from './layeredDrawing'
import { checkCanvasSize, MAX_CANVAS_SIDE, partOf } from './layeredDrawing'
import { encodePng } from '../export/png'

const PSD_RGB = 3

// Layer pixels are decoded into plain arrays: there is no canvas in Node, and none is needed.
initializeCanvas(
  () => {
    throw new Error('no canvas in the main process')
  },
  (width, height) =>
    ({ width, height, data: new Uint8ClampedArray(width * height * 4) }) as unknown as ImageData,
)

/** True when the bytes start like a Photoshop document (PSD or PSB). */
export function looksLikePsd(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && String.fromCharCode(...bytes.subarray(0, 4)) === '8BPS'
}

/** A layer's pixels on the canvas: straight-alpha RGBA, `x`/`y` its top-left corner. */
interface Pixels {
  x: number
  y: number
  width: number
  height: number
  data: Uint8Array
}

function layerPixels(layer: Layer): Pixels | undefined {
  const w = (layer.right ?? 0) - (layer.left ?? 0)
  const h = (layer.bottom ?? 0) - (layer.top ?? 0)
  // Layer bounds are independent of the canvas; refuse a hostile one before allocating it.
  if (w > MAX_CANVAS_SIDE * 2 || h > MAX_CANVAS_SIDE * 2)
    throw new Error(`the layer claims ${w}x${h} pixels`)
  const image = getLayerImageData(layer)
  if (!image || image.width === 0 || image.height === 0) return undefined
  const data = new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength)
  const opacity = layer.opacity ?? 1
  if (opacity < 1) {
    const scaled = new Uint8Array(data)
    for (let i = 3; i < scaled.length; i += 4) scaled[i] = Math.round(scaled[i]! * opacity)
    return {
      x: layer.left ?? 0,
      y: layer.top ?? 0,
      width: image.width,
      height: image.height,
      data: scaled,
    }
  }
  return { x: layer.left ?? 0, y: layer.top ?? 0, width: image.width, height: image.height, data }
}

/** Visible leaf layers under a group, bottom to top. */
function visibleLeaves(layer: Layer): Layer[] {
  if (layer.hidden) return []
  if (layer.children) return layer.children.flatMap(visibleLeaves)
  return [layer]
}

/**
 * Composites layers bottom to top with plain "over" (blend modes, masks and effects are not
 * applied: a part group is expected to hold line art and flat colour).
 */
function composite(layers: Pixels[]): Pixels | undefined {
  if (layers.length === 0) return undefined
  if (layers.length === 1) return layers[0]
  const x0 = Math.min(...layers.map((l) => l.x))
  const y0 = Math.min(...layers.map((l) => l.y))
  const width = Math.max(...layers.map((l) => l.x + l.width)) - x0
  const height = Math.max(...layers.map((l) => l.y + l.height)) - y0
  const out = new Float32Array(width * height * 4)
  for (const l of layers) {
    for (let y = 0; y < l.height; y++) {
      for (let x = 0; x < l.width; x++) {
        const s = (y * l.width + x) * 4
        const a = l.data[s + 3]! / 255
        if (a === 0) continue
        const d = ((l.y - y0 + y) * width + (l.x - x0 + x)) * 4
        const da = out[d + 3]!
        const oa = a + da * (1 - a)
        for (let c = 0; c < 3; c++)
          out[d + c] = (l.data[s + c]! * a + out[d + c]! * da * (1 - a)) / oa
        out[d + 3] = oa
      }
    }
  }
  const data = new Uint8Array(out.length)
  for (let i = 0; i < out.length; i += 4) {
    for (let c = 0; c < 3; c++) data[i + c] = Math.round(out[i + c]!)
    data[i + 3] = Math.round(out[i + 3]! * 255)
  }
  return { x: x0, y: y0, width, height, data }
}

/** Crops fully transparent borders, so the box is the drawn pixels; undefined when all empty. */
function trim(p: Pixels): Pixels | undefined {
  let minX = p.width
  let minY = p.height
  let maxX = -1
  let maxY = -1
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      if (p.data[(y * p.width + x) * 4 + 3] === 0) continue
      if (x < minX) minX = x
      if (x > maxX) maxX = x
      if (y < minY) minY = y
      if (y > maxY) maxY = y
    }
  }
  if (maxX < 0) return undefined
  const width = maxX - minX + 1
  const height = maxY - minY + 1
  const data = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) {
    const from = ((minY + y) * p.width + minX) * 4
    data.set(p.data.subarray(from, from + width * 4), y * width * 4)
  }
  return { x: p.x + minX, y: p.y + minY, width, height, data }
}

/**
 * Reads a layered PSD: every visible layer named after a body part becomes a PNG part (a group
 * named after a part is flattened into one); other groups are looked into, so a "Character"
 * folder around the parts works. Layers are listed back to front. Only 8-bit RGB documents are
 * read; the canvas size is checked from the header before any pixel is decoded.
 */
export function readPsdLayers(bytes: Uint8Array, what = 'the PSD'): LayeredDrawing {
  if (!looksLikePsd(bytes) || bytes.length < 26)
    throw new RigFormatError(`${what} is not a Photoshop document (it does not start with 8BPS)`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const height = view.getUint32(14)
  const width = view.getUint32(18)
  const depth = view.getUint16(22)
  const colorMode = view.getUint16(24)
  checkCanvasSize(width, height, what)
  if (depth !== 8 || colorMode !== PSD_RGB) {
    throw new RigFormatError(
      `${what} is ${depth}-bit ${colorMode === PSD_RGB ? 'RGB' : `colour mode ${colorMode}`}; Toonmo reads 8-bit RGB documents: convert it (Image > Mode > RGB Color, 8 Bits/Channel) and save again`,
    )
  }
  let psd
  try {
    psd = readPsd(bytes, {
      useRawData: true,
      useRawThumbnail: true,
      skipCompositeImageData: true,
      skipThumbnail: true,
      skipLinkedFilesData: true,
    })
  } catch (error) {
    throw new RigFormatError(
      `${what} could not be read (${(error as Error).message}); is it damaged or truncated? Save it again from your drawing program`,
    )
  }
  const layers: PartLayer[] = []
  const otherLayers: string[] = []
  const visit = (layer: Layer): void => {
    if (layer.hidden) return
    const part = partOf(layer.name)
    if (!part) {
      if (layer.children) layer.children.forEach(visit)
      else if (layer.name) otherLayers.push(layer.name)
      return
    }
    let pixels: Pixels | undefined
    try {
      const leaves = visibleLeaves(layer).flatMap((l) => layerPixels(l) ?? [])
      pixels = composite(leaves)
    } catch (error) {
      throw new RigFormatError(
        `${what}: the pixels of layer "${layer.name}" could not be decoded (${(error as Error).message}); is the file damaged?`,
      )
    }
    const trimmed = pixels && trim(pixels)
    if (!trimmed) {
      otherLayers.push(`${layer.name} (empty)`)
      return
    }
    layers.push({
      name: layer.name!,
      part,
      ext: 'png',
      data: encodePng({ width: trimmed.width, height: trimmed.height, data: trimmed.data }),
      box: [trimmed.x, trimmed.y, trimmed.width, trimmed.height],
    })
  }
  psd.children?.forEach(visit)
  return { size: [width, height], layers, otherLayers }
}
