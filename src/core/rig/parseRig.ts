import { BODY15_JOINTS, isBody15Joint } from '../skeleton/body15'
import type { Body15Joint } from '../skeleton/body15'
import type { Rig, RigBone, RigImage, RigJointAnchor, RigPart, Vec2 } from './types'

/** Thrown for a rig file that is not valid; the message names the fault and what to do. */
export class RigFormatError extends Error {
  override name = 'RigFormatError'
}

export const RIG_FORMAT = 'toonmo.rig'
export const RIG_VERSION = 1

type Json = Record<string, unknown>

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function fail(message: string): never {
  throw new RigFormatError(message)
}

function str(v: unknown, field: string): string {
  if (typeof v !== 'string' || v.length === 0) fail(`${field} must be a non-empty string`)
  return v
}

function num(v: unknown, field: string, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    fail(`${field} must be a finite number, got ${JSON.stringify(v) ?? 'nothing'}`)
  }
  return v
}

function vec2(v: unknown, field: string, fallback?: Vec2): Vec2 {
  if (v === undefined && fallback) return [...fallback]
  if (
    !Array.isArray(v) ||
    v.length !== 2 ||
    !v.every((n) => typeof n === 'number' && Number.isFinite(n))
  ) {
    fail(`${field} must be [x, y] in pixels, got ${JSON.stringify(v) ?? 'nothing'}`)
  }
  return [v[0] as number, v[1] as number]
}

function parseBone(v: unknown, i: number): RigBone {
  if (!isRecord(v)) fail(`bones[${i}] must be an object`)
  const name = str(v.name, `bones[${i}].name`)
  const where = `bone "${name}"`
  if (v.parent !== null && typeof v.parent !== 'string') {
    fail(`${where}: "parent" must be a bone name or null (the root)`)
  }
  const length = num(v.length, `${where}: "length"`)
  if (length < 0) fail(`${where}: "length" must not be negative`)
  const bone: RigBone = {
    name,
    parent: v.parent,
    position: vec2(v.position, `${where}: "position"`),
    rotation: num(v.rotation, `${where}: "rotation"`, 0),
    length,
  }
  if (v.inheritRotation !== undefined) {
    if (typeof v.inheritRotation !== 'boolean')
      fail(`${where}: "inheritRotation" must be true or false`)
    bone.inheritRotation = v.inheritRotation
  }
  return bone
}

function parseImage(v: Json, where: string, fallbackPivot?: Vec2): RigImage {
  const image: RigImage = {
    image: str(v.image, `${where}: "image"`),
    pivot: vec2(v.pivot, `${where}: "pivot"`, fallbackPivot),
  }
  if (
    image.image.includes('\\') ||
    image.image.startsWith('/') ||
    image.image.split('/').includes('..')
  ) {
    fail(
      `${where}: "image" must be a relative path inside the rig's folder with forward slashes, got "${image.image}"`,
    )
  }
  if (v.flipX !== undefined) {
    if (typeof v.flipX !== 'boolean') fail(`${where}: "flipX" must be true or false`)
    image.flipX = v.flipX
  }
  return image
}

function parsePart(v: unknown, i: number, boneNames: Set<string>): RigPart {
  if (!isRecord(v)) fail(`parts[${i}] must be an object`)
  const name = str(v.name, `parts[${i}].name`)
  const where = `part "${name}"`
  const bone = str(v.bone, `${where}: "bone"`)
  if (!boneNames.has(bone))
    fail(`${where} is attached to bone "${bone}", which the rig does not have`)
  const part: RigPart = {
    name,
    bone,
    ...parseImage(v, where),
    offset: vec2(v.offset, `${where}: "offset"`, [0, 0]),
    rotation: num(v.rotation, `${where}: "rotation"`, 0),
    z: num(v.z, `${where}: "z"`, 0),
  }
  if (v.alternatives !== undefined) {
    if (!isRecord(v.alternatives))
      fail(`${where}: "alternatives" must be an object of name -> image`)
    part.alternatives = {}
    for (const [alt, value] of Object.entries(v.alternatives)) {
      if (!isRecord(value)) fail(`${where}: alternative "${alt}" must be an object with "image"`)
      part.alternatives[alt] = parseImage(value, `${where}, alternative "${alt}"`, part.pivot)
    }
  }
  return part
}

