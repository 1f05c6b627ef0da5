/*
 * How preview frames are stored: one JPEG a frame, named by its index, encoded by ffmpeg from
 * raw RGBA. The build writes a clip's frames with these arguments, and a frame asked for before
 * the build reaches it is encoded the same way.
 */

/** The file of preview frame `index` in its folder (ffmpeg's `%06d.jpg`, from 0). */
export function previewFrameFile(index: number): string {
  return `${String(index).padStart(6, '0')}.jpg`
}

/** ffmpeg arguments reading RGBA frames of this size from stdin and encoding preview JPEGs. */
export function rgbaToJpegArgs(width: number, height: number): string[] {
  return [
    '-v',
    'error',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgba',
    '-s',
    `${width}x${height}`,
    '-i',
    'pipe:0',
    '-q:v',
    '5',
  ]
}
