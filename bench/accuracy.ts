/**
 * Keypoint accuracy on the annotated images of ../shared/data/annotated (COCO, JHMDB): PCK@0.2
 * of torso size per image and overall for each pose model, and each joint's error (a fraction
 * of torso size, with its offset in pixels) so a miss can be told from a mix-up of left and
 * right or a joint that the datasets define differently. The accuracy test scores the same way.
 *
 * Run: npx tsx bench/accuracy.ts [--models lite,full,heavy]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PoseModel } from '../src/core/keypoints/detectorProtocol'
import { poseModels } from '../src/core/keypoints/detectorProtocol'
import { trackIdentities } from '../src/core/keypoints/identity'
import { choosePerformer, performerSequence } from '../src/core/keypoints/performer'
import { sharedDataDir } from '../src/main/paths'
import { detectFootage } from '../src/main/services/detection/detectFootage'
import { HeadlessDetector } from '../src/main/services/detection/headlessDetector'
import {
  jointErrors,
  loadAnnotatedPeople,
  scorePerson,
} from '../src/main/services/detection/testing/annotatedPeople'

const args = process.argv.slice(2)
const modelsFlag = args.indexOf('--models')
const models = (modelsFlag >= 0 ? args[modelsFlag + 1]!.split(',') : poseModels).filter(
  (m): m is PoseModel => (poseModels as readonly string[]).includes(m),
)
const annotatedDir = join(sharedDataDir, 'annotated')
if (!existsSync(annotatedDir)) {
  console.error(`bench/accuracy: ${annotatedDir} not found (it comes with ../shared/data).`)
  process.exit(1)
}

const people = loadAnnotatedPeople(annotatedDir)
const detector = await HeadlessDetector.launch()
const cacheDir = mkdtempSync(join(tmpdir(), 'toonmo-bench-accuracy-'))
try {
  for (const model of models) {
    let correct = 0
    let total = 0
    console.log(`\n${model}`)
    for (const annotated of people) {
      const { raw } = await detectFootage(join(annotatedDir, annotated.image), {
        backend: detector,
        cacheDir,
        settings: { model },
      })
      const identities = trackIdentities(raw.frames)
      const sequence = performerSequence(raw, identities, choosePerformer(raw, identities))
      const landmarks = sequence.frames[0] ?? undefined
      const score = scorePerson(annotated, landmarks)
      correct += score.correct
      total += score.total
      console.log(
        `  ${annotated.image.padEnd(72)} ${score.correct}/${score.total}  (torso ${annotated.torso.toFixed(0)} px)`,
      )
      const misses = jointErrors(annotated, landmarks).filter((j) => j.error > 0.2)
      for (const j of misses) {
        console.log(
          `      ${j.name.padEnd(15)} ${j.error.toFixed(2)} of torso, off by (${j.dx.toFixed(0)}, ${j.dy.toFixed(0)}) px`,
        )
      }
    }
    console.log(`  PCK@0.2 overall: ${correct}/${total} = ${(correct / total).toFixed(3)}`)
  }
} finally {
  await detector.close()
  rmSync(cacheDir, { recursive: true, force: true })
}
