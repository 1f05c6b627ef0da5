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
  const feed = runFeed(options)
  const files = Promise.all([detectorPageDir(), poseModelPath(options.settings.model)])
  files.catch(() => undefined)
  let pageDir: string
  let modelPath: string
  try {
    // The page is bundled on first use, which takes seconds on a busy machine. A cancel in that
    // time ends the run at once (the feed rejects); the build goes on and is cached for next time.
    ;[pageDir, modelPath] = await Promise.race([files, feed.done.then(() => files)])
  } catch (error) {
    feed.fail(error instanceof Error ? error : new Error(String(error)))
    throw error
  }
  const server = await startDetectorServer({
    pageDir,
    wasmDir: tasksVisionWasmDir(),
    modelPath,
    config: detectorSettingsConfig(options.settings),
  })
  server.setFeed(feed)
  return { server, feed }
}
