/**
 * Frame numbers as animators read them. Timecode is SMPTE-style `HH:MM:SS:FF`, non-drop-frame: FF counts whole frames within the second at the project rate, which is what a
 * frame-accurate editor needs (fractional rates are rounded to whole frames per second).
 */

export type TimeDisplay = 'frames' | 'timecode'

/** Frames per timecode second: the rate rounded to a whole number, at least 1. */
export function timecodeBase(fps: number): number {
  return Math.max(1, Math.round(fps))
}

/** `HH:MM:SS:FF` (the readout beside the playhead). */
export function formatTimecode(frame: number, fps: number): string {
  return timecode(frame, fps, true)
}

/** `MM:SS:FF`, with hours only past an hour: ruler labels, where width is scarce. */
export function formatTimecodeShort(frame: number, fps: number): string {
  return timecode(frame, fps, false)
}

function timecode(frame: number, fps: number, hours: boolean): string {
  const base = timecodeBase(fps)
  const sign = frame < 0 ? '-' : ''
  const whole = Math.abs(Math.round(frame))
  const ff = whole % base
  const totalSeconds = Math.floor(whole / base)
  const ss = totalSeconds % 60
  const totalMinutes = Math.floor(totalSeconds / 60)
  const mm = totalMinutes % 60
  const hh = Math.floor(totalMinutes / 60)
  const digits = String(base - 1).length
  const tail = `${pad(mm, 2)}:${pad(ss, 2)}:${pad(ff, Math.max(2, digits))}`
  return sign + (hours || hh > 0 ? `${pad(hh, 2)}:${tail}` : tail)
}

/** A frame in the chosen display: the plain number, or timecode (`short` for ruler labels). */
export function formatFrame(
  frame: number,
  fps: number,
  display: TimeDisplay,
  short = false,
): string {
  if (display === 'frames') return String(Math.round(frame))
  return short ? formatTimecodeShort(frame, fps) : formatTimecode(frame, fps)
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0')
}
