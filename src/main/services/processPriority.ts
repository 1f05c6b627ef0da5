import { constants, setPriority } from 'node:os'

/**
 * Runs a child process below normal priority. Batch work (a preview build, keypoint detection)
 * does this so that, on a machine with two cores, what the animator asks for now (the frame
 * under the playhead, the window itself) is not queued behind it. Children the process starts
 * afterwards inherit it. Best effort: where the OS refuses, the process runs as it is.
 */
export function runBelowNormal(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    setPriority(pid, constants.priority.PRIORITY_BELOW_NORMAL)
  } catch {
    // A process that already exited, or a platform that does not allow it: nothing to do.
  }
}
