import type { CalibrationCurve } from './calibrationCurve';

/**
 * Average calibration error (ACE): the unweighted mean of |accuracy − confidence| over the
 * non-empty bins of a calibration curve, so sparsely populated bins count as much as full ones.
 * Not to be confused with the "adaptive calibration error" of Nixon et al., "Measuring
 * Calibration in Deep Learning", CVPR Workshops 2019, which also abbreviates to ACE; pass a
 * quantile-strategy curve to get their equal-count bins.
 *
 * Reference: STATS.md "Calibration" (ACE = mean gap over non-empty bins); Guo et al.,
 * "On Calibration of Modern Neural Networks", ICML 2017, for the weighted variant (ECE).
 *
 * O(bins).
 *
 * @example
 * averageCalibrationError(calibrationCurve([0, 1, 1, 1], [0.2, 0.2, 0.8, 0.8], { bins: 2 })); // => 0.24999999999999997
 */
export function averageCalibrationError(curve: CalibrationCurve): number {
  if (curve.bins.length === 0) throw new Error('averageCalibrationError requires at least 1 bin');
  let total = 0;
  for (const bin of curve.bins) total += bin.gap;
  return total / curve.bins.length;
}
