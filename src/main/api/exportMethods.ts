import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { fileStemProblem } from '../../core/document/fileNames'
import { fromSkeletalFile } from '../../core/export/skeletalJson'
import { exportAnimation } from '../services/export/exportAnimation'
import { resolveRig } from '../services/rigs/rigFiles'
import type { JobRunner } from './jobs'
import type { ApiContext } from './method'
import { method } from './method'

const options = z.object({
  folder: z.string().min(1).max(4096),
  name: z.string().superRefine((name, ctx) => {
    const problem = fileStemProblem(name)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  }),
  spriteSheet: z.boolean(),
  skeletalJson: z.boolean(),
  bvh: z.boolean(),
  gif: z.boolean(),
  video: z.boolean(),
  width: z.number().int().min(16).max(4096),
  height: z.number().int().min(16).max(4096),
  fps: z.number().positive().max(240).nullable(),
  range: z.object({ start: z.number().int().min(0), end: z.number().int().min(1) }).nullable(),
  background: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .nullable(),
  maxSide: z.union([z.literal(2048), z.literal(4096), z.literal(8192)]),
  powerOfTwo: z.boolean(),
  padding: z.number().int().min(0).max(64),
  extrude: z.number().int().min(0).max(64),
})

export type ExportDialogOptions = z.infer<typeof options>

/**
 * The editor's export: the animation exactly as the animator sees it (cartoon controls and edit
 * layer applied) arrives as a skeletal JSON document, and every chosen output is written by the
 * same service as `toonmo export`, as a job with progress and cancel. All files appear together
 * at the end, or none.
 */
export function exportMethods(ctx: ApiContext, jobs: JobRunner) {
  return {
    'export.run': method(
      z.tuple([z.string().min(1).max(4096), z.unknown(), options]),
      async (rigName, skeletal, o) => {
        const { animation } = fromSkeletalFile(skeletal)
        const rig = await resolveRig(rigName)
        const base = join(o.folder, o.name)
        const previews = [...(o.gif ? [`${base}.gif`] : []), ...(o.video ? [`${base}.mp4`] : [])]
        if (!o.spriteSheet && !o.skeletalJson && !o.bvh && previews.length === 0) {
          throw new Error('Choose at least one output (sprite sheet, JSON, BVH, GIF or video).')
        }
        await mkdir(o.folder, { recursive: true })
        return {
          jobId: jobs.start(
            'Exporting',
            (job) =>
              exportAnimation({
                rig,
                animation,
                ...(o.range ? { range: o.range } : {}),
                ...(o.fps ? { fps: o.fps } : {}),
                width: o.width,
                height: o.height,
                background: o.background,
                ...(o.spriteSheet
                  ? {
                      spriteSheet: {
                        prefix: base,
                        maxSide: o.maxSide,
                        powerOfTwo: o.powerOfTwo,
                        padding: o.padding,
                        extrude: o.extrude,
                      },
                    }
                  : {}),
                ...(o.skeletalJson ? { skeletalJson: `${base}.skeletal.json` } : {}),
                ...(o.bvh ? { bvh: `${base}.bvh` } : {}),
                previews,
                signal: job.signal,
                onProgress: (p) => job.progress(p.done, p.total),
              }),
            (result) => ctx.emit('export:done', { files: result.files }),
          ),
        }
      },
    ),
  }
}
