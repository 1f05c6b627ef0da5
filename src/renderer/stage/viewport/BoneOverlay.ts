import { Graphics } from 'pixi.js'
import type { RigAnimation } from '../../../core/rig/animation'
import { createWorldPose, frameWorldPose } from '../../../core/rig/animation'
import type { CompiledRig, WorldPose } from '../../../core/rig/compileRig'

/**
 * Lines over the rig: onion-skin ghosts of neighbouring frames, the selected bone, and the
 * geometry used to pick a bone under the pointer. Rig pixels; the caller places it with the rig.
 */
export class BoneOverlay extends Graphics {
  private readonly scratch: WorldPose

  constructor(private readonly rig: CompiledRig) {
    super()
    this.scratch = createWorldPose(rig)
  }

  draw(
    anim: RigAnimation,
    frame: number,
    options: { onion: number; selected: string | null; pixel: number },
  ): void {
    this.clear()
    const { onion, pixel } = options
    for (let d = onion; d >= 1; d--) {
      for (const sign of [-1, 1]) {
        const f = frame + sign * d * 2
        if (f < 0 || f >= anim.frameCount) continue
        this.strokePose(frameWorldPose(this.rig, anim, f, this.scratch))
        this.stroke({
          color: sign < 0 ? 0x5aa9ff : 0x7dff9a,
          width: 3 * pixel,
          alpha: 0.45 * (1 - (d - 1) / onion),
        })
      }
    }
    if (options.selected) {
      const b = this.rig.index.get(options.selected)
      if (b !== undefined) {
        const pose = frameWorldPose(this.rig, anim, frame, this.scratch)
        const [x0, y0, x1, y1] = this.segment(pose, b)
        this.moveTo(x0, y0)
          .lineTo(x1, y1)
          .stroke({ color: 0xff8a3d, width: 5 * pixel, alpha: 0.9 })
        this.circle(x0, y0, 6 * pixel).fill({ color: 0xff8a3d })
      }
    }
  }

  /** The bone nearest to (x, y) in rig pixels within `radius`, or null. */
  pick(anim: RigAnimation, frame: number, x: number, y: number, radius: number): string | null {
    const pose = frameWorldPose(this.rig, anim, frame, this.scratch)
    let best: string | null = null
    let bestDistance = radius
    for (let b = 0; b < this.rig.boneCount; b++) {
      if (this.rig.length[b]! <= 0) continue
      const [x0, y0, x1, y1] = this.segment(pose, b)
      const d = distanceToSegment(x, y, x0, y0, x1, y1)
      if (d < bestDistance) {
        bestDistance = d
        best = this.rig.names[b]!
      }
    }
    return best
  }

  /** World start point and angle of a bone at a frame: the pivot a drag rotates about. */
  bonePivot(
    anim: RigAnimation,
    frame: number,
    bone: string,
  ): { x: number; y: number; angle: number } | null {
    const b = this.rig.index.get(bone)
    if (b === undefined) return null
    const pose = frameWorldPose(this.rig, anim, frame, this.scratch)
    return { x: pose.x[b]!, y: pose.y[b]!, angle: pose.angle[b]! }
  }

  private strokePose(pose: WorldPose): void {
    for (let b = 0; b < this.rig.boneCount; b++) {
      if (this.rig.length[b]! <= 0) continue
      const [x0, y0, x1, y1] = this.segment(pose, b)
      this.moveTo(x0, y0).lineTo(x1, y1)
    }
  }

  private segment(pose: WorldPose, b: number): [number, number, number, number] {
    const x0 = pose.x[b]!
    const y0 = pose.y[b]!
    const len = this.rig.length[b]!
    return [x0, y0, x0 + Math.cos(pose.angle[b]!) * len, y0 + Math.sin(pose.angle[b]!) * len]
  }
}

function distanceToSegment(
  px: number,
  py: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): number {
  const dx = x1 - x0
  const dy = y1 - y0
  const len2 = dx * dx + dy * dy
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len2))
  return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy))
}
