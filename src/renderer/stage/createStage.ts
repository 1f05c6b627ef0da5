import 'pixi.js/unsafe-eval'
import { Application } from 'pixi.js'
import { isSoftwareRenderer } from './softwareRenderer'

/**
 * A Pixi application sized to its host element, drawn on demand by its owner (the ticker is
 * stopped by the panels). WebGL where there is a GPU (WebGPU is not needed for 2D and is absent
 * in headless Chromium); Pixi's Canvas 2D renderer on a software rasteriser, see below.
 * `pixi.js/unsafe-eval` is imported because the app's CSP forbids eval.
 */
export async function createStage(
  host: HTMLElement,
  /** null: transparent, for a stage layered over another. */
  background: string | null,
): Promise<Application> {
  const software = isSoftwareRenderer()
  const app = new Application()
  await app.init({
    resizeTo: host,
    ...(background === null ? { backgroundAlpha: 0 } : { background }),
    // On a software rasteriser (no GPU: headless Chromium, bare VMs) WebGL is a GPU emulated on
    // the CPU, and Pixi's batched multi-texture shader costs a frame's budget on its own; Pixi's
    // Canvas 2D renderer draws the same scene with Skia's CPU rasteriser at 60 fps.
    preference: software ? 'canvas' : 'webgl',
    antialias: true,
    autoDensity: true,
    resolution: Math.min(window.devicePixelRatio || 1, 2),
  })
  app.canvas.style.display = 'block'
  host.appendChild(app.canvas)
  return app
}

/**
 * Tears a stage down, leaving Pixi's shared resources alone. `app.destroy(true)` also releases
 * Pixi's global pools (batches among them), which the other stages still draw with: closing
 * the curve editor then broke the timeline's next render.
 */
export function destroyStage(app: Application | undefined): void {
  app?.destroy({ removeView: true, releaseGlobalResources: false })
}
