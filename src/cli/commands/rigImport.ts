import { importLayeredRig, userRigsDir } from '../../main/services/rigs/importRig'
import { optionString, parseArgs } from '../args'
import type { CliCommand } from '../command'
import { UsageError } from '../command'

export const rigImportCommand: CliCommand = {
  name: 'rig-import',
  summary: 'make a rig from a layered PSD or SVG (one named layer per part)',
  usage: `Usage: toonmo rig-import FILE.psd|FILE.svg [-o DIR] [--name NAME]

Reads a front-view drawing with one named layer per body part (SVG: one group per part, named by
inkscape:label, data-name or id) and writes a rig: DIR/rig.json and DIR/parts/ with one image per
part. Layer names: head, torso, and upper_arm, forearm, hand, thigh, shin, foot each with _r or
_l ("Upper Arm.R", "Left Shin" work too; r is the character's right). Bones are placed
automatically from the layers; adjust them in the app's rig setup mode. DIR must not exist or be
empty; without -o the rig goes in a new folder of ${userRigsDir()}. --name sets the rig's id
(default: from the file name). Use the rig with --rig DIR.`,
  async run(args, io) {
    const parsed = parseArgs(args, {
      flags: [],
      options: ['output', 'name'],
      aliases: { o: 'output' },
    })
    const [file, extra] = parsed.positionals
    if (!file) throw new UsageError('give the layered drawing to import (a .psd or .svg)')
    if (extra) throw new UsageError(`unexpected argument "${extra}"`)
    const outDir = optionString(parsed, 'output')
    const name = optionString(parsed, 'name')
    const loaded = await importLayeredRig(file, {
      ...(outDir ? { outDir } : {}),
      ...(name ? { name } : {}),
    })
    io.err(
      `imported ${loaded.rig.parts.length} parts and ${loaded.rig.bones.length} bones as rig "${loaded.rig.name}"\n`,
    )
    io.out(`${loaded.file}\n`)
    return 0
  },
}
