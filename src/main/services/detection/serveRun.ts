import { detectorPageDir } from './detectorPage'
import type { DetectorRunOptions } from './detectorRun'
import { detectorSettingsConfig, runFeed } from './detectorRun'
import type { DetectorServer } from './detectorServer'
import { startDetectorServer } from './detectorServer'
import type { FrameFeed } from './frameFeed'
import { poseModelPath } from './modelFiles'
import { tasksVisionWasmDir } from './wasmFiles'

/**
 * Starts one run's local server (page, wasm, the chosen model, the frame protocol) with the run's
 * feed attached: what every browser that loads the page over HTTP needs, whichever it is.
 */
export async function serveRun(
  options: DetectorRunOptions,
): Promise<{ server: DetectorServer; feed: FrameFeed }> {
  const [pageDir, modelPath] = await Promise.all([
    detectorPageDir(),
    poseModelPath(options.settings.model),
  ])
  const server = await startDetectorServer({
    pageDir,
    wasmDir: tasksVisionWasmDir(),
    modelPath,
    config: detectorSettingsConfig(options.settings),
  })
  const feed = runFeed(options)
  server.setFeed(feed)
  return { server, feed }
}
