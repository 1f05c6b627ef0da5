import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { execFileSync } from 'node:child_process'

export type ToolSource = 'ffmpeg-static' | 'env' | 'system'

export interface ToolLocation {
  path: string
  source: ToolSource
}

const require = createRequire(import.meta.url)

function onPath(name: string): string | undefined {
  try {
    const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim()
    return found || undefined
  } catch {
    return undefined
  }
}

function fromStaticPackage(pkg: string): string | undefined {
  try {
    const mod = require(pkg) as string | { path?: string }
    const path = typeof mod === 'string' ? mod : mod.path
    return path && existsSync(path) ? path : undefined
  } catch {
    return undefined
  }
}

/**
 * Finds a tool in the order the design card sets: the npm package (ffmpeg-static's binary is
 * fetched by a postinstall that may fail offline, so it may be absent), then the env variable,
 * then the system's PATH.
 */
function locate(tool: 'ffmpeg' | 'ffprobe'): ToolLocation | undefined {
  const staticPath = fromStaticPackage(tool === 'ffmpeg' ? 'ffmpeg-static' : 'ffprobe-static')
  if (staticPath) return { path: staticPath, source: 'ffmpeg-static' }
  const env = process.env[tool === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH']
  if (env && existsSync(env)) return { path: env, source: 'env' }
  const system = onPath(tool)
  return system ? { path: system, source: 'system' } : undefined
}

let cached: { ffmpeg?: ToolLocation; ffprobe?: ToolLocation } | undefined

/** ffmpeg and ffprobe as found on this machine (cached for the process). */
export function findFfmpegTools(): { ffmpeg?: ToolLocation; ffprobe?: ToolLocation } {
  cached ??= { ffmpeg: locate('ffmpeg'), ffprobe: locate('ffprobe') }
  return cached
}

/** The ffmpeg binary or a message telling the user how to get one. */
export function requireTool(tool: 'ffmpeg' | 'ffprobe'): string {
  const found = findFfmpegTools()[tool]
  if (!found) {
    throw new Error(
      `${tool} was not found. Install it (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg) ` +
        `or set ${tool === 'ffmpeg' ? 'FFMPEG_PATH' : 'FFPROBE_PATH'} to its path.`,
    )
  }
  return found.path
}
