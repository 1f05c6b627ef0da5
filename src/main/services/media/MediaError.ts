import type { MediaErrorCode } from './types'

/**
 * Footage the app cannot use. The message says what is wrong and what to do; `code` lets the UI
 * and the CLI react without parsing text. Import leaves the project unchanged when this is thrown.
 */
export class MediaError extends Error {
  override name = 'MediaError'
  readonly code: MediaErrorCode
  /** The path the user gave. */
  readonly path: string
  /** For `corrupt`: clip time in seconds of the last frame that decoded, when any did. */
  readonly lastGoodSec: number | undefined

  constructor(code: MediaErrorCode, path: string, message: string, lastGoodSec?: number) {
    super(message)
    this.code = code
    this.path = path
    this.lastGoodSec = lastGoodSec
  }
}

const videoHint =
  'Choose a video (mp4, mov, mkv, webm), a PNG/JPG image, or a folder of numbered PNG/JPG frames.'

/** Builds the MediaError for `code` with the standard wording; `detail` is ffmpeg's own words. */
export function mediaError(
  code: MediaErrorCode,
  path: string,
  detail?: string,
  lastGoodSec?: number,
): MediaError {
  const q = `"${path}"`
  const why = detail ? ` (${detail})` : ''
  let message: string
  switch (code) {
    case 'missing':
      message = `No file or folder at ${q}. Check the path: was it moved or renamed, or is its drive disconnected?`
      break
    case 'permission':
      message = `Toonmo is not allowed to read ${q}${why}. Give your user read permission (for example chmod u+r), or copy the file to a folder you own.`
      break
    case 'notMedia':
      message = `${q} is not a video or image that ffmpeg can read${why}. ${videoHint}`
      break
    case 'audioOnly':
      message = `${q} holds only audio, no picture. Import the video file that goes with it.`
      break
    case 'noFrames':
      message = `${q} has a video track with no frames in it${why}. The recording probably stopped before the first frame: export the footage again from the camera or editor.`
      break
    case 'corrupt':
      message =
        `${q} is damaged${why}` +
        (lastGoodSec !== undefined
          ? `; frames decode up to ${lastGoodSec.toFixed(3)} s and fail after that.`
          : ' and no frame could be decoded.') +
        ' Copy the file again from its source, or re-export it (a recording cut off by a full card or a crash can often be repaired with a tool like untrunc).'
      break
    case 'unsupportedCodec':
      message = `${q} uses a codec this ffmpeg cannot decode${why}. Convert it to H.264 (ffmpeg -i IN -c:v libx264 -crf 18 OUT.mp4), or set FFMPEG_PATH and FFPROBE_PATH to a fuller ffmpeg build.`
      break
    case 'tooLarge':
      message = `${q} is too large to decode${why}. Downscale it first, for example: ffmpeg -i IN -vf scale=3840:-2 OUT.mp4`
      break
    case 'cancelled':
      message = `Decoding ${q} was cancelled.`
      break
  }
  return new MediaError(code, path, message, lastGoodSec)
}
