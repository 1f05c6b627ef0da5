import { RigFormatError } from '../../../core/rig/parseRig'
import { canonicalLayerName } from '../../../core/rig/rigFromLayers'

/**
 * Rig canvases larger than this on a side are refused before any pixel is decoded: a front-view
 * character never needs more, and a bigger canvas is far more likely a wrong file or a hostile one.
 */
export const MAX_CANVAS_SIDE = 8192

/** One part layer read from a layered drawing, as an image file of its own. */
export interface PartLayer {
  /** The layer's name as the artist wrote it (`Upper Arm.R`). */
  name: string
  /** Canonical part name (`upper_arm_r`), used for the image's file name. */
  part: string
  /** File extension of `data`. */
  ext: 'svg' | 'png'
  data: string | Uint8Array
  /** Box on the canvas in pixels: x, y, width, height; the image's pixel (0, 0) is its corner. */
  box: [x: number, y: number, width: number, height: number]
}

/** What a layered drawing holds: its canvas, its part layers (back to front), other layer names. */
export interface LayeredDrawing {
  size: [width: number, height: number]
  layers: PartLayer[]
  /** Visible named layers that are not body parts (`Background`), for messages. */
  otherLayers: string[]
}

/** The part a layer or group name stands for, or undefined. */
export function partOf(name: string | undefined | null): string | undefined {
  return name ? canonicalLayerName(name) : undefined
}

/** Refuses an absurd canvas with a message saying what to do. */
export function checkCanvasSize(width: number, height: number, what: string): void {
  if (!(width > 0 && height > 0))
    throw new RigFormatError(`${what} has no usable canvas size (${width}x${height})`)
  if (width > MAX_CANVAS_SIDE || height > MAX_CANVAS_SIDE) {
    throw new RigFormatError(
      `${what} is ${width}x${height} pixels; rig canvases may be at most ${MAX_CANVAS_SIDE} pixels on a side: scale the drawing down and export it again`,
    )
  }
}
