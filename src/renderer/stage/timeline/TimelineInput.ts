import type { KeyId } from '../../../core/document/ids'
import type { KeyRecord } from '../../../core/document/types'
import { clampKeyDelta, keyAtPoint, keysInBox, rowAt } from '../../../core/timeline/keyHits'
import type { TrackGeometry } from '../../../core/timeline/keyHits'
import type { TimeView } from '../../../core/timeline/timeView'
import { clampView, panBy, xToFrame, xToWholeFrame, zoomAt } from '../../../core/timeline/timeView'
import type { FrameRange } from '../../../core/timeline/workRange'
import type { TimelineView } from './TimelineView'

/**
 * What the timeline's pointer gestures do. The panel implements it with the stores, so this
 * module never touches the document itself: a drag is begin -> live updates -> end(commit),
 * which the panel turns into mark / edits / squash (commit) or bail (Escape).
 */
export interface TimelineActions {
  timeView(): TimeView
  setTimeView(view: TimeView): void
  scrollY(): number
  setScrollY(y: number): void
  frameCount(): number
  playhead(): number
  seek(frame: number): void
  bones(): readonly string[]
  keys(): readonly KeyRecord[]
  selectedKeys(): ReadonlySet<KeyId>
  workRange(): FrameRange | null
  selectBone(bone: string | null): void
  selectKeys(ids: KeyId[], add: boolean): void
  beginEdit(): void
  /** Moves the keys being dragged to `delta` frames from where they started. */
  moveKeysTo(ids: KeyId[], delta: number): void
  setRangeEnd(end: 'start' | 'end', frame: number): void
  endEdit(commit: boolean, label: string, moved: KeyId[] | null): void
}

type Gesture =
  | { kind: 'scrub' }
  | { kind: 'pan'; lastX: number; moved: boolean; startX: number; seekOnClick: boolean }
  | { kind: 'range'; end: 'start' | 'end' }
  | {
      kind: 'keys'
      ids: KeyId[]
      frames: number[]
      startX: number
      delta: number
      moved: boolean
      clickSelect: KeyId | null
    }
  | {
      kind: 'box'
      x0: number
      y0: number
      x1: number
      y1: number
      add: boolean
      /** Keys selected before a Shift box select, kept whatever the box covers. */
      base: KeyId[]
      moved: boolean
    }

const CLICK_SLOP = 3

/**
 * Pointer and wheel input over the timeline canvas: scrubbing the playhead, panning the ruler,
 * dragging work range ends, selecting (click, shift-click, box) and moving keys, zooming.
 */
export class TimelineInput {
  private gesture: Gesture | null = null
  private pointerId = -1

  constructor(
    private readonly host: HTMLElement,
    private readonly view: TimelineView,
    private readonly actions: TimelineActions,
  ) {
    host.addEventListener('pointerdown', this.onDown)
    host.addEventListener('pointermove', this.onMove)
    host.addEventListener('pointerup', this.onUp)
    host.addEventListener('pointercancel', this.onCancel)
    host.addEventListener('wheel', this.onWheel, { passive: false })
  }

  dispose(): void {
    this.host.removeEventListener('pointerdown', this.onDown)
    this.host.removeEventListener('pointermove', this.onMove)
    this.host.removeEventListener('pointerup', this.onUp)
    this.host.removeEventListener('pointercancel', this.onCancel)
    this.host.removeEventListener('wheel', this.onWheel)
  }

  /** True while a drag that edits the document is under way (Escape cancels it). */
  get editing(): boolean {
    return this.gesture?.kind === 'keys' || this.gesture?.kind === 'range'
  }

  /** Escape: abandons the current drag, restoring the document. */
  cancel(): void {
    const g = this.gesture
    if (!g) return
    if (g.kind === 'keys' || g.kind === 'range') this.actions.endEdit(false, '', null)
    if (g.kind === 'box') this.view.setBox(null)
    this.release()
  }

  private point(e: PointerEvent | WheelEvent): { x: number; y: number } {
    const r = this.host.getBoundingClientRect()
    return { x: e.clientX - r.left, y: e.clientY - r.top }
  }

  private geometry(): TrackGeometry {
    const rowOf = new Map<string, number>()
    this.actions.bones().forEach((b, i) => rowOf.set(b, i))
    return { view: this.actions.timeView(), rowHeight: this.view.metrics.rowHeight, rowOf }
  }

