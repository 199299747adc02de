import { alignCategoryCounts, type CategoryCounts } from './categoryCounts';

export interface PooledCategoryCounts {
  /** The categories kept, plus `otherKey` when any were pooled; counts of the reference sample. */
  readonly referenceCounts: Map<string, number>;
  readonly currentCounts: Map<string, number>;
  /** The key of the pooled bucket in both maps (absent from them when nothing was pooled). */
  readonly otherKey: string;
  /** The categories merged into `otherKey`, sorted. */
  readonly pooled: readonly string[];
}

/**
 * Pooling of rare categories: every category whose expected count on the smaller side,
 * (reference + current count) / (n₁ + n₂) · min(n₁, n₂), is below `minExpected` (default 5, the
 * usual minimum expected cell count of a chi-square test) is merged into one "other" bucket.
 * Levels seen once or twice would otherwise be empty on one side by chance, and an empty share
 * (replaced by PSI's epsilon 1e-4) adds about share · ln(share / 1e-4) of pure noise: 1,000
 * equally likely levels with 2,000 rows per side read PSI 1.2 while nothing changed. A level that
 * is new but common (a new category at 20%) is never pooled, so its change stays visible.
 *
 * `otherKey` is a string no category uses ("\u0000other", with more NULs if needed).
 *
 * Reference: Cochran, "Some methods for strengthening the common χ² tests", Biometrics 10(4), 1954.
 *
 * O(k log k) for k categories.
 *
 * @example
 * poolRareCategories({ a: 50, b: 48, c: 1, d: 1 }, { a: 52, b: 45, c: 2, e: 1 }).pooled; // => ['c', 'd', 'e']
 */
export function poolRareCategories(
  referenceCounts: CategoryCounts,
  currentCounts: CategoryCounts,
  options: { readonly minExpected?: number } = {},
): PooledCategoryCounts {
  const { minExpected = 5 } = options;
  if (!(minExpected >= 0)) throw new Error('poolRareCategories requires a non-negative minExpected');
  const aligned = alignCategoryCounts(referenceCounts, currentCounts, 'poolRareCategories');
  let n1 = 0;
  let n2 = 0;
  for (let j = 0; j < aligned.categories.length; j++) {
    n1 += aligned.referenceCounts[j];
    n2 += aligned.currentCounts[j];
  }
  const smaller = Math.min(n1, n2);
  let otherKey = '\u0000other';
  while (aligned.categories.includes(otherKey)) otherKey = `\u0000${otherKey}`;
  const reference = new Map<string, number>();
  const current = new Map<string, number>();
  const pooled: string[] = [];
  let otherReference = 0;
  let otherCurrent = 0;
  aligned.categories.forEach((category, j) => {
    const r = aligned.referenceCounts[j];
    const c = aligned.currentCounts[j];
    if (r + c === 0) return;
    if (((r + c) / (n1 + n2)) * smaller < minExpected) {
      pooled.push(category);
      otherReference += r;
      otherCurrent += c;
    } else {
      reference.set(category, r);
      current.set(category, c);
    }
  });
  if (pooled.length > 0) {
    reference.set(otherKey, otherReference);
    current.set(otherKey, otherCurrent);
  }
  return { referenceCounts: reference, currentCounts: current, otherKey, pooled };
}
