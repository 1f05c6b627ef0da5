import { BODY15_JOINTS } from '../skeleton/body15'
import type { Body15Joint } from '../skeleton/body15'
import type { BoneRestWorld } from './editRig'
import { fromWorld } from './editRig'
import { RigFormatError } from './parseRig'
import type { Rig, RigBone, RigPart, Vec2 } from './types'

/**
 * One layer of a layered drawing (an SVG group or a PSD layer), measured by whoever read the file:
 * its name, the image it was exported to, and its box on the canvas in pixels (x, y, width,
 * height; the image's pixel (0, 0) is the box's top-left corner).
 */
export interface DrawingLayer {
  name: string
  image: string
  box: [x: number, y: number, width: number, height: number]
}

type Side = 'r' | 'l'
const LIMB_PARTS = ['upper_arm', 'forearm', 'hand', 'thigh', 'shin', 'foot'] as const

const ALIASES: Record<string, string> = {
  body: 'torso',
  chest: 'torso',
  trunk: 'torso',
  upperarm: 'upper_arm',
  arm_upper: 'upper_arm',
  lowerarm: 'forearm',
  lower_arm: 'forearm',
  arm_lower: 'forearm',
  upperleg: 'thigh',
  upper_leg: 'thigh',
  leg_upper: 'thigh',
  lowerleg: 'shin',
  lower_leg: 'shin',
  leg_lower: 'shin',
  calf: 'shin',
  shoe: 'foot',
}

/**
 * The canonical part a layer name stands for (`Upper Arm.R` -> `upper_arm_r`, `Left Shin` ->
 * `shin_l`, `Body` -> `torso`), or undefined for a layer that is not a body part.
 */
export function canonicalLayerName(name: string): string | undefined {
  let n = name
    .trim()
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s.-]+/g, '_')
  let side: Side | undefined
  const sideMatch = /^(right|left)_(.+)$/.exec(n) ?? /^(.+)_(right|left|r|l)$/.exec(n)
  if (sideMatch) {
    const [a, b] = [sideMatch[1]!, sideMatch[2]!]
    const word = ['right', 'left', 'r', 'l'].includes(a) ? a : b
    n = word === a ? b : a
    side = word.startsWith('r') ? 'r' : 'l'
  }
  n = ALIASES[n] ?? n
  if (n === 'head' || n === 'torso') return side ? undefined : n
  if ((LIMB_PARTS as readonly string[]).includes(n) && side) return `${n}_${side}`
  return undefined
}

interface Capsule {
  /** The two ends of the box's long axis, inset by half its thickness (rounded caps). */
  a: Vec2
  b: Vec2
}

function capsule(box: DrawingLayer['box']): Capsule {
  const [x, y, w, h] = box
  if (h >= w) {
    const inset = Math.min(w / 2, h / 4)
    return { a: [x + w / 2, y + inset], b: [x + w / 2, y + h - inset] }
  }
  const inset = Math.min(h / 2, w / 4)
  return { a: [x + inset, y + h / 2], b: [x + w - inset, y + h / 2] }
}

const mid = (p: Vec2, q: Vec2): Vec2 => [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2]
const dist = (p: Vec2, q: Vec2) => Math.hypot(p[0] - q[0], p[1] - q[1])

/** The capsule's ends ordered from the one nearer `toward` (proximal) to the other. */
function ends(c: Capsule, toward: Vec2): [Vec2, Vec2] {
  return dist(c.a, toward) <= dist(c.b, toward) ? [c.a, c.b] : [c.b, c.a]
}

/**
 * Builds a rig from a layered front-view drawing with one named layer per part (`head`, `torso`,
 * and per side `upper_arm`, `forearm`, `hand`, `thigh`, `shin`, `foot`, with `_r`/`_l`,
 * `.R`/`.L` or `right`/`left`; common aliases accepted), placing the bones automatically from the
 * layers' boxes: limbs run along each box's long axis from the end nearer the body, joints sit
 * between neighbouring layers, the ground under the feet. The result is a complete, valid rig to
 * adjust in rig setup mode. "r" is the character's right (screen-left in a front view).
 */
