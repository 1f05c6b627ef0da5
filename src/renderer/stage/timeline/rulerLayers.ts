import type { Graphics } from 'pixi.js'
import { firstTick, rulerTicks } from '../../../core/timeline/rulerTicks'
import type { TimeDisplay } from '../../../core/timeline/timecode'
import { formatFrame } from '../../../core/timeline/timecode'
import type { TimeView } from '../../../core/timeline/timeView'
import { xToFrame } from '../../../core/timeline/timeView'
import type { FrameRange } from '../../../core/timeline/workRange'
import type { PanelTheme, TimelineMetrics } from './panelTheme'
import type { TextPool } from './TextPool'

/**
 * The ruler's two layers: ticks with frame or timecode labels, and the work range strip along
 * its bottom edge with a bracket handle at each end. Host CSS px; the time area starts at the
 * gutter.
 */
export interface RulerContext {
  theme: PanelTheme
  metrics: TimelineMetrics
  width: number
  view: TimeView
  content: { fps: number; display: TimeDisplay; frameCount: number; workRange: FrameRange | null }
  /** Host x of a frame. */
  frameX(frame: number): number
}

/** Room a label needs: labelled ticks are at least this far apart, CSS px. */
export function rulerLabelWidth(metrics: TimelineMetrics, display: TimeDisplay): number {
  const chars = display === 'frames' ? 5 : 9
  return metrics.fontSize * 0.62 * chars + metrics.fontSize * 1.5
}

export function drawRuler(g: Graphics, labels: TextPool, c: RulerContext): void {
  const { gutter, rulerHeight, rangeStrip } = c.metrics
  const t = c.theme
  g.rect(0, 0, c.width, rulerHeight).fill({ color: t.bg2 })
  g.rect(0, rulerHeight - 1, c.width, 1).fill({ color: t.line })
  const { fps, display, frameCount } = c.content
  const ticks = rulerTicks(c.view.pxPerFrame, fps, display, rulerLabelWidth(c.metrics, display))
  const base = rulerHeight - rangeStrip
  const endFrame = Math.min(frameCount, xToFrame(c.view, c.width - gutter))
  labels.begin()
  for (let f = firstTick(Math.max(0, c.view.start), ticks.minor); f <= endFrame; f += ticks.minor) {
    const x = Math.round(c.frameX(f))
    if (x < gutter) continue
    const major = f % ticks.major === 0
    const h = major ? base * 0.55 : base * 0.22
    g.rect(x, base - h, 1, h).fill({ color: major ? t.text2 : t.line })
    if (major) labels.place(formatFrame(f, fps, display, true), x + 3, base * 0.12 + 1, 0, 0)
  }
  labels.end()
  // The corner above the bone names stays plain.
  g.rect(0, 0, gutter, rulerHeight - 1).fill({ color: t.bg2 })
  g.rect(gutter - 1, 0, 1, rulerHeight).fill({ color: t.line })
}

/** The work range (or the whole clip, dimmer, when none is set) with its two handles. */
export function drawWorkRange(g: Graphics, c: RulerContext): void {
  const { gutter, rulerHeight, rangeStrip } = c.metrics
  const t = c.theme
  const set = c.content.workRange
  const range = set ?? { start: 0, end: Math.max(0, c.content.frameCount - 1) }
  const y = rulerHeight - rangeStrip
  const x0 = Math.max(gutter, c.frameX(range.start - 0.5))
  const x1 = Math.min(c.width, c.frameX(range.end + 0.5))
  g.rect(gutter, y, c.width - gutter, rangeStrip - 1).fill({ color: t.bg1 })
  if (x1 > x0) g.rect(x0, y + 1, x1 - x0, rangeStrip - 3).fill({ color: set ? t.accentDim : t.bg3 })
  // Bracket handles, sized with the type so they stay easy to grab at 4K.
  const color = set ? t.accent : t.text2
  const bar = Math.max(3, Math.round(c.theme.rem * 0.2))
  const arm = Math.max(7, Math.round(c.theme.rem * 0.5))
  for (const [x, dir] of [
    [c.frameX(range.start - 0.5), 1],
    [c.frameX(range.end + 0.5), -1],
  ] as const) {
    if (x < gutter - 1 || x > c.width + 1) continue
    g.rect(dir === 1 ? x : x - bar, y, bar, rangeStrip - 1).fill({ color })
    g.rect(dir === 1 ? x : x - arm, y, arm, 2).fill({ color })
    g.rect(dir === 1 ? x : x - arm, y + rangeStrip - 3, arm, 2).fill({ color })
  }
}
