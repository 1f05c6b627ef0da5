import { dirname, relative, resolve } from 'node:path'
import { toBvh } from '../../../core/export/bvh'
import { serializeSkeletal, toSkeletalFile } from '../../../core/export/skeletalJson'
import type { FrameRange } from '../../../core/export/atlas/frameSelection'
import { pickFrames, selectFrames } from '../../../core/export/atlas/frameSelection'
import { unpremultiplyAlpha } from '../../../core/export/atlas/image'
import { packAtlases } from '../../../core/export/atlas/packAtlases'
import type { SheetLayout } from '../../../core/export/atlas/texturePackerJson'
import { SpriteSheetBuilder } from '../../../core/export/atlas/SpriteSheetBuilder'
import type { RigAnimation } from '../../../core/rig/animation'
import type { LoadedRig } from '../rigs/rigFiles'
import { ExportOutputError, OutputBatch } from './OutputBatch'
import { encodePng } from './png'
import type { SideBySide } from './previews'
import { PreviewEncoder, previewFormatFor } from './previews'
import type { RenderOptions, RenderResult } from './renderFrames'
import { renderRigFrames } from './renderFrames'

/** Largest frame side we render: past this a frame no longer fits any engine's atlas. */
export const MAX_FRAME_SIDE = 4096

export interface SpriteSheetRequest {
  /** Files are PREFIX.png + PREFIX.json, or PREFIX-0.png, PREFIX-0.json, ... when split. */
  prefix: string
  layout?: SheetLayout
  maxSide?: number
  powerOfTwo?: boolean
  padding?: number
  extrude?: number
  trim?: boolean
  /** Animation (and frame name) prefix. Default: the rig's name. */
  animationName?: string
}

export interface ExportRequest {
  rig: LoadedRig
  animation: RigAnimation
  /** Source frames to export (end exclusive). Default: all. */
  range?: FrameRange
  /** Output frame rate; the animation is resampled (frames dropped or held). Default: its own. */
  fps?: number
  /** Rendered frame size, pixels (sprite sheet and previews). Default 256 x 256. */
  width?: number
  height?: number
  /** Extra scale over fitting the whole clip into the frame. Default 1. */
  scale?: number
  /** '#rrggbb'; default transparent. */
  background?: string | null
  spriteSheet?: SpriteSheetRequest
  /** The skeletal "BVH-like JSON" (toonmo.skeletal). */
  skeletalJson?: string
  bvh?: string
  /** GIF, MP4 or WebM previews. */
  previews?: string[]
  /** Show the footage beside the rig in the previews. */
  footage?: SideBySide
  signal?: AbortSignal
  onProgress?: (progress: ExportProgress) => void
  /** Where the render page opens (see RenderOptions.openPage); default a headless Chromium. */
  openPage?: RenderOptions['openPage']
}

export interface ExportProgress {
  stage: 'render' | 'pack' | 'write'
  done: number
  total: number
}

export interface ExportResult {
  /** Every file written, absolute paths. */
  files: string[]
  frames: number
  atlases: number
  framing?: RenderResult
  /** Seconds spent per stage. */
  seconds: { render: number; previews: number; pack: number; write: number }
}

function checkSize(width: number, height: number): void {
  for (const [name, v] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > MAX_FRAME_SIDE) {
      throw new RangeError(
        `the frame ${name} must be a whole number of pixels from 1 to ${MAX_FRAME_SIDE}, got ${v}: choose a size such as 256x256`,
      )
    }
  }
}

/**
 * Exports one rig animation to every requested output in one pass: frames are rendered once (in
 * headless Chromium, with the viewport's RigView) and feed the sprite sheet and the previews
 * together; the skeletal JSON and the .bvh come straight from the animation. All files appear
 * together at the end or not at all (see OutputBatch).
 */
