import { Container, Text } from 'pixi.js'
import type { TextStyleOptions } from 'pixi.js'

/**
 * Reusable labels: each redraw hands out the pool's Text objects in order and hides the ones
 * left over, so panning or zooming a ruler never creates or destroys Text objects once the
 * pool has grown to the number of labels on screen. A label whose string did not change is not
 * re-rasterised (Pixi skips setting the same text).
 */
export class TextPool {
  readonly root = new Container()
  private readonly items: Text[] = []
  private used = 0

  constructor(private style: TextStyleOptions) {}

  /** Starts a redraw: every label is free again. */
  begin(): void {
    this.used = 0
  }

  /** A label showing `text` at (x, y), anchored by (ax, ay) in [0, 1]. */
  place(text: string, x: number, y: number, ax = 0, ay = 0, fill?: number): Text {
    let item = this.items[this.used]
    if (!item) {
      item = new Text({ text, style: this.style })
      this.items.push(item)
      this.root.addChild(item)
    }
    this.used++
    item.text = text
    if (fill !== undefined && item.style.fill !== fill) item.style.fill = fill
    item.anchor.set(ax, ay)
    item.position.set(Math.round(x), Math.round(y))
    item.visible = true
    return item
  }

  /** Ends a redraw: hides the labels not placed since `begin`. */
  end(): void {
    for (let i = this.used; i < this.items.length; i++) this.items[i]!.visible = false
  }

  /** New style for every label (font size changes with the window). */
  restyle(style: TextStyleOptions): void {
    this.style = style
    for (const item of this.items) item.style = style
  }
}
