import { Graphics } from 'pixi.js'
import { BODY15_BONES, BODY15_INDEX } from '../../../core/skeleton/body15'
import type { TrackFrame } from '../../../core/motion/track'

/** Red (unsure) through yellow to green (confident), for a confidence in [0, 1]. */
export function confidenceColour(c: number): number {
  const t = Math.max(0, Math.min(1, c))
  const r = t < 0.5 ? 255 : Math.round(255 * (1 - t) * 2)
  const g = t < 0.5 ? Math.round(255 * t * 2) : 220
  return (r << 16) | (g << 8) | 60
}

/**
 * The detected skeleton over the footage at the playhead, each bone and joint coloured by its
 * confidence, so the animator sees at once where detection was unsure.
 */
export class KeypointOverlay extends Graphics {
  /** Draws one frame's body15 points (source pixels) scaled by `scale` into stage units. */
  drawFrame(frame: TrackFrame | undefined, scale: number, minConfidence = 0.05): void {
    this.clear()
    const points = frame?.points
    if (!points) return
    const width = Math.max(2, 3 / Math.max(scale, 0.2)) * scale
    for (const [a, b] of BODY15_BONES) {
      const pa = points[BODY15_INDEX[a]]
      const pb = points[BODY15_INDEX[b]]
      if (!pa || !pb || pa[2] <= minConfidence || pb[2] <= minConfidence) continue
      this.moveTo(pa[0] * scale, pa[1] * scale)
        .lineTo(pb[0] * scale, pb[1] * scale)
        .stroke({ color: confidenceColour(Math.min(pa[2], pb[2])), width, alpha: 0.9 })
    }
    for (const p of points) {
      if (p[2] <= minConfidence) continue
      this.circle(p[0] * scale, p[1] * scale, width * 1.4).fill({ color: confidenceColour(p[2]) })
    }
  }
}
