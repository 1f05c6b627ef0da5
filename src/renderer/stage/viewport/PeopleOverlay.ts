import { Container, Graphics } from 'pixi.js'
import type { PersonBox } from '../../../core/keypoints/people'
import { TextPool } from '../timeline/TextPool'

/** One person at the playhead, as the viewport marks them. */
export interface ShownPerson {
  id: number
  /** Their box in footage-pane pixels. */
  box: PersonBox
  label: string
  performer: boolean
}

const performerColour = 0x5aa9ff
const otherColour = 0xc8ccd4

/**
 * A labelled box around each person at the playhead when several were found, the performer's
 * in the accent colour: the picker's "Person 3" is then a person on screen, and clicking one
 * makes them the performer. Drawn in footage-pane pixels; `pixel` is one screen pixel there, so
 * lines and labels keep their size at any zoom.
 */
export class PeopleOverlay extends Container {
  private readonly boxes = new Graphics()
  /** Dark plates under the labels: footage is as often bright sky as dark room. */
  private readonly plates = new Graphics()
  private readonly labels = new TextPool({
    fontFamily: 'system-ui, sans-serif',
    fontSize: 12,
    fill: otherColour,
  })

  constructor() {
    super()
    this.addChild(this.boxes, this.plates, this.labels.root)
  }

  draw(people: readonly ShownPerson[], pixel: number): void {
    this.boxes.clear()
    this.plates.clear()
    this.labels.begin()
    for (const person of people) {
      const [x0, y0, x1, y1] = person.box
      const colour = person.performer ? performerColour : otherColour
      this.boxes
        .rect(x0, y0, x1 - x0, y1 - y0)
        .stroke({ color: colour, width: (person.performer ? 2 : 1.5) * pixel, alpha: 0.9 })
      const text = this.labels.place(person.label, x0 + 3 * pixel, y0 - 3 * pixel, 0, 1, colour)
      text.scale.set(pixel)
      this.plates
        .rect(x0, text.y - text.height - pixel, text.width + 6 * pixel, text.height + 3 * pixel)
        .fill({ color: 0x15171b, alpha: 0.75 })
    }
    this.labels.end()
  }
}
