import { Container, Graphics } from 'pixi.js'
import type { Track } from '../../../core/motion/track'
import type { RigAnimation } from '../../../core/rig/animation'
import type { CompiledRig } from '../../../core/rig/compileRig'
import { BODY15_INDEX } from '../../../core/skeleton/body15'
import { RigView } from '../rig/RigView'
import { BoneOverlay } from './BoneOverlay'
import type { FetchedFrame } from './FootageLayer'
import { FootageLayer } from './FootageLayer'
import { KeypointOverlay } from './KeypointOverlay'
import type { ShownPerson } from './PeopleOverlay'
import { PeopleOverlay } from './PeopleOverlay'

export type ViewportLayout = 'overlay' | 'side' | 'footage' | 'rig'

export interface ViewportState {
  layout: ViewportLayout
  frame: number
  /** Preview frame index for the playhead, or -1 when there is no footage frame. */
  footageIndex: number
  /** How many preview frames the footage has (0 without footage). */
  footageFrames: number
  footageSize: { width: number; height: number } | null
  track: Track | null
  showKeypoints: boolean
  /** The people at the playhead, marked with the keypoints when several were found. */
  people: readonly ShownPerson[]
  animation: RigAnimation | null
  selectedBone: string | null
  onion: number
}

/**
 * The viewport's Pixi scene: footage, keypoints and rig laid out overlaid or side by side, with
 * zoom and pan. It reads state and draws; edits go back through callbacks (STYLE: stage adapters
 * never change the document).
 */
export class ViewportScene {
  readonly root = new Container()
  private readonly backdrop = new Graphics()
  private readonly world = new Container()
  private readonly footagePane = new Container()
  private readonly rigPane = new Container()
  private readonly footage: FootageLayer
  private readonly keypoints = new KeypointOverlay()
  private readonly people = new PeopleOverlay()
  private rigView: RigView | null = null
  private bones: BoneOverlay | null = null
  private rig: CompiledRig | null = null
  private width = 1
  private height = 1
  private state: ViewportState | null = null
  /** The animation the RigView holds; the rig may load after the animation arrives. */
  private shownAnimation: RigAnimation | null = null
  zoom = 1
  pan = { x: 0, y: 0 }

  /** @param onLateChange told when something arrives after update() drew (a footage frame). */
  constructor(
    fetchFrame: (index: number, ahead: boolean) => Promise<FetchedFrame | null>,
    onLateChange?: () => void,
  ) {
    this.footage = new FootageLayer(fetchFrame, onLateChange)
    this.footagePane.addChild(this.footage, this.keypoints, this.people)
    this.world.addChild(this.footagePane, this.rigPane)
    this.root.addChild(this.backdrop, this.world)
  }

  async setRig(rig: CompiledRig, images: Record<string, string>): Promise<void> {
    if (this.rig === rig) return
    const view = await RigView.load(rig, (path) => images[path] ?? '', 2)
    this.rigView?.destroy()
    this.bones?.destroy()
    this.rig = rig
    this.rigView = view
    this.shownAnimation = null
    this.bones = new BoneOverlay(rig)
    this.rigPane.removeChildren()
    this.rigPane.addChild(view, this.bones)
    if (this.state) this.update(this.state)
  }

  resize(width: number, height: number): void {
    this.width = Math.max(1, width)
    this.height = Math.max(1, height)
    this.drawBackdrop()
    if (this.state) this.update(this.state)
  }

  clearFootage(): void {
    this.footage.clear()
  }

  footageShown(): { index: number; width: number; height: number } | null {
    return this.footage.shown()
  }

  update(state: ViewportState): void {
    this.state = state
    const { layout } = state
    const hasFootage = state.footageSize !== null && layout !== 'rig'
    const showRig = layout !== 'footage' && this.rigView !== null
    this.footagePane.visible = hasFootage
    this.rigPane.visible = showRig
    const side = layout === 'side' && hasFootage && showRig
    const paneWidth = side ? this.width / 2 : this.width

    // Footage: fit into its pane.
    let footageFit = 1
    if (hasFootage && state.footageSize) {
      const { width, height } = state.footageSize
      footageFit = Math.min(paneWidth / width, this.height / height) * 0.96
      this.footagePane.scale.set(footageFit)
      this.footagePane.position.set(
        (paneWidth - width * footageFit) / 2,
        (this.height - height * footageFit) / 2,
      )
      if (state.footageIndex >= 0)
        this.footage.show(state.footageIndex, state.footageFrames, width, height)
      const frame = state.track?.frames[state.frame]
      if (state.showKeypoints) this.keypoints.drawFrame(frame, 1)
      else this.keypoints.clear()
      this.people.draw(state.showKeypoints ? state.people : [], 1 / (footageFit * this.zoom))
    }

    // Rig: beside the footage, alone, or over it at the performer's size and place.
    if (showRig && this.rigView && this.rig) {
      if (state.animation && state.animation !== this.shownAnimation) {
        this.rigView.setAnimation(state.animation)
        this.shownAnimation = state.animation
      }
      if (state.animation) this.rigView.setPose(state.frame)
      const [rw, rh] = this.rig.rig.size
      if (layout === 'overlay' && hasFootage && state.track) {
        const place = this.overlayPlacement(state.track)
        this.rigPane.scale.set(place.scale * footageFit)
        this.rigPane.position.set(
          this.footagePane.x + (place.x - this.rig.restX[0]! * place.scale) * footageFit,
          this.footagePane.y + (place.y - this.rig.restY[0]! * place.scale) * footageFit,
        )
        this.rigView.alpha = 0.9
      } else {
        const fit = Math.min(paneWidth / rw, this.height / rh) * 0.9
        this.rigPane.scale.set(fit)
        this.rigPane.position.set(
          (side ? paneWidth : 0) + (paneWidth - rw * fit) / 2,
          (this.height - rh * fit) / 2,
        )
        this.rigView.alpha = 1
      }
      if (this.bones && state.animation) {
        this.bones.draw(state.animation, state.frame, {
          onion: state.onion,
          selected: state.selectedBone,
          pixel: 1 / Math.max(0.05, this.rigPane.scale.x * this.zoom),
        })
      }
    }
    this.world.scale.set(this.zoom)
    this.world.position.set(
      this.pan.x + (this.width * (1 - this.zoom)) / 2,
      this.pan.y + (this.height * (1 - this.zoom)) / 2,
    )
  }

