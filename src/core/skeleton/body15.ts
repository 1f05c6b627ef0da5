/**
 * The body15 joint set: OpenPose BODY_25's first 15 joints, the canonical skeleton that
 * keypoint cleaning, retargeting and pose solving share. "right" is the performer's right, so in
 * a front view the right_* joints appear on the left half of the image.
 */
export const BODY15_JOINTS = [
  'nose',
  'neck',
  'right_shoulder',
  'right_elbow',
  'right_wrist',
  'left_shoulder',
  'left_elbow',
  'left_wrist',
  'mid_hip',
  'right_hip',
  'right_knee',
  'right_ankle',
  'left_hip',
  'left_knee',
  'left_ankle',
] as const

/** One body15 joint name. */
export type Body15Joint = (typeof BODY15_JOINTS)[number]

/** Index of each joint in {@link BODY15_JOINTS}, for flat typed-array layouts. */
export const BODY15_INDEX: Readonly<Record<Body15Joint, number>> = Object.fromEntries(
  BODY15_JOINTS.map((name, i) => [name, i]),
) as Record<Body15Joint, number>

/**
 * The body15 kinematic tree as parent -> child pairs, rooted at mid_hip, listed so every parent
 * appears before its children (a forward-kinematics pass can walk it in order).
 */
export const BODY15_BONES: readonly (readonly [Body15Joint, Body15Joint])[] = [
  ['mid_hip', 'neck'],
  ['neck', 'nose'],
  ['neck', 'right_shoulder'],
  ['right_shoulder', 'right_elbow'],
  ['right_elbow', 'right_wrist'],
  ['neck', 'left_shoulder'],
  ['left_shoulder', 'left_elbow'],
  ['left_elbow', 'left_wrist'],
  ['mid_hip', 'right_hip'],
  ['right_hip', 'right_knee'],
  ['right_knee', 'right_ankle'],
  ['mid_hip', 'left_hip'],
  ['left_hip', 'left_knee'],
  ['left_knee', 'left_ankle'],
]

/** The root joint of {@link BODY15_BONES}. */
export const BODY15_ROOT: Body15Joint = 'mid_hip'

/** True when `name` is a body15 joint name. */
export function isBody15Joint(name: string): name is Body15Joint {
  return (BODY15_JOINTS as readonly string[]).includes(name)
}

/** The same joint on the other side of the body (nose, neck and mid_hip map to themselves). */
export function mirrorBody15Joint(name: Body15Joint): Body15Joint {
  if (name.startsWith('right_')) return name.replace('right_', 'left_') as Body15Joint
  if (name.startsWith('left_')) return name.replace('left_', 'right_') as Body15Joint
  return name
}
