import { poseModels } from '../../../core/keypoints/detectorProtocol'
import type { PoseModel } from '../../../core/keypoints/detectorProtocol'
import type { PageServer } from '../browser/pageServer'
import { startPageServer } from '../browser/pageServer'
import { detectorPageDir } from './detectorPage'
import { detectorCsp } from './detectorServer'
import { poseModelPath } from './modelFiles'
import { tasksVisionWasmDir } from './wasmFiles'

/** The detector page, its wasm and every pose model, for a window fed over a MessagePort. */
export interface DetectorFiles {
  server: PageServer
  pageUrl: string
  modelUrl(model: PoseModel): string
  wasmBase: string
}

/**
 * Serves the detector page, tasks-vision's wasm and the three pose models from 127.0.0.1 behind
 * a random token (the page server the headless runner uses), so a window loads everything from
 * its own origin under the page's strict CSP. Frames do not go through it: the page gets them
 * over a MessagePort (no `host=http` in the URL).
 */
export async function serveDetectorFiles(): Promise<DetectorFiles> {
  const models = await Promise.all(
    poseModels.map(async (m) => [`model-${m}.task`, await poseModelPath(m)] as const),
  )
  const server = await startPageServer({
    folders: { '': await detectorPageDir(), wasm: tasksVisionWasmDir() },
    files: Object.fromEntries(models),
    csp: detectorCsp,
  })
  return {
    server,
    pageUrl: `${server.base}detector.html`,
    modelUrl: (model) => `${server.base}model-${model}.task`,
    wasmBase: `${server.base}wasm`,
  }
}