  /** Stage point -> footage-pane pixels (the preview's), for picking a person. */
  toFootage(x: number, y: number): { x: number; y: number } | null {
    if (!this.footagePane.visible) return null
    const p = this.footagePane.toLocal({ x, y }, this.root)
    return { x: p.x, y: p.y }
  }

  /** Footage-pane pixels -> stage point. */
  toStage(x: number, y: number): { x: number; y: number } {
    const p = this.footagePane.toGlobal({ x, y })
    return { x: p.x, y: p.y }
  }

  /** Stage point -> rig pixels, for picking and dragging bones. */
  toRig(x: number, y: number): { x: number; y: number } {
    const p = this.rigPane.toLocal({ x, y }, this.root)
    return { x: p.x, y: p.y }
  }

  /** Rig pixels per stage pixel, for pick radii that feel the same at every zoom. */
  rigUnitsPerPixel(): number {
    return 1 / Math.max(1e-6, this.rigPane.scale.x * this.zoom)
  }

  /** Stage point of a bone at fraction `t` along it (0 start, 1 end) at the current frame. */
  bonePoint(bone: string, t: number): { x: number; y: number } | null {
    const pivot = this.bonePivot(bone)
    const b = this.rig?.index.get(bone)
    if (!pivot || b === undefined || !this.rig) return null
    const len = this.rig.length[b]! * t
    const p = this.rigPane.toGlobal({
      x: pivot.x + Math.cos(pivot.angle) * len,
      y: pivot.y + Math.sin(pivot.angle) * len,
    })
    return { x: p.x, y: p.y }
  }

  pickBone(x: number, y: number): string | null {
    const anim = this.state?.animation
    if (!anim || !this.bones || !this.rigPane.visible) return null
    const p = this.toRig(x, y)
    return this.bones.pick(anim, this.state!.frame, p.x, p.y, 14 * this.rigUnitsPerPixel())
  }

  bonePivot(bone: string): { x: number; y: number; angle: number } | null {
    const anim = this.state?.animation
    return anim && this.bones ? this.bones.bonePivot(anim, this.state!.frame, bone) : null
  }

  /** Where the rig stands over the footage: its root on the performer's first hip, at their height. */
  private overlayPlacement(track: Track): { x: number; y: number; scale: number } {
    const first = track.frames.find((f) => f.points && f.points[BODY15_INDEX.mid_hip]![2] > 0.05)
    const hip = first?.points?.[BODY15_INDEX.mid_hip]
    let height = 0
    if (first?.points) {
      const ys = first.points.filter((p) => p[2] > 0.05).map((p) => p[1])
      height = Math.max(...ys) - Math.min(...ys)
    }
    const rig = this.rig!
    const rigHeight =
      rig.rig.ground -
      Math.min(rig.restY[0]! - rig.length[0]!, rig.rig.ground - rig.rig.size[1] * 0.9)
    const scale = height > 0 && rigHeight > 0 ? height / rigHeight : 1
    return { x: hip?.[0] ?? 0, y: hip?.[1] ?? 0, scale }
  }

  private drawBackdrop(): void {
    // The stage's background colour is the backdrop; only the grid is drawn. A full-stage
    // rectangle costs a whole canvas of fragment shading per frame, which a software renderer
    // (SwiftShader, headless Chromium) feels.
    const g = this.backdrop.clear()
    const step = 40
    for (let x = (this.width / 2) % step; x < this.width; x += step)
      g.moveTo(x, 0).lineTo(x, this.height)
    for (let y = (this.height / 2) % step; y < this.height; y += step)
      g.moveTo(0, y).lineTo(this.width, y)
    g.stroke({ color: 0x23262c, width: 1 })
  }
}
