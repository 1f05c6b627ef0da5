import { BODY15_BONES, mirrorBody15Joint } from '../../skeleton/body15'
import type { RigAnimation } from '../animation'
import { cloneAnimation } from '../animation'
import type { CompiledRig } from '../compileRig'
import type { RigView } from '../types'

const MIRRORED_VIEW: Record<RigView, RigView> = {
  front: 'front',
  three_quarter: 'three_quarter',
  profile_left: 'profile_right',
  profile_right: 'profile_left',
}

/**
 * For each bone, its counterpart on the other side: bones driven by body15 segments pair through
 * the joint names (right_knee <-> left_knee); other bones by name (`_r`/`_l`, `.R`/`.L`,
 * `right`/`left`); a bone with no counterpart mirrors onto itself.
 */
export function mirrorCounterparts(c: CompiledRig): Int32Array {
  const out = Int32Array.from({ length: c.boneCount }, (_, i) => i)
  BODY15_BONES.forEach(([from, to], s) => {
    const t = BODY15_BONES.findIndex(
      ([p, q]) => p === mirrorBody15Joint(from) && q === mirrorBody15Joint(to),
    )
    out[c.segmentBone[s]!] = c.segmentBone[t]!
  })
  const swaps: [RegExp, string][] = [
    [/_r$/, '_l'],
    [/_l$/, '_r'],
    [/\.R$/, '.L'],
    [/\.L$/, '.R'],
    [/right/, 'left'],
    [/left/, 'right'],
    [/Right/, 'Left'],
    [/Left/, 'Right'],
  ]
  const segmentBones = new Set(c.segmentBone)
  c.names.forEach((name, i) => {
    if (segmentBones.has(i)) return
    for (const [pattern, replacement] of swaps) {
      if (!pattern.test(name)) continue
      const other = c.index.get(name.replace(pattern, replacement))
      if (other !== undefined) out[i] = other
      break
    }
  })
  return out
}

/**
 * Mirrors the performance left to right: the pose is reflected about the vertical line through
 * the first frame's root (`axisX`, rig pixels, to choose another), and each bone takes its
 * counterpart's reflected world angle, so the right arm does what the left arm did. Drawings
 * are not flipped (the character keeps its design); profile views swap sides.
 */
export function mirrorAnimation(
  c: CompiledRig,
  anim: RigAnimation,
  axisX = anim.root[0] ?? 0,
): RigAnimation {
  const out = cloneAnimation(anim)
  const n = c.boneCount
  const pair = mirrorCounterparts(c)
  const world = new Float64Array(n)
  const mirrored = new Float64Array(n)
  for (let f = 0; f < anim.frameCount; f++) {
    const o = f * n
    for (let i = 0; i < n; i++) {
      world[i] = anim.rotations[o + i]! + (i === 0 ? 0 : world[c.parent[i]!]!)
    }
    for (let i = 0; i < n; i++) mirrored[pair[i]!] = Math.PI - world[i]!
    out.rotations[o] = mirrored[0]!
    for (let i = 1; i < n; i++) out.rotations[o + i] = mirrored[i]! - mirrored[c.parent[i]!]!
    out.root[2 * f] = 2 * axisX - anim.root[2 * f]!
    if (out.stretch) out.stretch[2 * f + 1] = Math.PI - out.stretch[2 * f + 1]!
  }
  const names = c.names
  out.partImages = {}
  for (const [part, images] of Object.entries(anim.partImages)) {
    const bone = c.rig.parts.find((p) => p.name === part)?.bone
    const partner = bone === undefined ? undefined : names[pair[c.index.get(bone)!]!]
    const target = c.rig.parts.find(
      (p) => p.bone === partner && p.name !== part && partner !== bone,
    )
    out.partImages[target?.name ?? part] = [...images]
  }
  if (anim.contacts)
    out.contacts = { right: anim.contacts.left.slice(), left: anim.contacts.right.slice() }
  out.view = MIRRORED_VIEW[anim.view]
  return out
}
