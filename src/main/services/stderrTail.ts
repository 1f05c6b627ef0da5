import type { Readable } from 'node:stream'

/** The last 4,000 characters a child process wrote to stderr: enough to say why it failed. */
export interface StderrTail {
  /** All that is kept, trimmed. */
  text(): string
  /** The last three lines on one line, for a one-line error message. */
  lastLines(): string
}

/** Keeps the end of `stderr` as it is written, never the whole of a long-running process's log. */
export function keepStderrTail(stderr: Readable | null): StderrTail {
  let kept = ''
  stderr?.on('data', (d: Buffer) => (kept = (kept + d.toString()).slice(-4000)))
  return {
    text: () => kept.trim(),
    lastLines: () => kept.trim().split('\n').slice(-3).join(' | '),
  }
}
