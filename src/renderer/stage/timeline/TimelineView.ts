import { Container, Graphics, Text } from 'pixi.js'
import type { KeyId } from '../../../core/document/ids'
import type { KeyRecord } from '../../../core/document/types'
import { firstTick, rulerTicks } from '../../../core/timeline/rulerTicks'
import type { TimeDisplay } from '../../../core/timeline/timecode'
import type { TimeView } from '../../../core/timeline/timeView'
import { frameToX, visibleFrames, xToFrame } from '../../../core/timeline/timeView'
import type { FrameRange } from '../../../core/timeline/workRange'
import type { PanelTheme, TimelineMetrics } from './panelTheme'
import { timelineMetrics } from './panelTheme'
import { TextPool } from './TextPool'
import type { RulerContext } from './rulerLayers'
import { drawRuler, drawWorkRange, rulerLabelWidth } from './rulerLayers'

/** What the timeline shows. The view keeps references and redraws a layer only when its inputs change. */
export interface TimelineContent {
  bones: readonly string[]
  /** Frames in the clip (at least 1). */
  frameCount: number
  fps: number
  display: TimeDisplay
  keys: readonly KeyRecord[]
  selectedKeys: ReadonlySet<KeyId>
  selectedBone: string | null
  /** The effective work range (inclusive), or null when it is the whole clip. */
  workRange: FrameRange | null
  /** Shown over empty tracks ("no animation yet"), or null. */
  message: string | null
}

/** A box-selection rectangle in host CSS px. */
export interface Box {
  x0: number
  y0: number
  x1: number
  y1: number
}

type Layer = 'ruler' | 'tracks' | 'keys' | 'gutter' | 'range' | 'box'

/**
 * The timeline drawn with Pixi: ruler (frames or timecode), work range, a track per bone with
 * its key diamonds, a bone name column, a box-selection rectangle and the playhead. Layers are
 * redrawn only when their inputs change; moving the playhead only moves a prebuilt Graphics,
 * so scrubbing a 2,000-frame clip costs one translation per frame. Reads data, never edits it.
 */
export class TimelineView {
  readonly root = new Container()
  /**
   * The playhead, on a stage of its own over the tracks: playback moves it every frame, and
   * redrawing only it, not the whole timeline, is what keeps a software rasteriser at 60 fps.
   */
  readonly overlay = new Container()
  metrics: TimelineMetrics
  private readonly tracks = new Graphics()
  private readonly keysLayer = new Graphics()
  private readonly box = new Graphics()
  private readonly gutterBg = new Graphics()
  private readonly rulerBg = new Graphics()
  private readonly rangeLayer = new Graphics()
  private readonly playhead = new Graphics()
  private readonly rulerLabels: TextPool
  private readonly boneLabels: TextPool
  private readonly messageText: Text
  private width = 0
  private height = 0
  private view: TimeView = { start: 0, pxPerFrame: 4 }
  private scrollY = 0
  private frame = 0
  private boxRect: Box | null = null
  private content: TimelineContent = {
    bones: [],
    frameCount: 1,
    fps: 24,
    display: 'frames',
    keys: [],
    selectedKeys: new Set(),
    selectedBone: null,
    workRange: null,
    message: null,
  }
  private readonly dirty = new Set<Layer>(['ruler', 'tracks', 'keys', 'gutter', 'range', 'box'])
  private playheadShape = ''

  constructor(private theme: PanelTheme) {
    this.metrics = timelineMetrics(theme)
    const label = {
      fontFamily: theme.fontFamily,
      fontSize: this.metrics.fontSize,
      fill: theme.text2,
    }
    this.rulerLabels = new TextPool(label)
    this.boneLabels = new TextPool({ ...label, fill: theme.text1 })
    this.messageText = new Text({ text: '', style: { ...label, fill: theme.text2 } })
    this.messageText.anchor.set(0.5, 0.5)
    this.root.addChild(
      this.tracks,
      this.keysLayer,
      this.messageText,
      this.box,
      this.gutterBg,
      this.boneLabels.root,
      this.rulerBg,
      this.rangeLayer,
      this.rulerLabels.root,
    )
    this.overlay.addChild(this.playhead)
  }

  /** New theme (window font size changed): sizes and labels follow. */
  setTheme(theme: PanelTheme): void {
    this.theme = theme
    this.metrics = timelineMetrics(theme)
    const label = { fontFamily: theme.fontFamily, fontSize: this.metrics.fontSize }
    this.rulerLabels.restyle({ ...label, fill: theme.text2 })
    this.boneLabels.restyle({ ...label, fill: theme.text1 })
    this.messageText.style = { ...label, fill: theme.text2 }
    this.markAll()
  }

  resize(width: number, height: number): void {
    if (width === this.width && height === this.height) return
    this.width = width
    this.height = height
    this.markAll()
  }

  /** Width of the time area (right of the bone names), CSS px. */
  get timeWidth(): number {
    return Math.max(1, this.width - this.metrics.gutter)
  }

