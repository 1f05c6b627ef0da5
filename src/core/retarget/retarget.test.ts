import { describe, expect, it } from 'vitest'
import type { Track, TrackPoint } from '../motion/track'
import { MEDIAPIPE33_JOINTS } from '../skeleton/mediapipe33'
import { BODY15_FROM_MEDIAPIPE } from '../skeleton/mediapipeToBody15'
import { J, ROOT } from './body15Bones'
import {
  groundTruthAtYaw,
  projectAtYaw,
  skeletonDoc,
  syntheticWorldMotion,
  TARGETS,
  trackFromPoints,
} from './fixtures/syntheticClip'
import { retargetTrack } from './retarget'
import type { RetargetSession } from './session'
import { parseTargetSkeleton } from './targetSkeleton'

const chibi = parseTargetSkeleton(skeletonDoc(TARGETS.chibi))

function clip(T: number, yaw = 30): { track: Track; world: Float64Array } {
  const world = syntheticWorldMotion(T)
  return { track: trackFromPoints(projectAtYaw(world, T, yaw, 2.2), T), world }
}

/** Root-aligned mean joint error, percent of the target's height (training/evaluate.py). */
function poseErrorPct(out: Track, gt: Float64Array, height: number): number {
  let sum = 0
  let n = 0
  out.frames.forEach((f, t) => {
    if (!f.points) return
    const r = f.points[ROOT] as TrackPoint
    for (let j = 0; j < J; j++) {
      const p = f.points[j] as TrackPoint
      const gx = (gt[(t * J + j) * 2] as number) - (gt[(t * J + ROOT) * 2] as number)
      const gy = (gt[(t * J + j) * 2 + 1] as number) - (gt[(t * J + ROOT) * 2 + 1] as number)
      sum += Math.hypot(p[0] - r[0] - gx, p[1] - r[1] - gy)
      n++
    }
  })
  return ((sum / n) * 100) / height
}

