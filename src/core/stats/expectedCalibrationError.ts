import type { CalibrationCurve } from './calibrationCurve';

/**
 * Expected calibration error (ECE): the count-weighted mean of the bins' |accuracy − confidence|,
 * Σ_b (n_b / N) · gap_b, over the bins of a calibration curve.
 *
 * Reference: Naeini, Cooper & Hauskrecht, "Obtaining Well Calibrated Probabilities Using Bayesian
 * Binning", AAAI 2015; Guo et al., "On Calibration of Modern Neural Networks", ICML 2017, eq. 3.
 *
 * O(bins).
 *
 * @example
 * expectedCalibrationError(calibrationCurve([0, 1, 1, 1], [0.2, 0.2, 0.8, 0.8], { bins: 2 })); // => 0.24999999999999997
 */
export function expectedCalibrationError(curve: CalibrationCurve): number {
  if (curve.bins.length === 0) throw new Error('expectedCalibrationError requires at least 1 bin');
  let total = 0;
  for (const bin of curve.bins) total += (bin.count / curve.total) * bin.gap;
  return total;
}
