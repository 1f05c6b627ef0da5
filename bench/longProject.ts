/**
 * A long project for the editor benchmark, built from what the repository ships: the sample's
 * tai chi footage concatenated end to end (or, where ../shared/data is absent, a plain backdrop
 * clip), and the sample's committed keypoint track looped over it with continuous time.
 *
 * The app opens it as it opens any project the user detected before: a `.toonmo` file whose
 * footage has a finished detection in the cache. The detection is written from the track
 * (body15 joints placed on MediaPipe's 33 landmarks), so opening it runs the real chain
 * (preview, detection.track with cleaning, retargeting, pose solving) without running MediaPipe
 * on 2,000 frames. Everything lives in one folder and is reused by later runs.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { FootageId, ProjectId, RigRefId, TrackId } from '../src/core/document/ids'
import { defaultCleaning } from '../src/core/document/defaults'
import type { ProjectDocument } from '../src/core/document/types'
import type { DetectedPerson, ImageLandmark, RawDetection } from '../src/core/keypoints/types'
import { defaultDetectionSettings } from '../src/core/keypoints/types'
import { parseTrackJson } from '../src/core/motion/track'
import type { Track, TrackPoint } from '../src/core/motion/track'
import { MEDIAPIPE33_JOINTS } from '../src/core/skeleton/mediapipe33'
import { footageHash } from '../src/main/services/detection/footageHash'
import { detectionCacheKey, TrackCache } from '../src/main/services/detection/trackCache'
import { probeMedia, requireTool } from '../src/main/services/media'
import { readProjectFile, writeProjectFile } from '../src/main/services/projects/projectFiles'

export interface LongProject {
  /** The `.toonmo` file to open. */
  projectPath: string
  /** TOONMO_CACHE_DIR for `toonmo serve`: holds the detection (and, after a run, the preview). */
  cacheDir: string
  frameCount: number
  /** What plays under the rig: 'tai chi footage x N' or 'plain backdrop'. */
  footage: string
}

const root = resolve(import.meta.dirname, '..')
const resourcesDir = join(root, 'resources')
/** The sample's footage, in ../shared/data beside the checkout where it is on this machine. */
const sampleClip = resolve(root, '..', 'shared', 'data', 'footage', 'hybrik_taiji.mp4')

/**
 * The body15 joint each MediaPipe landmark is placed on. Face points sit on the nose, hand points
 * on the wrist, foot points on the ankle: the MediaPipe -> body15 mapping reads only the body
 * joints (neck and mid_hip are midpoints of the shoulders and hips), so the round trip keeps them.
 */
function body15Source(landmark: string): string {
  if (/eye|ear|mouth/.test(landmark)) return 'nose'
  const side = landmark.startsWith('left') ? 'left' : 'right'
  if (/pinky|index|thumb/.test(landmark) && !landmark.includes('foot')) return `${side}_wrist`
  if (/heel|foot_index/.test(landmark)) return `${side}_ankle`
  return landmark
}

function landmarks(track: Track, points: TrackPoint[]): ImageLandmark[] {
  return MEDIAPIPE33_JOINTS.map((name) => {
    const p = points[track.joints.indexOf(body15Source(name))]
    if (!p) throw new Error(`the sample track has no joint for ${name}`)
    return [p[0], p[1], 0, p[2], p[2]]
  })
}

/** The clip: the sample footage repeated until it has `frames` frames, cut there. */
function makeClip(dir: string, frames: number, fps: number): { path: string; footage: string } {
  const ffmpeg = requireTool('ffmpeg')
  if (existsSync(sampleClip)) {
    const path = join(dir, `taiji-${frames}f.mp4`)
    if (!existsSync(path)) {
      const list = join(dir, 'concat.txt')
      const copies = Math.ceil(frames / 400) + 1
      writeFileSync(list, `file '${sampleClip}'\n`.repeat(copies))
      // Stream copy: no re-encode, so the picture is the real footage, frame for frame.
      execFileSync(ffmpeg, [
        ...['-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list],
        ...['-map', '0:v:0', '-c', 'copy', '-frames:v', String(frames), path],
      ])
    }
    return { path, footage: `tai chi footage x ${Math.ceil(frames / 412)}` }
  }
  const path = join(dir, `backdrop-${frames}f.mp4`)
  if (!existsSync(path)) {
    execFileSync(ffmpeg, [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=0x30343c:s=1280x720:r=${fps}`],
      ...['-frames:v', String(frames), '-c:v', 'libx264', '-preset', 'ultrafast', path],
    ])
  }
  return { path, footage: 'plain backdrop' }
}

/**
 * Builds (once) a project of about `frames` frames in `dir` and returns where it is. The frame
 * count is what the clip decodes to (a stream copy cuts on the frame count ffmpeg asks for).
 */
export async function prepareLongProject(dir: string, frames: number): Promise<LongProject> {
  const cacheDir = join(dir, 'cache')
  const projectPath = join(dir, `long-${frames}f.toonmo`)
  mkdirSync(dir, { recursive: true })
  const track = parseTrackJson(
    readFileSync(join(resourcesDir, 'sample', 'taiji.track.json'), 'utf8'),
  )
  const clip = makeClip(dir, frames, track.fps)
  const probe = await probeMedia(clip.path)
  const hash = footageHash(clip.path)
  const cacheKey = detectionCacheKey(hash, { ...defaultDetectionSettings, model: 'full' })
  const cache = new TrackCache(join(cacheDir, 'tracks'))
  if (!cache.load(cacheKey)) {
    const detection: RawDetection = {
      format: 'toonmo.detection',
      version: 1,
      settings: { ...defaultDetectionSettings, model: 'full' },
      fps: probe.fps,
      width: probe.width,
      height: probe.height,
      // Looped, with time running on: frame i of the long clip shows frame i mod n of the sample.
      frames: Array.from({ length: probe.frameCount }, (_, i) => {
        const points = track.frames[i % track.frames.length]!.points
        const people: DetectedPerson[] = points
          ? [{ image: landmarks(track, points), world: MEDIAPIPE33_JOINTS.map(() => [0, 0, 0]) }]
          : []
        return { time: Math.round((i / probe.fps) * 1e6) / 1e6, people }
      }),
    }
    cache.save(cacheKey, detection)
  }
  const sample = await readProjectFile(join(resourcesDir, 'sample', 'sample.toonmo'))
  const footageId = 'footage-bench-long' as FootageId
  const trackId = 'track-bench-long' as TrackId
  const doc: ProjectDocument = {
    ...sample,
    id: `project-bench-${frames}f` as ProjectId,
    name: `Bench: ${probe.frameCount} frames`,
    fps: probe.fps,
    footage: {
      [footageId]: {
        id: footageId,
        path: clip.path,
        hash,
        width: probe.width,
        height: probe.height,
        rotation: probe.rotation,
        fps: probe.fps,
        durationSec: probe.durationSec,
        frameCount: probe.frameCount,
      },
    },
    tracks: {
      [trackId]: {
        id: trackId,
        footageId,
        model: 'full',
        cacheKey,
        performer: null,
        cleaning: defaultCleaning,
      },
    },
    activeRigId: 'rig-sample-chibi' as RigRefId,
  }
  await writeProjectFile(projectPath, doc)
  return { projectPath, cacheDir, frameCount: probe.frameCount, footage: clip.footage }
}
