import { resolve } from 'node:path'
import { rigToSkeleton } from '../../core/rig/skel'
import { writeFileAtomic } from '../../main/services/projects/atomicWrite'
import { listBundledRigs, resolveRig } from '../../main/services/rigs/rigFiles'
import { optionString, parseArgs } from '../args'
import type { CliCommand } from '../command'
import { UsageError } from '../command'

export const rigsCommand: CliCommand = {
  name: 'rigs',
  summary: 'list the bundled rigs, or write a rig’s skeleton (SKEL) for retargeting',
  usage: `Usage: toonmo rigs [--json]
       toonmo rigs --skeleton RIG [-o SKEL.json]

Without options, lists the bundled rigs (name, title, description); --json prints the list as
JSON. --skeleton writes RIG's target skeleton for "toonmo retarget --target": its front-view rest
pose as {"format":"toonmo.skeleton","version":1,"joints":[15 body15 names],"rest":[[x,y],...]}
in rig pixels, y down, to stdout or to -o FILE. RIG is a bundled name or a path to a rig.json.`,
  async run(args, io) {
    const parsed = parseArgs(args, {
      flags: ['json'],
      options: ['skeleton', 'output'],
      aliases: { o: 'output' },
    })
    if (parsed.positionals.length > 0) {
      throw new UsageError(
        `unexpected argument "${parsed.positionals[0]}" (did you mean --skeleton ${parsed.positionals[0]}?)`,
      )
    }
    const name = optionString(parsed, 'skeleton')
    const output = optionString(parsed, 'output')
    if (name === undefined) {
      if (output) throw new UsageError('-o goes with --skeleton RIG')
      const rigs = await listBundledRigs()
      if (parsed.options.has('json')) {
        io.out(`${JSON.stringify(rigs, null, 2)}\n`)
        return 0
      }
      const width = Math.max(...rigs.map((r) => r.name.length))
      const titleWidth = Math.max(...rigs.map((r) => r.title.length))
      for (const r of rigs)
        io.out(`${r.name.padEnd(width)}  ${r.title.padEnd(titleWidth)}  ${r.description}\n`)
      return 0
    }
    const loaded = await resolveRig(name)
    const text = `${JSON.stringify(rigToSkeleton(loaded.compiled))}\n`
    if (output) {
      await writeFileAtomic(resolve(output), text)
      io.err(`wrote the ${loaded.rig.name} skeleton to ${resolve(output)}\n`)
    } else {
      io.out(text)
    }
    return 0
  },
}
