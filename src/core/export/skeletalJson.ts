import type { RigAnimation } from '../rig/animation'
import type { CompiledRig } from '../rig/compileRig'
import { parseRig } from '../rig/parseRig'
import type { Rig, RigPart, RigView } from '../rig/types'
import { RIG_VIEWS } from '../rig/types'

/**
 * Toonmo's skeletal animation file (`toonmo.skeletal`, version 1), the "BVH-like JSON": a bone
 * hierarchy with rest offsets, a channel list per bone, and one row of channel values per frame,
 * plus the rig's drawings. Pixels with y down, degrees clockwise on screen. Documented in
 * docs/skeletal-json.md; schemas/skeletal-animation.schema.json checks it.
 */
export interface SkeletalFile {
  format: 'toonmo.skeletal'
  version: 1
  rig: string
  title: string
  units: { length: 'px'; angle: 'deg'; yAxis: 'down' }
  /** The rig's canvas and ground line, pixels. */
  size: [number, number]
  ground: number
  fps: number
  frameCount: number
  view: RigView
  skeleton: SkeletalBone[]
  /** One row per frame: the channel values of every bone, in skeleton order. */
  frames: number[][]
  /** Per frame [scale, angle in degrees] of squash and stretch about the root, if any. */
  squashStretch?: [number, number][]
  /** Folder (relative to this file, or absolute) that the parts' image paths are relative to. */
  imageBase?: string
  parts: RigPart[]
  /** Per part that swaps drawings: the alternative shown in each frame (null = default). */
  partImages?: Record<string, (string | null)[]>
  /** Foot contacts found while solving: 1 where the foot is planted. */
  contacts?: { right: number[]; left: number[] }
  /** Where the body15 joints sit on the bones (as in the rig file). */
  joints: Rig['joints']
}

export type SkeletalChannel = 'Xposition' | 'Yposition' | 'Zrotation'

export interface SkeletalBone {
  name: string
  parent: string | null
  /** Start point in the parent's frame (the root's: rig canvas pixels at rest). */
  offset: [number, number]
  /** Rotation relative to the parent in the rest pose, degrees. */
  restRotation: number
  length: number
  channels: SkeletalChannel[]
  /** Present (false) for bones that keep their world rotation when solving (see the rig format). */
  inheritRotation?: false
}

/** Thrown for a skeletal JSON file that cannot be read back. */
export class SkeletalFormatError extends Error {
  override name = 'SkeletalFormatError'
}

const DEG = 180 / Math.PI

/** A deep copy of plain JSON data (core's ES2023 lib has no structuredClone). */
function copyJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}
const round = (v: number, digits = 4) => {
  const k = 10 ** digits
  return Math.round(v * k) / k
}

/**
 * The skeletal file of an animation on a rig. Rotations are each bone's full local rotation
 * (rest included), rounded to 1e-4 degrees; root positions to 1e-4 pixels.
 */
export function toSkeletalFile(
  c: CompiledRig,
  anim: RigAnimation,
  imageBase?: string,
): SkeletalFile {
  const n = c.boneCount
  const skeleton: SkeletalBone[] = c.names.map((name, i) => ({
    name,
    parent: i === 0 ? null : (c.names[c.parent[i]!] as string),
    offset: [round(c.restX[i]!), round(c.restY[i]!)],
    restRotation: round(c.restRotation[i]! * DEG),
    length: round(c.length[i]!),
    channels: i === 0 ? ['Xposition', 'Yposition', 'Zrotation'] : ['Zrotation'],
    ...(c.inheritRotation[i] ? {} : { inheritRotation: false as const }),
  }))
  const frames: number[][] = []
  for (let f = 0; f < anim.frameCount; f++) {
    const row = [round(anim.root[2 * f]!), round(anim.root[2 * f + 1]!)]
    for (let b = 0; b < n; b++) row.push(round(anim.rotations[f * n + b]! * DEG))
    frames.push(row)
  }
  const file: SkeletalFile = {
    format: 'toonmo.skeletal',
    version: 1,
    rig: c.rig.name,
    title: c.rig.title,
    units: { length: 'px', angle: 'deg', yAxis: 'down' },
    size: [...c.rig.size],
    ground: c.rig.ground,
    fps: anim.fps,
    frameCount: anim.frameCount,
    view: anim.view,
    skeleton,
    frames,
    parts: copyJson(c.rig.parts),
    joints: copyJson(c.rig.joints),
  }
  if (anim.stretch) {
    const s = anim.stretch
    file.squashStretch = Array.from({ length: anim.frameCount }, (_, f) => [
      round(s[2 * f]!, 6),
      round(s[2 * f + 1]! * DEG),
    ])
  }
  if (imageBase !== undefined) file.imageBase = imageBase
  if (Object.keys(anim.partImages).length > 0) file.partImages = copyJson(anim.partImages)
  if (anim.contacts) {
    file.contacts = { right: Array.from(anim.contacts.right), left: Array.from(anim.contacts.left) }
  }
  return file
}

