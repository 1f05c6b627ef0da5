import type { RigAnimation } from '../../rig/animation'
import type { Rig } from '../../rig/types'

/**
 * The contract between the exporter (Node) and the render page that draws a rig's animation
 * frame by frame: the page GETs a RenderJob, answers with RenderReady, then posts each frame's
 * pixels (premultiplied RGBA8, rows top to bottom) in order.
 */
export interface RenderJob {
  rig: Rig
  /** Sent with core/wire's JSON codec, which carries its typed arrays as base64. */
  animation: RigAnimation
  /** Frames to render: start inclusive, end exclusive, in the animation's frame numbers. */
  start: number
  end: number
  /** Output frame size, pixels. */
  width: number
  height: number
  /**
   * Extra scale on top of the framing: 1 fits the union of every rendered frame's drawing into
   * the frame (less `margin`), so the character moves inside a fixed camera.
   */
  scale: number
  /** Empty border kept around the fitted drawing, output pixels. */
  margin: number
  /** '#rrggbb' (opaque) or null for a transparent background. */
  background: string | null
}

/** What the page reports once the rig is loaded and framed. */
export interface RenderReady {
  /** Rig pixels -> output pixels: out = rig * scale + offset. */
  framing: Framing
  /** Normalised point of the frame where the rig's ground meets its rest root (the feet). */
  anchor: { x: number; y: number }
  /** The GPU renderer the page got (WebGL on SwiftShader headless). */
  renderer: string
}

/** Rig pixels to output pixels: out = rig * scale + (x, y). */
export interface Framing {
  scale: number
  x: number
  y: number
}

/**
 * A fixed camera for a whole clip: fits `bounds` (rig pixels, the union of every frame's
 * drawing) centred into a width x height frame less `margin`, then applies the user's extra
 * `scale` about the frame's centre.
 */
export function fitFraming(
  bounds: { x: number; y: number; w: number; h: number },
  width: number,
  height: number,
  margin: number,
  scale: number,
): Framing {
  const fit = Math.min(
    (width - 2 * margin) / Math.max(bounds.w, 1e-6),
    (height - 2 * margin) / Math.max(bounds.h, 1e-6),
  )
  const s = Math.max(fit, 1e-6) * scale
  const cx = bounds.x + bounds.w / 2
  const cy = bounds.y + bounds.h / 2
  return { scale: s, x: width / 2 - cx * s, y: height / 2 - cy * s }
}
