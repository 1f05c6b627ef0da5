import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { join } from 'node:path'
import { appRoot, rendererBuildDir } from '../../paths'
import { cacheRoot } from '../detection/cacheDir'

export interface RendererPageSpec {
  /** The entry's name: `exporter` for src/renderer/exporter.html. */
  entry: string
  /** Source folders and files (relative to the repo root) whose content decides the build. */
  sources: string[]
  /** npm packages whose version decides the build too. */
  packages?: string[]
}

function listFiles(path: string): string[] {
  if (!existsSync(path)) return []
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path)
    .sort()
    .flatMap((name) => (name.endsWith('.test.ts') ? [] : listFiles(join(path, name))))
}

function sourcesHash(spec: RendererPageSpec): string {
  const hash = createHash('sha256')
  for (const source of [`src/renderer/${spec.entry}.html`, ...spec.sources]) {
    for (const file of listFiles(join(appRoot, source)))
      hash.update(file).update(readFileSync(file))
  }
  for (const pkg of spec.packages ?? []) {
    // Read from node_modules directly: packages such as pixi.js do not export package.json.
    const manifest = join(appRoot, 'node_modules', pkg, 'package.json')
    if (existsSync(manifest)) hash.update(readFileSync(manifest))
  }
  return hash.digest('hex').slice(0, 16)
}

/**
 * The folder holding a built renderer page (ENTRY.html and its assets) for headless use. In a
 * checkout the page is bundled from source with Vite on first use and cached by a hash of its
 * sources, so a fresh checkout needs no prior `npm run build` and never runs a stale page.
 * Without the sources (a packaged app) it is the electron-vite build in out/renderer.
 */
export async function rendererPageDir(spec: RendererPageSpec): Promise<string> {
  const html = join(appRoot, 'src', 'renderer', `${spec.entry}.html`)
  if (!existsSync(html)) {
    if (existsSync(join(rendererBuildDir, `${spec.entry}.html`))) return rendererBuildDir
    throw new Error(`The ${spec.entry} page is not built: run "npm run build".`)
  }
  const root = join(cacheRoot(), `${spec.entry}-page`)
  const dir = join(root, sourcesHash(spec))
  if (existsSync(join(dir, `${spec.entry}.html`))) return dir
  // Detection's lanes all ask at once on first use: one build serves them all.
  let building = buildsInProcess.get(dir)
  if (!building) {
    building = buildPage(spec, html, root, dir).finally(() => buildsInProcess.delete(dir))
    buildsInProcess.set(dir, building)
  }
  return building
}

/** Page builds under way in this process, by output folder. */
const buildsInProcess = new Map<string, Promise<string>>()

async function buildPage(
  spec: RendererPageSpec,
  html: string,
  root: string,
  dir: string,
): Promise<string> {
  mkdirSync(root, { recursive: true })
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
      chunkSizeWarningLimit: 4096,
      rollupOptions: { input: { [spec.entry]: html } },
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
