import type { Body15Joint } from '../skeleton/body15'

/**
 * Coordinate frame used throughout rigs: pixels of the rig's canvas, origin top-left, x right,
 * y down. Angles in files are degrees, in memory radians; 0 points along +x and positive turns
 * clockwise on screen (from +x towards +y), as in PixiJS.
 */
export type Vec2 = [x: number, y: number]

/** One bone of the hierarchy as stored in a rig file. */
export interface RigBone {
  name: string
  /** Parent bone's name, or null for the single root. */
  parent: string | null
  /**
   * Where the bone starts: in the parent's local frame (x along the parent bone, y across it),
   * pixels; for the root, rig canvas pixels.
   */
  position: Vec2
  /** Rest rotation in degrees relative to the parent's direction (root: relative to +x). */
  rotation: number
  /** Length in pixels along the bone's local +x. */
  length: number
  /**
   * False keeps the bone's rest world rotation when its parent turns (a cartoon foot stays flat
   * while the shin swings). Pose solving honours it; exported rotations are always plain local
   * rotations, so consumers never need it. Default true.
   */
  inheritRotation?: boolean
}

/** One image a part can show: a file relative to the rig file, and how it sits on the bone. */
export interface RigImage {
  /** Path relative to the rig file's folder, forward slashes (SVG or PNG). */
  image: string
  /** The image pixel that sits on the attachment point. */
  pivot: Vec2
  /** Flip the image horizontally (a right-facing profile drawing reused for the left profile). */
  flipX?: boolean
}

/** A drawing attached to a bone. */
export interface RigPart extends RigImage {
  name: string
  bone: string
  /** Attachment point in the bone's local frame, pixels (x along the bone). */
  offset: Vec2
  /** Image rotation relative to the bone, degrees (0 = the image's +x lies along the bone). */
  rotation: number
  /** Draw order: higher is drawn later (in front). */
  z: number
  /**
   * Alternative images to swap per frame, by name. Names that match a view
   * (`three_quarter`, `profile_left`, `profile_right`) are picked by that view; others (`closed`,
   * `open`) are chosen per frame by the animation. A missing pivot keeps the default's.
   */
  alternatives?: Record<string, Partial<RigImage> & { image: string }>
}

/** Where a body15 joint sits on a bone: its start (`head`) or its end (`tail`). */
export interface RigJointAnchor {
  bone: string
  at: 'head' | 'tail'
}

/** A rig file (`toonmo.rig`, version 1) as parsed. */
export interface Rig {
  format: 'toonmo.rig'
  version: 1
  /** Short id, used on the command line (`--rig chibi`). */
  name: string
  /** Display name. */
  title: string
  description?: string
  /** The canvas the rig is drawn in, pixels. */
  size: Vec2
  /** The ground line's y in rig pixels: the feet stand on it in the rest pose. */
  ground: number
  bones: RigBone[]
  parts: RigPart[]
  /** Where each of the 15 body15 joints sits on the skeleton. */
  joints: Record<Body15Joint, RigJointAnchor>
}

/** The views a rig animation can be seen from (and that pick part alternatives). */
export const RIG_VIEWS = ['front', 'three_quarter', 'profile_left', 'profile_right'] as const
export type RigView = (typeof RIG_VIEWS)[number]
