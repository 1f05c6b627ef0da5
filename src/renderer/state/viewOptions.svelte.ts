import type { ViewportLayout } from '../stage/viewport/ViewportScene'

/** Session state of the viewport: how it is laid out and what it overlays. Not undoable. */
class ViewOptions {
  layout = $state<ViewportLayout>('side')
  showKeypoints = $state(true)
  /** Show raw detections instead of cleaned ones, to compare. */
  showRaw = $state(false)
  /** Ghost poses on each side of the playhead; 0 = off. */
  onion = $state(0)
}

export const viewOptions = new ViewOptions()
