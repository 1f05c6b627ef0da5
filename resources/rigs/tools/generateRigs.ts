// Draws the three bundled rigs (SVG parts + rig.json) from a few proportions per character.
// Run from the repository root: npx tsx resources/rigs/tools/generateRigs.ts && npx prettier --write resources/rigs
// The output is committed; edit the numbers or drawings here and run it again.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

interface Palette {
  line: string
  skin: string
  shirt: string
  pants: string
  shoes: string
  hair: string
  cheek: string
}

interface Character {
  name: string
  title: string
  description: string
  size: [number, number]
  ground: number
  palette: Palette
  head: { w: number; h: number; neckToNose: number }
  torso: { length: number; width: number; hipWidth: number }
  shoulderHalf: number
  arm: { upper: number; fore: number; hand: number; thick: number; noodle: boolean }
  /** World angles of the rest arms, degrees (90 = straight down). */
  armAngles: { upper: number; fore: number }
  hipHalf: number
  leg: { thigh: number; shin: number; thick: number }
  foot: { ankleHeight: number; length: number }
  hairStyle: 'tuft' | 'flat' | 'spiky'
}

const STROKE = 4
const r1 = (v: number) => Math.round(v * 10) / 10

function svg(w: number, h: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${r1(w)}" height="${r1(h)}" viewBox="0 0 ${r1(w)} ${r1(h)}">\n${body}\n</svg>\n`
}

/** A limb segment hanging down from its pivot: a capsule, or a wavy noodle. */
function limb(length: number, thick: number, fill: string, p: Palette, noodle: boolean) {
  const w = thick + STROKE * 2 + (noodle ? thick : 0)
  const h = length + thick + STROKE * 2
  const cx = w / 2
  const top = STROKE + thick / 2
  let body: string
  if (noodle) {
    const a = thick * 0.5
    const d = `M ${cx} ${top} C ${cx + a} ${top + length * 0.33}, ${cx - a} ${top + length * 0.66}, ${cx} ${top + length}`
    body =
      `<path d="${d}" fill="none" stroke="${p.line}" stroke-width="${thick + STROKE * 2}" stroke-linecap="round"/>\n` +
      `<path d="${d}" fill="none" stroke="${fill}" stroke-width="${thick}" stroke-linecap="round"/>`
  } else {
    body = `<rect x="${STROKE}" y="${STROKE}" width="${thick}" height="${length + thick}" rx="${thick / 2}" fill="${fill}" stroke="${p.line}" stroke-width="${STROKE}"/>`
  }
  return { svg: svg(w, h, body), pivot: [r1(cx), r1(top)] as [number, number] }
}

function hand(size: number, p: Palette, closed: boolean) {
  const w = size * 1.6 + STROKE * 2
  const h = size * 1.7 + STROKE * 2
  const cx = w / 2
  const top = STROKE + size * 0.15
  const body = closed
    ? `<circle cx="${cx}" cy="${top + size * 0.75}" r="${size * 0.7}" fill="${p.skin}" stroke="${p.line}" stroke-width="${STROKE}"/>\n` +
      `<path d="M ${cx - size * 0.35} ${top + size * 0.6} h ${size * 0.7} M ${cx - size * 0.35} ${top + size * 0.9} h ${size * 0.7}" stroke="${p.line}" stroke-width="2" fill="none"/>`
    : `<ellipse cx="${cx - size * 0.55}" cy="${top + size * 0.55}" rx="${size * 0.22}" ry="${size * 0.4}" transform="rotate(25 ${cx - size * 0.55} ${top + size * 0.55})" fill="${p.skin}" stroke="${p.line}" stroke-width="${STROKE}"/>\n` +
      `<rect x="${cx - size * 0.45}" y="${top}" width="${size * 0.9}" height="${size * 1.45}" rx="${size * 0.42}" fill="${p.skin}" stroke="${p.line}" stroke-width="${STROKE}"/>`
  return { svg: svg(w, h, body), pivot: [r1(cx), r1(top + size * 0.1)] as [number, number] }
}

