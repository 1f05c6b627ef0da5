/**
 * Retargeting speed in Node with onnxruntime-web's WebAssembly backend.
 *
 *   npx tsx bench/retarget.ts [--frames 1800] [--threads N] [--runs 5] [--batch 4]
 *
 * Prints the model's load time and the milliseconds to retarget FRAMES frames (one minute at
 * 30 fps by default) onto a cartoon target: the analytic same-view path, and the view-change
 * path (network + pre/post-processing), median of RUNS after one warm-up.
 * Target: under 300 ms per minute of footage. TOONMO_MODELS_DIR picks another model folder.
 */
import { availableParallelism, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { retargetTrack } from '../src/core/retarget/retarget'
import {
  projectAtYaw,
  skeletonDoc,
  syntheticWorldMotion,
  TARGETS,
  trackFromPoints,
} from '../src/core/retarget/fixtures/syntheticClip'
import { parseTargetSkeleton } from '../src/core/retarget/targetSkeleton'
import { loadRetargetModel, retargetModelPaths } from '../src/main/services/retarget/modelFiles'
import { defaultWasmThreads } from '../src/main/services/retarget/onnxSession'

const { values } = parseArgs({
  options: {
    frames: { type: 'string', default: '1800' },
    threads: { type: 'string' },
    runs: { type: 'string', default: '5' },
    batch: { type: 'string', default: '16' },
  },
})
const frames = Number(values.frames)
const runs = Number(values.runs)
const batch = Number(values.batch)
const threads = values.threads ? Number(values.threads) : defaultWasmThreads()

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}

/**
 * Wall-clock ms of each run after a warm-up, and the process CPU ms of each (this machine is
 * shared with training jobs: with one wasm thread, CPU time is what the run would take on an
 * idle core).
 */
async function time(fn: () => Promise<unknown>): Promise<number[]> {
  await fn()
  const ms: number[] = []
  cpu.length = 0
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    await fn()
    const c = process.cpuUsage(c0)
    ms.push(performance.now() - t0)
    cpu.push((c.user + c.system) / 1000)
  }
  return ms
}
const cpu: number[] = []

const track = trackFromPoints(projectAtYaw(syntheticWorldMotion(frames), frames, 20, 2.4), frames)
const skel = parseTargetSkeleton(skeletonDoc(TARGETS.chibi))
const perMinute = (ms: number): string =>
  `${((ms * 1800) / frames).toFixed(1)} ms per minute at 30 fps`

console.log(`retarget bench: ${frames} frames, wasm threads ${threads}, windows per call ${batch}`)
const analytic = await time(() => retargetTrack(track, skel, { view: 'source' }))
console.log(
  `same view (analytic): median ${median(analytic).toFixed(1)} ms (${perMinute(median(analytic))}); CPU median ${median(cpu).toFixed(1)} ms`,
)

const t0 = performance.now()
const c0 = process.cpuUsage()
const model = await loadRetargetModel(undefined, { threads })
const loadCpu = process.cpuUsage(c0)
if (!model) {
  console.log(`view change: skipped, ${retargetModelPaths().onnx} is absent`)
} else {
  console.log(
    `model load: ${(performance.now() - t0).toFixed(1)} ms (session create ${model.session.loadMs.toFixed(1)} ms, includes wasm start-up); CPU ${((loadCpu.user + loadCpu.system) / 1000).toFixed(1)} ms`,
  )
  const lifted = await time(() => retargetTrack(track, skel, { view: 90, model, batch }))
  console.log(
    `view change (yaw 90): median ${median(lifted).toFixed(1)} ms (${perMinute(median(lifted))}); runs ${lifted.map((m) => m.toFixed(0)).join(', ')}; CPU median ${median(cpu).toFixed(1)} ms (all threads)`,
  )
  const wallPerMinute = (median(lifted) * 1800) / frames
  const cpuPerMinute = (median(cpu) * 1800) / frames
  console.log(
    `target < 300 ms per minute of footage: wall ${wallPerMinute.toFixed(0)} ms ${wallPerMinute < 300 ? 'met' : 'NOT met'}, CPU ${cpuPerMinute.toFixed(0)} ms ${cpuPerMinute < 300 ? 'met' : 'NOT met'} (load average now ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores)`,
  )
  await model.session.dispose()
}
