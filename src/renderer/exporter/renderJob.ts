import { Application, Container, RenderTexture, Sprite } from 'pixi.js'
import type { RenderJob, RenderReady } from '../../core/export/atlas/renderJob'
import { fitFraming } from '../../core/export/atlas/renderJob'
import { compileRig } from '../../core/rig/compileRig'
import { RigView } from '../stage/rig/RigView'

export interface RenderHost {
  /** URL of a rig image path (relative to the rig's folder). */
  urlFor(path: string): string
  ready(info: RenderReady): Promise<void>
  /**
   * `count` frames from `first` on, tiled left to right then top to bottom in a grid `cols`
   * frames wide: premultiplied RGBA8, rows top to bottom.
   */
  frames(first: number, count: number, cols: number, pixels: Uint8Array): Promise<void>
  progress?(done: number, total: number): void
}

function parseColor(hex: string): [number, number, number, number] {
  const v = Number.parseInt(hex.replace('#', ''), 16)
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255, 1]
}

/**
 * Renders frames `job.start` .. `job.end - 1` of the job's animation into job.width x
 * job.height images with a fixed camera fitted to the whole range, handing each to the host in
 * order. One batch's upload overlaps the next batch's render.
 */
export async function renderJob(job: RenderJob, host: RenderHost): Promise<void> {
  const compiled = compileRig(job.rig)
  const animation = job.animation
  const app = new Application()
  await app.init({
    width: job.width,
    height: job.height,
    preference: 'webgl',
    backgroundAlpha: 0,
    antialias: true,
    resolution: 1,
  })
  const renderer = app.renderer
  // Bounds are in texture units = drawing pixels, so resolution 1 textures frame the clip.
  let view = await RigView.load(compiled, host.urlFor, 1)
  view.setAnimation(animation)
  const bounds = unionBounds(view, job.start, job.end)
  const framing = fitFraming(bounds, job.width, job.height, job.margin, job.scale)
  if (framing.scale > 1.05) {
    // Drawn larger than the drawings themselves: rasterise the SVG parts at that size.
    view.destroy()
    view = await RigView.load(compiled, host.urlFor, Math.min(8, Math.ceil(framing.scale * 2) / 2))
    view.setAnimation(animation)
  }
  const stage = new Container()
  stage.addChild(view)
  view.position.set(framing.x, framing.y)
  view.scale.set(framing.scale)
  const rig = job.rig
  const rootX = compiled.restX[0]!
  await host.ready({
    framing,
    anchor: {
      x: (rootX * framing.scale + framing.x) / job.width,
      y: (rig.ground * framing.scale + framing.y) / job.height,
    },
    renderer: renderer.name,
  })
  // No MSAA: the parts are rasterised with smooth edges and sampled linearly, and multisampling
  // would quadruple the fill work of the software GPU that headless Chromium renders with.
  const target = RenderTexture.create({ width: job.width, height: job.height })
  const clearColor = job.background ? parseColor(job.background) : [0, 0, 0, 0]
  // Reading pixels back stalls the GPU and each upload to the host costs a round trip, so
  // frames are rendered one by one and copied into a grid that is read and sent in one piece.
  const cols = Math.max(1, Math.min(8, Math.floor(2048 / job.width)))
  const rows = Math.max(1, Math.min(8, Math.floor(2048 / job.height)))
  const grid = RenderTexture.create({ width: cols * job.width, height: rows * job.height })
  const copy = new Sprite(target)
  const fitsFrame = job.scale <= 1
  let pending: Promise<void> = Promise.resolve()
  const total = job.end - job.start
  for (let first = job.start; first < job.end; first += cols * rows) {
    const count = Math.min(cols * rows, job.end - first)
    for (let k = 0; k < count; k++) {
      view.setPose(first + k)
      const x = (k % cols) * job.width
      const y = Math.floor(k / cols) * job.height
      if (fitsFrame) {
        // The whole clip fits the frame, so a frame drawn straight into its cell stays inside it.
        if (k === 0)
          renderer.render({ container: new Container(), target: grid, clear: true, clearColor })
        view.position.set(framing.x + x, framing.y + y)
        renderer.render({ container: stage, target: grid, clear: false })
      } else {
        renderer.render({ container: stage, target, clear: true, clearColor })
        copy.position.set(x, y)
        renderer.render({ container: copy, target: grid, clear: k === 0, clearColor: [0, 0, 0, 0] })
      }
    }
    const usedRows = Math.ceil(count / cols)
    const { pixels } = renderer.extract.pixels(grid)
    const bytes = usedRows * job.height * cols * job.width * 4
    await pending
    pending = host.frames(
      first,
      count,
      cols,
      new Uint8Array(pixels.buffer, pixels.byteOffset, bytes),
    )
    host.progress?.(first + count - job.start, total)
  }
  await pending
  // The page is single-use: the host closes it at once, so GPU resources are not torn down here
  // (that costs seconds on SwiftShader for nothing).
}

/** The union of the view's drawing over frames [start, end), rig pixels. */
function unionBounds(
  view: RigView,
  start: number,
  end: number,
): { x: number; y: number; w: number; h: number } {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (let f = start; f < end; f++) {
    view.setPose(f)
    const b = view.getLocalBounds()
    minX = Math.min(minX, b.minX)
    minY = Math.min(minY, b.minY)
    maxX = Math.max(maxX, b.maxX)
    maxY = Math.max(maxY, b.maxY)
  }
  return Number.isFinite(minX) && maxX > minX
    ? { x: minX, y: minY, w: maxX - minX, h: maxY - minY }
    : { x: 0, y: 0, w: 1, h: 1 }
}
