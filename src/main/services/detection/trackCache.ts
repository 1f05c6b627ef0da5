import { createHash } from 'node:crypto'
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import type { DetectionFrame, DetectionSettings, RawDetection } from '../../../core/keypoints/types'

/**
 * Bumped when detection output changes for the same footage and settings (page, models, wire
 * conversion), so old cache entries are not reused.
 */
export const detectorVersion = 1

/** The cache key: footage fingerprint + model + every setting that changes the output. */
export function detectionCacheKey(footage: string, settings: DetectionSettings): string {
  const ordered = Object.keys(settings)
    .sort()
    .map((k) => [k, settings[k as keyof DetectionSettings]])
  return createHash('sha256')
    .update(JSON.stringify({ footage, settings: ordered, detectorVersion }))
    .digest('hex')
    .slice(0, 32)
}

/** Header line of a partial (in-progress) detection file. */
interface PartialHeader {
  settings: DetectionSettings
  fps: number
  width: number
  height: number
}

/**
 * Detected tracks on disk: `<key>.json` for a finished clip, `<key>.partial.jsonl` (a header line,
 * then one line per detected frame, appended as results arrive from any lane, in any order) for a
 * run that was cancelled or crashed, so the next run detects only the frames it had not done.
 */
export class TrackCache {
  constructor(readonly dir: string) {}

  private finalPath(key: string): string {
    return join(this.dir, `${key}.json`)
  }
  private partialPath(key: string): string {
    return join(this.dir, `${key}.partial.jsonl`)
  }

  /** A finished detection, or undefined. A damaged file counts as absent. */
  load(key: string): RawDetection | undefined {
    const path = this.finalPath(key)
    if (!existsSync(path)) return undefined
    try {
      const raw = JSON.parse(readFileSync(path, 'utf8')) as RawDetection
      return raw.format === 'toonmo.detection' && Array.isArray(raw.frames) ? raw : undefined
    } catch {
      return undefined
    }
  }

  /**
   * Frames of an interrupted run as written (lanes write out of order); a torn last line (a crash
   * mid-write) is dropped.
   */
  loadPartial(key: string): DetectionFrame[] {
    const path = this.partialPath(key)
    if (!existsSync(path)) return []
    const lines = readFileSync(path, 'utf8').split('\n')
    const frames: DetectionFrame[] = []
    for (const line of lines.slice(1)) {
      if (!line.trim()) continue
      try {
        frames.push(JSON.parse(line) as DetectionFrame)
      } catch {
        break
      }
    }
    return frames
  }

  /** Starts (or continues) the partial file; rewrites it with the frames kept so far. */
  beginPartial(key: string, header: PartialHeader, kept: DetectionFrame[]): void {
    mkdirSync(this.dir, { recursive: true })
    const lines = [JSON.stringify(header), ...kept.map((f) => JSON.stringify(f))]
    writeFileSync(this.partialPath(key), `${lines.join('\n')}\n`)
  }

  appendPartial(key: string, frame: DetectionFrame): void {
    appendFileSync(this.partialPath(key), `${JSON.stringify(frame)}\n`)
  }

  /**
   * Claims a key for this process so two runs never append to the same partial file. A lock
   * left by a process that no longer exists is taken over. Returns a release function.
   */
  lock(key: string): () => void {
    mkdirSync(this.dir, { recursive: true })
    const path = join(this.dir, `${key}.lock`)
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(path, String(process.pid), { flag: 'wx' })
        return () => rmSync(path, { force: true })
      } catch {
        const owner = Number(readFileSync(path, 'utf8'))
        if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
          throw new Error(
            `another Toonmo process (pid ${owner}) is detecting this footage with the same settings right now; ` +
              'wait for it to finish (its result is then reused), or stop it.',
          )
        }
        rmSync(path, { force: true })
      }
    }
    throw new Error(`could not lock ${path}`)
  }

  /** Stores a finished detection atomically and drops its partial file. */
  save(key: string, raw: RawDetection): void {
    mkdirSync(this.dir, { recursive: true })
    const path = this.finalPath(key)
    const temp = `${path}.${process.pid}.tmp`
    const { frames, ...head } = raw
    const text = `${JSON.stringify(head).slice(0, -1)},"frames":[\n${frames.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`
    writeFileSync(temp, text)
    renameSync(temp, path)
    rmSync(this.partialPath(key), { force: true })
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
