import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { compileRig, restWorld } from './compileRig'
import { moveRestPoint, restBoneWorld } from './editRig'
import { keepPartsInPlace } from './keepPartsInPlace'
import { parseRig } from './parseRig'
import { placeParts } from './partTransforms'

const chibi = parseRig(
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL('../../../resources/rigs/chibi/rig.json', import.meta.url)),
      'utf8',
    ),
  ),
)

const matrices = (rig: typeof chibi) => {
  const c = compileRig(rig)
  return new Map(placeParts(c, restWorld(c), 'front').map((p) => [p.part.name, p.matrix]))
}

describe('keeping the drawing in place while joints move', () => {
  it('leaves every image where it was drawn after an elbow is dragged', () => {
    const elbow = restBoneWorld(chibi).get('forearm_r')!.head
    const moved = moveRestPoint(chibi, elbow, [elbow[0] + 12, elbow[1] - 7])
    // Without re-attaching, the arm images follow the bones.
    const before = matrices(chibi)
    const dragged = matrices(moved)
    expect(Math.abs(dragged.get('forearm_r')![4] - before.get('forearm_r')![4])).toBeGreaterThan(1)
    const kept = matrices(keepPartsInPlace(chibi, moved))
    for (const [name, m] of before) {
      kept.get(name)!.forEach((v, i) => expect(v, `${name}[${i}]`).toBeCloseTo(m[i]!, 2))
    }
  })

  it('returns parts of unmoved bones as they were', () => {
    const elbow = restBoneWorld(chibi).get('forearm_r')!.head
    const moved = keepPartsInPlace(chibi, moveRestPoint(chibi, elbow, [elbow[0] + 3, elbow[1]]))
    expect(moved.parts.find((p) => p.name === 'head')).toBe(
      chibi.parts.find((p) => p.name === 'head'),
    )
  })
})
