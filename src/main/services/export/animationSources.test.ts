import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createProject } from '../../../core/document/createProject'
import { defaultCleaning } from '../../../core/document/defaults'
import type { FootageId } from '../../../core/document/ids'
import { addFootage, choosePerformer, setCleaning } from '../../../core/edits/projectEdits'
import { trackIdentities } from '../../../core/keypoints/identity'
import type { PerformerAnchor } from '../../../core/keypoints/people'
import { personAnchor, summarizePeople } from '../../../core/keypoints/people'
import { choosePerformer as defaultPerformer } from '../../../core/keypoints/performer'
import type { Track } from '../../../core/motion/track'
import { BODY15_INDEX } from '../../../core/skeleton/body15'
import { sharedDataDir } from '../../paths'
import { findBrowser } from '../browser/findBrowser'
import { detectFootage } from '../detection/detectFootage'
import { writeProjectFile } from '../projects/projectFiles'
import { resolveRig } from '../rigs/rigFiles'
import type { LoadedRig } from '../rigs/rigFiles'
import { footageToTrack, readAnimationInput, trackToAnimation } from './animationSources'

// sports2d_demo.mp4's first 4 s: a man doing jumping jacks on a box, and from 2 s a woman
// walking past in front of it. Real detection, the full model.
const clip = join(sharedDataDir, 'footage', 'sports2d_demo.mp4')
const endSec = 4
const ready = existsSync(clip) && findBrowser() !== undefined
if (!ready) console.log(`SKIPPED exporting a project's performer: ${clip} or Chromium is absent`)

/** The mean height of the hips over the frames where the performer is found, source pixels. */
function meanHipY(track: Track): number {
  const ys = track.frames.flatMap((f) => (f.points ? [f.points[BODY15_INDEX.mid_hip]![1]] : []))
  return ys.reduce((a, b) => a + b, 0) / ys.length
}

describe.skipIf(!ready)("a project's performer and cleaning, outside the editor", () => {
  let dir: string
  let previousCache: string | undefined
  let rig: LoadedRig
  let man: number
  let woman: number
  let womanAt: PerformerAnchor
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'toonmo-project-performer-'))
    previousCache = process.env.TOONMO_CACHE_DIR
    process.env.TOONMO_CACHE_DIR = join(dir, 'cache')
    rig = await resolveRig('stout')
    const { raw } = await detectFootage(clip, { endSec })
    const identities = trackIdentities(raw.frames)
    man = defaultPerformer(raw, identities)!
    // The other person seen longest.
    const seen = (id: number) => identities.ids.filter((row) => row.includes(id)).length
    woman = identities.trackIds.filter((id) => id !== man).sort((a, b) => seen(b) - seen(a))[0]!
    const people = summarizePeople(raw, identities, new Map())
    womanAt = personAnchor(people.find((p) => p.id === woman)!)!
  }, 300_000)
  afterAll(() => {
    if (previousCache === undefined) delete process.env.TOONMO_CACHE_DIR
    else process.env.TOONMO_CACHE_DIR = previousCache
    rmSync(dir, { recursive: true, force: true })
  })

  it('follows the chosen performer, not the default one', async () => {
    const height = 994
    const byDefault = (await footageToTrack(clip, { endSec })).track
    const chosen = (await footageToTrack(clip, { endSec, performer: woman })).track
    expect(meanHipY(byDefault)).toBeLessThan(0.45 * height) // on the box
    expect(meanHipY(chosen)).toBeGreaterThan(0.6 * height) // walking on the grass
  })

  it('exports a project with its performer and cleaning, as the editor plays it', async () => {
    let doc = createProject('Crowd')
    const footageId = 'footage-crowd' as FootageId
    doc = addFootage.apply(doc, {
      id: footageId,
      path: clip,
      hash: null,
      width: 1768,
      height: 994,
      rotation: 0,
      fps: 30,
      durationSec: 7.7,
      frameCount: 230,
    })
    // Chosen where she was; the identity stored beside it is one another tracker gave her (his
    // here): the place wins, so a project keeps its performer when people are numbered anew.
    doc = choosePerformer.apply(doc, footageId, man, womanAt)
    const cleaning = { oneEuro: { ...defaultCleaning.oneEuro, enabled: false } }
    doc = setCleaning.apply(doc, footageId, cleaning)
    const file = join(dir, 'crowd.toonmo')
    await writeProjectFile(file, doc)

    const exported = await readAnimationInput(file, rig, { endSec })
    const track = (
      await footageToTrack(clip, {
        endSec,
        performer: woman,
        cleaning: { ...defaultCleaning, ...cleaning },
      })
    ).track
    const expected = await trackToAnimation(track, rig, { view: doc.retarget.view })
    expect(exported.kind).toBe('project')
    expect(exported.animation.frameCount).toBe(expected.frameCount)
    expect(Array.from(exported.animation.rotations)).toEqual(Array.from(expected.rotations))
    // And not what the default performer would give.
    const byDefault = await trackToAnimation((await footageToTrack(clip, { endSec })).track, rig)
    expect(Array.from(exported.animation.rotations)).not.toEqual(Array.from(byDefault.rotations))
  })
})
