import { readFile } from 'node:fs/promises'

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

/** A JPEG file the encoder has finished (it ends with the end-of-image marker), else undefined. */
export async function readWholeJpeg(file: string): Promise<Uint8Array | undefined> {
  try {
    const bytes = new Uint8Array(await readFile(file))
    const n = bytes.length
    return n > 4 && bytes[n - 2] === 0xff && bytes[n - 1] === 0xd9 ? bytes : undefined
  } catch {
    return undefined
  }
}
