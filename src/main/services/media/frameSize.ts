/**
 * Largest side of a decoded frame in pixels, whatever the caller asks: a 16K source is always
 * scaled inside ffmpeg, so JS never holds a full-size RGBA buffer (16K RGBA is 530 MB a frame).
 */
export const MAX_OUTPUT_SIDE = 4096

export interface FrameSizeRequest {
  /** Fit inside this many pixels on the longer side; never upscales. */
  maxSide?: number
  /** Exactly this height, width following the aspect; may upscale. */
  height?: number
}

function checkPositive(name: string, value: number | undefined): void {
  if (value !== undefined && !(value >= 1 && Number.isFinite(value))) {
    throw new RangeError(`${name} must be a number of pixels >= 1, got ${value}`)
  }
}

/**
 * Output size in pixels for an upright display size, aspect kept (rounded to whole pixels, at
 * least 1), capped at MAX_OUTPUT_SIDE on both sides.
 */
export function outputSize(
  display: { width: number; height: number },
  request: FrameSizeRequest,
): { width: number; height: number } {
  checkPositive('maxSide', request.maxSide)
  checkPositive('height', request.height)
  const { width, height } = display
  let scale: number
  if (request.height !== undefined) {
    scale = request.height / height
  } else {
    const limit = Math.min(request.maxSide ?? Infinity, MAX_OUTPUT_SIDE)
    scale = Math.min(1, limit / Math.max(width, height))
  }
  scale = Math.min(scale, MAX_OUTPUT_SIDE / Math.max(width, height))
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  }
}

/**
 * The ffmpeg filter chain that turns a stored frame into an upright RGBA frame of `size`.
 * Scaling comes before the rotation so the transpose touches the small frame, and the scale and
 * the RGBA conversion share one swscale pass.
 */
export function uprightRgbaFilter(
  rotation: number,
  size: { width: number; height: number },
): string {
  const quarter = rotation === 90 || rotation === 270
  const w = quarter ? size.height : size.width
  const h = quarter ? size.width : size.height
  const filters = [`scale=${w}:${h}:flags=area`, 'format=rgba']
  if (rotation === 90) filters.push('transpose=clock')
  else if (rotation === 270) filters.push('transpose=cclock')
  else if (rotation === 180) filters.push('hflip', 'vflip')
  filters.push('setsar=1', 'showinfo=checksum=0')
  return filters.join(',')
}
