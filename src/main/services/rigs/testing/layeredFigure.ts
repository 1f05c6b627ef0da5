import { writePsdBuffer } from 'ag-psd'
import type { Layer } from 'ag-psd'

/**
 * A front-view stick figure as an artist would lay it out, one box per part, for generating
 * layered SVG and PSD test drawings. Boxes are x, y, width, height in canvas pixels; r is the
 * character's right (screen left).
 */
export const FIGURE_SIZE: [number, number] = [400, 600]

export const FIGURE_BOXES: Record<string, [number, number, number, number]> = {
  torso: [160, 130, 80, 150],
  upper_arm_r: [130, 135, 24, 70],
  forearm_r: [130, 205, 24, 65],
  hand_r: [128, 271, 28, 28],
  upper_arm_l: [246, 135, 24, 70],
  forearm_l: [246, 205, 24, 65],
  hand_l: [244, 271, 28, 28],
  thigh_r: [165, 275, 30, 90],
  shin_r: [166, 365, 28, 85],
  foot_r: [150, 450, 45, 20],
  thigh_l: [205, 275, 30, 90],
  shin_l: [206, 365, 28, 85],
  foot_l: [205, 450, 45, 20],
}

/** The head: a circle of radius 50 around (200, 80) with a 4 px outline, so its box is 148..252. */
export const HEAD_BOX: [number, number, number, number] = [148, 28, 104, 104]

/** How layers are labelled in the SVG, to exercise each naming attribute and spelling. */
const SVG_LABELS: Record<string, string> = {
  upper_arm_r: 'inkscape:label="Upper Arm.R"',
  forearm_l: 'data-name="Left Forearm"',
  shin_r: 'id="shin_r"',
}

/**
 * A layered SVG of the figure: a wrapper layer around one group per part (the head drawn with a
 * transform and a stroke, the torso filled with a gradient from <defs>), plus a background and a
 * hidden sketch layer that are not parts.
 */
export function layeredFigureSvg(): string {
  const parts = Object.entries(FIGURE_BOXES)
    .filter(([part]) => part !== 'torso')
    .map(([part, [x, y, w, h]]) => {
      const label = SVG_LABELS[part] ?? `inkscape:label="${part}"`
      return `    <g inkscape:groupmode="layer" ${label}><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="6" fill="#e0a060"/></g>`
    })
  const [tx, ty, tw, th] = FIGURE_BOXES.torso!
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="800" height="1200" viewBox="0 0 ${FIGURE_SIZE.join(' ')}">
  <defs><linearGradient id="shirt"><stop offset="0" stop-color="#3060c0"/><stop offset="1" stop-color="#204080"/></linearGradient></defs>
  <g inkscape:groupmode="layer" inkscape:label="Background"><rect width="400" height="600" fill="#fff"/></g>
  <g inkscape:groupmode="layer" inkscape:label="Sketch" style="display:none"><rect x="0" y="0" width="10" height="10"/></g>
  <g inkscape:groupmode="layer" inkscape:label="Character">
    <g inkscape:groupmode="layer" data-name="Body"><rect x="${tx}" y="${ty}" width="${tw}" height="${th}" fill="url(#shirt)"/></g>
${parts.join('\n')}
    <g inkscape:groupmode="layer" inkscape:label="Head" transform="translate(200 80)"><circle r="50" fill="#f0c090" stroke="#000" stroke-width="4"/></g>
  </g>
</svg>
`
}

function filled(w: number, h: number, rgba: [number, number, number, number]) {
  const data = new Uint8ClampedArray(w * h * 4)
  for (let i = 0; i < w * h; i++) data.set(rgba, i * 4)
  return { width: w, height: h, data }
}

function rectLayer(name: string, [x, y, w, h]: number[], rgba: [number, number, number, number]) {
  return {
    name,
    left: x!,
    top: y!,
    right: x! + w!,
    bottom: y! + h!,
    imageData: filled(w!, h!, rgba),
  }
}

/**
 * A layered PSD of the figure, written with ag-psd: a background, a "Character" group holding a
 * layer per part, the right upper arm as a group of two layers (outline and fill) that import
 * must flatten, the head with transparent margins that import must trim, and a hidden layer.
 */
export function layeredFigurePsd(): Buffer {
  const skin: [number, number, number, number] = [224, 160, 96, 255]
  const parts: Layer[] = Object.entries(FIGURE_BOXES)
    .filter(([part]) => part !== 'upper_arm_r')
    .map(([part, box]) => rectLayer(part.replace('_r', '.R').replace('_l', '.L'), box, skin))
  const [ax, ay, aw, ah] = FIGURE_BOXES.upper_arm_r!
  parts.push({
    name: 'Upper Arm R',
    children: [
      rectLayer('fill', [ax + 2, ay + 2, aw - 4, ah - 4], skin),
      rectLayer('line', [ax, ay, aw, 2], [0, 0, 0, 255]),
      rectLayer('line bottom', [ax, ay + ah - 2, aw, 2], [0, 0, 0, 255]),
    ],
  })
  // The head's layer is larger than its drawing: 10 transparent pixels all round.
  const [hx, hy, hw, hh] = HEAD_BOX
  const head = filled(hw + 20, hh + 20, [0, 0, 0, 0])
  for (let y = 10; y < hh + 10; y++)
    for (let x = 10; x < hw + 10; x++) head.data.set([240, 192, 144, 255], (y * (hw + 20) + x) * 4)
  parts.push({
    name: 'Head',
    left: hx - 10,
    top: hy - 10,
    right: hx + hw + 10,
    bottom: hy + hh + 10,
    imageData: head,
  })
  const [w, h] = FIGURE_SIZE
  return writePsdBuffer({
    width: w,
    height: h,
    children: [
      rectLayer('Background', [0, 0, w, h], [255, 255, 255, 255]),
      { name: 'Character', children: parts },
      { ...rectLayer('Sketch', [0, 0, 10, 10], [0, 0, 0, 255]), hidden: true },
    ],
  })
}
