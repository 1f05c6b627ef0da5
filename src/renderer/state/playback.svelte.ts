/**
 * Ephemeral playback state: the playhead, play/pause, loop and J/K/L shuttle. Not saved, not
 * undoable. The frame is an integer in [0, frameCount - 1]; everything on screen follows it.
 */
class Playback {
  frame = $state(0)
  frameCount = $state(1)
  fps = $state(30)
  playing = $state(false)
  loop = $state(true)
  /** Playback speed multiplier: negative plays backwards (J), 1 normal (L), 2/4 faster. */
  speed = $state(1)
  /** Inclusive loop range; null loops the whole clip. */
  range = $state<{ start: number; end: number } | null>(null)
  private raf = 0
  private last = 0
  private carry = 0

  seek(frame: number): void {
    const max = Math.max(0, this.frameCount - 1)
    this.frame = Math.min(max, Math.max(0, Math.round(frame)))
  }

  step(delta: number): void {
    this.pause()
    this.seek(this.frame + delta)
  }

  play(speed = 1): void {
    this.speed = speed
    if (this.playing) return
    this.playing = true
    this.last = performance.now()
    this.carry = 0
    this.raf = requestAnimationFrame(this.tick)
  }

  pause(): void {
    this.playing = false
    cancelAnimationFrame(this.raf)
  }

  toggle(): void {
    if (this.playing) this.pause()
    else this.play(1)
  }

  /** J/K/L: J plays backwards (faster each press), K pauses, L forwards (faster each press). */
  shuttle(key: 'j' | 'k' | 'l'): void {
    if (key === 'k') return this.pause()
    const dir = key === 'l' ? 1 : -1
    const next =
      this.playing && Math.sign(this.speed) === dir
        ? Math.min(4, Math.abs(this.speed) * 2) * dir
        : dir
    this.pause()
    this.play(next)
  }

  private readonly tick = (now: number): void => {
    if (!this.playing) return
    this.carry += ((now - this.last) / 1000) * this.fps * this.speed
    this.last = now
    const whole = Math.trunc(this.carry)
    if (whole !== 0) {
      this.carry -= whole
      const start = this.range?.start ?? 0
      const end = this.range?.end ?? this.frameCount - 1
      let next = this.frame + whole
      if (next > end) next = this.loop ? start + ((next - start) % (end - start + 1)) : end
      if (next < start) next = this.loop ? end - ((start - next - 1) % (end - start + 1)) : start
      this.frame = next
      if (!this.loop && (next === end || next === start)) return this.pause()
    }
    this.raf = requestAnimationFrame(this.tick)
  }
}

export const playback = new Playback()
