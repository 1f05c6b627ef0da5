import type { CompiledRig, WorldPose } from './compileRig'
import { forwardKinematics } from './compileRig'
import type { RigView } from './types'

/**
 * A solved rig animation: what the viewport plays and the exporters write. Per-frame data sits in
 * flat typed arrays (frame-major) so 2,000-frame clips stay cheap to copy, filter and draw.
 */
export interface RigAnimation {
  /** The rig's `name`. */
  rig: string
  fps: number
  frameCount: number
  /** Bone names in the compiled rig's order; `rotations` uses it. */
  bones: string[]
  /** Root bone start point per frame, rig pixels (y down): [x0, y0, x1, y1, ...]. */
  root: Float64Array
  /**
   * Local rotation of every bone per frame, radians, relative to its parent's world angle (the
   * root's is its world angle): `rotations[frame * bones.length + bone]`. Unwrapped over time
   * (no jumps of 2π), so filters can work on it directly.
   */
  rotations: Float64Array
  /**
   * Squash and stretch per frame, or null: [scale0, angle0, scale1, angle1, ...]. The whole
   * character is scaled by `scale` along the direction `angle` (radians) and by 1/scale across
   * it, about the root (area kept).
   */
  stretch: Float64Array | null
  /** The view the motion was retargeted for; it picks part drawings (profile heads...). */
  view: RigView
  /**
   * Per-frame image choices for parts that swap (open/closed hands): part name -> one
   * alternative name (or null for the view's default) per frame.
   */
  partImages: Record<string, (string | null)[]>
  /**
   * Foot contacts found by the solver, 1 where the foot is planted: right then left. Ankle
   * targets are kept so later controls can re-plant the feet.
   */
  contacts: { right: Uint8Array; left: Uint8Array } | null
}

/** An empty animation of `frameCount` frames holding the rig's rest pose. */
export function restAnimation(c: CompiledRig, fps: number, frameCount: number): RigAnimation {
  const n = c.boneCount
  const rotations = new Float64Array(frameCount * n)
  const root = new Float64Array(frameCount * 2)
  for (let f = 0; f < frameCount; f++) {
    rotations.set(c.restRotation, f * n)
    root[2 * f] = c.restX[0]!
    root[2 * f + 1] = c.restY[0]!
  }
  return {
    rig: c.rig.name,
    fps,
    frameCount,
    bones: [...c.names],
    root,
    rotations,
    stretch: null,
    view: 'front',
    partImages: {},
    contacts: null,
  }
}

/** A WorldPose with room for the rig's bones. */
export function createWorldPose(c: CompiledRig): WorldPose {
  const n = c.boneCount
  return { x: new Float64Array(n), y: new Float64Array(n), angle: new Float64Array(n) }
}

/**
 * The world pose of one frame (rig pixels, radians), written into `out`. Squash and stretch is
 * not applied here: it is a whole-character scale the renderer applies about the root.
 */
export function frameWorldPose(
  c: CompiledRig,
  anim: RigAnimation,
  frame: number,
  out: WorldPose,
): WorldPose {
  forwardKinematics(
    c,
    anim.root[2 * frame]!,
    anim.root[2 * frame + 1]!,
    anim.rotations,
    out,
    frame * c.boneCount,
  )
  return out
}

/** A deep copy, so controls can return new animations without touching their input. */
export function cloneAnimation(anim: RigAnimation): RigAnimation {
  return {
    ...anim,
    bones: [...anim.bones],
    root: anim.root.slice(),
    rotations: anim.rotations.slice(),
    stretch: anim.stretch ? anim.stretch.slice() : null,
    partImages: Object.fromEntries(Object.entries(anim.partImages).map(([k, v]) => [k, [...v]])),
    contacts: anim.contacts
      ? { right: anim.contacts.right.slice(), left: anim.contacts.left.slice() }
      : null,
  }
}

/** Wraps an angle to (-π, π]. */
export function wrapAngle(a: number): number {
  const t = a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI))
  return t <= -Math.PI ? t + 2 * Math.PI : t
}

/** Makes each bone's rotation continuous over time by removing 2π jumps between frames. */
export function unwrapRotations(rotations: Float64Array, boneCount: number): void {
  const frames = rotations.length / boneCount
  for (let f = 1; f < frames; f++) {
    for (let b = 0; b < boneCount; b++) {
      const i = f * boneCount + b
      const prev = rotations[i - boneCount]!
      rotations[i] = prev + wrapAngle(rotations[i]! - prev)
    }
  }
}
