import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadRigFile } from '../../main/services/rigs/rigFiles'
import { compileRig, restWorld } from './compileRig'
import { placeParts } from './partTransforms'
import type { DrawingLayer } from './rigFromLayers'
import { canonicalLayerName, rigFromLayers } from './rigFromLayers'
import { rigToSkeleton } from './skel'

const rigsDir = fileURLToPath(new URL('../../../resources/rigs', import.meta.url))

/** The bundled rig's drawings as a layered front view would hold them: one box per part. */
async function layersOf(name: string): Promise<{ layers: DrawingLayer[]; height: number }> {
  const loaded = await loadRigFile(`${rigsDir}/${name}/rig.json`)
  const c = loaded.compiled
  const layers = placeParts(c, restWorld(c), 'front').map((p) => {
    const svg = readFileSync(join(loaded.dir, p.image.image), 'utf8')
    const w = Number(/width="([\d.]+)"/.exec(svg)?.[1])
    const h = Number(/height="([\d.]+)"/.exec(svg)?.[1])
    const m = p.matrix
    const corners = [
      [0, 0],
      [w, 0],
      [0, h],
      [w, h],
    ].map(([u, v]) => [m[0] * u! + m[2] * v! + m[4], m[1] * u! + m[3] * v! + m[5]] as const)
    const xs = corners.map((q) => q[0])
    const ys = corners.map((q) => q[1])
    const x = Math.min(...xs)
    const y = Math.min(...ys)
    const box: DrawingLayer['box'] = [x, y, Math.max(...xs) - x, Math.max(...ys) - y]
    return {
      name: p.part.name.replace(/_r$/, '.R').replace(/_l$/, '.L'),
      image: p.image.image,
      box,
    }
  })
  return { layers, height: c.rig.ground - rigToSkeleton(c).rest[0]![1] }
}

describe('rig from a layered drawing', () => {
  it('reads layer names the way artists write them', () => {
    expect(canonicalLayerName('Upper Arm.R')).toBe('upper_arm_r')
    expect(canonicalLayerName('Left Shin')).toBe('shin_l')
    expect(canonicalLayerName('lowerArm_left')).toBe('forearm_l')
    expect(canonicalLayerName('Body')).toBe('torso')
    expect(canonicalLayerName('Background')).toBeUndefined()
  })

  it.each(['chibi', 'noodle', 'stout'])(
    'places the bones of %s from its layers close to the hand-made rig',
    async (name) => {
      const { layers, height } = await layersOf(name)
      const original = rigToSkeleton((await loadRigFile(`${rigsDir}/${name}/rig.json`)).compiled)
      const rig = rigFromLayers(
        name,
        [600, 800],
        [...layers, { name: 'Background', image: 'bg.png', box: [0, 0, 600, 800] }],
      )
      const skel = rigToSkeleton(compileRig(rig)) // valid: the mapping lines up with the hierarchy
      // Body and limb joints land within 6% of the figure's height of the hand-placed ones; the
      // nose (guessed from the head's box) within 15%. Rig setup mode is there to adjust the rest.
      skel.rest.forEach((p, j) => {
        const off = Math.hypot(p[0] - original.rest[j]![0], p[1] - original.rest[j]![1]) / height
        expect(off).toBeLessThan(skel.joints[j] === 'nose' ? 0.15 : 0.06)
      })
      expect(rig.parts).toHaveLength(layers.length)
      // At rest each image sits exactly where its layer was drawn.
      const placed = placeParts(compileRig(rig), restWorld(compileRig(rig)), 'front')
      for (const p of placed) {
        const layer = layers.find(
          (l) =>
            l.image === p.image.image && l.name.toLowerCase().startsWith(p.part.name.slice(0, 4)),
        )!
        expect(p.matrix[4]).toBeCloseTo(layer.box[0], 2)
        expect(p.matrix[5]).toBeCloseTo(layer.box[1], 2)
        expect(p.matrix[0]).toBeCloseTo(1, 9)
      }
    },
  )

  it('names the missing layers', () => {
    expect(() =>
      rigFromLayers('x', [100, 100], [{ name: 'head', image: 'h.png', box: [0, 0, 10, 10] }]),
    ).toThrow(/no layer for torso, upper_arm_r, upper_arm_l/)
  })
})
