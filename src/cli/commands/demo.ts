import { resolve } from 'node:path'
import { trackToAnimation } from '../../main/services/export/animationSources'
import { loadSampleProject } from '../../main/services/projects/sampleProject'
import { resolveRig } from '../../main/services/rigs/rigFiles'
import { parseArgs } from '../args'
import type { CliCommand } from '../command'
import { UsageError } from '../command'
import {
  cancelOnSigint,
  exportOptions,
  exportSettings,
  pipelineProgress,
  terminalProgress,
} from './export'
import { exportEverything } from './run'

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'export the sample project (a real performance on a bundled rig) to see every output',
  usage: `Usage: toonmo demo [DIR] [options]

Runs the pipeline on the sample project that "npm start" opens: its keypoint track (detected by
Toonmo from a real clip) is retargeted onto the project's rig, posed, and exported into DIR
(default ./toonmo-demo): sprite sheet, skeletal JSON, BVH, GIF and MP4 (with the footage beside
the rig where ../shared/data has the clip). Any "toonmo export" option applies too.`,
  async run(args, io) {
    const parsed = parseArgs(args, exportOptions)
    const [out = 'toonmo-demo', ...extra] = parsed.positionals
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`)
    exportSettings(parsed)
    const sample = await loadSampleProject()
    const ref = sample.doc.activeRigId ? sample.doc.rigs[sample.doc.activeRigId] : undefined
    const rigName = ref
      ? ref.source.kind === 'bundled'
        ? ref.source.name
        : ref.source.path
      : 'chibi'
    const rig = await resolveRig(rigName)
    const footage = Object.values(sample.doc.footage)[0]?.path
    const cancel = cancelOnSigint(io, 'demo')
    const progress = terminalProgress(io)
    try {
      const animation = await trackToAnimation(sample.track, rig, {
        view: sample.doc.retarget.view,
        cartoon: sample.doc.cartoon,
        signal: cancel.signal,
        onProgress: pipelineProgress(progress),
      })
      progress.end()
      io.err(
        `sample "${sample.doc.name}" on ${rig.rig.title} (${rig.rig.name}): ${animation.frameCount} frames${footage ? '' : ' (its footage is not on this machine: previews show the rig alone)'}\n`,
      )
      await exportEverything(resolve(out), 'sample', rig, animation, parsed, io, {
        ...(footage ? { footage } : {}),
        signal: cancel.signal,
        progress,
      })
      return 0
    } finally {
      cancel.dispose()
    }
  },
}
