import type { CliCommand } from '../command'
import { doctorCommand } from './doctor'
import { serveCommand } from './serve'

/**
 * Every subcommand, in the order `toonmo --help` lists them. A capability adds its command file
 * beside this one and one line here.
 */
export const commands: CliCommand[] = [serveCommand, doctorCommand]
