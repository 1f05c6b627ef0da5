import { defaultCartoon, defaultExport } from './defaults'
import { createId } from './ids'
import type { ProjectId } from './ids'
import type { ProjectDocument } from './types'
import { CURRENT_FORMAT_VERSION } from './types'

/** An empty project at `fps` frames per second with no footage and no rig. */
export function createProject(name = 'Untitled', fps = 30): ProjectDocument {
  return {
    formatVersion: CURRENT_FORMAT_VERSION,
    id: createId<ProjectId>('project'),
    name,
    fps,
    footage: {},
    tracks: {},
    rigs: {},
    activeRigId: null,
    retarget: { view: 'source' },
    cartoon: { ...defaultCartoon },
    timeline: { keys: {}, workRange: null, blendFrames: 6 },
    export: { ...defaultExport, frameSize: { ...defaultExport.frameSize } },
  }
}
