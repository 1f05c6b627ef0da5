import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { appRoot, rendererBuildDir } from '../../paths'
import { cacheRoot } from './cacheDir'

/** Files whose content decides the built page; a change rebuilds it. */
function pageSources(): string[] {
  const renderer = join(appRoot, 'src', 'renderer')
  const detectorDir = join(renderer, 'detector')
  return [
    join(renderer, 'detector.html'),
    ...readdirSync(detectorDir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .sort()
      .map((f) => join(detectorDir, f)),
    join(appRoot, 'src', 'core', 'keypoints', 'detectorProtocol.ts'),
  ]
}

function sourcesHash(): string {
  const hash = createHash('sha256')
  for (const file of pageSources()) hash.update(file).update(readFileSync(file))
  const require = createRequire(import.meta.url)
  hash.update(
    readFileSync(join(dirname(require.resolve('@mediapipe/tasks-vision')), 'package.json')),
  )
  return hash.digest('hex').slice(0, 16)
}

/**
 * The folder holding the built detector page (detector.html and its assets). In a checkout the
 * page is bundled from source with Vite on first use (about half a second) and cached by a hash
 * of its sources, so a fresh checkout needs no prior `npm run build` and never runs a stale page.
 * Without the sources (a packaged app) it is the electron-vite build in out/renderer.
 */
export async function detectorPageDir(): Promise<string> {
  const hasSources = existsSync(join(appRoot, 'src', 'renderer', 'detector.html'))
  if (!hasSources) {
    if (existsSync(join(rendererBuildDir, 'detector.html'))) return rendererBuildDir
    throw new Error('The detector page is not built: run "npm run build".')
  }
  const dir = join(cacheRoot(), 'detector-page', sourcesHash())
  if (existsSync(join(dir, 'detector.html'))) return dir
  mkdirSync(join(cacheRoot(), 'detector-page'), { recursive: true })
  const temp = `${dir}.${process.pid}.tmp`
  rmSync(temp, { recursive: true, force: true })
  const { build } = await import('vite')
  await build({
    configFile: false,
    root: join(appRoot, 'src', 'renderer'),
    base: './',
    logLevel: 'error',
    build: {
      outDir: temp,
      emptyOutDir: true,
      rollupOptions: { input: { detector: join(appRoot, 'src', 'renderer', 'detector.html') } },
    },
  })
  try {
    renameSync(temp, dir)
  } catch {
    // Another process built the same page at the same time; theirs is as good as ours.
    rmSync(temp, { recursive: true, force: true })
  }
  return dir
}
