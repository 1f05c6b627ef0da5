/**
 * Keeps the main process (Electron's, or `toonmo serve`'s) alive through a rejected promise that
 * no code awaited. Node's default ends the process, which would take every open window's
 * services with it and lose what is not yet saved; such a rejection is a bug, so it is written
 * to stderr in full for the report, and the work goes on.
 */
export function surviveStrayRejections(write: (text: string) => void): void {
  process.on('unhandledRejection', (reason) => {
    const detail = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)
    write(
      `Toonmo: an operation failed with nobody waiting for it (a bug; please report):\n${detail}\n`,
    )
  })
}