  /** Height of the track area (below the ruler), CSS px. */
  get tracksHeight(): number {
    return Math.max(0, this.height - this.metrics.rulerHeight)
  }

  setView(view: TimeView): void {
    if (view.start === this.view.start && view.pxPerFrame === this.view.pxPerFrame) return
    this.view = view
    for (const layer of ['ruler', 'tracks', 'keys', 'range'] as const) this.dirty.add(layer)
  }

  setScroll(scrollY: number): void {
    if (scrollY === this.scrollY) return
    this.scrollY = scrollY
    for (const layer of ['tracks', 'keys', 'gutter'] as const) this.dirty.add(layer)
  }

  setContent(next: TimelineContent): void {
    const prev = this.content
    this.content = next
    const changed = <K extends keyof TimelineContent>(k: K) => prev[k] !== next[k]
    if (changed('display') || changed('fps') || changed('frameCount')) this.markAll()
    if (changed('bones') || changed('selectedBone') || changed('message')) {
      this.dirty.add('tracks').add('gutter').add('keys')
    }
    if (changed('keys') || changed('selectedKeys')) this.dirty.add('keys')
    if (changed('workRange')) this.dirty.add('range').add('tracks')
  }

  setFrame(frame: number): void {
    this.frame = frame
  }

  setBox(box: Box | null): void {
    this.boxRect = box
    this.dirty.add('box')
  }

  /**
   * Draws whatever changed since the last call, then places the playhead. Returns whether
   * anything on the main stage changed (else only the overlay needs drawing).
   */
  update(): boolean {
    const changed = this.dirty.size > 0
    if (this.dirty.has('tracks')) this.drawTracks()
    if (this.dirty.has('keys')) this.drawKeys()
    if (this.dirty.has('gutter')) this.drawGutter()
    if (this.dirty.has('ruler')) this.drawRuler()
    if (this.dirty.has('range')) this.drawRange()
    if (this.dirty.has('box')) this.drawBox()
    this.dirty.clear()
    this.placePlayhead()
    return changed
  }

  /** Host x of the start of `frame`. */
  frameX(frame: number): number {
    return this.metrics.gutter + frameToX(this.view, frame)
  }

  private markAll(): void {
    for (const layer of ['ruler', 'tracks', 'keys', 'gutter', 'range', 'box'] as const)
      this.dirty.add(layer)
  }

  private rowTop(row: number): number {
    return this.metrics.rulerHeight + row * this.metrics.rowHeight - this.scrollY
  }

  private visibleRows(): { first: number; last: number } {
    const { rowHeight } = this.metrics
    const first = Math.max(0, Math.floor(this.scrollY / rowHeight))
    const last = Math.min(
      this.content.bones.length - 1,
      Math.ceil((this.scrollY + this.tracksHeight) / rowHeight),
    )
    return { first, last }
  }

  private drawTracks(): void {
    const g = this.tracks.clear()
    const { gutter, rulerHeight, rowHeight } = this.metrics
    const t = this.theme
    const w = this.width
    g.rect(0, rulerHeight, w, this.tracksHeight).fill({ color: t.bg1 })
    const { first, last } = this.visibleRows()
    for (let row = first; row <= last; row++) {
      const y = this.rowTop(row)
      const selected = this.content.bones[row] === this.content.selectedBone
      if (selected) g.rect(gutter, y, w - gutter, rowHeight).fill({ color: t.bg3 })
      else if (row % 2 === 1) g.rect(gutter, y, w - gutter, rowHeight).fill({ color: t.bg2 })
      g.rect(gutter, y + rowHeight - 1, w - gutter, 1).fill({ color: t.bg0, alpha: 0.6 })
    }
    // Major tick lines through the tracks keep keys readable against time.
    const ticks = rulerTicks(
      this.view.pxPerFrame,
      this.content.fps,
      this.content.display,
      this.labelWidth(),
    )
    const end = xToFrame(this.view, this.timeWidth)
    for (let f = firstTick(Math.max(0, this.view.start), ticks.major); f <= end; f += ticks.major) {
      const x = Math.round(this.frameX(f))
      g.rect(x, rulerHeight, 1, this.tracksHeight).fill({ color: t.line, alpha: 0.5 })
    }
    // End of clip and frames outside the work range are shaded.
    const clipEnd = this.frameX(this.content.frameCount - 0.5)
    if (clipEnd < w)
      g.rect(clipEnd, rulerHeight, w - clipEnd, this.tracksHeight).fill({
        color: t.bg0,
        alpha: 0.7,
      })
    const range = this.content.workRange
    if (range) {
      const a = Math.max(gutter, this.frameX(-0.5))
      const b = this.frameX(range.start - 0.5)
      if (b > a)
        g.rect(a, rulerHeight, b - a, this.tracksHeight).fill({ color: t.bg0, alpha: 0.45 })
      const c = Math.max(gutter, this.frameX(range.end + 0.5))
      const d = Math.min(w, clipEnd)
      if (d > c)
        g.rect(c, rulerHeight, d - c, this.tracksHeight).fill({ color: t.bg0, alpha: 0.45 })
    }
    const message = this.content.message
    this.messageText.visible = message !== null
    if (message !== null) {
      this.messageText.text = message
      this.messageText.position.set(
        Math.round(gutter + (w - gutter) / 2),
        Math.round(rulerHeight + this.tracksHeight / 2),
      )
    }
  }

