import { execFileSync } from 'node:child_process'
import { findFfmpegTools } from './ffmpegPaths'
import type { ToolSource } from './ffmpegPaths'

export interface ToolDescription {
  path: string
  /** Where it was found: the ffmpeg-static package, FFMPEG_PATH/FFPROBE_PATH, or the system's PATH. */
  source: ToolSource
  /** The version word of `-version`'s first line (e.g. "5.1.9-0+deb12u1"), or "unknown". */
  version: string
}

function versionOf(path: string): string {
  try {
    const first =
      execFileSync(path, ['-version'], { encoding: 'utf8', timeout: 10_000 }).split('\n')[0] ?? ''
    return /version\s+(\S+)/.exec(first)?.[1] ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/** Which ffmpeg and ffprobe Toonmo uses and their versions, for `toonmo doctor`. */
export function describeFfmpeg(): { ffmpeg?: ToolDescription; ffprobe?: ToolDescription } {
  const tools = findFfmpegTools()
  const describe = (t: typeof tools.ffmpeg): ToolDescription | undefined =>
    t ? { path: t.path, source: t.source, version: versionOf(t.path) } : undefined
  const out: { ffmpeg?: ToolDescription; ffprobe?: ToolDescription } = {}
  const ffmpeg = describe(tools.ffmpeg)
  const ffprobe = describe(tools.ffprobe)
  if (ffmpeg) out.ffmpeg = ffmpeg
  if (ffprobe) out.ffprobe = ffprobe
  return out
}
