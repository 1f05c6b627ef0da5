import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { modelsDir } from '../../paths'
import { findBrowser, findElectronBinary, noBrowserMessage } from '../browser/findBrowser'
import { launchHeadlessChromium } from '../browser/launchChromium'
import { findFfmpegTools } from '../media/ffmpegPaths'

export interface Check {
  name: string
  ok: boolean
  /** A missing required item makes `toonmo doctor` exit non-zero. */
  required: boolean
  detail: string
}

function firstLine(path: string, args: string[]): string {
  try {
    return (
      execFileSync(path, args, { encoding: 'utf8', timeout: 10_000 }).split('\n')[0]?.trim() ?? ''
    )
  } catch {
    return ''
  }
}

export function checkFfmpeg(): Check[] {
  const tools = findFfmpegTools()
  return (['ffmpeg', 'ffprobe'] as const).map((tool) => {
    const found = tools[tool]
    if (!found) {
      return {
        name: tool,
        ok: false,
        required: true,
        detail: `not found: install ffmpeg (Debian/Ubuntu: apt-get install ffmpeg) or set ${tool === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH'}`,
      }
    }
    const version = firstLine(found.path, ['-version']).replace(/ Copyright.*/, '')
    return {
      name: tool,
      ok: true,
      required: true,
      detail: `${found.path} (from ${found.source}) ${version}`,
    }
  })
}

export function checkBrowser(): Check[] {
  const browser = findBrowser()
  const electron = findElectronBinary()
  return [
    browser
      ? {
          name: 'headless browser',
          ok: true,
          required: true,
          detail: `${browser.path} (${browser.source})`,
        }
      : { name: 'headless browser', ok: false, required: true, detail: noBrowserMessage },
    electron
      ? { name: 'electron binary', ok: true, required: false, detail: electron }
      : {
          name: 'electron binary',
          ok: false,
          required: false,
          detail:
            'not fetched yet: `npm start` downloads it on first run; `toonmo serve` works without it',
        },
  ]
}

export function checkModels(): Check[] {
  const files: [string, string, boolean][] = [
    ['pose model (lite)', join(modelsDir, 'mediapipe', 'pose_landmarker_lite.task'), true],
    ['pose model (full)', join(modelsDir, 'mediapipe', 'pose_landmarker_full.task'), true],
    ['pose model (heavy)', join(modelsDir, 'mediapipe', 'pose_landmarker_heavy.task'), true],
    ['retargeting model', join(modelsDir, 'retarget.onnx'), true],
  ]
  return files.map(([name, path, required]) => ({
    name,
    ok: existsSync(path),
    required,
    detail: existsSync(path)
      ? path
      : name.startsWith('pose')
        ? `missing ${path}: run "npm install" (it assembles the pose models), or "npx tsx scripts/assemble-models.ts"`
        : `missing ${path}: it ships in the repository; restore it with "git checkout -- models"`,
  }))
}

/** Asks a headless browser for a WebGPU adapter; the app falls back to WebAssembly without one. */
export async function checkWebGpu(): Promise<Check> {
  const browser = findBrowser()
  if (!browser || browser.isElectron) {
    return { name: 'WebGPU', ok: false, required: false, detail: 'not checked: no Chromium to ask' }
  }
  try {
    const instance = await launchHeadlessChromium(['--enable-unsafe-webgpu'])
    try {
      const page = await instance.newPage()
      const adapter = await page.evaluate(async () => {
        const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu
        if (!gpu) return 'no navigator.gpu'
        const a = await gpu.requestAdapter()
        return a ? 'adapter found' : 'no adapter'
      })
      const ok = adapter === 'adapter found'
      return {
        name: 'WebGPU',
        ok,
        required: false,
        detail: ok
          ? 'available: retargeting runs on the GPU'
          : `${adapter}: retargeting uses WebAssembly (slower, works)`,
      }
    } finally {
      await instance.close()
    }
  } catch (error) {
    return {
      name: 'WebGPU',
      ok: false,
      required: false,
      detail: `could not check: ${(error as Error).message.split('\n')[0]}`,
    }
  }
}

export async function runChecks(options: { webgpu: boolean }): Promise<Check[]> {
  const checks = [
    { name: 'node', ok: true, required: true, detail: process.version },
    ...checkFfmpeg(),
    ...checkBrowser(),
    ...checkModels(),
  ]
  if (options.webgpu) checks.push(await checkWebGpu())
  return checks
}
