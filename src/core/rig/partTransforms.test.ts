import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadRigFile } from '../../main/services/rigs/rigFiles'
import { createWorldPose, restAnimation } from './animation'
import { restWorld } from './compileRig'
import { placeFrame, placeParts, squashMatrix } from './partTransforms'

const rigsDir = fileURLToPath(new URL('../../../resources/rigs', import.meta.url))
const apply = (m: number[], u: number, v: number) => [
  m[0]! * u + m[2]! * v + m[4]!,
  m[1]! * u + m[3]! * v + m[5]!,
]

describe('part placement', () => {
  it('puts each image’s pivot on its attachment point, back to front, with the view’s drawings', async () => {
    const c = (await loadRigFile(`${rigsDir}/chibi/rig.json`)).compiled
    const pose = restWorld(c)
    const front = placeParts(c, pose, 'front')
    expect(front.map((p) => p.part.z)).toEqual(
      [...front.map((p) => p.part.z)].sort((a, b) => a - b),
    )
    const head = front.find((p) => p.part.name === 'head')!
    const neck = c.index.get('head')!
    const [x, y] = apply(head.matrix, head.image.pivot[0], head.image.pivot[1])
    expect(x).toBeCloseTo(pose.x[neck]!, 9)
    expect(y).toBeCloseTo(pose.y[neck]!, 9)
    // The head bone points up and the part turns 90°: the image stays upright (its +x is +x).
    expect(head.matrix[0]).toBeCloseTo(1, 9)
    expect(head.matrix[1]).toBeCloseTo(0, 9)
    expect(head.image.image).toBe('parts/head.svg')
    const left = placeParts(c, pose, 'profile_left').find((p) => p.part.name === 'head')!
    expect(left.image).toMatchObject({ image: 'parts/head_profile.svg', flipX: true })
    const hand = placeParts(c, pose, 'front', { hand_r: 'closed' }).find(
      (p) => p.part.name === 'hand_r',
    )!
    expect(hand.image.image).toBe('parts/hand_closed.svg')
  })

  it('applies per-frame swaps and squash and stretch about the root, keeping area', async () => {
    const c = (await loadRigFile(`${rigsDir}/stout/rig.json`)).compiled
    const anim = restAnimation(c, 30, 2)
    anim.stretch = Float64Array.from([1, 0, 1.25, Math.PI / 2])
    anim.partImages = { hand_l: [null, 'closed'] }
    const m = squashMatrix(anim, 1)
    expect(m[0] * m[3] - m[1] * m[2]).toBeCloseTo(1, 12)
    expect(apply(m, anim.root[2]!, anim.root[3]!)).toEqual([anim.root[2], anim.root[3]])
    const [, y] = apply(m, anim.root[2]!, anim.root[3]! - 100)
    expect(y).toBeCloseTo(anim.root[3]! - 125, 9) // stretched vertically
    const pose = createWorldPose(c)
    expect(placeFrame(c, anim, 0, pose).find((p) => p.part.name === 'hand_l')!.image.image).toBe(
      'parts/hand_l.svg',
    )
    expect(placeFrame(c, anim, 1, pose).find((p) => p.part.name === 'hand_l')!.image.image).toBe(
      'parts/hand_closed.svg',
    )
  })
})