describe('retargetTrack, same view (analytic)', () => {
  it('puts the motion on the target with its proportions, near-exact in the same view', async () => {
    const T = 120
    const { track, world } = clip(T)
    const out = await retargetTrack(track, chibi, { view: 'source' })
    expect(out.skeleton).toBe('body15')
    expect(out.frames).toHaveLength(T)
    // mid_hip starts where the source's starts.
    expect(out.frames[0]?.points?.[ROOT]).toEqual([
      track.frames[0]?.points?.[ROOT]?.[0],
      track.frames[0]?.points?.[ROOT]?.[1],
      1,
    ])
    const err = poseErrorPct(out, groundTruthAtYaw(world, T, TARGETS.chibi, 30), chibi.height)
    expect(err).toBeLessThan(1.5)
    // Bones come out at the chibi's lengths when seen side-on to the camera: the head bone.
    const p = out.frames[0]?.points as TrackPoint[]
    const head = Math.hypot(
      (p[0] as TrackPoint)[0] - (p[1] as TrackPoint)[0],
      (p[0] as TrackPoint)[1] - (p[1] as TrackPoint)[1],
    )
    expect(head).toBeLessThanOrEqual(70 + 1e-9)
    expect(head).toBeGreaterThan(50)
  })

  it('handles missing joints and frames with no person, never fatally', async () => {
    const T = 60
    const { track } = clip(T)
    const full = await retargetTrack(track, chibi, { view: 'source' })
    const holes = structuredClone(track)
    ;(holes.frames[3] as { points: unknown }).points = null
    ;(holes.frames[10] as { points: unknown }).points = null
    for (let t = 20; t < 30; t++) (holes.frames[t]?.points?.[4] as TrackPoint)[2] = 0 // right wrist
    for (const f of holes.frames) if (f.points) (f.points[7] as TrackPoint)[2] = 0 // left wrist never seen
    for (const f of holes.frames.slice(0, 5)) if (f.points) (f.points[ROOT] as TrackPoint)[2] = 0
    const out = await retargetTrack(holes, chibi, { view: 'source' })
    expect(out.frames[3]?.points).toBeNull()
    expect(out.frames[10]?.points).toBeNull()
    for (const f of out.frames) {
      if (!f.points) continue
      expect(f.points).toHaveLength(15)
      for (const p of f.points) expect(p.every(Number.isFinite)).toBe(true)
    }
    // A short gap is interpolated: the wrist stays close to where the full clip has it.
    const a = out.frames[25]?.points?.[4] as TrackPoint
    const b = full.frames[25]?.points?.[4] as TrackPoint
    expect(Math.hypot(a[0] - b[0], a[1] - b[1])).toBeLessThan(15)
    // A joint never seen is put at mid_hip in the source (the reference's choice), and its bone
    // still comes out no longer than the chibi's forearm (26 px): no limb flies off.
    const f0 = out.frames[0]?.points as TrackPoint[]
    expect(
      Math.hypot(
        (f0[7] as TrackPoint)[0] - (f0[6] as TrackPoint)[0],
        (f0[7] as TrackPoint)[1] - (f0[6] as TrackPoint)[1],
      ),
    ).toBeLessThanOrEqual(26 + 1e-9)
    // mid_hip missing on the first frames: the midpoint of the hips stands in for it.
    expect(out.frames[0]?.points?.[ROOT]?.[0]).toBeCloseTo(
      ((track.frames[0]?.points?.[9]?.[0] as number) +
        (track.frames[0]?.points?.[12]?.[0] as number)) /
        2,
      6,
    )
  })

  it('takes a mediapipe33 track and gives the same result as its body15 conversion', async () => {
    const T = 40
    const { track } = clip(T)
    const mp: Track = {
      ...track,
      skeleton: 'mediapipe33',
      joints: [...MEDIAPIPE33_JOINTS],
      frames: track.frames.map((f) => {
        const points: TrackPoint[] = Array.from({ length: 33 }, () => [0, 0, 0.1] as TrackPoint)
        BODY15_FROM_MEDIAPIPE.forEach((src, j) => {
          if (src.length === 1) points[src[0] as number] = [...(f.points?.[j] as TrackPoint)]
        })
        return { time: f.time, points }
      }),
    }
    // MediaPipe has no neck: the conversion takes the shoulders' midpoint, so compare with that.
    const body = structuredClone(track)
    for (const f of body.frames) {
      const [r, l] = [f.points?.[2] as TrackPoint, f.points?.[5] as TrackPoint]
      f.points?.splice(1, 1, [(r[0] + l[0]) / 2, (r[1] + l[1]) / 2, 1])
    }
    const a = await retargetTrack(mp, chibi, { view: 'source' })
    const b = await retargetTrack(body, chibi, { view: 'source' })
    a.frames.forEach((f, t) => {
      f.points?.forEach((p, j) => {
        const q = b.frames[t]?.points?.[j] as TrackPoint
        expect(Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1])).toBeLessThan(1e-6)
      })
    })
  })

  it('works on clips shorter than 16 frames in the source view', async () => {
    const out = await retargetTrack(clip(5).track, chibi, { view: 'source' })
    expect(out.frames).toHaveLength(5)
  })
})

describe('retargetTrack errors', () => {
  const unusedSession: RetargetSession = {
    run: () => Promise.reject(new Error('the model must not run for this input')),
  }
  const model = {
    session: unusedSession,
    norm: { mean: new Array(47).fill(0), std: new Array(47).fill(1) },
  }

  it('says a view change needs 16 frames', async () => {
    await expect(retargetTrack(clip(12).track, chibi, { view: 90, model })).rejects.toMatchObject({
      code: 'tooShort',
      message: expect.stringMatching(
        /has 12 frames; a view change needs at least 16.*--view source/,
      ),
    })
  })

  it('says a view change needs the model', async () => {
    await expect(retargetTrack(clip(40).track, chibi, { view: 45 })).rejects.toMatchObject({
      code: 'noModel',
      message: expect.stringMatching(/models\/retarget.onnx/),
    })
  })

  it('says when no frame has a person', async () => {
    const { track } = clip(20)
    const empty = { ...track, frames: track.frames.map((f) => ({ time: f.time, points: null })) }
    await expect(retargetTrack(empty, chibi, { view: 'source' })).rejects.toMatchObject({
      code: 'noPerson',
    })
    const zero = structuredClone(track)
    for (const f of zero.frames) for (const p of f.points ?? []) p[2] = 0
    await expect(retargetTrack(zero, chibi, { view: 'source' })).rejects.toMatchObject({
      code: 'noPerson',
    })
  })
})
