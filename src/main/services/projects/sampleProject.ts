import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createId } from '../../../core/document/ids'
import type { ProjectId } from '../../../core/document/ids'
import type { ProjectDocument } from '../../../core/document/types'
import { parseTrackJson } from '../../../core/motion/track'
import type { Track } from '../../../core/motion/track'
import { resourcesDir, sharedDataDir } from '../../paths'
import { readProjectFile } from './projectFiles'

/** Footage paths in the sample project that point into ../shared/data, resolved at load time. */
const SHARED_PREFIX = 'shared-data:'

/**
 * The project `npm start` opens: a real performance (tai chi) on a bundled rig. Its keypoint
 * track was detected by Toonmo itself from a clip in ../shared/data/footage and ships in
 * resources/sample (the clip does not). Where the clip is on this machine it is attached so the
 * footage plays beside the rig; elsewhere the motion plays on a plain backdrop.
 *
 * Each load gets a project id of its own. Work often starts in the sample (the user drops a clip
 * into it), and autosaves are kept per id: with one fixed id, every session's sample and every
 * project saved from it would write over one another's autosave.
 */
export async function loadSampleProject(): Promise<{
  doc: ProjectDocument
  path: null
  track: Track
}> {
  const dir = join(resourcesDir, 'sample')
  const doc = await readProjectFile(join(dir, 'sample.toonmo'))
  const track = parseTrackJson(await readFile(join(dir, 'taiji.track.json'), 'utf8'))
  const footage = Object.fromEntries(
    Object.entries(doc.footage).flatMap(([id, record]) => {
      if (!record.path.startsWith(SHARED_PREFIX)) return [[id, record]]
      const path = join(sharedDataDir, record.path.slice(SHARED_PREFIX.length))
      return existsSync(path) ? [[id, { ...record, path }]] : []
    }),
  ) as ProjectDocument['footage']
  return { doc: { ...doc, id: createId<ProjectId>('project'), footage }, path: null, track }
}
