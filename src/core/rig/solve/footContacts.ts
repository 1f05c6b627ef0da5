/** Thresholds for {@link findFootContacts}, relative to the leg so they suit every rig's size. */
export interface ContactOptions {
  /** Planted while the ankle moves slower than this many leg lengths per second. Default 0.6. */
  maxSpeed?: number
  /** Planted while the sole is within this many leg lengths of the ground. Default 0.08. */
  maxHeight?: number
  /** Contacts shorter than this many frames are dropped as noise. Default 3. */
  minFrames?: number
  /** Breaks in a contact of up to this many frames are closed. Default 2. */
  maxGap?: number
}

/**
 * Finds the frames where one foot is planted, from its speed and its height above the ground.
 * `ankle` is [x0, y0, x1, y1, ...] in rig pixels; `plantedY` the ankle's y when the foot stands
 * on the ground line; `legLength` (hip to ankle) sets the scale. Returns 1 per planted frame.
 */
export function findFootContacts(
  ankle: Float64Array,
  plantedY: number,
  legLength: number,
  fps: number,
  options: ContactOptions = {},
): Uint8Array {
  const frames = ankle.length / 2
  const maxSpeed = (options.maxSpeed ?? 0.6) * legLength
  const maxHeight = (options.maxHeight ?? 0.08) * legLength
  const contacts = new Uint8Array(frames)
  for (let f = 0; f < frames; f++) {
    const a = Math.max(0, f - 1)
    const b = Math.min(frames - 1, f + 1)
    const dt = b > a ? (b - a) / fps : 1
    const speed =
      Math.hypot(ankle[2 * b]! - ankle[2 * a]!, ankle[2 * b + 1]! - ankle[2 * a + 1]!) / dt
    const height = plantedY - ankle[2 * f + 1]!
    contacts[f] = speed < maxSpeed && height < maxHeight ? 1 : 0
  }
  closeGaps(contacts, options.maxGap ?? 2)
  dropShortRuns(contacts, options.minFrames ?? 3)
  return contacts
}

/** [first, last] frame of every run of 1s, inclusive. */
export function contactRuns(contacts: ArrayLike<number>): [number, number][] {
  const runs: [number, number][] = []
  let start = -1
  for (let f = 0; f <= contacts.length; f++) {
    const on = f < contacts.length && contacts[f] === 1
    if (on && start < 0) start = f
    if (!on && start >= 0) {
      runs.push([start, f - 1])
      start = -1
    }
  }
  return runs
}

function closeGaps(c: Uint8Array, maxGap: number): void {
  const runs = contactRuns(c)
  for (let i = 1; i < runs.length; i++) {
    const gap = runs[i]![0] - runs[i - 1]![1] - 1
    if (gap <= maxGap) c.fill(1, runs[i - 1]![1] + 1, runs[i]![0])
  }
}

function dropShortRuns(c: Uint8Array, minFrames: number): void {
  for (const [a, b] of contactRuns(c)) if (b - a + 1 < minFrames) c.fill(0, a, b + 1)
}
