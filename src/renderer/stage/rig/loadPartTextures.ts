import { CanvasSource, Texture } from 'pixi.js'
import { rigImagePaths } from '../../../core/rig/parseRig'
import type { Rig } from '../../../core/rig/types'

/**
 * A part image as a texture whose size in texture units equals the drawing's own pixel size (the
 * unit the rig's pivots use), whatever resolution it was rasterised at.
 */
export interface PartTexture {
  texture: Texture
  /** The drawing's size in image pixels (an SVG's width/height, a PNG's pixel size). */
  width: number
  height: number
}

/** SVG width/height in pixels (fractional allowed); a viewBox when width/height are missing. */
function svgSize(text: string): { width: number; height: number } | null {
  const tag = /<svg\b[^>]*>/i.exec(text)?.[0]
  if (!tag) return null
  const attr = (name: string): number | undefined => {
    const m = new RegExp(`\\s${name}\\s*=\\s*["']\\s*([0-9.]+)(px)?\\s*["']`, 'i').exec(tag)
    return m ? Number(m[1]) : undefined
  }
  const w = attr('width')
  const h = attr('height')
  if (w && h) return { width: w, height: h }
  const vb = /viewBox\s*=\s*["']\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)/i.exec(tag)
  return vb ? { width: Number(vb[1]), height: Number(vb[2]) } : null
}

async function loadImage(src: string): Promise<HTMLImageElement> {
  const img = new Image()
  img.decoding = 'async'
  img.src = src
  try {
    await img.decode()
  } catch {
    throw new Error(`could not decode the part image ${src}: is it a valid SVG or PNG?`)
  }
  return img
}

/**
 * Loads one part image (SVG or PNG) and rasterises it at `resolution` device pixels per image
 * pixel, so vector parts stay sharp when the rig is drawn larger than its own size.
 */
export async function loadPartTexture(url: string, resolution = 1): Promise<PartTexture> {
  const response = await fetch(url)
  if (!response.ok)
    throw new Error(`could not load the part image ${url} (HTTP ${response.status})`)
  const blob = await response.blob()
  const isSvg = blob.type.includes('svg') || url.toLowerCase().endsWith('.svg')
  const typed = isSvg ? new Blob([await blob.arrayBuffer()], { type: 'image/svg+xml' }) : blob
  const objectUrl = URL.createObjectURL(typed)
  try {
    const img = await loadImage(objectUrl)
    const size = (isSvg ? svgSize(await blob.text()) : null) ?? {
      width: img.naturalWidth,
      height: img.naturalHeight,
    }
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.ceil(size.width * resolution))
    canvas.height = Math.max(1, Math.ceil(size.height * resolution))
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new Error('no 2D canvas context to rasterise part images')
    ctx.drawImage(img, 0, 0, size.width * resolution, size.height * resolution)
    const source = new CanvasSource({ resource: canvas, resolution })
    return { texture: new Texture({ source }), width: size.width, height: size.height }
  } finally {
    URL.revokeObjectURL(objectUrl)
  }
}

/**
 * Every image a rig refers to (defaults and alternatives), keyed by its path in the rig file.
 * `urlFor` turns a rig-relative path into a URL the page may fetch.
 */
export async function loadRigTextures(
  rig: Rig,
  urlFor: (path: string) => string,
  resolution = 1,
): Promise<Map<string, PartTexture>> {
  const paths = rigImagePaths(rig)
  const textures = await Promise.all(paths.map((p) => loadPartTexture(urlFor(p), resolution)))
  return new Map(paths.map((p, i) => [p, textures[i]!]))
}