function foot(c: Character, p: Palette, profile: boolean) {
  const { ankleHeight: a, length } = c.foot
  // The shoe reaches from a little above the ankle (under the trouser leg) to the ground line,
  // which lies ankleHeight below the ankle.
  const rise = a * 0.6
  const h = rise + a + STROKE * 2
  const w = (profile ? length * 1.3 : length) + STROKE * 2
  const cx = profile ? STROKE + length * 0.35 : w / 2
  const top = STROKE
  const sole = top + rise + a
  const body = profile
    ? `<path d="M ${cx - length * 0.3} ${top} h ${length * 0.55} q ${length * 0.75} ${(rise + a) * 0.4} ${length * 0.75} ${(rise + a) * 0.85} v ${(rise + a) * 0.15} h ${-length * 1.3} z" fill="${p.shoes}" stroke="${p.line}" stroke-width="${STROKE}" stroke-linejoin="round"/>`
    : `<path d="M ${cx - length * 0.3} ${top} h ${length * 0.6} q ${length * 0.2} ${(rise + a) * 0.5} ${length * 0.2} ${sole - top} h ${-length} q 0 ${-(sole - top)} ${length * 0.2} ${-(sole - top)} z" fill="${p.shoes}" stroke="${p.line}" stroke-width="${STROKE}" stroke-linejoin="round"/>`
  return { svg: svg(w, h, body), pivot: [r1(cx), r1(top + rise)] as [number, number] }
}

function hair(c: Character, cx: number, top: number, w: number, profile: boolean): string {
  const p = c.palette
  const hw = w * 0.5
  switch (c.hairStyle) {
    case 'tuft':
      return (
        `<path d="M ${cx - hw * 0.2} ${top + 6} q ${hw * 0.1} ${-hw * 0.45} ${hw * 0.45} ${-hw * 0.3} q ${-hw * 0.25} ${hw * 0.05} ${-hw * 0.2} ${hw * 0.3} z" fill="${p.hair}" stroke="${p.line}" stroke-width="${STROKE}" stroke-linejoin="round"/>\n` +
        `<path d="M ${cx - hw * 0.95} ${top + hw * 0.55} q ${hw * 0.2} ${-hw * 0.75} ${hw * 0.95} ${-hw * 0.55} q ${hw * 0.75} ${-hw * 0.2} ${hw * 0.95} ${hw * 0.55} q ${-hw * 0.5} ${-hw * 0.25} ${profile ? -hw * 1.1 : -hw * 0.95} ${-hw * 0.05} q ${-hw * 0.5} ${hw * 0.05} ${-hw * 0.85} ${hw * 0.05} z" fill="${p.hair}" stroke="${p.line}" stroke-width="${STROKE}" stroke-linejoin="round"/>`
      )
    case 'flat':
      return `<path d="M ${cx - hw * 0.98} ${top + hw * 0.5} q 0 ${-hw * 0.55} ${hw * 0.98} ${-hw * 0.55} q ${hw * 0.98} 0 ${hw * 0.98} ${hw * 0.55} l ${-hw * 0.1} ${hw * 0.1} h ${-hw * 1.76} z" fill="${p.hair}" stroke="${p.line}" stroke-width="${STROKE}" stroke-linejoin="round"/>`
    case 'spiky': {
      const spikes = [-0.8, -0.4, 0, 0.4, 0.8]
        .map(
          (s) => `L ${cx + hw * (s - 0.2)} ${top + hw * 0.3} L ${cx + hw * s} ${top - hw * 0.15}`,
        )
        .join(' ')
      return `<path d="M ${cx - hw} ${top + hw * 0.45} ${spikes} L ${cx + hw} ${top + hw * 0.45} z" fill="${p.hair}" stroke="${p.line}" stroke-width="${STROKE}" stroke-linejoin="round"/>`
    }
  }
}

/**
 * The head with a neck stub; the pivot is the base of the neck. `turn` (0 to 1) turns a front
 * face towards screen-right for the three-quarter view: features slide over, the far ear hides.
 */
