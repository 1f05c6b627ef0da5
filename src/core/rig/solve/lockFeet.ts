import { contactRuns } from './footContacts'
import type { SolveState } from './solvePose'
import { boneStart, limbEnds, plantedAnkleY } from './solvePose'
import { twoBoneIk } from './twoBoneIk'

/**
 * Keeps planted feet still: during each contact the ankle is pinned, by leg IK, to one point on
 * the ground line (the contact's mean x), easing in and out over `blendFrames` frames around it.
 * Where the hip has moved too far for the leg to reach, the root is pulled towards the foot just
 * enough, so the lock holds exactly. Edits `state` in place; O(frames x bones).
 */
export function lockFeet(
  state: SolveState,
  contacts: { right: Uint8Array; left: Uint8Array },
  blendFrames: number,
): void {
  const { c, frames } = state
  const n = c.boneCount
  const legs = state.limbs.map((l, i) => ({ l, i })).filter(({ l }) => l.isLeg)
  const targets = legs.map(({ l }) => {
    const free = limbEnds(state, l)
    const tx = new Float64Array(frames)
    const ty = new Float64Array(frames)
    const active = new Uint8Array(frames)
    const planted = plantedAnkleY(state, l)
    const runs = contactRuns(l.name === 'right_leg' ? contacts.right : contacts.left)
    for (const [a, b] of runs) {
      let sx = 0
      for (let f = a; f <= b; f++) sx += free[2 * f]!
      const lx = sx / (b - a + 1)
      const pin = (f: number, ox: number, oy: number, weight: number) => {
        if (f < 0 || f >= frames) return
        tx[f] = free[2 * f]! + ox * weight
        // Never below the ground line, even while easing out of a lock.
        ty[f] = Math.min(planted, free[2 * f + 1]! + oy * weight)
        active[f] = 1
      }
      // Around the contact the foot keeps the lock's offset from its free path, fading out, so
      // it eases into and out of the lock without being dragged towards the planted spot.
      const startX = lx - free[2 * a]!
      const startY = planted - free[2 * a + 1]!
      const endX = lx - free[2 * b]!
      const endY = planted - free[2 * b + 1]!
      for (let k = blendFrames; k >= 1; k--) {
        const weight = 1 - k / (blendFrames + 1)
        pin(a - k, startX, startY, weight)
        pin(b + k, endX, endY, weight)
      }
      for (let f = a; f <= b; f++) pin(f, lx - free[2 * f]!, planted - free[2 * f + 1]!, 1)
    }
    return { tx, ty, active, planted }
  })

  const hip = new Float64Array(2)
  const delta = new Float64Array(n)
  const acc = new Float64Array(n)
  for (let f = 0; f < frames; f++) {
    if (!targets.some((t) => t.active[f])) continue
    // Pull the root in until every locked foot is within reach (a few passes settle both legs).
    for (let pass = 0; pass < 4; pass++) {
      let moved = false
      legs.forEach(({ l }, k) => {
        const t = targets[k]!
        if (!t.active[f]) return
        boneStart(state, f, l.upper, hip)
        const dx = t.tx[f]! - hip[0]!
        const dy = t.ty[f]! - hip[1]!
        const dist = Math.hypot(dx, dy)
        const reach = (c.length[l.upper]! + c.length[l.lower]!) * (1 - 1e-6)
        if (dist > reach) {
          const move = (dist - reach) / dist
          state.root[2 * f] = state.root[2 * f]! + dx * move
          state.root[2 * f + 1] = state.root[2 * f + 1]! + dy * move
          moved = true
        }
      })
      if (!moved) break
    }
    delta.fill(0)
    const w = state.world.subarray(f * n, (f + 1) * n)
    legs.forEach(({ l, i }, k) => {
      const t = targets[k]!
      if (!t.active[f]) return
      boneStart(state, f, l.upper, hip)
      const bend = state.bend[f * 4 + i] || l.defaultBend
      const ik = twoBoneIk(
        hip[0]!,
        hip[1]!,
        t.tx[f]!,
        t.ty[f]!,
        c.length[l.upper]!,
        c.length[l.lower]!,
        bend,
      )
      delta[l.upper] = ik.upper - w[l.upper]!
      delta[l.lower] = ik.lower - w[l.lower]! - (c.inheritRotation[l.lower] ? delta[l.upper]! : 0)
    })
    // Bones below a moved bone follow it, except those that keep their world rotation (feet).
    for (let b = 0; b < n; b++) {
      const p = c.parent[b]!
      const inherited = p >= 0 && c.inheritRotation[b] ? acc[p]! : 0
      acc[b] = inherited + delta[b]!
      w[b] = w[b]! + acc[b]!
    }
  }
  // Pulling the root towards a planted foot can push the other, free foot through the floor:
  // lift it back onto the ground line.
  for (let f = 0; f < frames; f++) {
    const w = state.world.subarray(f * n, (f + 1) * n)
    legs.forEach(({ l, i }, k) => {
      const t = targets[k]!
      if (t.active[f]) return
      boneStart(state, f, l.lower, hip)
      const ankleX = hip[0]! + Math.cos(w[l.lower]!) * c.length[l.lower]!
      const ankleY = hip[1]! + Math.sin(w[l.lower]!) * c.length[l.lower]!
      if (ankleY <= t.planted) return
      boneStart(state, f, l.upper, hip)
      const bend = state.bend[f * 4 + i] || l.defaultBend
      const ik = twoBoneIk(
        hip[0]!,
        hip[1]!,
        ankleX,
        t.planted,
        c.length[l.upper]!,
        c.length[l.lower]!,
        bend,
      )
      delta.fill(0)
      delta[l.upper] = ik.upper - w[l.upper]!
      delta[l.lower] = ik.lower - w[l.lower]! - (c.inheritRotation[l.lower] ? delta[l.upper]! : 0)
      for (let b = 0; b < n; b++) {
        const p = c.parent[b]!
        acc[b] = (p >= 0 && c.inheritRotation[b] ? acc[p]! : 0) + delta[b]!
        w[b] = w[b]! + acc[b]!
      }
    })
  }
}
