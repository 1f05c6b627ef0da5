import type { CartoonSettings, CleaningSettings, ExportSettings } from './types'

export const defaultCleaning: CleaningSettings = {
  oneEuro: { enabled: true, minCutoff: 1.0, beta: 0.05 },
  gapFill: { enabled: true, maxFrames: 10, minConfidence: 0.3 },
  swapRepair: { enabled: true },
  outliers: { enabled: true, maxJumpTorso: 0.6 },
}

export const defaultCartoon: CartoonSettings = {
  exaggeration: 1,
  squashStretch: 0,
  smoothing: 0.2,
  timing: 1,
  mirror: false,
}

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
