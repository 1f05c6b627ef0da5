import type { CliCommand } from '../command'
import { demoCommand } from './demo'
import { detectCommand } from './detect'
import { doctorCommand } from './doctor'
import { exportCommand } from './export'
import { poseCommand } from './pose'
import { probeCommand } from './probe'
import { retargetCommand } from './retarget'
import { rigImportCommand } from './rigImport'
import { rigsCommand } from './rigs'
import { runCommand } from './run'
import { serveCommand } from './serve'

/**
 * Every subcommand, in the order `toonmo --help` lists them: the pipeline's steps in order, then
 * the whole pipeline, then the app and the machine check. A capability adds its command file
 * beside this one and one line here.
 */
export const commands: CliCommand[] = [
  probeCommand,
  detectCommand,
  retargetCommand,
  rigsCommand,
  rigImportCommand,
  poseCommand,
  exportCommand,
  runCommand,
  demoCommand,
  serveCommand,
  doctorCommand,
]
