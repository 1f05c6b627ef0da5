import type { RigAnimation } from '../rig/animation'
import type { CompiledRig } from '../rig/compileRig'
import { restWorld } from '../rig/compileRig'

const DEG = 180 / Math.PI

/**
 * Writes an animation as a Biovision .bvh file. BVH is 3D and y-up with an all-zero rest pose,
 * so: x stays, y is negated, the picture lies in the XY plane, and each bone's 2D rotation becomes
 * a Zrotation equal to minus its change from the rest rotation (negated because flipping y turns
 * clockwise into anticlockwise). OFFSETs are the rest start points expressed in world-aligned
 * axes, as BVH expects; leaf bones get an End Site at their tip. The root's position channels
 * are absolute (OFFSET 0), in rig pixels. X and Y rotations are written as 0 so tools that
 * assume three rotation channels per joint read it too.
 */
export function toBvh(c: CompiledRig, anim: RigAnimation): string {
  const n = c.boneCount
  const rest = restWorld(c)
  const children: number[][] = Array.from({ length: n }, () => [])
  for (let i = 1; i < n; i++) children[c.parent[i]!]!.push(i)
  const fmt = (v: number) => {
    const s = v.toFixed(6)
    return s === '-0.000000' ? '0.000000' : s
  }
  const lines: string[] = ['HIERARCHY']
  const order: number[] = []
  const writeJoint = (i: number, depth: number) => {
    const pad = '  '.repeat(depth)
    order.push(i)
    if (i === 0) {
      lines.push(`ROOT ${c.names[0]}`, '{', `  OFFSET 0.000000 0.000000 0.000000`)
      lines.push('  CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation')
    } else {
      // The offset, rotated from the parent's rest frame into world-aligned axes, then y flipped.
      const pa = rest.angle[c.parent[i]!]!
      const ox = Math.cos(pa) * c.restX[i]! - Math.sin(pa) * c.restY[i]!
      const oy = Math.sin(pa) * c.restX[i]! + Math.cos(pa) * c.restY[i]!
      lines.push(
        `${pad}JOINT ${c.names[i]}`,
        `${pad}{`,
        `${pad}  OFFSET ${fmt(ox)} ${fmt(-oy)} 0.000000`,
      )
      lines.push(`${pad}  CHANNELS 3 Zrotation Xrotation Yrotation`)
    }
    if (children[i]!.length === 0) {
      const a = rest.angle[i]!
      const len = c.length[i]!
      lines.push(
        `${pad}  End Site`,
        `${pad}  {`,
        `${pad}    OFFSET ${fmt(Math.cos(a) * len)} ${fmt(-Math.sin(a) * len)} 0.000000`,
        `${pad}  }`,
      )
    }
    for (const child of children[i]!) writeJoint(child, depth + 1)
    lines.push(`${pad}}`)
  }
  writeJoint(0, 0)
  lines.push('MOTION', `Frames: ${anim.frameCount}`, `Frame Time: ${(1 / anim.fps).toFixed(8)}`)
  for (let f = 0; f < anim.frameCount; f++) {
    const row = [fmt(anim.root[2 * f]!), fmt(-anim.root[2 * f + 1]!), fmt(0)]
    for (const i of order) {
      row.push(fmt(-(anim.rotations[f * n + i]! - c.restRotation[i]!) * DEG), fmt(0), fmt(0))
    }
    lines.push(row.join(' '))
  }
  return `${lines.join('\n')}\n`
}

/**
 * The Zrotation (degrees) that {@link toBvh} writes for one bone and frame; tests compare what
 * BVH readers load against it.
 */
export function bvhZRotation(
  c: CompiledRig,
  anim: RigAnimation,
  frame: number,
  bone: number,
): number {
  return -(anim.rotations[frame * c.boneCount + bone]! - c.restRotation[bone]!) * DEG
}
