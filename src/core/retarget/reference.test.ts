import { describe, expect, it } from 'vitest'
import { parseTrack } from '../motion/track'
import reference from './fixtures/reference.json'
import { retargetTrack } from './retarget'
import { parseTargetSkeleton } from './targetSkeleton'

/**
 * The port against its spec: fixtures/reference.json holds what training/reference_retarget.py
 * outputs for detector-like source clips (noise, dropped joints, null frames); the analytic path
 * must agree to float64 rounding (the fixture stores 4 decimals). The lifting path's expectations
 * are checked with the real model in src/main/services/retarget/referenceModel.test.ts.
 */
describe('same-view retargeting matches training/reference_retarget.py', () => {
  const skel = parseTargetSkeleton(reference.skeleton)
  for (const clip of reference.clips) {
    it(`${clip.name}`, async () => {
      const out = await retargetTrack(parseTrack(clip.source), skel, { view: 'source' })
      const expected = clip.expected.source as (number[] | null)[]
      expect(out.frames).toHaveLength(expected.length)
      let maxDiff = 0
      out.frames.forEach((f, t) => {
        const e = expected[t]
        expect(f.points === null).toBe(e === null)
        f.points?.forEach((p, j) => {
          const q = [e?.[j * 2], e?.[j * 2 + 1]] as number[]
          maxDiff = Math.max(
            maxDiff,
            Math.abs(p[0] - (q[0] as number)),
            Math.abs(p[1] - (q[1] as number)),
          )
          expect(p[2]).toBe(1)
        })
      })
      expect(maxDiff).toBeLessThan(1e-3)
    })
  }
})