function head(c: Character, profile: boolean, turn = 0) {
  const p = c.palette
  const { w, h, neckToNose } = c.head
  const neck = Math.max(8, h * 0.12)
  const W = w + STROKE * 2 + (profile ? w * 0.12 : 0) + w * 0.3
  const H = h + neck + STROKE * 2 + w * 0.3
  const cx = W / 2
  const top = STROKE + w * 0.3
  const cy = top + h / 2
  const pivotY = top + h + neck
  const noseY = pivotY - neckToNose
  const eyeY = noseY - h * 0.08
  const eye = Math.max(3, w * 0.045)
  let face: string
  if (profile) {
    const fx = cx + w * 0.22
    face =
      `<path d="M ${cx + w * 0.47} ${noseY - h * 0.07} q ${w * 0.16} ${h * 0.06} 0 ${h * 0.12}" fill="${p.skin}" stroke="${p.line}" stroke-width="${STROKE}" stroke-linecap="round"/>\n` +
      `<ellipse cx="${fx}" cy="${eyeY}" rx="${eye * 0.8}" ry="${eye * 1.3}" fill="${p.line}"/>\n` +
      `<path d="M ${fx - w * 0.02} ${noseY + h * 0.14} q ${w * 0.12} ${h * 0.05} ${w * 0.2} ${-h * 0.02}" stroke="${p.line}" stroke-width="3" fill="none" stroke-linecap="round"/>\n` +
      `<ellipse cx="${cx - w * 0.12}" cy="${cy + h * 0.02}" rx="${w * 0.08}" ry="${h * 0.1}" fill="${p.skin}" stroke="${p.line}" stroke-width="3"/>\n` +
      `<circle cx="${fx - w * 0.06}" cy="${noseY + h * 0.07}" r="${w * 0.07}" fill="${p.cheek}" opacity="0.6"/>`
  } else {
    const dx = w * 0.18 * (1 - 0.2 * turn)
    const fx = cx + w * 0.16 * turn
    face =
      `<ellipse cx="${fx - dx}" cy="${eyeY}" rx="${eye * 0.8}" ry="${eye * 1.3}" fill="${p.line}"/>\n` +
      `<ellipse cx="${fx + dx}" cy="${eyeY}" rx="${eye * 0.8 * (1 - 0.3 * turn)}" ry="${eye * 1.3}" fill="${p.line}"/>\n` +
      `<circle cx="${fx + w * 0.06 * turn}" cy="${noseY}" r="${Math.max(2.5, w * 0.03)}" fill="${p.cheek}"/>\n` +
      `<path d="M ${fx - w * 0.12} ${noseY + h * 0.12} q ${w * 0.12} ${h * 0.08} ${w * 0.24} 0" stroke="${p.line}" stroke-width="3" fill="none" stroke-linecap="round"/>\n` +
      `<circle cx="${fx - w * 0.3}" cy="${noseY + h * 0.06}" r="${w * 0.07}" fill="${p.cheek}" opacity="0.6"/>\n` +
      `<circle cx="${fx + w * 0.3 * (1 - 0.4 * turn)}" cy="${noseY + h * 0.06}" r="${w * 0.07}" fill="${p.cheek}" opacity="0.6"/>\n` +
      `<ellipse cx="${cx - w * (0.5 - 0.1 * turn)}" cy="${cy + h * 0.03}" rx="${w * 0.07}" ry="${h * 0.1}" fill="${p.skin}" stroke="${p.line}" stroke-width="3"/>` +
      (turn > 0
        ? ''
        : `\n<ellipse cx="${cx + w * 0.5}" cy="${cy + h * 0.03}" rx="${w * 0.07}" ry="${h * 0.1}" fill="${p.skin}" stroke="${p.line}" stroke-width="3"/>`)
  }
  const headShape = profile
    ? `<ellipse cx="${cx + w * 0.04}" cy="${cy}" rx="${w * 0.48}" ry="${h / 2}" fill="${p.skin}" stroke="${p.line}" stroke-width="${STROKE}"/>`
    : `<ellipse cx="${cx}" cy="${cy}" rx="${w / 2}" ry="${h / 2}" fill="${p.skin}" stroke="${p.line}" stroke-width="${STROKE}"/>`
  const body =
    `<rect x="${cx - w * 0.09}" y="${top + h - neck}" width="${w * 0.18}" height="${neck * 2}" fill="${p.skin}" stroke="${p.line}" stroke-width="${STROKE}"/>\n` +
    `${headShape}\n${face}\n${hair(c, profile ? cx + w * 0.02 : cx, top, w, profile)}`
  return { svg: svg(W, H, body), pivot: [r1(cx), r1(pivotY)] as [number, number] }
}

