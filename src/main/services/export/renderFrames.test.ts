import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Rect } from '../../../core/export/atlas/image'
import { opaqueBounds, unpremultiplyAlpha } from '../../../core/export/atlas/image'
import { restAnimation } from '../../../core/rig/animation'
import { restWorld } from '../../../core/rig/compileRig'
import { placeParts } from '../../../core/rig/partTransforms'
import type { RigView } from '../../../core/rig/types'
import { findBrowser } from '../browser/findBrowser'
import type { LoadedRig } from '../rigs/rigFiles'
import { resolveRig } from '../rigs/rigFiles'
import { renderRigFrames } from './renderFrames'

const hasBrowser = Boolean(findBrowser() && !findBrowser()?.isElectron)
if (!hasBrowser)
  console.warn('SKIPPED RigView rendering test: no Chromium found (see toonmo doctor)')

function svgSize(file: string): { w: number; h: number } {
  const tag = /<svg\b[^>]*>/.exec(readFileSync(file, 'utf8'))![0]
  return {
    w: Number(/\swidth="([\d.]+)"/.exec(tag)![1]),
    h: Number(/\sheight="([\d.]+)"/.exec(tag)![1]),
  }
}

/** Where the core's part placement says the drawings lie at rest, rig pixels (image rects). */
function expectedBounds(rig: LoadedRig, view: RigView): Rect {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const p of placeParts(rig.compiled, restWorld(rig.compiled), view)) {
    const { w, h } = svgSize(join(rig.dir, p.image.image))
    const [a, b, c, d, e, f] = p.matrix
    for (const [u, v] of [
      [0, 0],
      [w, 0],
      [0, h],
      [w, h],
    ] as const) {
      const x = a * u + c * v + e
      const y = b * u + d * v + f
      minX = Math.min(minX, x)
      maxX = Math.max(maxX, x)
      minY = Math.min(minY, y)
      maxY = Math.max(maxY, y)
    }
  }
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY }
}

describe.skipIf(!hasBrowser)('RigView in the exporter page', () => {
  it('draws every part where the rig places it, and swaps and mirrors the profile drawings', async () => {
    const rig = await resolveRig('chibi')
    const frames: Partial<Record<RigView, Uint8Array>> = {}
    for (const view of ['front', 'profile_right', 'profile_left'] as const) {
      const animation = { ...restAnimation(rig.compiled, 24, 1), view }
      const size = 200
      let pixels: Uint8Array | undefined
      const ready = await renderRigFrames(
        { rig, animation, start: 0, end: 1, width: size, height: size, margin: 10 },
        (_, rgba) => {
          pixels = rgba
        },
      )
      unpremultiplyAlpha(pixels!)
      frames[view] = pixels
      const got = opaqueBounds({ width: size, height: size, data: pixels! })!
      const e = expectedBounds(rig, view)
      const { scale, x, y } = ready.framing
      const want = { x: e.x * scale + x, y: e.y * scale + y, w: e.w * scale, h: e.h * scale }
      // Drawings may leave transparent margins inside their own canvas (a profile head's canvas
      // is wider than the head), but nothing may be drawn outside where the rig places them, and
      // head to feet must span the placed height.
      expect(got.x).toBeGreaterThanOrEqual(Math.floor(want.x) - 1)
      expect(got.y).toBeGreaterThanOrEqual(Math.floor(want.y) - 1)
      expect(got.x + got.w).toBeLessThanOrEqual(Math.ceil(want.x + want.w) + 1)
      expect(got.y + got.h).toBeLessThanOrEqual(Math.ceil(want.y + want.h) + 1)
      expect(got.h).toBeGreaterThan(0.85 * want.h)
    }
    const differs = (a: Uint8Array, b: Uint8Array) => a.some((v, i) => v !== b[i])
    expect(differs(frames.front!, frames.profile_right!)).toBe(true)
    expect(differs(frames.profile_left!, frames.profile_right!)).toBe(true)
  })
})
