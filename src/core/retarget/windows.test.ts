import { describe, expect, it } from 'vitest'
import { IN_CH, OUT_CH } from './body15Bones'
import type { RetargetSession } from './session'
import { HOP, runModelWindows, WINDOW, windowStarts, windowWeights } from './windows'

/**
 * A time-invariant stand-in network whose output at frame t depends on frames t-6..t+6 only
 * (a real 1D convolution with replicate padding, like the lifter's): the windowed result must equal
 * the whole-clip result wherever the windows see the full neighbourhood, and blend smoothly.
 */
function convSession(calls: number[][]): RetargetSession {
  return {
    run(input, dims) {
      calls.push(dims)
      const [B, C, T] = dims as [number, number, number]
      expect(C).toBe(IN_CH)
      const out = new Float32Array(B * OUT_CH * T)
      for (let b = 0; b < B; b++) {
        for (let c = 0; c < OUT_CH; c++) {
          for (let t = 0; t < T; t++) {
            let s = 0
            for (let k = -6; k <= 6; k++) {
              const u = Math.min(T - 1, Math.max(0, t + k))
              s += (input[(b * C + (c % C)) * T + u] as number) * (k / 6) * 0.3
            }
            out[(b * OUT_CH + c) * T + t] = s
          }
        }
      }
      return Promise.resolve({ data: out, dims: [B, OUT_CH, T] })
    },
  }
}

function smoothInput(T: number): Float32Array {
  const x = new Float32Array(IN_CH * T)
  for (let c = 0; c < IN_CH; c++) {
    for (let t = 0; t < T; t++) x[c * T + t] = Math.sin(t / 17 + c) + 0.3 * Math.cos(t / 5 + 2 * c)
  }
  return x
}

describe('windowing', () => {
  it('covers the clip with windows of 256 every 192 frames, the last aligned to the end', () => {
    expect(windowStarts(100)).toEqual([0])
    expect(windowStarts(256)).toEqual([0])
    expect(windowStarts(257)).toEqual([0, 1])
    expect(windowStarts(700)).toEqual([0, 192, 384, 444])
    expect(windowStarts(640)).toEqual([0, 192, 384])
  })

  it('blend weights cross-fade: neighbours sum to 1 across a hop-aligned overlap', () => {
    const ov = WINDOW - HOP
    const a = windowWeights(0, 3)
    const b = windowWeights(1, 3)
    for (let i = 0; i < ov; i++) {
      expect((a[HOP + i] as number) + (b[i] as number)).toBeCloseTo(1, 12)
      expect(b[i]).toBeGreaterThan(0)
      expect(b[i]).toBeLessThan(1)
    }
    expect(a[0]).toBe(1)
    expect(windowWeights(2, 3)[WINDOW - 1]).toBe(1)
  })

  it('batches windows into few calls and reproduces a time-invariant network with no seam', async () => {
    const T = 1000
    const x = smoothInput(T)
    const calls: number[][] = []
    const windowed = await runModelWindows(convSession(calls), x, T, { batch: 4 })
    // 5 windows -> 2 calls of up to 4.
    expect(windowStarts(T)).toEqual([0, 192, 384, 576, 744])
    expect(calls).toEqual([
      [4, IN_CH, WINDOW],
      [1, IN_CH, WINDOW],
    ])
    const whole = await runModelWindows(convSession([]), x, T, { window: 1024, hop: 960 })
    // Away from each window's own 6 edge frames the stand-in sees the same inputs as on the whole
    // clip, so the blend is exact there.
    const starts = windowStarts(T)
    let maxErr = 0
    for (let t = 0; t < T; t++) {
      const nearEdge = starts.some((s) => Math.abs(t - s) < 7 || Math.abs(t - (s + WINDOW - 1)) < 7)
      if (nearEdge) continue
      for (let c = 0; c < OUT_CH; c++) {
        maxErr = Math.max(
          maxErr,
          Math.abs((windowed[c * T + t] as number) - (whole[c * T + t] as number)),
        )
      }
    }
    expect(maxErr).toBeLessThan(1e-5)
  })

  it('blends windows that disagree without a seam', async () => {
    // A stand-in whose answer drifts across each window (0 at its first frame, 0.5 at its last),
    // so overlapping windows disagree by up to 0.375 at the same frame: a hard cut between
    // windows would jump by that much; the ramps must turn it into a gentle slope.
    const drifting: RetargetSession = {
      run(input, dims) {
        const [B, C, W] = dims as [number, number, number]
        const out = new Float32Array(B * OUT_CH * W)
        for (let b = 0; b < B; b++) {
          for (let c = 0; c < OUT_CH; c++) {
            for (let i = 0; i < W; i++) {
              out[(b * OUT_CH + c) * W + i] =
                (input[(b * C + (c % C)) * W + i] as number) + (0.5 * i) / (W - 1)
            }
          }
        }
        return Promise.resolve({ data: out, dims: [B, OUT_CH, W] })
      },
    }
    const T = 1000
    const x = smoothInput(T)
    const y = await runModelWindows(drifting, x, T)
    let maxStep = 0
    for (let c = 0; c < OUT_CH; c++) {
      for (let t = 1; t < T; t++) {
        const d1 = (y[c * T + t] as number) - (x[(c % IN_CH) * T + t] as number)
        const d0 = (y[c * T + t - 1] as number) - (x[(c % IN_CH) * T + t - 1] as number)
        maxStep = Math.max(maxStep, Math.abs(d1 - d0))
      }
    }
    // Within one window the drift alone moves 0.5 / 255 per frame; the cross-fade adds at most
    // the disagreement spread over the 64-frame overlap.
    expect(maxStep).toBeLessThan(0.5 / 255 + 0.375 / 60)
  })

  it('reports progress and stops when cancelled', async () => {
    const T = 1000
    const controller = new AbortController()
    const seen: [number, number][] = []
    const run = runModelWindows(convSession([]), smoothInput(T), T, {
      batch: 1,
      signal: controller.signal,
      onProgress: (done, total) => {
        seen.push([done, total])
        if (done === 2) controller.abort()
      },
    })
    await expect(run).rejects.toMatchObject({ code: 'cancelled' })
    expect(seen).toEqual([
      [1, 5],
      [2, 5],
    ])
  })

  it('refuses a model whose output has the wrong shape', async () => {
    const bad: RetargetSession = {
      run: (_input, dims) =>
        Promise.resolve({
          data: new Float32Array(0),
          dims: [dims[0] as number, 45, dims[2] as number],
        }),
    }
    await expect(runModelWindows(bad, smoothInput(32), 32)).rejects.toThrow(
      /answered with shape \[1, 45, 32\], expected \[1, 46, 32\]/,
    )
  })
})
