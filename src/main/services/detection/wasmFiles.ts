import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'

/** tasks-vision's WebAssembly folder, served locally to the detector page (never a CDN). */
export function tasksVisionWasmDir(): string {
  const require = createRequire(import.meta.url)
  // The package's exports hide package.json; its main bundle sits at the package root.
  return join(dirname(require.resolve('@mediapipe/tasks-vision')), 'wasm')
}