function parseJoints(v: unknown, boneNames: Set<string>): Record<Body15Joint, RigJointAnchor> {
  if (!isRecord(v)) fail(`"joints" must map each body15 joint to {"bone", "at": "head"|"tail"}`)
  for (const key of Object.keys(v)) {
    if (!isBody15Joint(key)) {
      fail(
        `unknown joint "${key}" in "joints": the mapping uses the body15 names (${BODY15_JOINTS.join(', ')})`,
      )
    }
  }
  const out = {} as Record<Body15Joint, RigJointAnchor>
  for (const joint of BODY15_JOINTS) {
    const anchor = v[joint]
    if (anchor === undefined)
      fail(`joint "${joint}" is not mapped to a bone: every body15 joint needs one`)
    if (!isRecord(anchor)) fail(`joint "${joint}" must be {"bone": NAME, "at": "head"|"tail"}`)
    const bone = str(anchor.bone, `joint "${joint}": "bone"`)
    if (!boneNames.has(bone))
      fail(`joint "${joint}" is mapped to bone "${bone}", which the rig does not have`)
    if (anchor.at !== 'head' && anchor.at !== 'tail') {
      fail(`joint "${joint}": "at" must be "head" or "tail", got ${JSON.stringify(anchor.at)}`)
    }
    out[joint] = { bone, at: anchor.at }
  }
  return out
}

/** Finds the root and refuses unknown parents and cycles, naming the bones involved. */
function checkHierarchy(bones: RigBone[]): void {
  const byName = new Map(bones.map((b) => [b.name, b]))
  const roots = bones.filter((b) => b.parent === null)
  if (roots.length !== 1) {
    fail(
      roots.length === 0
        ? 'the rig has no root bone: exactly one bone must have "parent": null'
        : `the rig has ${roots.length} root bones (${roots.map((b) => b.name).join(', ')}): exactly one bone may have "parent": null`,
    )
  }
  for (const bone of bones) {
    if (bone.parent !== null && !byName.has(bone.parent)) {
      fail(`bone "${bone.name}" has parent "${bone.parent}", which is not a bone of this rig`)
    }
  }
  for (const bone of bones) {
    const chain = [bone.name]
    let parent = bone.parent
    while (parent !== null) {
      if (parent === bone.name) {
        fail(
          `the bone hierarchy has a cycle: ${[...chain, parent].join(' -> ')}; one of these bones needs another parent`,
        )
      }
      chain.push(parent)
      if (chain.length > bones.length + 1) break
      parent = byName.get(parent)?.parent ?? null
    }
  }
}

/**
 * Checks a parsed JSON value against the `toonmo.rig` version 1 format and returns the rig.
 * Image files are not touched here (core does no I/O): the rig service checks them with `rigImagePaths`.
 * Structural rules that pose solving relies on are checked by `compileRig`.
 */
export function parseRig(value: unknown): Rig {
  if (!isRecord(value)) fail('a rig file holds a JSON object')
  if (value.format !== RIG_FORMAT) {
    fail(
      `not a rig: "format" must be "${RIG_FORMAT}", got ${JSON.stringify(value.format) ?? 'nothing'}`,
    )
  }
  if (value.version !== RIG_VERSION) {
    if (typeof value.version === 'number' && value.version > RIG_VERSION) {
      fail(
        `rig version ${value.version} is newer than this Toonmo reads (${RIG_VERSION}): update Toonmo`,
      )
    }
    fail(`"version" must be ${RIG_VERSION}, got ${JSON.stringify(value.version) ?? 'nothing'}`)
  }
  if (!Array.isArray(value.bones) || value.bones.length === 0)
    fail('"bones" must be a non-empty array')
  const bones = value.bones.map(parseBone)
  const boneNames = new Set<string>()
  for (const b of bones) {
    if (boneNames.has(b.name)) fail(`two bones are named "${b.name}": bone names must be unique`)
    boneNames.add(b.name)
  }
  checkHierarchy(bones)
  if (!Array.isArray(value.parts)) fail('"parts" must be an array (it may be empty)')
  const parts = value.parts.map((p, i) => parsePart(p, i, boneNames))
  const partNames = new Set<string>()
  for (const p of parts) {
    if (partNames.has(p.name)) fail(`two parts are named "${p.name}": part names must be unique`)
    partNames.add(p.name)
  }
  const size = vec2(value.size, '"size"')
  if (size[0] <= 0 || size[1] <= 0) fail('"size" must be a positive [width, height]')
  const rig: Rig = {
    format: RIG_FORMAT,
    version: RIG_VERSION,
    name: str(value.name, '"name"'),
    title: typeof value.title === 'string' ? value.title : str(value.name, '"name"'),
    size,
    ground: num(value.ground, '"ground"'),
    bones,
    parts,
    joints: parseJoints(value.joints, boneNames),
  }
  if (typeof value.description === 'string') rig.description = value.description
  return rig
}

/** Every image path the rig refers to (defaults and alternatives), each once. */
export function rigImagePaths(rig: Rig): string[] {
  const paths = new Set<string>()
  for (const part of rig.parts) {
    paths.add(part.image)
    for (const alt of Object.values(part.alternatives ?? {})) paths.add(alt.image)
  }
  return [...paths]
}

/** The rig as a JSON value for its file (the inverse of {@link parseRig}). */
export function rigToJson(rig: Rig): Json {
  return JSON.parse(JSON.stringify(rig)) as Json
}
