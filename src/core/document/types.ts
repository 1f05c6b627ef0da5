import type { CleaningSettings } from '../keypoints/clean'
import type { PerformerAnchor } from '../keypoints/people'
import type { CartoonSettings as RigCartoonSettings } from '../rig/controls/cartoonControls'
import type { FootageId, KeyId, ProjectId, RigRefId, TrackId } from './ids'

export type { CleaningSettings, PerformerAnchor }

/** The format written by this version of Toonmo. Loading refuses anything newer. */
export const CURRENT_FORMAT_VERSION = 2

/** A clip the project uses. The file stays where the user keeps it; we store its path and probe. */
export interface FootageRecord {
  id: FootageId
  /** Absolute path on the machine that imported it. */
  path: string
  /** Fast content hash (size + sampled chunks), so a moved file can be recognised. */
  hash: string | null
  width: number
  height: number
  rotation: number
  fps: number
  durationSec: number
  frameCount: number
}

/** Settings for keypoint detection and cleaning of one clip. */
export interface TrackRecord {
  id: TrackId
  footageId: FootageId
  model: 'lite' | 'full' | 'heavy'
  /** Key of the cached detection result (footage hash + model + settings). */
  cacheKey: string | null
  /** Identity of the chosen performer when several people are in frame. */
  performer: number | null
  /**
   * Where the chosen performer was when chosen: a point on them in a frame. Identities are
   * numbered by the tracker, and a better tracker (or another model) numbers people anew; the
   * point still finds the same person. Absent in projects saved before it existed.
   */
  performerAt?: PerformerAnchor | null
  cleaning: CleaningSettings
}

/** A rig the project can drive: a bundled one by name, or a rig file on disk. */
export interface RigRefRecord {
  id: RigRefId
  source: { kind: 'bundled'; name: string } | { kind: 'file'; path: string }
}

export type ViewSetting = 'source' | number

export interface RetargetSettings {
  /** 'source' keeps the performer's view; a number is a yaw in degrees (0 faces the camera). */
  view: ViewSetting
}

/** The cartoon controls of src/core/rig/controls; the view lives in `retarget.view`. */
export type CartoonSettings = Omit<RigCartoonSettings, 'view'>

/** A pose tweak at one frame on the edit layer over the retargeted motion. */
export interface KeyRecord {
  id: KeyId
  frame: number
  /** Bone name in the active rig. */
  bone: string
  /** Rotation offset in radians added to the retargeted rotation. */
  rotation: number
  interpolation: 'linear' | 'bezier' | 'stepped'
}

export interface TimelineSettings {
  keys: Record<KeyId, KeyRecord>
  /** Inclusive frame range that playback loops over and export uses; null = whole clip. */
  workRange: { start: number; end: number } | null
  /** Frames over which a key blends in and out. */
  blendFrames: number
}

export interface ExportSettings {
  frameSize: { width: number; height: number }
  scale: number
  fps: number | null
  background: 'transparent' | string
  maxAtlasSide: 2048 | 4096 | 8192
  powerOfTwo: boolean
  padding: number
  extrude: number
}

/** The whole saved project. Plain JSON; every change goes through src/core/edits. */
export interface ProjectDocument {
  formatVersion: typeof CURRENT_FORMAT_VERSION
  id: ProjectId
  name: string
  fps: number
  footage: Record<FootageId, FootageRecord>
  tracks: Record<TrackId, TrackRecord>
  rigs: Record<RigRefId, RigRefRecord>
  activeRigId: RigRefId | null
  retarget: RetargetSettings
  cartoon: CartoonSettings
  timeline: TimelineSettings
  export: ExportSettings
}