  /** Host point -> track content point (time area x, y from the first row's top). */
  private content(x: number, y: number): { x: number; y: number } {
    const m = this.view.metrics
    return { x: x - m.gutter, y: y - m.rulerHeight + this.actions.scrollY() }
  }

  private frameAt(x: number): number {
    return xToWholeFrame(
      this.actions.timeView(),
      x - this.view.metrics.gutter,
      this.actions.frameCount(),
    )
  }

  private readonly onDown = (e: PointerEvent): void => {
    if (this.gesture) return
    const { x, y } = this.point(e)
    const m = this.view.metrics
    const a = this.actions
    if (e.button === 1) {
      this.start(e, { kind: 'pan', lastX: x, startX: x, moved: false, seekOnClick: false })
      e.preventDefault()
      return
    }
    if (e.button !== 0) return
    this.host.focus({ preventScroll: true })
    if (y < m.rulerHeight) {
      if (x < m.gutter) return
      // The range strip at the bottom of the ruler belongs to the work range handles.
      const end = y >= m.rulerHeight - m.rangeStrip - 2 ? this.rangeHandleAt(x) : null
      if (end) {
        a.beginEdit()
        this.start(e, { kind: 'range', end })
        return
      }
      if (Math.abs(x - this.view.playheadX()) <= m.grab + 2) {
        this.start(e, { kind: 'scrub' })
        return
      }
      this.start(e, { kind: 'pan', lastX: x, startX: x, moved: false, seekOnClick: true })
      return
    }
    const c = this.content(x, y)
    const row = rowAt(c.y, m.rowHeight, a.bones().length)
    if (x < m.gutter) {
      if (row >= 0) a.selectBone(a.bones()[row] ?? null)
      return
    }
    const hit = keyAtPoint(a.keys(), this.geometry(), c.x, c.y, m.keyRadius + 3)
    if (hit) {
      const selected = a.selectedKeys()
      const key = a.keys().find((k) => k.id === hit)
      if (key) a.selectBone(key.bone)
      if (e.shiftKey) {
        if (selected.has(hit)) {
          a.selectKeys(
            [...selected].filter((id) => id !== hit),
            false,
          )
          return
        }
        a.selectKeys([hit], true)
      } else if (!selected.has(hit)) a.selectKeys([hit], false)
      const ids = [...a.selectedKeys()]
      const byId = new Map(a.keys().map((k) => [k.id, k.frame]))
      a.beginEdit()
      this.start(e, {
        kind: 'keys',
        ids,
        frames: ids.map((id) => byId.get(id) ?? 0),
        startX: x,
        delta: 0,
        moved: false,
        clickSelect: !e.shiftKey && selected.has(hit) ? hit : null,
      })
      return
    }
    const base = e.shiftKey ? [...a.selectedKeys()] : []
    this.start(e, { kind: 'box', x0: x, y0: y, x1: x, y1: y, add: e.shiftKey, base, moved: false })
  }

  private rangeHandleAt(x: number): 'start' | 'end' | null {
    const range = this.actions.workRange() ?? { start: 0, end: this.actions.frameCount() - 1 }
    const grab = this.view.metrics.grab + 2
    const ds = Math.abs(x - this.view.frameX(range.start - 0.5))
    const de = Math.abs(x - this.view.frameX(range.end + 0.5))
    if (Math.min(ds, de) > grab) return null
    return ds <= de ? 'start' : 'end'
  }

  private start(e: PointerEvent, gesture: Gesture): void {
    this.gesture = gesture
    this.pointerId = e.pointerId
    this.host.setPointerCapture(e.pointerId)
    if (gesture.kind === 'scrub') this.actions.seek(this.frameAt(this.point(e).x))
  }