/** Shirt and pants from the hips to the neck; the pivot is mid_hip. `turn` as for the head. */
function torso(c: Character, profile: boolean, turn = 0) {
  const p = c.palette
  const { length, width, hipWidth } = c.torso
  const sw = profile ? width * 0.62 : width * (1 - 0.15 * turn)
  const hw = profile ? hipWidth * 0.7 : hipWidth * (1 - 0.1 * turn)
  const below = c.leg.thick * 0.9
  const W = Math.max(sw, hw) + STROKE * 2
  const H = length + below + STROKE * 2 + 6
  const cx = W / 2
  const top = STROKE + 6
  const hipY = top + length
  const shirt = `<path d="M ${cx - sw / 2 + sw * 0.12} ${top} h ${sw * 0.76} q ${sw * 0.12} 0 ${sw * 0.12} ${sw * 0.14} L ${cx + hw / 2} ${hipY - below * 0.1} h ${-hw} L ${cx - sw / 2} ${top + sw * 0.14} q 0 ${-sw * 0.14} ${sw * 0.12} ${-sw * 0.14} z" fill="${p.shirt}" stroke="${p.line}" stroke-width="${STROKE}" stroke-linejoin="round"/>`
  const pants = `<rect x="${cx - hw / 2}" y="${hipY - below * 0.25}" width="${hw}" height="${below * 1.2}" rx="${below * 0.3}" fill="${p.pants}" stroke="${p.line}" stroke-width="${STROKE}"/>`
  const detail = profile
    ? `<path d="M ${cx + sw * 0.1} ${top + length * 0.2} v ${length * 0.5}" stroke="${p.line}" stroke-width="2" opacity="0.5"/>`
    : `<path d="M ${cx + sw * (0.18 * turn - 0.12)} ${top + 2} l ${sw * 0.12} ${length * 0.12} l ${sw * 0.12} ${-length * 0.12}" stroke="${p.line}" stroke-width="3" fill="${p.skin}"/>\n` +
      `<circle cx="${cx + sw * 0.18 * turn}" cy="${top + length * 0.35}" r="3" fill="${p.line}"/><circle cx="${cx + sw * 0.18 * turn}" cy="${top + length * 0.55}" r="3" fill="${p.line}"/>`
  return {
    svg: svg(W, H, `${pants}\n${shirt}\n${detail}`),
    pivot: [r1(cx), r1(hipY)] as [number, number],
  }
}

type Vec2 = [number, number]

