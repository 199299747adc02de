import { checkPValues } from './checkPValues';

/**
 * Bonferroni-adjusted p-values: each p-value times the number of tests, capped at 1, in the
 * original order — `statsmodels.stats.multitest.multipletests(p, method='bonferroni')[1]`.
 * Rejecting where the adjusted value is <= alpha controls the family-wise error rate at alpha.
 *
 * Reference: https://www.statsmodels.org/stable/generated/statsmodels.stats.multitest.multipletests.html;
 * Dunn, "Multiple Comparisons Among Means", JASA 56(293), 1961.
 *
 * O(m).
 *
 * @example
 * bonferroni([0.01, 0.04, 0.5]); // => [0.03, 0.12, 1]
 */
export function bonferroni(pValues: ArrayLike<number>): number[] {
  checkPValues(pValues, 'bonferroni');
  const m = pValues.length;
  return Array.from(pValues, (p) => Math.min(p * m, 1));
}
