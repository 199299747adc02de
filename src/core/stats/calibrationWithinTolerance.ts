import type { CalibrationBin, CalibrationCurve } from './calibrationCurve';

export interface CalibrationToleranceResult {
  /** True when every non-empty bin's |accuracy − confidence| is within the tolerance. */
  readonly withinTolerance: boolean;
  readonly tolerance: number;
  /** The bins that miss, worst first. */
  readonly offendingBins: readonly CalibrationBin[];
}

/**
 * Calibration tolerance check from the seed's serving test: every bin's observed accuracy must
 * be within `tolerance` (default 0.05, five percentage points) of its mean confidence,
 * |accuracy − confidence| <= tolerance. A relative slack of 1e-12 absorbs rounding so that a bin
 * exactly five points off (0.55 vs 0.6) passes, as it would on paper.
 *
 * Reference: STATS.md "Calibration" (seed check); Guo et al., ICML 2017.
 *
 * O(bins log bins).
 *
 * @example
 * calibrationWithinTolerance(calibrationCurve([0, 1, 1, 1], [0.2, 0.2, 0.8, 0.8], { bins: 2 })).withinTolerance; // => false
 */
export function calibrationWithinTolerance(
  curve: CalibrationCurve,
  options: { readonly tolerance?: number } = {},
): CalibrationToleranceResult {
  const { tolerance = 0.05 } = options;
  if (!(tolerance >= 0)) throw new Error('calibrationWithinTolerance requires a non-negative tolerance');
  const limit = tolerance * (1 + 1e-12);
  const offendingBins = curve.bins.filter((b) => b.gap > limit).sort((a, b) => b.gap - a.gap);
  return { withinTolerance: offendingBins.length === 0, tolerance, offendingBins };
}
