import { alignCategoryCounts, type CategoryCounts } from './categoryCounts';
import { pairwiseSum } from './pairwiseSum';
import { regularizedGammaUpper } from './regularizedGammaUpper';

export interface ChiSquareHomogeneityResult {
  /** Pearson's X² = Σ (observed − expected)² / expected over the 2 × k table. */
  readonly statistic: number;
  /** Upper tail of χ²(dof) at the statistic. */
  readonly pValue: number;
  /** Degrees of freedom, k − 1 for k categories. */
  readonly dof: number;
  /** The categories (columns of the table), sorted. */
  readonly categories: readonly string[];
  /** Expected counts under homogeneity: `[reference row, current row]`. */
  readonly expected: readonly [readonly number[], readonly number[]];
}

/**
 * Chi-square test of homogeneity: whether the reference and current samples share one
 * categorical distribution, from the 2 × k contingency table of their counts over the sorted
 * union of categories — `scipy.stats.chi2_contingency([ref_counts, cur_counts], correction=False)`.
 * Expected counts are row total × column total / grand total; with a single category (dof 0)
 * the statistic is 0 and the p-value 1, as in scipy. Categories counted 0 times in both samples
 * are left out (scipy would raise on their zero expected frequency).
 *
 * Reference: https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.chi2_contingency.html;
 * Pearson, Phil. Mag. 50(302), 1900.
 *
 * O(k log k).
 *
 * @example
 * chiSquareHomogeneity({ a: 10, b: 20 }, { a: 20, b: 10 }); // => { statistic: 6.666666666666667, pValue: 0.009823274507519237, dof: 1, ... } (scipy: 0.009823274507519235)
 */
export function chiSquareHomogeneity(
  referenceCounts: CategoryCounts,
  currentCounts: CategoryCounts,
): ChiSquareHomogeneityResult {
  const aligned = alignCategoryCounts(referenceCounts, currentCounts, 'chiSquareHomogeneity');
  // A category counted 0 times in both samples carries no information; scipy would reject it
  // (a zero expected frequency), so it is left out of the table.
  const keep = aligned.categories.map((_, j) => aligned.referenceCounts[j] + aligned.currentCounts[j] > 0);
  const categories = aligned.categories.filter((_, j) => keep[j]);
  const ref = aligned.referenceCounts.filter((_, j) => keep[j]);
  const cur = aligned.currentCounts.filter((_, j) => keep[j]);
  const rowTotals = [pairwiseSum(ref), pairwiseSum(cur)];
  if (rowTotals[0] === 0) throw new Error('chiSquareHomogeneity requires at least 1 reference data point');
  if (rowTotals[1] === 0) throw new Error('chiSquareHomogeneity requires at least 1 current data point');
  const columnTotals = categories.map((_, j) => ref[j] + cur[j]);
  const grandTotal = pairwiseSum([...ref, ...cur]);
  const expectedRef = columnTotals.map((t) => (rowTotals[0] * t) / grandTotal);
  const expectedCur = columnTotals.map((t) => (rowTotals[1] * t) / grandTotal);
  const dof = categories.length - 1;
  const expected: [number[], number[]] = [expectedRef, expectedCur];
  if (dof === 0) return { statistic: 0, pValue: 1, dof, categories, expected };
  const terms = [
    ...ref.map((o, j) => (o - expectedRef[j]) ** 2 / expectedRef[j]),
    ...cur.map((o, j) => (o - expectedCur[j]) ** 2 / expectedCur[j]),
  ];
  const statistic = pairwiseSum(terms);
  return { statistic, pValue: regularizedGammaUpper(dof / 2, statistic / 2), dof, categories, expected };
}
