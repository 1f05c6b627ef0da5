import type { GapFillOptions } from './gapFill'
import { defaultGapFillOptions, fillGaps } from './gapFill'
import type { OneEuroOptions } from './oneEuro'
import { defaultOneEuroOptions, oneEuroSmooth } from './oneEuro'
import type { OutlierOptions } from './outliers'
import { defaultOutlierOptions, rejectOutliers } from './outliers'
import type { SwapOptions } from './swaps'
import { defaultSwapOptions, repairSwaps } from './swaps'
import type { PoseSequence } from './types'

/** Every cleaning step with its switch and parameters; stored with the project, shown in the UI. */
export interface CleaningSettings {
  swaps: SwapOptions
  outliers: OutlierOptions
  gapFill: GapFillOptions
  oneEuro: OneEuroOptions
}

export const defaultCleaningSettings: CleaningSettings = {
  swaps: defaultSwapOptions,
  outliers: defaultOutlierOptions,
  gapFill: defaultGapFillOptions,
  oneEuro: defaultOneEuroOptions,
}

/** What cleaning changed, for the UI and the CLI. */
export interface CleaningReport {
  swapsRepaired: number
  outliersRejected: number
}

/**
 * Cleans one person's raw landmarks. The order matters: swaps first (a swapped limb would look
 * like two outliers), then outliers (marked missing), then gap filling (which fills them and
 * short dropouts), then the One Euro filter last, on a sequence without glitches or holes.
 * The input is not modified, so raw and clean can be shown side by side.
 */
export function cleanSequence(
  raw: PoseSequence,
  settings: CleaningSettings = defaultCleaningSettings,
): { sequence: PoseSequence; report: CleaningReport } {
  const swaps = repairSwaps(raw, settings.swaps)
  const outliers = rejectOutliers(swaps.sequence, settings.outliers)
  const filled = fillGaps(outliers.sequence, settings.gapFill)
  const smoothed = oneEuroSmooth(filled, settings.oneEuro)
  return {
    sequence: smoothed,
    report: { swapsRepaired: swaps.swapped, outliersRejected: outliers.rejected },
  }
}
