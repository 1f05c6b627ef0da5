import type { RigAnimation } from './animation'
import { frameWorldPose } from './animation'
import type { CompiledRig, WorldPose } from './compileRig'
import type { RigImage, RigPart, RigView } from './types'

const DEG = Math.PI / 180

/**
 * The image a part shows: a per-frame choice (`closed`) wins, then the alternative named after
 * the view, then the default. (A rig reuses a right profile for the left one by listing it as
 * `profile_left` with `flipX` and the mirrored pivot.)
 */
export function partImageFor(part: RigPart, view: RigView, choice?: string | null): RigImage {
  const alts = part.alternatives ?? {}
  const pick = (name: string | null | undefined): RigImage | undefined => {
    const alt = name ? alts[name] : undefined
    return alt ? { pivot: part.pivot, ...alt } : undefined
  }
  const chosen = pick(choice) ?? pick(view)
  return chosen ?? part
}

/** Name of the alternative `partImageFor` picks, or null for the default image. */
export function partImageName(part: RigPart, view: RigView, choice?: string | null): string | null {
  const alts = part.alternatives ?? {}
  if (choice && alts[choice]) return choice
  if (alts[view]) return view
  return null
}

/** A part placed in the rig's canvas: which image, and the affine map from image to rig pixels. */
export interface PlacedPart {
  part: RigPart
  image: RigImage
  /**
   * [a, b, c, d, e, f] as in canvas/SVG `matrix(a b c d e f)`: a rig point is
   * (a*u + c*v + e, b*u + d*v + f) for image pixel (u, v), before any flip.
   */
  matrix: [number, number, number, number, number, number]
}

/**
 * Where every part sits for one world pose, back to front (by z, then file order). Renderers apply
 * `matrix` to the image; `image.flipX` means mirror the image about its own vertical centre first
 * (its pivot is already given in the flipped image's pixels).
 */
export function placeParts(
  c: CompiledRig,
  pose: WorldPose,
  view: RigView,
  choices?: Record<string, string | null>,
): PlacedPart[] {
  const placed = c.rig.parts.map((part, order) => {
    const b = c.index.get(part.bone) as number
    const angle = pose.angle[b]!
    const cos = Math.cos(angle)
    const sin = Math.sin(angle)
    const ax = pose.x[b]! + cos * part.offset[0] - sin * part.offset[1]
    const ay = pose.y[b]! + sin * part.offset[0] + cos * part.offset[1]
    const image = partImageFor(part, view, choices?.[part.name])
    const r = angle + part.rotation * DEG
    const a = Math.cos(r)
    const bb = Math.sin(r)
    const [px, py] = image.pivot
    const matrix: PlacedPart['matrix'] = [
      a,
      bb,
      -bb,
      a,
      ax - (a * px - bb * py),
      ay - (bb * px + a * py),
    ]
    return { part, image, matrix, order }
  })
  placed.sort((p, q) => p.part.z - q.part.z || p.order - q.order)
  return placed.map(({ part, image, matrix }) => ({ part, image, matrix }))
}

type Matrix = PlacedPart['matrix']

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ]
}

/**
 * The squash-and-stretch of one frame as an affine map of rig pixels about the root: scale `s`
 * along the angle, 1/s across it. Identity when the animation has none.
 */
export function squashMatrix(anim: RigAnimation, frame: number): Matrix {
  const s = anim.stretch?.[2 * frame] ?? 1
  if (s === 1) return [1, 0, 0, 1, 0, 0]
  const angle = anim.stretch![2 * frame + 1]!
  const cos = Math.cos(angle)
  const sin = Math.sin(angle)
  const across = 1 / s
  // R(angle) · diag(s, 1/s) · R(-angle)
  const a = s * cos * cos + across * sin * sin
  const b = (s - across) * cos * sin
  const d = s * sin * sin + across * cos * cos
  const rx = anim.root[2 * frame]!
  const ry = anim.root[2 * frame + 1]!
  return [a, b, b, d, rx - (a * rx + b * ry), ry - (b * rx + d * ry)]
}

/**
 * Everything a renderer needs for one frame of an animation: parts back to front with their
 * images (view and per-frame swaps applied) and matrices (squash and stretch included). `pose`
 * is scratch space from `createWorldPose`, reused between frames to avoid allocation.
 */
export function placeFrame(
  c: CompiledRig,
  anim: RigAnimation,
  frame: number,
  pose: WorldPose,
): PlacedPart[] {
  frameWorldPose(c, anim, frame, pose)
  const choices: Record<string, string | null> = {}
  for (const [part, images] of Object.entries(anim.partImages))
    choices[part] = images[frame] ?? null
  const placed = placeParts(c, pose, anim.view, choices)
  const squash = squashMatrix(anim, frame)
  if (squash[0] === 1 && squash[3] === 1 && squash[1] === 0) return placed
  return placed.map((p) => ({ ...p, matrix: multiply(squash, p.matrix) }))
}