/** The skeletal file as text: two-space JSON with one frame row per line. */
export function serializeSkeletal(file: SkeletalFile): string {
  const { frames, ...rest } = file
  const head = JSON.stringify(rest, null, 2)
  const rows = frames.map((r) => `    ${JSON.stringify(r)}`).join(',\n')
  return `${head.slice(0, -2)},\n  "frames": [\n${rows}\n  ]\n}\n`
}

/**
 * Reads a skeletal file back into the rig it carries and the animation (the inverse of
 * {@link toSkeletalFile}, up to its rounding). Checks what the import needs; the JSON Schema
 * describes the whole file.
 */
export function fromSkeletalFile(value: unknown): { rig: Rig; animation: RigAnimation } {
  const v = value as Partial<SkeletalFile> | null
  if (!v || typeof v !== 'object' || v.format !== 'toonmo.skeletal') {
    throw new SkeletalFormatError('not a skeletal animation: "format" must be "toonmo.skeletal"')
  }
  if (v.version !== 1) {
    throw new SkeletalFormatError(
      `skeletal version ${String(v.version)} is not one this Toonmo reads (1)`,
    )
  }
  const skeleton = v.skeleton ?? []
  const frames = v.frames ?? []
  if (!Array.isArray(skeleton) || skeleton.length === 0)
    throw new SkeletalFormatError('"skeleton" is empty')
  const rig = parseRig({
    format: 'toonmo.rig',
    version: 1,
    name: v.rig,
    title: v.title,
    size: v.size,
    ground: v.ground,
    bones: skeleton.map((b) => ({
      name: b.name,
      parent: b.parent,
      position: b.offset,
      rotation: b.restRotation,
      length: b.length,
      ...(b.inheritRotation === false ? { inheritRotation: false } : {}),
    })),
    parts: v.parts ?? [],
    joints: v.joints,
  })
  const width = skeleton.reduce((s, b) => s + b.channels.length, 0)
  if (
    !skeleton[0]!.channels.includes('Xposition') ||
    skeleton.slice(1).some((b) => b.channels.join() !== 'Zrotation')
  ) {
    throw new SkeletalFormatError(
      'expected root channels Xposition Yposition Zrotation and Zrotation on every other bone',
    )
  }
  if (v.frameCount !== frames.length) {
    throw new SkeletalFormatError(
      `"frameCount" is ${String(v.frameCount)} but there are ${frames.length} frames`,
    )
  }
  const n = skeleton.length
  const root = new Float64Array(frames.length * 2)
  const rotations = new Float64Array(frames.length * n)
  frames.forEach((row, f) => {
    if (!Array.isArray(row) || row.length !== width) {
      throw new SkeletalFormatError(`frames[${f}] must hold ${width} numbers, one per channel`)
    }
    root[2 * f] = row[0]!
    root[2 * f + 1] = row[1]!
    for (let b = 0; b < n; b++) rotations[f * n + b] = row[2 + b]! / DEG
  })
  const view = v.view && (RIG_VIEWS as readonly string[]).includes(v.view) ? v.view : 'front'
  let stretch: Float64Array | null = null
  if (v.squashStretch) {
    stretch = new Float64Array(frames.length * 2)
    v.squashStretch.forEach(([s, a], f) => {
      stretch![2 * f] = s
      stretch![2 * f + 1] = a / DEG
    })
  }
  const animation: RigAnimation = {
    rig: rig.name,
    fps: v.fps ?? 30,
    frameCount: frames.length,
    bones: skeleton.map((b) => b.name),
    root,
    rotations,
    stretch,
    view,
    partImages: v.partImages ?? {},
    contacts: v.contacts
      ? { right: Uint8Array.from(v.contacts.right), left: Uint8Array.from(v.contacts.left) }
      : null,
  }
  return { rig, animation }
}
