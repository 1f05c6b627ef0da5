import { DEFAULT_CARTOON_SETTINGS } from '../rig/controls/cartoonControls'
import { defaultCleaningSettings } from '../keypoints/clean'
import type { CartoonSettings, CleaningSettings, ExportSettings } from './types'

export const defaultCleaning: CleaningSettings = defaultCleaningSettings

export const defaultCartoon: CartoonSettings = (({ view: _view, ...rest }) => rest)(
  DEFAULT_CARTOON_SETTINGS,
)

export const defaultExport: ExportSettings = {
  frameSize: { width: 256, height: 256 },
  scale: 1,
  fps: null,
  background: 'transparent',
  maxAtlasSide: 4096,
  powerOfTwo: false,
  padding: 2,
  extrude: 1,
}
