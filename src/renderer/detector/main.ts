/**
 * The detector page: a renderer entry of its own that runs MediaPipe PoseLandmarker on frames the
 * host pushes to it. tasks-vision needs WebGL even on its CPU delegate, which is why detection
 * lives in a page rather than in Node.
 */
import type { WireResult } from '../../core/keypoints/detectorProtocol'
import { decodeFrame, videoTimestampMs } from '../../core/keypoints/detectorProtocol'
import type { DetectorHost } from './hosts'
import { httpHost, messagePortHost } from './hosts'
import { detectFrame, loadLandmarker } from './landmarker'

const statusLine = document.getElementById('status')
function status(text: string): void {
  if (statusLine) statusLine.textContent = text
}

/**
 * Detects every frame the host gives, in order, one frame prefetched to overlap transfer. Each
 * result goes back with the request for the frame after next, so a frame costs one round trip.
 */
async function run(host: DetectorHost): Promise<void> {
  try {
    const config = await host.config()
    const started = performance.now()
    const { landmarker, delegate, renderer } = await loadLandmarker(config)
    await host.ready({ delegate, renderer, loadMs: performance.now() - started })
    status(`Detecting (${delegate})...`)
    let previousMs: number | undefined
    const done: WireResult[] = []
    let pending = host.nextFrame([])
    for (;;) {
      const buffer = await pending
      if (!buffer) break
      pending = host.nextFrame(done.splice(0))
      const frame = decodeFrame(buffer)
      const image = new ImageData(
        new Uint8ClampedArray(buffer, frame.rgba.byteOffset, frame.rgba.length),
        frame.width,
        frame.height,
      )
      const timestampMs = videoTimestampMs(frame.time, previousMs)
      previousMs = timestampMs
      const t0 = performance.now()
      const poses = detectFrame(landmarker, image, timestampMs)
      done.push({ index: frame.index, time: frame.time, detectMs: performance.now() - t0, poses })
    }
    await host.results(done.splice(0))
    landmarker.close()
    status('Done.')
  } catch (error) {
    const message = error instanceof Error ? `${error.message}` : String(error)
    status(`Failed: ${message}`)
    await host.fail(message).catch(() => undefined)
  }
}

const params = new URLSearchParams(location.search)
if (params.get('host') === 'http') {
  void run(httpHost(new URL('.', location.href)))
} else {
  // Electron: the preload forwards the MessagePort that main created for this window.
  window.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { type?: string } | undefined
    const port = event.ports[0]
    if (data?.type === 'toonmo-detector-port' && port) void run(messagePortHost(port))
  })
}
