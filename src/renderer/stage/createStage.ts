import 'pixi.js/unsafe-eval'
import { Application } from 'pixi.js'

/**
 * A Pixi application sized to its host element. WebGL is preferred: it works everywhere,
 * including headless Chromium (SwiftShader), where WebGPU does not.
 * `pixi.js/unsafe-eval` is imported because the app's CSP forbids eval.
 */
export async function createStage(host: HTMLElement, background: string): Promise<Application> {
  const app = new Application()
  await app.init({
    resizeTo: host,
    background,
    antialias: true,
    preference: 'webgl',
    autoDensity: true,
    resolution: Math.min(window.devicePixelRatio || 1, 2),
    preserveDrawingBuffer: true,
  })
  app.canvas.style.display = 'block'
  host.appendChild(app.canvas)
  return app
}
