import { describe, expect, it } from 'vitest'
import type { PanelTheme } from './panelTheme'
import { timelineMetrics } from './panelTheme'

const theme = (rem: number): PanelTheme => ({
  bg0: 0,
  bg1: 0,
  bg2: 0,
  bg3: 0,
  line: 0,
  text0: 0,
  text1: 0,
  text2: 0,
  accent: 0,
  accentDim: 0,
  fontFamily: 'sans-serif',
  rem,
})

describe('timeline metrics', () => {
  it('grow with the root font size, which the theme scales with the window', () => {
    // theme.css: clamp(12px, 0.75vw + 4px, 18px) -> 13.6 px at 1280 wide, 18 px at 3840.
    const hd = timelineMetrics(theme(13.6))
    const uhd = timelineMetrics(theme(18))
    for (const k of ['rulerHeight', 'rowHeight', 'gutter', 'fontSize', 'keyRadius'] as const)
      expect(uhd[k]).toBeGreaterThan(hd[k])
    // Readable: labels at least 10 px, rows tall enough for a label and a key diamond.
    expect(hd.fontSize).toBeGreaterThanOrEqual(10)
    expect(hd.rowHeight).toBeGreaterThan(hd.fontSize + 4)
    expect(hd.rowHeight).toBeGreaterThan(2 * hd.keyRadius)
    expect(hd.rangeStrip).toBeLessThan(hd.rulerHeight / 2)
  })
})
