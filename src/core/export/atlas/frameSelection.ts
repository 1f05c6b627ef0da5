import type { RigAnimation } from '../../rig/animation'

/** A frame range of an animation: `start` inclusive, `end` exclusive. */
export interface FrameRange {
  start: number
  end: number
}

/** A range or rate that cannot be exported; the message says what would work. */
export class ExportRangeError extends Error {
  override name = 'ExportRangeError'
}

/**
 * The source frame shown in each output frame when exporting `range` (default: all) of an
 * animation of `frameCount` frames at `fps`, resampled to `outFps` (default: the same). A lower
 * rate drops frames, a higher one holds poses (nearest earlier frame), so no pose is invented.
 */
export function selectFrames(
  frameCount: number,
  fps: number,
  range?: FrameRange,
  outFps = fps,
): number[] {
  const start = range?.start ?? 0
  const end = range?.end ?? frameCount
  if (frameCount === 0)
    throw new ExportRangeError('the animation has no frames: there is nothing to export')
  if (!Number.isInteger(start) || !Number.isInteger(end) || end <= start) {
    throw new ExportRangeError(
      `the frame range ${start}..${end - 1} is empty: choose a range with at least one frame within 0..${frameCount - 1}`,
    )
  }
  if (start < 0 || end > frameCount) {
    throw new ExportRangeError(
      `the frame range ${start}..${end - 1} lies outside the animation's frames 0..${frameCount - 1}`,
    )
  }
  if (!(outFps > 0 && outFps <= 240))
    throw new ExportRangeError(`the frame rate must be between 0 and 240 fps, got ${outFps}`)
  const duration = (end - start) / fps
  const count = Math.max(1, Math.round(duration * outFps))
  const out: number[] = []
  for (let i = 0; i < count; i++)
    out.push(Math.min(end - 1, start + Math.floor((i * fps) / outFps + 1e-9)))
  return out
}

/** An animation made of the given source frames, played at `fps`. */
export function pickFrames(
  anim: RigAnimation,
  frames: readonly number[],
  fps: number,
): RigAnimation {
  const n = anim.bones.length
  const root = new Float64Array(frames.length * 2)
  const rotations = new Float64Array(frames.length * n)
  const stretch = anim.stretch ? new Float64Array(frames.length * 2) : null
  frames.forEach((src, i) => {
    root[2 * i] = anim.root[2 * src]!
    root[2 * i + 1] = anim.root[2 * src + 1]!
    rotations.set(anim.rotations.subarray(src * n, (src + 1) * n), i * n)
    if (stretch && anim.stretch) {
      stretch[2 * i] = anim.stretch[2 * src]!
      stretch[2 * i + 1] = anim.stretch[2 * src + 1]!
    }
  })
  const partImages = Object.fromEntries(
    Object.entries(anim.partImages).map(([part, choices]) => [
      part,
      frames.map((f) => choices[f] ?? null),
    ]),
  )
  const contacts = anim.contacts
    ? {
        right: Uint8Array.from(frames, (f) => anim.contacts!.right[f] ?? 0),
        left: Uint8Array.from(frames, (f) => anim.contacts!.left[f] ?? 0),
      }
    : null
  return {
    ...anim,
    fps,
    frameCount: frames.length,
    bones: [...anim.bones],
    root,
    rotations,
    stretch,
    partImages,
    contacts,
  }
}
