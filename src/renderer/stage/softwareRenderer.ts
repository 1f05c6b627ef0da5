let cached: string | undefined

/**
 * The WebGL renderer string; SwiftShader or llvmpipe mean there is no real GPU. Asked once per
 * page (it costs a WebGL context), whatever the number of stages.
 */
export function webglRenderer(): string {
  if (cached !== undefined) return cached
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2')
  if (!gl) return (cached = 'none')
  const info = gl.getExtension('WEBGL_debug_renderer_info')
  cached = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER))
  gl.getExtension('WEBGL_lose_context')?.loseContext()
  return cached
}

/**
 * True when WebGL runs on a software rasteriser (headless Chromium, machines without a GPU
 * driver). There every pixel is shaded on the CPU: MediaPipe's GPU delegate is ~20x slower than
 * its CPU one, and multisampled canvases cost a frame's budget on their own.
 */
export function isSoftwareRenderer(renderer: string = webglRenderer()): boolean {
  return /swiftshader|llvmpipe|software|none/i.test(renderer)
}
