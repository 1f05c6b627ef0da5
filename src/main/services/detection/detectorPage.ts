import type { RendererPageSpec } from '../browser/rendererPage'
import { rendererPageDir } from '../browser/rendererPage'

/** The detector page (src/renderer/detector.html) and what decides its build. */
export const detectorPageSpec: RendererPageSpec = {
  entry: 'detector',
  sources: [
    'src/renderer/detector',
    'src/renderer/stage/softwareRenderer.ts',
    'src/core/keypoints/detectorProtocol.ts',
  ],
  packages: ['@mediapipe/tasks-vision'],
}

/**
 * The folder holding the built detector page (detector.html and its assets): bundled from source
 * on first use (about half a second) and cached by a hash of its sources; see rendererPageDir.
 */
export function detectorPageDir(): Promise<string> {
  return rendererPageDir(detectorPageSpec)
}
