/** What kind of footage a path holds. A still is a one-frame clip. */
export type MediaKind = 'video' | 'sequence' | 'still'

/** Something the user should know about footage that still imports (printed, not thrown). */
export interface MediaWarning {
  code: 'truncated' | 'corrupt' | 'large'
  /** Says what is wrong and what to do, ready to show. */
  message: string
  /** Clip time in seconds of the last frame known to be good, where the damage starts. */
  lastGoodSec?: number
}

/** What `probe` learns about a footage file. Width and height are the upright display size. */
export interface ProbeResult {
  width: number
  height: number
  /** Display rotation in degrees clockwise (0, 90, 180, 270) that decoding applies. */
  rotation: number
  /** Frames per second: the nominal rate, or the average one when `vfr`. */
  fps: number
  /** True when frame durations vary (phone footage). */
  vfr: boolean
  /** Seconds from the first frame's start to the last frame's end. */
  durationSec: number
  /** Exact number of frames that decoding yields for the whole clip. */
  frameCount: number
  /** ffmpeg's codec name: h264, hevc, prores, vp9, av1, png, mjpeg, ... */
  codec: string
  /** mp4, mov, mkv, webm, ... ; `sequence` for image sequences, `image` for stills. */
  container: string
  hasAudio: boolean
  kind: MediaKind
  /** Stored (pre-rotation) frame size in pixels, as the codec holds it. */
  codedWidth: number
  codedHeight: number
  /** ffmpeg's pixel format name, e.g. yuv420p, yuv420p10le. */
  pixelFormat: string
  /** Problems that do not stop import (damaged tail, huge frames). */
  warnings: MediaWarning[]
}

/** One decoded frame: tightly packed RGBA, `width * height * 4` bytes, upright. */
export interface DecodedFrame {
  /** 0-based index in the decoded range's order. */
  index: number
  /**
   * 0-based index of this frame in the whole clip (the N of "frame N"), from the probe's frame
   * table, so a range decode and a full decode agree on numbering.
   */
  frameNumber: number
  /** Presentation time in seconds from the start of the clip (the first frame is at 0). */
  time: number
  width: number
  height: number
  rgba: Uint8Array
}

export interface DecodeOptions {
  /**
   * Fit inside this many pixels on the longer side, aspect kept; never upscales. Output never
   * exceeds MAX_OUTPUT_SIDE on a side either way, so huge sources are always scaled in ffmpeg.
   */
  maxSide?: number
  /** Scale to exactly this height in pixels instead (width follows the aspect); may upscale. */
  height?: number
  /**
   * Clip time in seconds. The first frame yielded is the one on screen at `startSec` (greatest
   * time <= startSec), then every frame whose time is < `endSec`.
   */
  startSec?: number
  endSec?: number
  /** Frame rate of image sequences and stills, which carry none (default 24). */
  sequenceFps?: number
  signal?: AbortSignal
  /**
   * Batch work (a preview build, detection): ffmpeg runs below normal priority, so a frame the
   * animator asks for meanwhile decodes first.
   */
  background?: boolean
  /** Called after each frame with frames yielded and frames expected in the range. */
  onProgress?: (done: number, total: number) => void
  /** Called for damage found while decoding (the frames before it are still yielded). */
  onWarning?: (warning: MediaWarning) => void
}

/** Thrown for footage the app cannot use; `code` lets UI and CLI pick the message. */
export type MediaErrorCode =
  | 'missing'
  | 'permission'
  | 'notMedia'
  | 'audioOnly'
  | 'noFrames'
  | 'corrupt'
  | 'unsupportedCodec'
  | 'tooLarge'
  | 'cancelled'
