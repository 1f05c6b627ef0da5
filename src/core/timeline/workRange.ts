/**
 * The work range (inclusive frames) as the timeline edits it. The document stores null for
 * "the whole clip"; these helpers give the effective range and the range after setting one end.
 */
export interface FrameRange {
  start: number
  end: number
}

export function effectiveRange(range: FrameRange | null, frameCount: number): FrameRange {
  const last = Math.max(0, frameCount - 1)
  if (!range) return { start: 0, end: last }
  return { start: Math.min(range.start, last), end: Math.min(range.end, last) }
}

/**
 * The range after moving one end to `frame` (`[` / `]` at the playhead, or dragging a handle).
 * An end moved past the other one pushes it along, so the range never turns inside out.
 */
export function setRangeEnd(
  range: FrameRange | null,
  frameCount: number,
  end: 'start' | 'end',
  frame: number,
): FrameRange {
  const current = effectiveRange(range, frameCount)
  const last = Math.max(0, frameCount - 1)
  const f = Math.min(last, Math.max(0, Math.round(frame)))
  if (end === 'start') return { start: f, end: Math.max(f, current.end) }
  return { start: Math.min(f, current.start), end: f }
}
