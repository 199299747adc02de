import { alignCategoryCounts, type CategoryCounts } from './categoryCounts';
import { pairwiseSum } from './pairwiseSum';

export interface CategoricalPsiCategory {
  readonly category: string;
  readonly referenceCount: number;
  readonly currentCount: number;
  /** Share before the epsilon replacement. */
  readonly referenceShare: number;
  /** Share before the epsilon replacement. */
  readonly currentShare: number;
  /** `(c − r) · ln(c / r)` with zero shares replaced by epsilon. */
  readonly contribution: number;
}

export interface CategoricalPsiResult {
  readonly value: number;
  /** One entry per category of the union, in sorted order. */
  readonly categories: readonly CategoricalPsiCategory[];
  readonly epsilon: number;
}

/**
 * Categorical Population Stability Index: the PSI with one bin per category over the union of
 * the categories of both samples (a category missing from one sample has share 0 there, replaced
 * by `epsilon` = 1e-4 before the logarithm, as for numeric PSI).
 *
 * Reference: STATS.md "Population Stability Index"; Yurdakul 2018,
 * https://scholarworks.wmich.edu/dissertations/3208
 *
 * O(k log k) for k categories.
 *
 * @example
 * categoricalPsi({ a: 50, b: 50 }, { a: 50, b: 50 }).value; // => 0
 * categoricalPsi({ a: 90, b: 10 }, { a: 50, b: 50 }).value; // => 0.8788898309344878
 */
export function categoricalPsi(
  referenceCounts: CategoryCounts,
  currentCounts: CategoryCounts,
  options: { readonly epsilon?: number } = {},
): CategoricalPsiResult {
  const { epsilon = 1e-4 } = options;
  if (!(epsilon > 0)) throw new Error('categoricalPsi requires a positive epsilon');
  const aligned = alignCategoryCounts(referenceCounts, currentCounts, 'categoricalPsi');
  const refTotal = aligned.referenceCounts.reduce((a, b) => a + b, 0);
  const curTotal = aligned.currentCounts.reduce((a, b) => a + b, 0);
  if (refTotal === 0) throw new Error('categoricalPsi requires at least 1 reference data point');
  if (curTotal === 0) throw new Error('categoricalPsi requires at least 1 current data point');
  const categories = aligned.categories.map((category, j): CategoricalPsiCategory => {
    const referenceCount = aligned.referenceCounts[j];
    const currentCount = aligned.currentCounts[j];
    const referenceShare = referenceCount / refTotal;
    const currentShare = currentCount / curTotal;
    const r = referenceShare === 0 ? epsilon : referenceShare;
    const c = currentShare === 0 ? epsilon : currentShare;
    return { category, referenceCount, currentCount, referenceShare, currentShare, contribution: (c - r) * Math.log(c / r) };
  });
  return { value: pairwiseSum(categories.map((c) => c.contribution)), categories, epsilon };
}
