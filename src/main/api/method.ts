import type { z } from 'zod'
import type { DetectorBackend } from '../services/detection/detectorRun'

/**
 * One API method: a zod tuple validating its arguments (main never trusts the renderer), and the
 * implementation. The renderer's type is derived from these, so the two cannot drift.
 */
export interface Method<A extends z.ZodTuple = z.ZodTuple, R = unknown> {
  args: A
  run: (...args: z.output<A>) => Promise<R>
}

export function method<A extends z.ZodTuple, R>(
  args: A,
  run: (...args: z.output<A>) => Promise<R>,
): Method<A, R> {
  return { args, run }
}

/** Progress and other pushes from main to the renderer. */
export interface ApiEvents {
  'job:progress': {
    jobId: string
    done: number
    total: number
    etaSec: number | null
    label: string
  }
  /** `cancelled` when the job ended because it was cancelled, not because it failed. */
  'job:done': { jobId: string; ok: boolean; message?: string; cancelled?: boolean }
  'menu:command': { command: string }
  'footage:preview': {
    path: string
    info: { key: string; width: number; height: number; times: number[] }
  }
  'export:done': { files: string[] }
  'detection:done': { path: string; model: 'lite' | 'full' | 'heavy'; cacheKey: string }
  /** Damage found in footage while working on it (cut off, garbled data); ready to show. */
  'footage:warning': { path: string; message: string }
}

/** What every domain's methods get from the host (Electron or `toonmo serve`). */
export interface ApiContext {
  mode: 'electron' | 'browser'
  /**
   * Runs keypoint detection: Electron's hidden detector window. Absent (`toonmo serve`, the CLI),
   * each run launches the detector page in a headless Chromium.
   */
  detector?: DetectorBackend
  emit<K extends keyof ApiEvents>(channel: K, payload: ApiEvents[K]): void
  /** Native file dialogs; absent in browser mode, where the renderer asks for a path itself. */
  dialogs?: {
    openFile(options: { title: string; extensions: string[] }): Promise<string | null>
    saveFile(options: {
      title: string
      defaultPath: string
      extensions: string[]
    }): Promise<string | null>
  }
}

/** An error that crosses the bridge with a machine-readable kind. */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    message: string,
    readonly kind: string,
  ) {
    super(message)
  }
}
