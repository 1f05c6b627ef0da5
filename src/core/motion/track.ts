import { BODY15_JOINTS } from '../skeleton/body15'
import { MEDIAPIPE33_JOINTS } from '../skeleton/mediapipe33'

/** The joint sets a track file may name in its `skeleton` field. */
export type TrackSkeleton = 'body15' | 'mediapipe33'

/** One keypoint: x and y in pixels of the upright frame (origin top-left, y down), confidence 0-1. */
export type TrackPoint = [x: number, y: number, confidence: number]

/** One frame: its presentation time in seconds, and one point per joint, or null when no person. */
export interface TrackFrame {
  time: number
  points: TrackPoint[] | null
}

/**
 * A keypoint track in memory: the `toonmo.track` file without its `format`/`version` envelope.
 * `skeleton` is optional here so code building a track from a joint list need not repeat it;
 * {@link trackSkeleton} derives it from `joints`.
 */
export interface Track {
  fps: number
  /** Frame size in pixels (upright). */
  width: number
  height: number
  skeleton?: TrackSkeleton
  joints: string[]
  frames: TrackFrame[]
}

/** Thrown for a track file that is not valid; the message names the bad field and what to do. */
export class TrackFormatError extends Error {
  override name = 'TrackFormatError'
}

const FORMAT = 'toonmo.track'
const VERSION = 1

const JOINTS_BY_SKELETON: Record<TrackSkeleton, readonly string[]> = {
  body15: BODY15_JOINTS,
  mediapipe33: MEDIAPIPE33_JOINTS,
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}

/** The skeleton a joint list is, or undefined when it is neither body15 nor mediapipe33. */
export function skeletonOfJoints(joints: readonly string[]): TrackSkeleton | undefined {
  for (const [skeleton, names] of Object.entries(JOINTS_BY_SKELETON)) {
    if (sameList(joints, names)) return skeleton as TrackSkeleton
  }
  return undefined
}

/** The track's skeleton: its own field, else derived from its joint names. */
export function trackSkeleton(track: Track): TrackSkeleton {
  const skeleton = track.skeleton ?? skeletonOfJoints(track.joints)
  if (!skeleton) {
    throw new TrackFormatError(
      `the track's joints are neither body15 nor mediapipe33 (got ${track.joints.length} joints: ${track.joints.slice(0, 4).join(', ')}...)`,
    )
  }
  return skeleton
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function describe(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return `an array of ${v.length}`
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)
  return typeof v === 'object' ? 'an object' : String(v)
}

function positiveNumber(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new TrackFormatError(`"${field}" must be a positive number, got ${describe(v)}`)
  }
  return v
}

/**
 * Checks a parsed JSON value against the `toonmo.track` version 1 format and returns the track.
 * Every message names the field at fault (for example `frames[12].points[3]`).
 */
export function parseTrack(value: unknown): Track {
  if (!isRecord(value)) {
    throw new TrackFormatError(`a track file holds a JSON object, got ${describe(value)}`)
  }
  if (value.format !== FORMAT) {
    throw new TrackFormatError(
      `not a keypoint track: "format" must be "${FORMAT}", got ${describe(value.format)} (make one with toonmo detect)`,
    )
  }
  if (value.version !== VERSION) {
    const newer = typeof value.version === 'number' && value.version > VERSION
    throw new TrackFormatError(
      newer
        ? `track version ${value.version} is newer than this Toonmo reads (${VERSION}): update Toonmo`
        : `"version" must be ${VERSION}, got ${describe(value.version)}`,
    )
  }
  const fps = positiveNumber(value.fps, 'fps')
  const width = positiveNumber(value.width, 'width')
  const height = positiveNumber(value.height, 'height')
  const skeleton = value.skeleton
  if (skeleton !== 'body15' && skeleton !== 'mediapipe33') {
    throw new TrackFormatError(
      `"skeleton" must be "body15" or "mediapipe33", got ${describe(skeleton)}`,
    )
  }
  const joints = value.joints
  if (!Array.isArray(joints) || !joints.every((j) => typeof j === 'string')) {
    throw new TrackFormatError(`"joints" must be an array of joint names`)
  }
  const expected = JOINTS_BY_SKELETON[skeleton]
  if (!sameList(joints as string[], expected)) {
    throw new TrackFormatError(
      `"joints" must be the ${expected.length} ${skeleton} names in order (${expected.slice(0, 3).join(', ')}, ...), got ${joints.length} names starting ${describe(joints[0])}`,
    )
  }
  if (!Array.isArray(value.frames)) {
    throw new TrackFormatError(`"frames" must be an array, got ${describe(value.frames)}`)
  }
  const frames = value.frames.map((frame: unknown, f) => parseFrame(frame, f, expected.length))
  for (let f = 1; f < frames.length; f++) {
    if ((frames[f] as TrackFrame).time < (frames[f - 1] as TrackFrame).time) {
      throw new TrackFormatError(`frames[${f}].time goes back in time: frames must be in order`)
    }
  }
  return { fps, width, height, skeleton, joints: [...expected], frames }
}

function parseFrame(frame: unknown, f: number, jointCount: number): TrackFrame {
  if (!isRecord(frame)) throw new TrackFormatError(`frames[${f}] must be an object`)
  const time = frame.time
  if (typeof time !== 'number' || !Number.isFinite(time)) {
    throw new TrackFormatError(
      `frames[${f}].time must be a number of seconds, got ${describe(time)}`,
    )
  }
  if (frame.points === null) return { time, points: null }
  if (!Array.isArray(frame.points) || frame.points.length !== jointCount) {
    throw new TrackFormatError(
      `frames[${f}].points must be null (no person) or ${jointCount} [x, y, confidence] points, got ${describe(frame.points)}`,
    )
  }
  const points = frame.points.map((p: unknown, j): TrackPoint => {
    if (
      !Array.isArray(p) ||
      p.length !== 3 ||
      !p.every((n) => typeof n === 'number' && Number.isFinite(n))
    ) {
      throw new TrackFormatError(
        `frames[${f}].points[${j}] must be [x, y, confidence] with finite numbers, got ${JSON.stringify(p)}`,
      )
    }
    return [p[0] as number, p[1] as number, p[2] as number]
  })
  return { time, points }
}

/** Parses the text of a track file; JSON syntax errors become a {@link TrackFormatError}. */
export function parseTrackJson(text: string): Track {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new TrackFormatError(
      `the track file is not valid JSON (${error instanceof Error ? error.message : String(error)}); is it truncated?`,
    )
  }
  return parseTrack(value)
}

/** The `toonmo.track` JSON object for a track (the exact file contract of `toonmo detect`). */
export function trackToJson(track: Track): Record<string, unknown> {
  return {
    format: FORMAT,
    version: VERSION,
    fps: track.fps,
    width: track.width,
    height: track.height,
    skeleton: trackSkeleton(track),
    joints: track.joints,
    frames: track.frames.map((f) => ({ time: f.time, points: f.points })),
  }
}

/** The track file's text: compact frames, one per line, so large tracks stay diffable. */
export function serializeTrack(track: Track): string {
  const json = trackToJson(track)
  const { frames, ...head } = json as { frames: TrackFrame[] }
  const headText = JSON.stringify(head)
  const frameLines = frames.map((f) => `  ${JSON.stringify(f)}`).join(',\n')
  return `${headText.slice(0, -1)},"frames":[\n${frameLines}\n]}\n`
}
