import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Point2 } from '../../../../core/keypoints/pck'
import { pck } from '../../../../core/keypoints/pck'
import { MEDIAPIPE33_JOINTS } from '../../../../core/skeleton/mediapipe33'

/*
 * The annotated images of ../shared/data/annotated (COCO and JHMDB, as MMPose ships them), read
 * as the joints MediaPipe's 33 landmarks can be compared with. Shared by the accuracy test and
 * bench/accuracy.ts, so both score the same way.
 */

/** One annotated person and the joints comparable with MediaPipe's. */
export interface AnnotatedPerson {
  /** Path relative to the annotated folder. */
  image: string
  /** Each comparable joint, named as MediaPipe names it (the datasets use the same names). */
  joints: { name: string; mediapipe: number; truth: Point2 | undefined }[]
  /** Torso size as MMPose's tPCK defines it: left shoulder to right hip, pixels. */
  torso: number
}

/** MediaPipe index of each COCO keypoint (same order as COCO's 17). */
const cocoToMediapipe = [0, 2, 5, 7, 8, 11, 12, 13, 14, 15, 16, 23, 24, 25, 26, 27, 28]

/** JHMDB's limb joints (index in its 15) and their MediaPipe index; head/neck/belly differ in kind. */
const jhmdbToMediapipe: [number, number][] = [
  [3, 12],
  [4, 11],
  [5, 24],
  [6, 23],
  [7, 14],
  [8, 13],
  [9, 26],
  [10, 25],
  [11, 16],
  [12, 15],
  [13, 28],
  [14, 27],
]

interface Annotations {
  images?: { id: number; file_name: string }[]
  annotations: { image_id: number; keypoints: number[] }[]
}

function person(
  image: string,
  keypoints: number[],
  mapping: [number, number][],
  torsoJoints: [number, number],
): AnnotatedPerson {
  const at = (k: number): Point2 | undefined =>
    (keypoints[k * 3 + 2] ?? 0) > 0 ? [keypoints[k * 3]!, keypoints[k * 3 + 1]!] : undefined
  const [a, b] = torsoJoints.map(at)
  return {
    image,
    joints: mapping.map(([k, m]) => ({ name: MEDIAPIPE33_JOINTS[m]!, mediapipe: m, truth: at(k) })),
    torso: a && b ? Math.hypot(a[0] - b[0], a[1] - b[1]) : NaN,
  }
}

/** The COCO person (image 785) and the three JHMDB frames, in that order. */
export function loadAnnotatedPeople(annotatedDir: string): AnnotatedPerson[] {
  const read = (file: string) =>
    JSON.parse(readFileSync(join(annotatedDir, file), 'utf8')) as Annotations
  const coco = read('coco/test_coco.json')
  const jhmdb = read('jhmdb/test_jhmdb_sub1.json')
  const cocoPerson = coco.annotations.find((a) => a.image_id === 785)!
  return [
    person(
      'coco/000000000785.jpg',
      cocoPerson.keypoints,
      cocoToMediapipe.map((m, k) => [k, m]),
      [5, 12],
    ),
    ...(jhmdb.images ?? []).map((image) =>
      person(
        `jhmdb/${image.file_name}`,
        jhmdb.annotations.find((a) => a.image_id === image.id)!.keypoints,
        jhmdbToMediapipe,
        [4, 5],
      ),
    ),
  ]
}

/** Landmarks of one person in source pixels (MediaPipe's 33), or undefined when none was found. */
export type Landmarks = readonly (readonly number[])[] | undefined

/** PCK of one detected person against its annotation (threshold a fraction of torso size). */
export function scorePerson(
  annotated: AnnotatedPerson,
  landmarks: Landmarks,
  threshold = 0.2,
): { correct: number; total: number } {
  const pairs = annotated.joints.map(({ mediapipe, truth }) => {
    const p = landmarks?.[mediapipe]
    return { predicted: p ? ([p[0]!, p[1]!] as Point2) : undefined, truth }
  })
  return pck(pairs, annotated.torso, threshold)
}

/** Each annotated joint's error as a fraction of torso size, with its offset in pixels. */
export function jointErrors(
  annotated: AnnotatedPerson,
  landmarks: Landmarks,
): { name: string; error: number; dx: number; dy: number }[] {
  return annotated.joints.flatMap(({ name, mediapipe, truth }) => {
    const p = landmarks?.[mediapipe]
    if (!truth || !p) return []
    const dx = p[0]! - truth[0]
    const dy = p[1]! - truth[1]
    return [{ name, error: Math.hypot(dx, dy) / annotated.torso, dx, dy }]
  })
}
