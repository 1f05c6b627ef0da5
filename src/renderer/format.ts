/** HH:MM:SS:FF timecode of a frame at `fps` (non-drop; fractional rates round to whole frames). */
export function formatTimecode(frame: number, fps: number): string {
  const rate = Math.max(1, Math.round(fps))
  const ff = frame % rate
  const total = Math.floor(frame / rate)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}:${pad(ff)}`
}

/** "1m05s" / "12s" for an ETA. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return ''
  const s = Math.max(0, Math.round(seconds))
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s left` : `${s}s left`
}