function build(c: Character, outDir: string): void {
  const parts: Record<string, unknown>[] = []
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(outDir, file)), { recursive: true })
    writeFileSync(join(outDir, file), text)
  }
  const flipPivot = (pivot: Vec2, svgText: string): Vec2 => {
    const w = Number(/width="([\d.]+)"/.exec(svgText)?.[1])
    return [r1(w - pivot[0]), pivot[1]]
  }
  const addPart = (
    name: string,
    bone: string,
    art: { svg: string; pivot: Vec2 },
    z: number,
    rotation: number,
    alternatives?: Record<string, { svg: string; pivot: Vec2; file: string; alsoLeft?: boolean }>,
  ) => {
    const file = `parts/${name}.svg`
    write(file, art.svg)
    const part: Record<string, unknown> = {
      name,
      bone,
      image: file,
      pivot: art.pivot,
      offset: [0, 0],
      rotation,
      z,
    }
    if (alternatives) {
      const alts: Record<string, unknown> = {}
      for (const [alt, a] of Object.entries(alternatives)) {
        write(a.file, a.svg)
        alts[alt] = { image: a.file, pivot: a.pivot }
        if (a.alsoLeft)
          alts.profile_left = { image: a.file, pivot: flipPivot(a.pivot, a.svg), flipX: true }
      }
      part.alternatives = alts
    }
    parts.push(part)
  }

  const [width] = c.size
  const cx = width / 2
  const hipY = c.ground - c.foot.ankleHeight - c.leg.shin - c.leg.thigh
  const bones: Record<string, unknown>[] = []
  const bone = (
    name: string,
    parent: string | null,
    position: Vec2,
    rotation: number,
    length: number,
    extra = {},
  ) =>
    bones.push({
      name,
      parent,
      position: position.map(r1),
      rotation: r1(rotation),
      length: r1(length),
      ...extra,
    })

  // World angles: -90 up, 90 down, 180 screen-left (the performer's right in a front view).
  bone('torso', null, [cx, hipY], -90, c.torso.length)
  bone('head', 'torso', [c.torso.length, 0], 0, c.head.neckToNose)
  for (const side of ['r', 'l'] as const) {
    const out = side === 'r' ? 180 : 0
    const toward = (world: number) => (side === 'r' ? world : 180 - world)
    bone(`clavicle_${side}`, 'torso', [c.torso.length, 0], out + 90, c.shoulderHalf)
    bone(
      `upper_arm_${side}`,
      `clavicle_${side}`,
      [c.shoulderHalf, 0],
      toward(c.armAngles.upper) - out,
      c.arm.upper,
    )
    bone(
      `forearm_${side}`,
      `upper_arm_${side}`,
      [c.arm.upper, 0],
      toward(c.armAngles.fore) - toward(c.armAngles.upper),
      c.arm.fore,
    )
    bone(`hand_${side}`, `forearm_${side}`, [c.arm.fore, 0], 0, c.arm.hand)
    bone(`pelvis_${side}`, 'torso', [0, 0], out + 90, c.hipHalf)
    bone(`thigh_${side}`, `pelvis_${side}`, [c.hipHalf, 0], 90 - out, c.leg.thigh)
    bone(`shin_${side}`, `thigh_${side}`, [c.leg.thigh, 0], 0, c.leg.shin)
    bone(`foot_${side}`, `shin_${side}`, [c.leg.shin, 0], 0, c.foot.ankleHeight, {
      inheritRotation: false,
    })
  }

  const p = c.palette
  addPart('torso', 'torso', torso(c, false), 3, 90, {
    three_quarter: { ...torso(c, false, 1), file: 'parts/torso_three_quarter.svg' },
    profile_right: { ...torso(c, true), file: 'parts/torso_profile.svg', alsoLeft: true },
  })
  addPart('head', 'head', head(c, false), 8, 90, {
    three_quarter: { ...head(c, false, 1), file: 'parts/head_three_quarter.svg' },
    profile_right: { ...head(c, true), file: 'parts/head_profile.svg', alsoLeft: true },
  })
  for (const side of ['r', 'l'] as const) {
    const back = side === 'r' ? 0 : 0
    addPart(
      `thigh_${side}`,
      `thigh_${side}`,
      limb(c.leg.thigh, c.leg.thick, p.pants, p, false),
      1 + back,
      -90,
    )
    addPart(
      `shin_${side}`,
      `shin_${side}`,
      limb(c.leg.shin, c.leg.thick * 0.9, p.pants, p, false),
      1 + back,
      -90,
    )
    addPart(`foot_${side}`, `foot_${side}`, foot(c, p, false), 2, -90, {
      profile_right: { ...foot(c, p, true), file: 'parts/foot_profile.svg', alsoLeft: true },
    })
    addPart(
      `upper_arm_${side}`,
      `upper_arm_${side}`,
      limb(c.arm.upper, c.arm.thick, p.shirt, p, c.arm.noodle),
      5,
      -90,
    )
    addPart(
      `forearm_${side}`,
      `forearm_${side}`,
      limb(c.arm.fore, c.arm.thick * 0.9, p.skin, p, c.arm.noodle),
      5,
      -90,
    )
    addPart(`hand_${side}`, `hand_${side}`, hand(c.arm.hand, p, false), 6, -90, {
      closed: { ...hand(c.arm.hand, p, true), file: 'parts/hand_closed.svg' },
    })
  }

  const joints: Record<string, { bone: string; at: 'head' | 'tail' }> = {
    nose: { bone: 'head', at: 'tail' },
    neck: { bone: 'torso', at: 'tail' },
    mid_hip: { bone: 'torso', at: 'head' },
  }
  for (const [side, s] of [
    ['right', 'r'],
    ['left', 'l'],
  ] as const) {
    joints[`${side}_shoulder`] = { bone: `clavicle_${s}`, at: 'tail' }
    joints[`${side}_elbow`] = { bone: `upper_arm_${s}`, at: 'tail' }
    joints[`${side}_wrist`] = { bone: `forearm_${s}`, at: 'tail' }
    joints[`${side}_hip`] = { bone: `pelvis_${s}`, at: 'tail' }
    joints[`${side}_knee`] = { bone: `thigh_${s}`, at: 'tail' }
    joints[`${side}_ankle`] = { bone: `shin_${s}`, at: 'tail' }
  }
  const rig = {
    format: 'toonmo.rig',
    version: 1,
    name: c.name,
    title: c.title,
    description: c.description,
    size: c.size,
    ground: c.ground,
    bones,
    parts,
    joints,
  }
  write('rig.json', `${JSON.stringify(rig, null, 2)}\n`)
}