export async function exportAnimation(req: ExportRequest): Promise<ExportResult> {
  const width = req.width ?? 256
  const height = req.height ?? 256
  checkSize(width, height)
  const fps = req.fps ?? req.animation.fps
  const frames = selectFrames(req.animation.frameCount, req.animation.fps, req.range, fps)
  const anim = pickFrames(req.animation, frames, fps)
  const previews = (req.previews ?? []).map((file) => {
    const format = previewFormatFor(file)
    if (!format) throw new ExportOutputError(`${file}: previews are written as .gif, .mp4 or .webm`)
    return { file, format }
  })
  const sheet = req.spriteSheet
  const known = [
    ...(sheet ? [`${sheet.prefix}.png`, `${sheet.prefix}.json`] : []),
    ...(req.skeletalJson ? [req.skeletalJson] : []),
    ...(req.bvh ? [req.bvh] : []),
    ...previews.map((p) => p.file),
  ]
  if (known.length === 0)
    throw new ExportOutputError('nothing to export: ask for a sprite sheet, JSON, BVH or a preview')
  if (sheet && sheet.trim === false) {
    // Untrimmed frames keep their full size: say now, not after rendering, when they cannot fit.
    packAtlases([{ id: 0, w: width, h: height }], sheet)
  }
  const batch = await OutputBatch.prepare(known)
  const seconds = { render: 0, previews: 0, pack: 0, write: 0 }
  const encoders: PreviewEncoder[] = []
  try {
    let t = performance.now()
    if (req.skeletalJson) {
      const imageBase = relative(dirname(resolve(req.skeletalJson)), req.rig.dir) || '.'
      await batch.write(
        req.skeletalJson,
        serializeSkeletal(toSkeletalFile(req.rig.compiled, anim, imageBase)),
      )
    }
    if (req.bvh) await batch.write(req.bvh, toBvh(req.rig.compiled, anim))
    seconds.write += (performance.now() - t) / 1000

    let framing: RenderResult | undefined
    let atlases = 0
    if (sheet || previews.length > 0) {
      const builder = sheet
        ? new SpriteSheetBuilder({
            animation: sheet.animationName ?? req.rig.rig.name,
            fps,
            trim: sheet.trim,
            layout: sheet.layout,
            maxSide: sheet.maxSide,
            powerOfTwo: sheet.powerOfTwo,
            padding: sheet.padding,
            extrude: sheet.extrude,
            scale: req.scale ?? 1,
          })
        : undefined
      for (const p of previews) {
        encoders.push(
          new PreviewEncoder({
            file: batch.tempPathFor(p.file),
            format: p.format,
            width,
            height,
            fps,
            background: req.background ?? null,
            footage: req.footage && {
              path: req.footage.path,
              // The footage starts where the exported range does.
              start: req.footage.start + (req.range?.start ?? 0) / req.animation.fps,
            },
            frameCount: anim.frameCount,
          }),
        )
      }
      t = performance.now()
      framing = await renderRigFrames(
        {
          rig: req.rig,
          animation: anim,
          start: 0,
          end: anim.frameCount,
          width,
          height,
          scale: req.scale,
          background: req.background,
          signal: req.signal,
          ...(req.openPage ? { openPage: req.openPage } : {}),
        },
        async (index, rgba) => {
          if (!req.background) unpremultiplyAlpha(rgba)
          builder?.addFrame({ width, height, data: rgba })
          for (const e of encoders) await e.write(rgba)
          req.onProgress?.({ stage: 'render', done: index + 1, total: anim.frameCount })
        },
      )
      seconds.render = (performance.now() - t) / 1000
      t = performance.now()
      await Promise.all(encoders.map((e) => e.finish()))
      encoders.length = 0
      seconds.previews = (performance.now() - t) / 1000
      t = performance.now()
      if (builder && sheet) {
        req.onProgress?.({ stage: 'pack', done: 0, total: 1 })
        const pages = builder.finish(sheet.prefix, framing.anchor)
        seconds.pack = (performance.now() - t) / 1000
        t = performance.now()
        atlases = pages.length
        // A split sheet is named prefix-0..N; check those names are writable too.
        if (pages.length > 1)
          await OutputBatch.prepare(pages.flatMap((p) => [p.imageFile, p.jsonFile]))
        for (const [i, page] of pages.entries()) {
          req.onProgress?.({ stage: 'write', done: i, total: pages.length })
          await batch.write(page.imageFile, encodePng(page.image))
          await batch.write(page.jsonFile, `${JSON.stringify(page.json, null, 1)}\n`)
        }
        seconds.write += (performance.now() - t) / 1000
      }
    }
    req.signal?.throwIfAborted()
    const files = await batch.commit()
    return { files, frames: anim.frameCount, atlases, framing, seconds }
  } catch (error) {
    await Promise.all(encoders.map((e) => e.abort()))
    await batch.discard()
    throw error
  }
}
