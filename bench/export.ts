/**
 * Seconds to export a 300-frame sprite sheet at 256x256 (rendered in headless Chromium with the
 * viewport's RigView, trimmed, packed, PNG + JSON written) and the BVH of the same animation.
 * Target: the sheet in 5 s or less. Run: npx tsx bench/export.ts [RIG]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { toBvh } from '../src/core/export/bvh'
import { syntheticWalk } from '../src/core/rig/testing/syntheticWalk'
import { rendererPageDir } from '../src/main/services/browser/rendererPage'
import { exportAnimation } from '../src/main/services/export/exportAnimation'
import { exporterPageSpec } from '../src/main/services/export/renderFrames'
import { resolveRig } from '../src/main/services/rigs/rigFiles'

const FRAMES = 300
const rigName = process.argv[2] ?? 'chibi'
const rig = await resolveRig(rigName)
const { anim } = syntheticWalk(rig.compiled, FRAMES, 30)
const dir = mkdtempSync(join(tmpdir(), 'toonmo-bench-export-'))
const cpu = () => {
  const u = process.resourceUsage()
  return (u.userCPUTime + u.systemCPUTime) / 1e6
}

try {
  // Build the render page once (cached afterwards, as in normal use).
  await rendererPageDir(exporterPageSpec)
  console.log(
    `export bench: ${FRAMES} frames of "${rigName}" at 256x256, load average ${loadavg()[0]!.toFixed(1)} on this machine`,
  )

  for (const run of ['first', 'second']) {
    const t0 = performance.now()
    const c0 = cpu()
    const result = await exportAnimation({
      rig,
      animation: anim,
      width: 256,
      height: 256,
      spriteSheet: { prefix: join(dir, `walk-${run}`) },
    })
    const total = (performance.now() - t0) / 1000
    const s = result.seconds
    console.log(
      `sprite sheet (${run} run, Chromium launch included): ${total.toFixed(2)} s (render ${s.render.toFixed(2)} s = start ${result.framing!.seconds.startup.toFixed(2)} s + frames ${result.framing!.seconds.frames.toFixed(2)} s, pack ${s.pack.toFixed(2)} s, write ${s.write.toFixed(2)} s; ${result.atlases} atlas; Node CPU ${(cpu() - c0).toFixed(2)} s)`,
    )
  }

  let t0 = performance.now()
  const text = toBvh(rig.compiled, anim)
  const bvhOnly = (performance.now() - t0) / 1000
  t0 = performance.now()
  await exportAnimation({ rig, animation: anim, bvh: join(dir, 'walk.bvh') })
  const bvhFile = (performance.now() - t0) / 1000
  console.log(
    `BVH: ${bvhOnly.toFixed(3)} s to write ${(text.length / 1024).toFixed(0)} KiB, ${bvhFile.toFixed(3)} s as a file export`,
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
