import { Container, Matrix, Sprite } from 'pixi.js'
import type { RigAnimation } from '../../../core/rig/animation'
import { createWorldPose, frameWorldPose, restAnimation } from '../../../core/rig/animation'
import type { CompiledRig, WorldPose } from '../../../core/rig/compileRig'
import { restWorld } from '../../../core/rig/compileRig'
import { placeParts } from '../../../core/rig/partTransforms'
import type { RigView as RigViewName } from '../../../core/rig/types'
import type { PartTexture } from './loadPartTextures'
import { loadRigTextures } from './loadPartTextures'

/**
 * A rig drawn at a solved pose, in rig pixels (the rig's canvas: origin top-left, y down); the
 * caller positions and scales the view itself. One sprite per part, stacked back to front by the
 * part's z. Each frame it places every part on its bone (pivot, offset, rotation), swaps
 * alternative drawings (profile head for a profile view, closed hand where the animation says),
 * and applies squash and stretch about the root. The editor's viewport and the sprite-sheet
 * exporter both draw with this class, so what the animator sees is what gets exported.
 */
export class RigView extends Container {
  private readonly sprites: Sprite[] = []
  private readonly body = new Container()
  private readonly pose: WorldPose
  private animation: RigAnimation
  private readonly matrix = new Matrix()

  private constructor(
    readonly rig: CompiledRig,
    private readonly textures: Map<string, PartTexture>,
  ) {
    super()
    this.pose = createWorldPose(rig)
    this.animation = restAnimation(rig, 30, 1)
    this.addChild(this.body)
    // placeParts returns parts back to front; the order depends only on z, so it is fixed.
    for (const placed of placeParts(rig, restWorld(rig), 'front')) {
      const sprite = new Sprite()
      sprite.label = placed.part.name
      this.sprites.push(sprite)
      this.body.addChild(sprite)
    }
    this.sprites.sort(
      (a, b) =>
        rig.rig.parts.findIndex((p) => p.name === a.label) -
        rig.rig.parts.findIndex((p) => p.name === b.label),
    )
    this.setPose(0)
  }

  /**
   * Loads every drawing of the rig (SVG or PNG, rasterised at `resolution` texture pixels per
   * rig pixel so zoomed-in views stay sharp) and builds the view at the rest pose.
   */
  static async load(
    rig: CompiledRig,
    urlFor: (imagePath: string) => string,
    resolution = 1,
  ): Promise<RigView> {
    return new RigView(rig, await loadRigTextures(rig.rig, urlFor, resolution))
  }

  /** The animation `setPose` reads; its bones must be the rig's (same compiled order). */
  setAnimation(animation: RigAnimation): void {
    if (
      animation.bones.length !== this.rig.boneCount ||
      animation.bones.some((b, i) => b !== this.rig.names[i])
    ) {
      throw new Error(`the animation's bones do not match rig "${this.rig.rig.name}"`)
    }
    this.animation = animation
    this.setPose(0)
  }

  /** Destroys the view and the part textures it loaded (they are not shared). */
  override destroy(): void {
    super.destroy({ children: true })
    for (const t of this.textures.values()) t.texture.destroy(true)
    this.textures.clear()
  }

  get frameCount(): number {
    return this.animation.frameCount
  }

  /** Shows frame `frame` of the animation (clamped to its range). */
  setPose(frame: number): void {
    const anim = this.animation
    const f = Math.max(0, Math.min(anim.frameCount - 1, Math.round(frame)))
    frameWorldPose(this.rig, anim, f, this.pose)
    this.drawPose(this.pose, anim.view, (part) => anim.partImages[part]?.[f] ?? null)
    this.applyStretch(f)
  }

  /** Shows an arbitrary world pose (rig pixels, radians), e.g. while the editor drags a bone. */
  drawPose(
    pose: WorldPose,
    view: RigViewName,
    choice: (part: string) => string | null = () => null,
  ): void {
    const choices: Record<string, string | null> = {}
    for (const part of this.rig.rig.parts) choices[part.name] = choice(part.name)
    const placed = placeParts(this.rig, pose, view, choices)
    const byName = new Map(placed.map((p) => [p.part.name, p]))
    this.rig.rig.parts.forEach((part, i) => {
      const p = byName.get(part.name)
      const sprite = this.sprites[i]!
      const tex = p && this.textures.get(p.image.image)
      if (!p || !tex) {
        sprite.visible = false
        return
      }
      sprite.visible = true
      sprite.texture = tex.texture
      const [a, b, c, d, e, f] = p.matrix
      // Texture units are the drawing's pixels (see loadPartTexture), the unit of the matrix.
      const m = this.matrix.set(a, b, c, d, e, f)
      // flipX mirrors the drawing about its own vertical centre before placing it.
      if (p.image.flipX) m.append(new Matrix(-1, 0, 0, 1, tex.width, 0))
      sprite.setFromMatrix(m)
    })
    this.body.setFromMatrix(Matrix.IDENTITY)
  }

  /** Squash and stretch: scale `s` along `angle` and 1/s across it, about the root's start. */
  private applyStretch(frame: number): void {
    const s = this.animation.stretch
    if (!s) return
    const scale = s[2 * frame]!
    const angle = s[2 * frame + 1]!
    if (!(scale > 0) || scale === 1) return
    const rx = this.pose.x[0]!
    const ry = this.pose.y[0]!
    const m = new Matrix()
      .translate(-rx, -ry)
      .rotate(-angle)
      .scale(scale, 1 / scale)
      .rotate(angle)
      .translate(rx, ry)
    this.body.setFromMatrix(m)
  }
}
