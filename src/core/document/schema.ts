import { z } from 'zod'
import { CURRENT_FORMAT_VERSION } from './types'

/**
 * Runtime shape of the current format. `validateProject` checks a migrated document against it;
 * the TypeScript types in types.ts stay the source of truth for code.
 */
const finite = z.number().finite()
const nonNegative = finite.min(0)

const footage = z.object({
  id: z.string().min(1),
  path: z.string(),
  hash: z.string().nullable(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  fps: finite.positive(),
  durationSec: nonNegative,
  frameCount: z.number().int().min(0),
})

const cleaning = z.object({
  swaps: z.object({ enabled: z.boolean(), ratio: finite.positive(), minDistance: nonNegative }),
  outliers: z.object({
    enabled: z.boolean(),
    halfWindow: z.number().int().min(1).max(100),
    maxDeviation: finite.positive(),
  }),
  gapFill: z.object({
    enabled: z.boolean(),
    minConfidence: finite.min(0).max(1),
    maxGapFrames: z.number().int().min(0).max(10_000),
  }),
  oneEuro: z.object({
    enabled: z.boolean(),
    minCutoff: finite.positive(),
    beta: nonNegative,
    derivativeCutoff: finite.positive(),
    zeroPhase: z.boolean(),
  }),
})

const track = z.object({
  id: z.string().min(1),
  footageId: z.string().min(1),
  model: z.enum(['lite', 'full', 'heavy']),
  cacheKey: z.string().nullable(),
  performer: z.number().int().min(0).nullable(),
  // Optional, so projects saved before it load as they are, and older versions ignore it.
  performerAt: z
    .object({ frame: z.number().int().min(0), x: finite, y: finite })
    .nullable()
    .optional(),
  cleaning,
})

const rigRef = z.object({
  id: z.string().min(1),
  source: z.union([
    z.object({ kind: z.literal('bundled'), name: z.string().min(1) }),
    z.object({ kind: z.literal('file'), path: z.string().min(1) }),
  ]),
})

const key = z.object({
  id: z.string().min(1),
  frame: z.number().int().min(0),
  bone: z.string().min(1),
  rotation: finite,
  interpolation: z.enum(['linear', 'bezier', 'stepped']),
})

export const projectSchema = z.object({
  formatVersion: z.literal(CURRENT_FORMAT_VERSION),
  id: z.string().min(1),
  name: z.string().max(500),
  fps: finite.positive().max(1000),
  footage: z.record(z.string(), footage),
  tracks: z.record(z.string(), track),
  rigs: z.record(z.string(), rigRef),
  activeRigId: z.string().nullable(),
  retarget: z.object({ view: z.union([z.literal('source'), finite.min(-180).max(180)]) }),
  cartoon: z.object({
    exaggeration: finite.min(0).max(5),
    squashStretch: finite.min(0).max(1),
    smoothing: finite.min(0).max(120),
    timing: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    mirror: z.boolean(),
  }),
  timeline: z.object({
    keys: z.record(z.string(), key),
    workRange: z
      .object({ start: z.number().int().min(0), end: z.number().int().min(0) })
      .nullable(),
    blendFrames: z.number().int().min(0).max(1000),
  }),
  export: z.object({
    frameSize: z.object({
      width: z.number().int().min(1).max(8192),
      height: z.number().int().min(1).max(8192),
    }),
    scale: finite.positive().max(16),
    fps: finite.positive().max(240).nullable(),
    background: z.string(),
    maxAtlasSide: z.union([z.literal(2048), z.literal(4096), z.literal(8192)]),
    powerOfTwo: z.boolean(),
    padding: z.number().int().min(0).max(64),
    extrude: z.number().int().min(0).max(64),
  }),
})