const characters: Character[] = [
  {
    name: 'chibi',
    title: 'Pip',
    description: 'A big-headed, short-legged chibi: the head is as tall as the rest of the body.',
    size: [400, 480],
    ground: 455,
    palette: {
      line: '#2b2140',
      skin: '#ffd9b8',
      shirt: '#ff7a59',
      pants: '#3d5a98',
      shoes: '#2b2140',
      hair: '#6b3f2a',
      cheek: '#ff9aa2',
    },
    head: { w: 188, h: 178, neckToNose: 86 },
    torso: { length: 70, width: 74, hipWidth: 64 },
    shoulderHalf: 30,
    arm: { upper: 32, fore: 28, hand: 16, thick: 18, noodle: false },
    armAngles: { upper: 105, fore: 98 },
    hipHalf: 17,
    leg: { thigh: 30, shin: 32, thick: 22 },
    foot: { ankleHeight: 14, length: 34 },
    hairStyle: 'tuft',
  },
  {
    name: 'noodle',
    title: 'Stretch',
    description: 'A tall, lanky figure with a small head, long legs and bendy noodle arms.',
    size: [420, 760],
    ground: 735,
    palette: {
      line: '#1f2a2e',
      skin: '#b8e0c8',
      shirt: '#f2c14e',
      pants: '#4b3b6b',
      shoes: '#1f2a2e',
      hair: '#1f2a2e',
      cheek: '#e36f6f',
    },
    head: { w: 64, h: 84, neckToNose: 50 },
    torso: { length: 165, width: 62, hipWidth: 52 },
    shoulderHalf: 34,
    arm: { upper: 140, fore: 135, hand: 20, thick: 9, noodle: true },
    armAngles: { upper: 98, fore: 92 },
    hipHalf: 17,
    leg: { thigh: 165, shin: 170, thick: 15 },
    foot: { ankleHeight: 14, length: 36 },
    hairStyle: 'spiky',
  },
  {
    name: 'stout',
    title: 'Bruno',
    description: 'A stout, wide character: barrel chest, broad shoulders, short thick limbs.',
    size: [520, 540],
    ground: 515,
    palette: {
      line: '#2a1d15',
      skin: '#e8a87c',
      shirt: '#5a8f3d',
      pants: '#6b4a2f',
      shoes: '#2a1d15',
      hair: '#8a8a8a',
      cheek: '#d0635a',
    },
    head: { w: 112, h: 116, neckToNose: 56 },
    torso: { length: 125, width: 210, hipWidth: 170 },
    shoulderHalf: 82,
    arm: { upper: 66, fore: 58, hand: 26, thick: 34, noodle: false },
    armAngles: { upper: 102, fore: 96 },
    hipHalf: 42,
    leg: { thigh: 52, shin: 56, thick: 44 },
    foot: { ankleHeight: 18, length: 58 },
    hairStyle: 'flat',
  },
]

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
for (const c of characters) build(c, join(root, c.name))
console.log(`wrote ${characters.map((c) => c.name).join(', ')} to ${root}`)
