/** Where a command writes; injected so tests can capture output. */
export interface CliIo {
  out(text: string): void
  err(text: string): void
  /** True when stderr is a terminal, so progress bars may redraw in place. */
  isTty: boolean
}

/**
 * One `toonmo` subcommand. `run` returns the process exit code: 0 success, 1 failure the user
 * can fix (bad input, missing tool), 2 a usage error.
 */
export interface CliCommand {
  name: string
  /** One line for `toonmo --help`. */
  summary: string
  /** Full usage text for `toonmo NAME --help`. */
  usage: string
  run(args: string[], io: CliIo): Promise<number>
}

/** Thrown for a usage mistake; main prints the message and the command's usage, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/**
 * Writes a warning on a line of its own. On a terminal it first clears a progress line that is
 * being redrawn in place, so the warning does not end up glued to it; the bar redraws below.
 */
export function printWarning(io: CliIo, message: string): void {
  io.err(`${io.isTty ? '\r\u001b[K' : ''}warning: ${message}\n`)
}
