import { pairwiseSum } from './pairwiseSum';

/**
 * Brier score: the mean squared difference between predicted probability and the 0/1 outcome,
 * mean((p − y)²) — `sklearn.metrics.brier_score_loss(y, p)` (0 is perfect, 0.25 is a constant 0.5).
 *
 * Reference: Brier, "Verification of forecasts expressed in terms of probability",
 * Mon. Weather Rev. 78(1), 1950; https://scikit-learn.org/1.2/modules/generated/sklearn.metrics.brier_score_loss.html
 *
 * O(n).
 *
 * @example
 * brierScore([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]); // => 0.03749999999999999
 */
export function brierScore(labels: ArrayLike<number | boolean>, probabilities: ArrayLike<number>): number {
  const n = probabilities.length;
  if (labels.length !== n) {
    throw new Error(`brierScore requires as many labels as probabilities (got ${labels.length} and ${n})`);
  }
  if (n === 0) throw new Error('brierScore requires at least 1 data point');
  const squares = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = probabilities[i];
    if (!(p >= 0 && p <= 1)) throw new Error(`brierScore requires probabilities in [0, 1] (got ${p} at ${i})`);
    const y = Number(labels[i]);
    if (y !== 0 && y !== 1) throw new Error(`brierScore requires labels 0 or 1 (got ${labels[i]} at ${i})`);
    squares[i] = (y - p) ** 2;
  }
  return pairwiseSum(squares) / n;
}
