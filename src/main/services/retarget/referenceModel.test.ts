import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { parseTrack } from '../../../core/motion/track'
import reference from '../../../core/retarget/fixtures/reference.json'
import { retargetTrack } from '../../../core/retarget/retarget'
import { parseTargetSkeleton } from '../../../core/retarget/targetSkeleton'
import type { LoadedRetargetModel } from './modelFiles'
import { loadRetargetModel, retargetModelAvailable, retargetModelPaths } from './modelFiles'

const present = retargetModelAvailable()
if (!present)
  console.log(`SKIPPED lifting-path reference check: ${retargetModelPaths().onnx} is absent`)

/**
 * The whole lifting path (resampling, features, normalisation, windowed inference in
 * onnxruntime-web, post-processing) against training/reference_retarget.py run with the same
 * ONNX file (core/retarget/fixtures/reference.json, made by make_reference_fixture.py).
 */
describe.skipIf(!present)('view-change retargeting matches training/reference_retarget.py', () => {
  let model: LoadedRetargetModel | null = null
  afterAll(async () => {
    await model?.session.dispose()
  })

  it('was made with the shipped model', () => {
    const sha = createHash('sha256').update(readFileSync(retargetModelPaths().onnx)).digest('hex')
    expect(
      reference.modelSha256,
      'models/retarget.onnx changed: run "/usr/bin/python3 src/core/retarget/fixtures/make_reference_fixture.py && npx prettier --write src/core/retarget/fixtures/reference.json"',
    ).toBe(sha)
  })

  it('was made with the shipped model card', async () => {
    model ??= await loadRetargetModel()
    expect(
      reference.useRootDepth,
      'models/retarget.card.json changed use_root_depth: regenerate the fixture (see above)',
    ).toBe(model?.norm.useRootDepth)
  })

  for (const clip of reference.clips) {
    const views = Object.keys(clip.expected).filter((v) => v !== 'source')
    for (const view of views) {
      it(`${clip.name} at yaw ${view}`, async () => {
        model ??= await loadRetargetModel()
        if (!model) throw new Error('model vanished')
        const skel = parseTargetSkeleton(reference.skeleton)
        const out = await retargetTrack(parseTrack(clip.source), skel, {
          view: Number(view),
          model,
        })
        const expected = (clip.expected as Record<string, (number[] | null)[]>)[view] ?? []
        expect(out.frames).toHaveLength(expected.length)
        let maxDiff = 0
        out.frames.forEach((f, t) => {
          expect(f.points === null).toBe(expected[t] === null)
          f.points?.forEach((p, j) => {
            const q = [expected[t]?.[j * 2], expected[t]?.[j * 2 + 1]] as number[]
            maxDiff = Math.max(
              maxDiff,
              Math.abs(p[0] - (q[0] as number)),
              Math.abs(p[1] - (q[1] as number)),
            )
          })
        })
        // float32 inference against float64 numpy: about 1e-4 px; the fixture keeps 4 decimals.
        expect(maxDiff).toBeLessThan(2e-3)
      })
    }
  }
})
