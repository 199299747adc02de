import type { CalibrationCurve } from './calibrationCurve';

/**
 * Maximum calibration error (MCE): the largest |accuracy − confidence| over the non-empty bins
 * of a calibration curve — the worst-case miscalibration.
 *
 * Reference: Naeini, Cooper & Hauskrecht, AAAI 2015; Guo et al., ICML 2017, eq. 5.
 *
 * O(bins).
 *
 * @example
 * maximumCalibrationError(calibrationCurve([0, 1, 1, 1], [0.2, 0.2, 0.8, 0.8], { bins: 2 })); // => 0.3
 */
export function maximumCalibrationError(curve: CalibrationCurve): number {
  if (curve.bins.length === 0) throw new Error('maximumCalibrationError requires at least 1 bin');
  return Math.max(...curve.bins.map((b) => b.gap));
}