  private drawKeys(): void {
    const g = this.keysLayer.clear()
    const { gutter, rowHeight, keyRadius, rulerHeight } = this.metrics
    const { bones, keys, selectedKeys } = this.content
    if (keys.length === 0) return
    const rows = new Map<string, number>()
    bones.forEach((b, i) => rows.set(b, i))
    const { first, last } = visibleFrames(this.view, this.timeWidth, Infinity)
    const t = this.theme
    const r = keyRadius
    // Unselected first, selected on top.
    for (const pass of [false, true]) {
      for (const key of keys) {
        if (selectedKeys.has(key.id) !== pass) continue
        if (key.frame < first - 1 || key.frame > last + 1) continue
        const row = rows.get(key.bone)
        if (row === undefined) continue
        const y = this.rowTop(row) + rowHeight / 2
        if (y < rulerHeight - r || y > this.height + r) continue
        const x = this.frameX(key.frame)
        if (x < gutter - r) continue
        g.poly([x, y - r, x + r, y, x, y + r, x - r, y])
        if (pass) g.fill({ color: t.accent }).stroke({ color: t.text0, width: 1.5 })
        else g.fill({ color: t.text1 }).stroke({ color: t.bg0, width: 1 })
      }
    }
  }

  private drawGutter(): void {
    const g = this.gutterBg.clear()
    const { gutter, rulerHeight, rowHeight, fontSize } = this.metrics
    const t = this.theme
    g.rect(0, rulerHeight, gutter, this.tracksHeight).fill({ color: t.bg2 })
    g.rect(gutter - 1, rulerHeight, 1, this.tracksHeight).fill({ color: t.line })
    this.boneLabels.begin()
    const { first, last } = this.visibleRows()
    const pad = Math.round(fontSize * 0.8)
    for (let row = first; row <= last; row++) {
      const bone = this.content.bones[row]!
      const y = this.rowTop(row)
      const selected = bone === this.content.selectedBone
      if (selected) {
        g.rect(0, y, gutter - 1, rowHeight).fill({ color: t.bg3 })
        g.rect(0, y, 3, rowHeight).fill({ color: t.accent })
      }
      this.boneLabels.place(bone, pad, y + rowHeight / 2, 0, 0.5, selected ? t.text0 : t.text1)
    }
    this.boneLabels.end()
  }

  /** What the ruler functions draw from. */
  private rulerContext(): RulerContext {
    return {
      theme: this.theme,
      metrics: this.metrics,
      width: this.width,
      view: this.view,
      content: this.content,
      frameX: (f) => this.frameX(f),
    }
  }

  private labelWidth(): number {
    return rulerLabelWidth(this.metrics, this.content.display)
  }

  private drawRuler(): void {
    drawRuler(this.rulerBg.clear(), this.rulerLabels, this.rulerContext())
  }

  private drawRange(): void {
    drawWorkRange(this.rangeLayer.clear(), this.rulerContext())
  }

  private drawBox(): void {
    const g = this.box.clear()
    const b = this.boxRect
    if (!b) return
    const x = Math.min(b.x0, b.x1)
    const y = Math.min(b.y0, b.y1)
    const w = Math.abs(b.x1 - b.x0)
    const h = Math.abs(b.y1 - b.y0)
    g.rect(x, y, w, h)
      .fill({ color: this.theme.accent, alpha: 0.12 })
      .stroke({ color: this.theme.accent, width: 1, alpha: 0.9 })
  }

  /** The playhead is drawn once per size and only moved afterwards. */
  private placePlayhead(): void {
    const { rulerHeight, gutter, fontSize } = this.metrics
    const shape = `${this.height}|${rulerHeight}|${fontSize}`
    const half = Math.max(4, Math.round(fontSize * 0.5))
    if (shape !== this.playheadShape) {
      this.playheadShape = shape
      const g = this.playhead.clear()
      const c = this.theme.accent
      g.rect(-0.75, 0, 1.5, this.height).fill({ color: c })
      g.poly([
        -half,
        0,
        half,
        0,
        half,
        rulerHeight * 0.45,
        0,
        rulerHeight * 0.62,
        -half,
        rulerHeight * 0.45,
      ]).fill({ color: c })
    }
    const x = this.frameX(this.frame)
    this.playhead.x = Math.round(x * 2) / 2
    this.playhead.visible = x >= gutter - half && x <= this.width + half
  }

  /** Host x of the playhead line. */
  playheadX(): number {
    return this.frameX(this.frame)
  }
}
