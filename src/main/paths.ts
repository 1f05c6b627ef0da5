import { dirname, join, resolve } from 'node:path'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * The repository (or packaged app) root: the folder holding package.json, resources/ and models/.
 * Found by walking up from this file, so it works from src/ (tsx), out/main (built) and tests.
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'resources'))) return dir
    dir = resolve(dir, '..')
  }
  return process.cwd()
}

export const appRoot = findRoot()
export const resourcesDir = join(appRoot, 'resources')
export const modelsDir = join(appRoot, 'models')
export const rendererBuildDir = join(appRoot, 'out', 'renderer')
/** ../shared/data beside the checkout: real footage and mocap for development and tests. */
export const sharedDataDir = resolve(appRoot, '..', 'shared', 'data')
