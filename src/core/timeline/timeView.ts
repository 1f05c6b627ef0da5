/**
 * The horizontal mapping of a time panel (timeline, curve editor): which frame sits at the left
 * edge of the time area and how many CSS pixels one frame takes. Pure numbers; x is in CSS pixels
 * measured from the left edge of the time area (not the canvas), frames are fractional.
 */
export interface TimeView {
  /** Frame at x = 0 of the time area; may be negative to leave a margin before frame 0. */
  start: number
  /** CSS pixels per frame, within [MIN_PX_PER_FRAME, MAX_PX_PER_FRAME]. */
  pxPerFrame: number
}

/** So a 2-hour clip at 60 fps still fits in a few thousand pixels. */
export const MIN_PX_PER_FRAME = 0.005
/** One frame wider than this is never useful. */
export const MAX_PX_PER_FRAME = 200

/** x (CSS px from the time area's left edge) of the start of `frame`. */
export function frameToX(view: TimeView, frame: number): number {
  return (frame - view.start) * view.pxPerFrame
}

/** The fractional frame under `x` (CSS px from the time area's left edge). */
export function xToFrame(view: TimeView, x: number): number {
  return view.start + x / view.pxPerFrame
}

/** The whole frame nearest to `x`, clamped to [0, frameCount - 1]. */
export function xToWholeFrame(view: TimeView, x: number, frameCount: number): number {
  return clampFrame(Math.round(xToFrame(view, x)), frameCount)
}

export function clampFrame(frame: number, frameCount: number): number {
  return Math.min(Math.max(0, frameCount - 1), Math.max(0, frame))
}

/**
 * Zooms by `factor` (> 1 zooms in) keeping the frame under `anchorX` where it is, so the
 * point under the mouse stays put (Ctrl+wheel).
 */
export function zoomAt(view: TimeView, anchorX: number, factor: number): TimeView {
  const anchor = xToFrame(view, anchorX)
  const pxPerFrame = Math.min(
    MAX_PX_PER_FRAME,
    Math.max(MIN_PX_PER_FRAME, view.pxPerFrame * factor),
  )
  return { start: anchor - anchorX / pxPerFrame, pxPerFrame }
}

/** Pans by `dx` CSS pixels (positive moves the content left, later frames come into view). */
export function panBy(view: TimeView, dx: number): TimeView {
  return { ...view, start: view.start + dx / view.pxPerFrame }
}

/**
 * Keeps some of the clip on screen: the view may scroll a little before frame 0 and past the
 * end, but never so far that the clip leaves the time area entirely.
 */
export function clampView(view: TimeView, frameCount: number, width: number): TimeView {
  const visible = width / view.pxPerFrame
  const margin = Math.min(visible * 0.5, Math.max(2, visible * 0.1))
  const min = -margin
  const max = Math.max(min, frameCount - visible + margin)
  const start = Math.min(max, Math.max(min, view.start))
  return start === view.start ? view : { ...view, start }
}

/**
 * The view showing frames [from, to] (inclusive) across `width` pixels with a small margin on
 * both sides (zoom to fit, `\`). The whole clip when called with 0 and frameCount - 1.
 */
export function fitView(from: number, to: number, width: number): TimeView {
  const span = Math.max(1, to - from + 1)
  const margin = span * 0.02 + 0.5
  const pxPerFrame = Math.min(
    MAX_PX_PER_FRAME,
    Math.max(MIN_PX_PER_FRAME, Math.max(1, width) / (span + 2 * margin)),
  )
  return { start: from - margin, pxPerFrame }
}

/**
 * A view that shows `frame`, paging when it has left the visible area (playback follows the
 * playhead a page at a time, so the whole ruler is not redrawn every frame).
 */
export function followFrame(view: TimeView, frame: number, width: number): TimeView {
  const x = frameToX(view, frame)
  if (x >= 0 && x <= width - view.pxPerFrame) return view
  const visible = width / view.pxPerFrame
  return { ...view, start: frame - visible * 0.05 }
}

/** The range of whole frames at least partly visible, clamped to the clip. */
export function visibleFrames(
  view: TimeView,
  width: number,
  frameCount: number,
): { first: number; last: number } {
  const first = Math.max(0, Math.floor(view.start))
  const last = Math.min(frameCount - 1, Math.ceil(xToFrame(view, width)))
  return { first, last }
}
