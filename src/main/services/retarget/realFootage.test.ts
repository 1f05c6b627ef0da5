import { afterAll, describe, expect, it } from 'vitest'
import type { Track, TrackPoint } from '../../../core/motion/track'
import { parseTrack } from '../../../core/motion/track'
import { BC, BP, NB } from '../../../core/retarget/body15Bones'
import { skeletonDoc, TARGETS } from '../../../core/retarget/fixtures/syntheticClip'
import squat from '../../../core/retarget/fixtures/squat_side.track.json'
import type { RetargetView } from '../../../core/retarget/retarget'
import { retargetTrack } from '../../../core/retarget/retarget'
import { parseTargetSkeleton } from '../../../core/retarget/targetSkeleton'
import type { LoadedRetargetModel } from './modelFiles'
import { loadRetargetModel, retargetModelAvailable, retargetModelPaths } from './modelFiles'

/*
 * Real detector output: fixtures/squat_side.track.json is what `toonmo detect` (MediaPipe full,
 * cleaned) found in ../shared/data/footage/pexels-gabby-k-6980032_squat_side.mp4, a woman doing
 * squats seen side-on, feet planted the whole time (the keypoints only, never the clip).
 * Retargeted onto the chibi (short legs, big head), the feet must stay planted and the bones
 * must not flicker more than the detector's own.
 */

const source = parseTrack(squat)
const chibi = parseTargetSkeleton(skeletonDoc(TARGETS.chibi))
const ANKLES = [11, 14]

function point(track: Track, t: number, j: number): TrackPoint {
  return track.frames[t]?.points?.[j] as TrackPoint
}

/** Body height of a track's first frame: nose to lowest ankle, pixels. */
function heightOf(track: Track): number {
  const ys = (track.frames[0]?.points ?? []).map((p) => p[1])
  return Math.max(...ys) - Math.min(...ys)
}

/** Mean distance of each ankle from its own mean position, in % of `height`: how much feet slide. */
function ankleSlidePct(track: Track, height: number): number {
  let sum = 0
  let n = 0
  for (const j of ANKLES) {
    let mx = 0
    let my = 0
    const T = track.frames.length
    for (let t = 0; t < T; t++) {
      mx += point(track, t, j)[0] / T
      my += point(track, t, j)[1] / T
    }
    for (let t = 0; t < T; t++) {
      sum += Math.hypot(point(track, t, j)[0] - mx, point(track, t, j)[1] - my)
      n++
    }
  }
  return ((sum / n) * 100) / height
}

/** Mean frame-to-frame change of the 2D bone lengths, relative to each bone's mean length (%). */
function boneFlickerPct(track: Track): number {
  let sum = 0
  let n = 0
  for (let b = 0; b < NB; b++) {
    const len = track.frames.map((_, t) => {
      const p = point(track, t, BP[b] as number)
      const c = point(track, t, BC[b] as number)
      return Math.hypot(c[0] - p[0], c[1] - p[1])
    })
    const mean = len.reduce((a, v) => a + v, 0) / len.length
    for (let t = 1; t < len.length; t++) {
      sum += (Math.abs((len[t] as number) - (len[t - 1] as number)) / mean) * 100
      n++
    }
  }
  return sum / n
}

describe('retargeting real detector output (side-on squats)', () => {
  const sourceSlide = ankleSlidePct(source, heightOf(source))
  const sourceFlicker = boneFlickerPct(source)

  it('same view: feet stay planted and bones steady', async () => {
    const out = await retargetTrack(source, chibi, { view: 'source' })
    const slide = ankleSlidePct(out, chibi.height)
    const flicker = boneFlickerPct(out)
    console.log(
      `squat, same view: ankle slide ${slide.toFixed(2)}% of height (source ${sourceSlide.toFixed(2)}%), bone flicker ${flicker.toFixed(2)}%/frame (source ${sourceFlicker.toFixed(2)}%)`,
    )
    expect(slide).toBeLessThan(Math.max(2, 1.5 * sourceSlide))
    expect(flicker).toBeLessThan(1.2 * sourceFlicker + 0.2)
  })

  const present = retargetModelAvailable()
  if (!present)
    console.log(`SKIPPED real footage view changes: ${retargetModelPaths().onnx} is absent`)
  describe.skipIf(!present)('view changes', () => {
    let model: LoadedRetargetModel | null = null
    afterAll(async () => {
      await model?.session.dispose()
    })
    it.each([0, 90, -90] as RetargetView[])(
      'yaw %s: feet stay planted and bones steady',
      async (view) => {
        model ??= await loadRetargetModel()
        if (!model) throw new Error('model vanished')
        const out = await retargetTrack(source, chibi, { view, model })
        const slide = ankleSlidePct(out, chibi.height)
        const flicker = boneFlickerPct(out)
        console.log(
          `squat, yaw ${String(view)}: ankle slide ${slide.toFixed(2)}% of height (source ${sourceSlide.toFixed(2)}%), bone flicker ${flicker.toFixed(2)}%/frame (source ${sourceFlicker.toFixed(2)}%)`,
        )
        expect(out.frames.every((f) => f.points?.every((p) => p.every(Number.isFinite)))).toBe(true)
        expect(slide).toBeLessThan(Math.max(3, 2 * sourceSlide))
        expect(flicker).toBeLessThan(1.5 * sourceFlicker + 0.5)
      },
    )
  })
})
