import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { moveRestPoint, restBoneWorld } from '../../../core/rig/editRig'
import type { Rig } from '../../../core/rig/types'
import { importLayeredRig } from './importRig'
import { bundledRigsDir, loadRigFile } from './rigFiles'
import { saveEditedRig } from './saveRig'
import { layeredFigurePsd } from './testing/layeredFigure'

const scratch = mkdtempSync(join(tmpdir(), 'toonmo-rig-save-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))
let rigFile: string
let rig: Rig

beforeAll(async () => {
  writeFileSync(join(scratch, 'figure.psd'), layeredFigurePsd())
  const loaded = await importLayeredRig(join(scratch, 'figure.psd'), {
    outDir: join(scratch, 'rig'),
  })
  rigFile = loaded.file
  rig = loaded.rig
})

describe('saving a rig edited in setup mode', () => {
  it('round-trips an edit: the moved joint is where it was dropped after loading', async () => {
    const elbow = restBoneWorld(rig).get('forearm_r')!.head
    const moved = moveRestPoint(rig, elbow, [elbow[0] - 10, elbow[1] + 5])
    await saveEditedRig(JSON.parse(JSON.stringify(moved)), join(scratch, 'rig'))
    const reloaded = await loadRigFile(rigFile)
    const w = restBoneWorld(reloaded.rig)
    expect(w.get('forearm_r')!.head[0]).toBeCloseTo(elbow[0] - 10, 6)
    expect(w.get('upper_arm_r')!.tail[1]).toBeCloseTo(elbow[1] + 5, 6)
    expect(reloaded.rig).toEqual(JSON.parse(JSON.stringify(moved)))
  })

  it('refuses an invalid rig and leaves the file as it was', async () => {
    const before = readFileSync(rigFile, 'utf8')
    const cyclic = {
      ...rig,
      bones: rig.bones.map((b) => (b.name === 'torso' ? { ...b, parent: 'head' } : b)),
    }
    await expect(saveEditedRig(cyclic, rigFile)).rejects.toThrow(/not saved: .*root|cycle/)
    const unmapped = { ...rig, joints: { ...rig.joints, neck: { bone: 'nope', at: 'tail' } } }
    await expect(saveEditedRig(unmapped, rigFile)).rejects.toThrow(
      /not saved: joint "neck" is mapped to bone "nope"/,
    )
    await expect(saveEditedRig({ format: 'other' }, rigFile)).rejects.toThrow(/not a rig/)
    expect(readFileSync(rigFile, 'utf8')).toBe(before)
  })

  it('refuses images that are not in the rig folder, and never writes over a bundled rig', async () => {
    const elsewhere = join(scratch, 'elsewhere', 'rig.json')
    await expect(saveEditedRig(rig, elsewhere)).rejects.toThrow(/images .*parts\/.* are not in/)
    await expect(saveEditedRig(rig, join(bundledRigsDir(), 'chibi'))).rejects.toThrow(
      /bundled rig and is not changed/,
    )
  })
})
