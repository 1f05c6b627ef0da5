import { Container, Graphics, Text } from 'pixi.js'
import type { KeyId } from '../../../core/document/ids'
import type { KeyRecord } from '../../../core/document/types'
import type { RigAnimation } from '../../../core/rig/animation'
import type { ValueScale } from '../../../core/timeline/curveScale'
import { toDegrees, valueStep, valueToY } from '../../../core/timeline/curveScale'
import { firstTick, rulerTicks } from '../../../core/timeline/rulerTicks'
import type { TimeView } from '../../../core/timeline/timeView'
import { frameToX, visibleFrames } from '../../../core/timeline/timeView'
import type { PanelTheme } from '../timeline/panelTheme'
import { TextPool } from '../timeline/TextPool'

/** What the curve editor shows: one bone's rotation over time, before and after the edit layer. */
export interface CurveContent {
  /** Index of the bone in the animations' `bones`, or -1 for none. */
  bone: number
  /** Cartoon-driven motion (before the animator's keys), or null. */
  driven: RigAnimation | null
  /** What plays: driven plus the edit layer, or null. */
  final: RigAnimation | null
  /** The bone's name, shown in the corner; '' for none. */
  boneName: string
  /** The bone's keys. */
  keys: readonly KeyRecord[]
  selectedKeys: ReadonlySet<KeyId>
  message: string | null
}

/**
 * The curve editor's drawing: a value grid in degrees, the driven curve (dim) and the final
 * curve (accent) of one bone, its keys on the final curve, and the playhead. Time follows the
 * timeline's view so both panels line up; the value scale is chosen by the panel. Reads only.
 */
export class CurveView {
  readonly root = new Container()
  private readonly grid = new Graphics()
  private readonly curves = new Graphics()
  private readonly keysLayer = new Graphics()
  private readonly gutterBg = new Graphics()
  private readonly playhead = new Graphics()
  private readonly labels: TextPool
  private readonly messageText: Text
  private width = 0
  private height = 0
  private gutter = 0
  private view: TimeView = { start: 0, pxPerFrame: 1 }
  private scale: ValueScale = { top: 90, pxPerUnit: 1 }
  private fps = 24
  private content: CurveContent | null = null
  private dirty = true
  private frame = 0
  private playheadHeight = -1

  constructor(private readonly theme: PanelTheme) {
    const style = {
      fontFamily: theme.fontFamily,
      fontSize: Math.round(0.75 * theme.rem * 10) / 10,
      fill: theme.text2,
    }
    this.labels = new TextPool(style)
    this.messageText = new Text({ text: '', style })
    this.messageText.anchor.set(0.5, 0.5)
    this.root.addChild(
      this.grid,
      this.curves,
      this.keysLayer,
      this.messageText,
      this.gutterBg,
      this.labels.root,
      this.playhead,
    )
  }

  /** Key diamond half-diagonal, CSS px. */
  get keyRadius(): number {
    return Math.max(4, Math.round(0.45 * this.theme.rem))
  }

  set(
    width: number,
    height: number,
    gutter: number,
    view: TimeView,
    scale: ValueScale,
    fps: number,
    content: CurveContent,
  ): void {
    this.width = width
    this.height = height
    this.gutter = gutter
    this.view = view
    this.scale = scale
    this.fps = fps
    this.content = content
    this.dirty = true
  }

  setFrame(frame: number): void {
    this.frame = frame
  }

  frameX(frame: number): number {
    return this.gutter + frameToX(this.view, frame)
  }

  update(): void {
    if (this.dirty) {
      this.dirty = false
      this.drawGrid()
      this.drawCurves()
    }
    const x = this.frameX(this.frame)
    if (this.playheadHeight !== this.height) {
      this.playheadHeight = this.height
      this.playhead.clear().rect(-0.75, 0, 1.5, this.height).fill({ color: this.theme.accent })
    }
    this.playhead.x = Math.round(x * 2) / 2
    this.playhead.visible = x >= this.gutter && x <= this.width
  }

