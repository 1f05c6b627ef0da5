import { RigFormatError } from '../../../core/rig/parseRig'
import { launchHeadlessChromium } from '../browser/launchChromium'
import type { LayeredDrawing, PartLayer } from './layeredDrawing'
import { checkCanvasSize, MAX_CANVAS_SIDE, partOf } from './layeredDrawing'
import { SVG_PAGE_SCRIPT } from './svgPageScript'

/** Rasterising for the boxes happens at most this many pixels on a side (boxes stay in canvas units). */
const MAX_RASTER_SIDE = 4096

interface GroupInfo {
  path: number[]
  name: string | null
  children: GroupInfo[]
}

type TreeResult =
  | { size: [number, number]; groups: GroupInfo[] }
  | { error: 'parse'; message: string }
  | { error: 'notSvg' | 'noSize' }
  | { error: 'tooBig'; size: [number, number] }

type LayerResult =
  { box: PartLayer['box']; svg: string } | { empty: true } | { error: 'render'; message: string }

/** True when the text looks like an SVG document (an <svg> element near its start). */
export function looksLikeSvg(text: string): boolean {
  return /<svg[\s>]/.test(text.slice(0, 4096))
}

/**
 * Picks the part layers of the group tree: a group named after a body part is one layer (with
 * everything in it); any other group is looked into, so a wrapper ("Layer 1", "Character")
 * around the parts works. Document order is paint order, so the result runs back to front.
 */
function partGroups(groups: GroupInfo[], others: string[]): { info: GroupInfo; part: string }[] {
  return groups.flatMap((g) => {
    const part = partOf(g.name)
    if (part) return [{ info: g, part }]
    if (g.children.length === 0 && g.name) others.push(g.name)
    return partGroups(g.children, others)
  })
}

/**
 * Reads a layered SVG: each group named after a body part (by `inkscape:label`, `data-name` or
 * `id`) becomes a standalone SVG part cropped to its drawn pixels, with the file's `<defs>` and
 * styles. The boxes are measured by rasterising each layer in headless Chromium, so strokes,
 * transforms, filters and CSS count exactly as a browser draws them. Hidden groups are skipped.
 */
export async function readSvgLayers(text: string, what = 'the SVG'): Promise<LayeredDrawing> {
  if (!looksLikeSvg(text)) throw new RigFormatError(`${what} is not an SVG file (no <svg> element)`)
  const browser = await launchHeadlessChromium()
  try {
    const page = await browser.newPage()
    await page.addScriptTag({ content: SVG_PAGE_SCRIPT })
    const tree = (await page.evaluate(
      ([t, max]) =>
        (window as unknown as { toonmoSvgTree(t: string, m: number): unknown }).toonmoSvgTree(
          t,
          max,
        ),
      [text, MAX_CANVAS_SIDE] as const,
    )) as TreeResult
    if ('error' in tree) {
      switch (tree.error) {
        case 'parse':
          throw new RigFormatError(
            `${what} is not well-formed XML (${tree.message}); is it damaged or truncated?`,
          )
        case 'notSvg':
          throw new RigFormatError(`${what} is not an SVG document (its root is not <svg>)`)
        case 'noSize':
          throw new RigFormatError(
            `${what} has neither a viewBox nor a width and height in absolute units: give the <svg> a viewBox (the rig canvas)`,
          )
        case 'tooBig':
          checkCanvasSize(tree.size[0], tree.size[1], what)
          throw new RigFormatError(`${what} is too large`)
      }
    }
    const [width, height] = tree.size
    checkCanvasSize(width, height, what)
    const otherLayers: string[] = []
    const layers: PartLayer[] = []
    for (const { info, part } of partGroups(tree.groups, otherLayers)) {
      const result = (await page.evaluate(
        ([path, max]) =>
          (
            window as unknown as { toonmoSvgLayer(p: number[], m: number): Promise<unknown> }
          ).toonmoSvgLayer(path, max),
        [info.path, MAX_RASTER_SIDE] as const,
      )) as LayerResult
      if ('error' in result)
        throw new RigFormatError(
          `${what}: layer "${info.name}" could not be drawn (${result.message})`,
        )
      if ('empty' in result) {
        otherLayers.push(`${info.name} (empty)`)
        continue
      }
      layers.push({ name: info.name!, part, ext: 'svg', data: result.svg, box: result.box })
    }
    return { size: [width, height], layers, otherLayers }
  } finally {
    await browser.close()
  }
}
