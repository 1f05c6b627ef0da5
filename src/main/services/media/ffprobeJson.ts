/** The parts of `ffprobe -show_format -show_streams -of json` that probing reads. */
export interface FfprobeStream {
  index: number
  codec_name?: string
  codec_long_name?: string
  codec_type?: string
  codec_tag_string?: string
  width?: number
  height?: number
  coded_width?: number
  coded_height?: number
  sample_aspect_ratio?: string
  pix_fmt?: string
  r_frame_rate?: string
  avg_frame_rate?: string
  time_base?: string
  start_time?: string
  duration?: string
  nb_frames?: string
  disposition?: { attached_pic?: number }
  tags?: Record<string, string>
  side_data_list?: { side_data_type?: string; rotation?: number }[]
}

/** What `ffprobe -show_frames` says about one decoded frame. */
export interface FfprobeFrame {
  side_data_list?: { side_data_type?: string; rotation?: number }[]
  tags?: Record<string, string>
}

export interface FfprobeFormat {
  format_name?: string
  duration?: string
  start_time?: string
  tags?: Record<string, string>
}

export interface FfprobeOutput {
  streams?: FfprobeStream[]
  format?: FfprobeFormat
}

/** "24000/1001" -> 23.976..., undefined for "0/0", "N/A" and the like. */
export function parseRational(text: string | undefined): number | undefined {
  if (!text) return undefined
  const [num, den] = text.split(/[/:]/).map(Number)
  if (num === undefined || !Number.isFinite(num)) return undefined
  if (den === undefined) return num
  if (!Number.isFinite(den) || den === 0 || num === 0) return undefined
  return num / den
}

/** A number from ffprobe's text ("N/A" and absent are undefined). */
export function parseNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const n = Number(text)
  return Number.isFinite(n) ? n : undefined
}

/** "00:00:07.666000000" (Matroska's per-stream DURATION tag) -> seconds. */
export function parseClockDuration(text: string | undefined): number | undefined {
  const m = text ? /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(text.trim()) : null
  if (!m) return undefined
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])
}

function normaliseQuarterTurn(degrees: number): number {
  const quarter = Math.round(degrees / 90)
  return (((quarter % 4) + 4) % 4) * 90
}

/**
 * Display rotation in degrees clockwise (0, 90, 180, 270) that makes the stored picture upright.
 * The display matrix (MP4/MOV tkhd, what phones write) wins; ffprobe reports its angle
 * counter-clockwise, hence the sign flip. The legacy `rotate` tag (older ffmpeg, some MKV/AVI
 * files) is already clockwise.
 */
export function displayRotation(stream: Pick<FfprobeStream, 'side_data_list' | 'tags'>): number {
  const matrix = stream.side_data_list?.find(
    // "Display Matrix" on streams; "3x3 displaymatrix" on decoded frames (JPEG EXIF orientation).
    (s) => /display\s?matrix/i.test(s.side_data_type ?? ''),
  )
  if (matrix?.rotation !== undefined && Number.isFinite(matrix.rotation)) {
    return normaliseQuarterTurn(-matrix.rotation)
  }
  const tag = stream.tags?.rotate ?? stream.tags?.ROTATE
  const fromTag = parseNumber(tag)
  return fromTag === undefined ? 0 : normaliseQuarterTurn(fromTag)
}

/**
 * Upright display size in pixels: the stored size stretched by the sample aspect ratio
 * (anamorphic footage), then swapped for quarter turns.
 */
export function displaySize(
  codedWidth: number,
  codedHeight: number,
  sampleAspect: number | undefined,
  rotation: number,
): { width: number; height: number } {
  const sar = sampleAspect && sampleAspect > 0 ? sampleAspect : 1
  const width = sar >= 1 ? Math.round(codedWidth * sar) : codedWidth
  const height = sar < 1 ? Math.round(codedHeight / sar) : codedHeight
  return rotation === 90 || rotation === 270 ? { width: height, height: width } : { width, height }
}

/** A short container name users recognise: mp4, mov, mkv, webm, avi, ... */
export function containerName(format: FfprobeFormat | undefined, path: string): string {
  const names = (format?.format_name ?? '').split(',')
  const ext = path.toLowerCase().split('.').pop() ?? ''
  if (names.includes('mov') || names.includes('mp4')) {
    const brand = (format?.tags?.major_brand ?? '').trim()
    if (brand === 'qt' || (ext === 'mov' && !brand)) return 'mov'
    return 'mp4'
  }
  if (names.includes('matroska') || names.includes('webm')) return ext === 'webm' ? 'webm' : 'mkv'
  return names[0] || 'unknown'
}

/** Demuxers that mean "one image file", which imports as a one-frame clip. */
export function isStillImageFormat(format: FfprobeFormat | undefined): boolean {
  const name = format?.format_name ?? ''
  return name === 'image2' || name.endsWith('_pipe')
}