  private drawGrid(): void {
    const t = this.theme
    const g = this.grid.clear()
    const gb = this.gutterBg.clear()
    g.rect(0, 0, this.width, this.height).fill({ color: t.bg1 })
    gb.rect(0, 0, this.gutter, this.height).fill({ color: t.bg2 })
    gb.rect(this.gutter - 1, 0, 1, this.height).fill({ color: t.line })
    this.labels.begin()
    const step = valueStep(this.scale, Math.max(18, this.theme.rem * 1.6))
    const bottom = this.scale.top - this.height / this.scale.pxPerUnit
    for (let v = firstTick(bottom, step); v <= this.scale.top; v += step) {
      const y = Math.round(valueToY(this.scale, v))
      const zero = Math.abs(v) < step / 2
      g.rect(this.gutter, y, this.width - this.gutter, 1).fill({
        color: zero ? t.text2 : t.line,
        alpha: zero ? 0.6 : 0.5,
      })
      const label = `${Number(v.toFixed(2))}°`
      this.labels.place(label, this.gutter - 6, y, 1, 0.5, t.text2)
    }
    if (this.content?.boneName) {
      const pad = Math.round(this.theme.rem * 0.6)
      this.labels.place(this.content.boneName, pad, pad, 0, 0, t.text0)
    }
    this.labels.end()
    const ticks = rulerTicks(this.view.pxPerFrame, this.fps, 'frames', 60)
    const { first, last } = visibleFrames(this.view, this.width - this.gutter, Infinity)
    for (let f = firstTick(first, ticks.major); f <= last; f += ticks.major) {
      g.rect(Math.round(this.frameX(f)), 0, 1, this.height).fill({ color: t.line, alpha: 0.35 })
    }
  }

  private drawCurves(): void {
    const g = this.curves.clear()
    const k = this.keysLayer.clear()
    const c = this.content
    const message = c?.message ?? null
    this.messageText.visible = message !== null
    if (message !== null) {
      this.messageText.text = message
      this.messageText.position.set(
        Math.round(this.gutter + (this.width - this.gutter) / 2),
        Math.round(this.height / 2),
      )
    }
    if (!c || c.bone < 0) return
    const t = this.theme
    if (c.driven) this.drawLine(g, c.driven, c.bone, t.text2, 1.5)
    if (c.final) this.drawLine(g, c.final, c.bone, t.accent, 2)
    const source = c.final ?? c.driven
    if (!source) return
    const n = source.bones.length
    const r = this.keyRadius
    for (const pass of [false, true]) {
      for (const key of c.keys) {
        if (c.selectedKeys.has(key.id) !== pass || key.frame >= source.frameCount) continue
        const x = this.frameX(key.frame)
        if (x < this.gutter - r || x > this.width + r) continue
        const y = valueToY(this.scale, toDegrees(source.rotations[key.frame * n + c.bone]!))
        k.poly([x, y - r, x + r, y, x, y + r, x - r, y])
        if (pass) k.fill({ color: t.accent }).stroke({ color: t.text0, width: 1.5 })
        else k.fill({ color: t.bg1 }).stroke({ color: t.text0, width: 1.5 })
      }
    }
  }

  /** One polyline over the visible frames; below a pixel per frame, one vertex per pixel column. */
  private drawLine(
    g: Graphics,
    anim: RigAnimation,
    bone: number,
    color: number,
    width: number,
  ): void {
    const n = anim.bones.length
    const { first, last } = visibleFrames(this.view, this.width - this.gutter, anim.frameCount)
    if (last < first) return
    const stride = Math.max(1, Math.floor(1 / this.view.pxPerFrame))
    let started = false
    for (let f = first; f <= last; f += stride) {
      const x = this.frameX(f)
      const y = valueToY(this.scale, toDegrees(anim.rotations[f * n + bone]!))
      if (started) g.lineTo(x, y)
      else {
        g.moveTo(x, y)
        started = true
      }
    }
    g.stroke({ color, width, join: 'round' })
  }
}
