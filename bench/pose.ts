// Prints how long pose solving, the cartoon controls, per-frame placement and the skeletal
// exports take on a 2,000-frame clip for each bundled rig. Run: npx tsx bench/pose.ts
import { toBvh } from '../src/core/export/bvh'
import { serializeSkeletal, toSkeletalFile } from '../src/core/export/skeletalJson'
import { createWorldPose } from '../src/core/rig/animation'
import { applyCartoonControls } from '../src/core/rig/controls/cartoonControls'
import { placeFrame } from '../src/core/rig/partTransforms'
import { solvePose } from '../src/core/rig/solve/solvePose'
import { syntheticWalk } from '../src/core/rig/testing/syntheticWalk'
import { resolveRig } from '../src/main/services/rigs/rigFiles'

const FRAMES = 2000

function time<T>(run: () => T): [T, number] {
  const start = performance.now()
  const result = run()
  return [result, performance.now() - start]
}

for (const name of ['chibi', 'noodle', 'stout']) {
  const { compiled: c } = await resolveRig(name)
  const { motion } = syntheticWalk(c, FRAMES)
  solvePose(c, motion) // warm up the JIT
  const [solved, solveMs] = time(() => solvePose(c, motion))
  const [anim, controlsMs] = time(() =>
    applyCartoonControls(c, solved, {
      smoothing: 2,
      exaggeration: 1.4,
      squashStretch: 0.5,
      timing: 2,
    }),
  )
  const pose = createWorldPose(c)
  const [, placeMs] = time(() => {
    for (let f = 0; f < FRAMES; f++) placeFrame(c, anim, f, pose)
  })
  const [json, jsonMs] = time(() => serializeSkeletal(toSkeletalFile(c, anim)))
  const [bvh, bvhMs] = time(() => toBvh(c, anim))
  console.log(
    `${name.padEnd(6)} ${c.boneCount} bones, ${FRAMES} frames: solve ${solveMs.toFixed(0)} ms, ` +
      `controls ${controlsMs.toFixed(0)} ms, place parts ${(placeMs / FRAMES).toFixed(3)} ms/frame, ` +
      `skeletal JSON ${jsonMs.toFixed(0)} ms (${(json.length / 1e6).toFixed(2)} MB), ` +
      `BVH ${bvhMs.toFixed(0)} ms (${(bvh.length / 1e6).toFixed(2)} MB)`,
  )
}
