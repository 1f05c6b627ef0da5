import { Container, Graphics } from 'pixi.js'
import { BODY15_BONES, BODY15_INDEX } from '../../core/skeleton/body15'

/** A body15 pose in stage pixels (y down), one [x, y] per joint in BODY15_JOINTS order. */
export type StagePose = readonly (readonly [number, number])[]

/** A neutral standing pose, 1 unit = body height, origin between the feet. */
const NEUTRAL: StagePose = [
  [0, -0.93],
  [0, -0.82],
  [-0.11, -0.81],
  [-0.16, -0.63],
  [-0.18, -0.46],
  [0.11, -0.81],
  [0.16, -0.63],
  [0.18, -0.46],
  [0, -0.52],
  [-0.07, -0.52],
  [-0.08, -0.27],
  [-0.08, 0],
  [0.07, -0.52],
  [0.08, -0.27],
  [0.08, 0],
]

/**
 * The viewport's scene: backdrop grid, ground line and the figure. Data comes in through
 * `setPose`; the scene never touches the document (STYLE: stage adapters only read).
 */
export class ViewportScene {
  readonly root = new Container()
  private readonly grid = new Graphics()
  private readonly figure = new Graphics()
  private width = 0
  private height = 0
  private pose: StagePose | null = null

  constructor() {
    this.root.addChild(this.grid, this.figure)
  }

  resize(width: number, height: number): void {
    if (width === this.width && height === this.height) return
    this.width = width
    this.height = height
    this.drawGrid()
    this.drawFigure()
  }

  /** Shows a pose in stage pixels, or the neutral stand-in when null. */
  setPose(pose: StagePose | null): void {
    this.pose = pose
    this.drawFigure()
  }

  private drawGrid(): void {
    const g = this.grid.clear()
    const step = 40
    for (let x = (this.width / 2) % step; x < this.width; x += step)
      g.moveTo(x, 0).lineTo(x, this.height)
    for (let y = (this.height / 2) % step; y < this.height; y += step)
      g.moveTo(0, y).lineTo(this.width, y)
    g.stroke({ color: 0x262a31, width: 1 })
    const ground = this.groundY()
    g.moveTo(0, ground).lineTo(this.width, ground).stroke({ color: 0x3b414b, width: 2 })
  }

  private groundY(): number {
    return this.height * 0.85
  }

  private drawFigure(): void {
    const g = this.figure.clear()
    const scale = this.height * 0.6
    const pose =
      this.pose ??
      NEUTRAL.map(([x, y]) => [this.width / 2 + x * scale, this.groundY() + y * scale] as const)
    for (const [a, b] of BODY15_BONES) {
      const pa = pose[BODY15_INDEX[a]]
      const pb = pose[BODY15_INDEX[b]]
      if (!pa || !pb) continue
      g.moveTo(pa[0], pa[1]).lineTo(pb[0], pb[1])
    }
    g.stroke({ color: 0xff8a3d, width: Math.max(3, scale * 0.025), cap: 'round', join: 'round' })
    for (const p of pose) g.circle(p[0], p[1], Math.max(3, scale * 0.012))
    g.fill({ color: 0xffd2b0 })
    const head = pose[BODY15_INDEX.nose]
    if (head)
      g.circle(head[0], head[1], scale * 0.06).stroke({
        color: 0xff8a3d,
        width: Math.max(3, scale * 0.02),
      })
  }
}