export function rigFromLayers(name: string, size: Vec2, layers: DrawingLayer[]): Rig {
  const byPart = new Map<string, DrawingLayer>()
  for (const layer of layers) {
    const part = canonicalLayerName(layer.name)
    if (part && !byPart.has(part)) byPart.set(part, layer)
  }
  const needed = ['head', 'torso', ...LIMB_PARTS.flatMap((p) => [`${p}_r`, `${p}_l`])]
  const missing = needed.filter((p) => !byPart.has(p))
  if (missing.length > 0) {
    throw new RigFormatError(
      `the drawing has no layer for ${missing.join(', ')}: name one layer per part (head, torso, and upper_arm, forearm, hand, thigh, shin, foot with _r or _l; r is the character's right). Layers found: ${layers.map((l) => l.name).join(', ') || 'none'}`,
    )
  }
  const box = (part: string) => byPart.get(part)!.box
  const [tx, ty, tw, th] = box('torso')
  const neck: Vec2 = [tx + tw / 2, ty + th * 0.04]
  const thighTops = (['r', 'l'] as const).map((s) => capsule(box(`thigh_${s}`)).a[1])
  const midHip: Vec2 = [tx + tw / 2, Math.min(ty + th * 0.95, Math.max(...thighTops))]
  const [hx, hy, hw, hh] = box('head')
  const nose: Vec2 = [hx + hw / 2, hy + hh * 0.55]

  const world = new Map<string, BoneRestWorld>()
  const bones: RigBone[] = []
  const add = (
    bone: string,
    parent: string | null,
    head: Vec2,
    tail: Vec2,
    inheritRotation = true,
  ) => {
    world.set(bone, { head, tail, angle: Math.atan2(tail[1] - head[1], tail[0] - head[0]) })
    const b: RigBone = { name: bone, parent, position: [0, 0], rotation: 0, length: 0 }
    if (!inheritRotation) b.inheritRotation = false
    bones.push(b)
  }
  add('torso', null, midHip, neck)
  add('head', 'torso', neck, nose)
  let ground = 0
  for (const s of ['r', 'l'] as const) {
    const ua = capsule(box(`upper_arm_${s}`))
    const fa = capsule(box(`forearm_${s}`))
    const [shoulder, uaEnd] = ends(ua, neck)
    const [faStart, wrist] = ends(fa, uaEnd)
    const elbow = mid(uaEnd, faStart)
    const [handX, handY, handW, handH] = box(`hand_${s}`)
    const handCentre: Vec2 = [handX + handW / 2, handY + handH / 2]
    add(`clavicle_${s}`, 'torso', neck, shoulder)
    add(`upper_arm_${s}`, `clavicle_${s}`, shoulder, elbow)
    add(`forearm_${s}`, `upper_arm_${s}`, elbow, wrist)
    add(`hand_${s}`, `forearm_${s}`, wrist, [
      2 * handCentre[0] - wrist[0],
      2 * handCentre[1] - wrist[1],
    ])
    const th_ = capsule(box(`thigh_${s}`))
    const sh = capsule(box(`shin_${s}`))
    const [hip, thEnd] = ends(th_, midHip)
    const [shStart, ankle] = ends(sh, thEnd)
    const knee = mid(thEnd, shStart)
    const [, fy, , fh] = box(`foot_${s}`)
    ground = Math.max(ground, fy + fh)
    add(`pelvis_${s}`, 'torso', midHip, hip)
    add(`thigh_${s}`, `pelvis_${s}`, hip, knee)
    add(`shin_${s}`, `thigh_${s}`, knee, ankle)
    add(`foot_${s}`, `shin_${s}`, ankle, [ankle[0], Math.max(ankle[1] + 1, fy + fh)], false)
  }

  const joints = {} as Rig['joints']
  const at = (joint: Body15Joint, bone: string, where: 'head' | 'tail' = 'tail') =>
    (joints[joint] = { bone, at: where })
  at('mid_hip', 'torso', 'head')
  at('neck', 'torso')
  at('nose', 'head')
  for (const [side, s] of [
    ['right', 'r'],
    ['left', 'l'],
  ] as const) {
    at(`${side}_shoulder`, `clavicle_${s}`)
    at(`${side}_elbow`, `upper_arm_${s}`)
    at(`${side}_wrist`, `forearm_${s}`)
    at(`${side}_hip`, `pelvis_${s}`)
    at(`${side}_knee`, `thigh_${s}`)
    at(`${side}_ankle`, `shin_${s}`)
  }
  if (Object.keys(joints).length !== BODY15_JOINTS.length)
    throw new RigFormatError('internal: joint map incomplete')

  const skeleton = fromWorld(
    { format: 'toonmo.rig', version: 1, name, title: name, size, ground, bones, parts: [], joints },
    world,
  )
  const rest = new Map(skeleton.bones.map((b) => [b.name, b]))
  const parts: RigPart[] = layers.flatMap((layer, order): RigPart[] => {
    const part = canonicalLayerName(layer.name)
    if (!part || byPart.get(part) !== layer) return []
    const w = world.get(part)!
    const angle = (Math.atan2(w.tail[1] - w.head[1], w.tail[0] - w.head[0]) * 180) / Math.PI
    const round = (v: number) => Math.round(v * 1000) / 1000
    if (!rest.has(part)) return []
    return [
      {
        name: part,
        bone: part,
        image: layer.image,
        pivot: [round(w.head[0] - layer.box[0]), round(w.head[1] - layer.box[1])],
        offset: [0, 0],
        rotation: round(-angle),
        z: order,
      },
    ]
  })
  return { ...skeleton, parts }
}