  private readonly onMove = (e: PointerEvent): void => {
    const g = this.gesture
    if (!g || e.pointerId !== this.pointerId) return
    const { x, y } = this.point(e)
    const a = this.actions
    switch (g.kind) {
      case 'scrub':
        a.seek(this.frameAt(x))
        return
      case 'pan': {
        if (!g.moved && Math.abs(x - g.startX) < CLICK_SLOP) return
        g.moved = true
        const next = panBy(a.timeView(), g.lastX - x)
        a.setTimeView(clampView(next, a.frameCount(), this.view.timeWidth))
        g.lastX = x
        return
      }
      case 'range':
        a.setRangeEnd(g.end, xToFrame(a.timeView(), x - this.view.metrics.gutter))
        return
      case 'keys': {
        if (!g.moved && Math.abs(x - g.startX) < CLICK_SLOP) return
        g.moved = true
        const delta = clampKeyDelta(g.frames, (x - g.startX) / a.timeView().pxPerFrame)
        if (delta !== g.delta) {
          g.delta = delta
          a.moveKeysTo(g.ids, delta)
        }
        return
      }
      case 'box':
        g.x1 = x
        g.y1 = y
        if (!g.moved && Math.hypot(x - g.x0, y - g.y0) < CLICK_SLOP) return
        g.moved = true
        this.view.setBox({ x0: g.x0, y0: g.y0, x1: x, y1: y })
        this.boxSelect(g)
        return
    }
  }

  private boxSelect(g: Extract<Gesture, { kind: 'box' }>): void {
    const a = this.actions
    const p0 = this.content(g.x0, g.y0)
    const p1 = this.content(g.x1, g.y1)
    const ids = keysInBox(a.keys(), this.geometry(), p0.x, p0.y, p1.x, p1.y)
    a.selectKeys([...g.base, ...ids], false)
  }

  private readonly onUp = (e: PointerEvent): void => {
    const g = this.gesture
    if (!g || e.pointerId !== this.pointerId) return
    const { x, y } = this.point(e)
    const a = this.actions
    switch (g.kind) {
      case 'pan':
        if (!g.moved && g.seekOnClick) a.seek(this.frameAt(x))
        break
      case 'range':
        a.endEdit(true, 'Set work range', null)
        break
      case 'keys':
        if (g.moved) a.endEdit(true, g.ids.length === 1 ? 'Move key' : 'Move keys', g.ids)
        else {
          a.endEdit(false, '', null)
          if (g.clickSelect) a.selectKeys([g.clickSelect], false)
        }
        break
      case 'box':
        this.view.setBox(null)
        if (g.moved) this.boxSelect(g)
        else {
          if (!g.add) a.selectKeys([], false)
          const row = rowAt(this.content(x, y).y, this.view.metrics.rowHeight, a.bones().length)
          if (row >= 0) a.selectBone(a.bones()[row] ?? null)
        }
        break
      case 'scrub':
        break
    }
    this.release()
  }

  private readonly onCancel = (e: PointerEvent): void => {
    if (e.pointerId === this.pointerId) this.cancel()
  }

  private release(): void {
    if (this.pointerId >= 0 && this.host.hasPointerCapture(this.pointerId))
      this.host.releasePointerCapture(this.pointerId)
    this.gesture = null
    this.pointerId = -1
  }

  /**
   * Ctrl/Cmd+wheel zooms about the pointer; a horizontal wheel, Shift+wheel or the wheel over the
   * ruler pans; the wheel over the tracks scrolls them when they overflow, else pans.
   */
  private readonly onWheel = (e: WheelEvent): void => {
    const { x, y } = this.point(e)
    const a = this.actions
    const m = this.view.metrics
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.view.tracksHeight : 1
    const dx = e.deltaX * unit
    const dy = e.deltaY * unit
    e.preventDefault()
    if (e.ctrlKey || e.metaKey) {
      const factor = Math.exp(-dy * 0.0025)
      const next = zoomAt(a.timeView(), Math.max(0, x - m.gutter), factor)
      a.setTimeView(clampView(next, a.frameCount(), this.view.timeWidth))
      return
    }
    const overflow = a.bones().length * m.rowHeight - this.view.tracksHeight
    const horizontal =
      Math.abs(dx) > Math.abs(dy) || e.shiftKey || y < m.rulerHeight || overflow <= 0
    if (horizontal) {
      const amount = Math.abs(dx) > Math.abs(dy) ? dx : dy
      a.setTimeView(clampView(panBy(a.timeView(), amount), a.frameCount(), this.view.timeWidth))
    } else {
      a.setScrollY(Math.min(overflow, Math.max(0, a.scrollY() + dy)))
    }
  }
}
