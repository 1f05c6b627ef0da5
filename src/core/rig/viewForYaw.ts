import type { RigView } from './types'

/**
 * Which drawings a retarget view picks: the front for 'source' and yaws near 0 or 180 (there are
 * no back drawings), three-quarter near ±45, profile facing screen-right or -left near ±90.
 */
export function rigViewForYaw(view: 'source' | number): RigView {
  if (view === 'source') return 'front'
  const yaw = ((((view + 180) % 360) + 360) % 360) - 180
  if (Math.abs(yaw) < 22.5 || Math.abs(yaw) > 157.5) return 'front'
  if (Math.abs(yaw) < 67.5) return 'three_quarter'
  return yaw > 0 ? 'profile_right' : 'profile_left'
}
