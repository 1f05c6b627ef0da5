/**
 * Detection speed: frames per second for the lite, full and heavy pose models on 640-px frames
 * (frames decoded up front, so only detection is timed), in one page and in as many lanes as the
 * app runs on this machine (see detectionLanes.ts), then the whole import-and-detect pipeline on
 * a 720p clip (decoding overlaps detection), next to the detector alone.
 *
 * Run: npx tsx bench/detect.ts [CLIP] [--frames N] [--models lite,full,heavy]
 * Uses ../shared/data/footage/hybrik_taiji.mp4 (1280x720) when no clip is given.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PoseModel } from '../src/core/keypoints/detectorProtocol'
import { poseModels } from '../src/core/keypoints/detectorProtocol'
import { laneCount } from '../src/main/services/detection/detectionLanes'
import { defaultDetectionSettings } from '../src/core/keypoints/types'
import { detectFootage } from '../src/main/services/detection/detectFootage'
import { HeadlessDetector } from '../src/main/services/detection/headlessDetector'
import { decodeFrames, probeMedia } from '../src/main/services/media'
import type { DecodedFrame } from '../src/main/services/media'
import { sharedDataDir } from '../src/main/paths'

const args = process.argv.slice(2)
const framesFlag = args.indexOf('--frames')
const frameCount = framesFlag >= 0 ? Number(args[framesFlag + 1]) : 240
const modelsFlag = args.indexOf('--models')
const models = (modelsFlag >= 0 ? args[modelsFlag + 1]!.split(',') : poseModels).filter(
  (m): m is PoseModel => (poseModels as readonly string[]).includes(m),
)
const clip =
  args.find(
    (a, i) =>
      !a.startsWith('--') && i !== framesFlag + 1 && (modelsFlag < 0 || i !== modelsFlag + 1),
  ) ?? join(sharedDataDir, 'footage', 'hybrik_taiji.mp4')
if (!existsSync(clip)) {
  console.error(`bench/detect: ${clip} not found; pass a 720p clip as the first argument.`)
  process.exit(1)
}

async function* replay(frames: DecodedFrame[]): AsyncIterable<DecodedFrame> {
  yield* frames
}

/** Rates of one detector pass: from the first result to the last, and while every lane ran. */
interface Rates {
  /** Frames per second from the first result on (the first page's model load excluded). */
  overall: number
  /**
   * Frames per second while all lanes were detecting: from the last lane's first result to the
   * first lane's last result. Lanes load their models at the same time and one starts a little
   * later; on a short clip that ramp and the uneven end weigh on `overall`, on a long one not.
   */
  steady: number
}

/**
 * Detects `frames` in `lanes` consecutive chunks at once (one detector page each, as the app
 * does on a multi-core machine).
 */
async function detectorFps(
  detector: HeadlessDetector,
  frames: DecodedFrame[],
  model: PoseModel,
  numPoses = 1,
  lanes = 1,
): Promise<Rates> {
  const times: number[][] = Array.from({ length: lanes }, () => [])
  const per = Math.ceil(frames.length / lanes)
  await Promise.all(
    Array.from({ length: lanes }, (_, k) =>
      detector.run({
        frames: replay(frames.slice(k * per, (k + 1) * per)),
        settings: { ...defaultDetectionSettings, model, numPoses },
        onResult: () => times[k]!.push(performance.now()),
      }),
    ),
  )
  const all = times.flat().sort((a, b) => a - b)
  const overall = (all.length - 1) / ((all[all.length - 1]! - all[0]!) / 1000)
  const start = Math.max(...times.map((t) => t[0]!))
  const end = Math.min(...times.map((t) => t[t.length - 1]!))
  const inside = all.filter((t) => t > start && t <= end).length
  return { overall, steady: end > start ? inside / ((end - start) / 1000) : overall }
}

const probe = await probeMedia(clip)
console.log(
  `clip: ${clip} (${probe.width}x${probe.height}, ${probe.fps.toFixed(2)} fps, ${probe.frameCount} frames)`,
)
const frames: DecodedFrame[] = []
for await (const frame of decodeFrames(clip, { maxSide: 640 })) {
  frames.push(frame)
  if (frames.length >= frameCount) break
}
const lanes = laneCount(frames.length)
console.log(
  `numPoses 1; detector alone on ${frames.length} frames of ${frames[0]?.width}x${frames[0]?.height}, CPU delegate, VIDEO mode; ` +
    `one page, and ${lanes} lane(s) at once as the app runs on these ${availableParallelism()} cores:`,
)
const detector = await HeadlessDetector.launch()
const alone: Record<string, number> = {}
try {
  for (const model of models) {
    const one = (await detectorFps(detector, frames, model)).overall
    const fps = lanes > 1 ? await detectorFps(detector, frames, model, 1, lanes) : undefined
    alone[model] = fps?.overall ?? one
    console.log(
      `  ${model.padEnd(5)} one page ${one.toFixed(1)} fps (${(1000 / one).toFixed(1)} ms/frame)` +
        (fps
          ? `; ${lanes} lanes ${fps.steady.toFixed(1)} fps while all ran, ` +
            `${fps.overall.toFixed(1)} fps first to last result`
          : ''),
    )
  }
  // With numPoses above the people in view, VIDEO mode runs the person detector on every frame.
  const two = await detectorFps(detector, frames, 'full', 2, lanes)
  console.log(
    `  full, numPoses 2 (the app's default), ${lanes} lane(s): ${two.steady.toFixed(1)} fps while all ran, ` +
      `${two.overall.toFixed(1)} fps first to last result`,
  )
  const cacheDir = mkdtempSync(join(tmpdir(), 'toonmo-bench-'))
  try {
    const endSec = frameCount / probe.fps
    let first = 0
    let last = 0
    let n = 0
    await detectFootage(clip, {
      backend: detector,
      cacheDir,
      endSec,
      settings: { model: 'full', numPoses: 1 },
      onProgress: () => {
        last = performance.now()
        if (n++ === 0) first = last
      },
    })
    const fps = (n - 1) / ((last - first) / 1000)
    const ratio = fps / (alone.full ?? fps)
    // Lanes commit in clip order, so only first-to-last is seen here; compared with the same.
    console.log(
      `import + detect (decode ${probe.width}x${probe.height} -> 640 px, full model), ${n} frames: ` +
        `${fps.toFixed(1)} fps first to last result, ${(100 * ratio).toFixed(0)}% of the detector alone`,
    )
  } finally {
    rmSync(cacheDir, { recursive: true, force: true })
  }
} finally {
  await detector.close()
}
