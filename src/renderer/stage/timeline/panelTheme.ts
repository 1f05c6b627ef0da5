/**
 * Colours and sizes for the Pixi time panels (timeline, curve editor), read from the CSS theme
 * (src/renderer/styles/theme.css) so the canvas matches the Svelte panels around it. Sizes are
 * CSS pixels derived from the root font size, which scales with the window: the same layout
 * reads at 1280x720 and at 4K; Pixi's resolution takes care of devicePixelRatio.
 */
export interface PanelTheme {
  bg0: number
  bg1: number
  bg2: number
  bg3: number
  line: number
  text0: number
  text1: number
  text2: number
  accent: number
  accentDim: number
  fontFamily: string
  /** Root font size in CSS px (1rem). */
  rem: number
}

export interface TimelineMetrics {
  rulerHeight: number
  /** Height of the work range strip at the bottom of the ruler. */
  rangeStrip: number
  rowHeight: number
  /** Width of the bone name column on the left. */
  gutter: number
  fontSize: number
  /** Half the diagonal of a key diamond. */
  keyRadius: number
  /** Pointer slop for grabbing handles and keys. */
  grab: number
}

function cssColour(style: CSSStyleDeclaration, name: string, fallback: number): number {
  const value = style.getPropertyValue(name).trim()
  const hex = /^#([0-9a-f]{6})$/i.exec(value)
  if (hex?.[1]) return parseInt(hex[1], 16)
  const short = /^#([0-9a-f]{3})$/i.exec(value)
  if (short?.[1]) return parseInt([...short[1]].map((c) => c + c).join(''), 16)
  return fallback
}

export function readPanelTheme(): PanelTheme {
  const style = getComputedStyle(document.documentElement)
  const rem = parseFloat(style.fontSize) || 14
  return {
    bg0: cssColour(style, '--bg-0', 0x121316),
    bg1: cssColour(style, '--bg-1', 0x17191d),
    bg2: cssColour(style, '--bg-2', 0x1f2227),
    bg3: cssColour(style, '--bg-3', 0x2a2e35),
    line: cssColour(style, '--line', 0x33373f),
    text0: cssColour(style, '--text-0', 0xe8eaee),
    text1: cssColour(style, '--text-1', 0xaab0bb),
    text2: cssColour(style, '--text-2', 0x767d89),
    accent: cssColour(style, '--accent', 0xff8a3d),
    accentDim: cssColour(style, '--accent-dim', 0x7a4524),
    fontFamily: style.getPropertyValue('--font').trim() || 'system-ui, sans-serif',
    rem,
  }
}

export function timelineMetrics(theme: PanelTheme): TimelineMetrics {
  const rem = theme.rem
  return {
    rulerHeight: Math.round(2.2 * rem),
    rangeStrip: Math.round(0.6 * rem),
    rowHeight: Math.round(1.45 * rem),
    gutter: Math.round(8.5 * rem),
    fontSize: Math.round(0.78 * rem * 10) / 10,
    keyRadius: Math.max(4, Math.round(0.42 * rem)),
    grab: Math.max(5, Math.round(0.45 * rem)),
  }
}
