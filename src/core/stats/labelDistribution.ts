import { compareCategories, type CategoryValue } from './categoryCounts';

export interface LabelClass {
  /** The label as a string (numbers as written by `String`). */
  readonly label: string;
  readonly count: number;
  /** count / total rows, missing labels included in the total (as `value_counts() / len(df)`). */
  readonly share: number;
}

export interface LabelDistributionResult {
  /** Classes by descending count (ties by label), like `value_counts()`. */
  readonly classes: readonly LabelClass[];
  /** Rows, missing labels included. */
  readonly total: number;
  /** Rows whose label is null, undefined or NaN. */
  readonly missing: number;
  /** Number of classes expected, when given. */
  readonly numClasses: number | undefined;
  /** True when `numClasses` was not given, or exactly that many classes are present. */
  readonly allPresent: boolean;
  /** Share of the most frequent class. */
  readonly largestShare: number;
  /** The share the largest class must stay below (default 0.9). */
  readonly maxShare: number;
  /** allPresent and largestShare < maxShare: the seed's `test_label_distribution_reasonable`. */
  readonly ok: boolean;
}

/**
 * Label distribution check from the seed: every expected class is present
 * (`len(df['label'].value_counts()) == NUM_CLASSES`) and no class dominates
 * (`(value_counts / len(df)).max() < 0.9`). Missing labels are not a class but count in the
 * denominator, exactly as pandas computes it.
 *
 * Reference: STATS.md "Data checks from the seed";
 * https://pandas.pydata.org/docs/reference/api/pandas.Series.value_counts.html
 *
 * O(n + c log c) for c classes.
 *
 * @example
 * labelDistribution([0, 1, 1, 1], { numClasses: 2 }).ok; // => true (largest share 0.75)
 */
export function labelDistribution(
  labels: ArrayLike<CategoryValue>,
  options: { readonly numClasses?: number; readonly maxShare?: number } = {},
): LabelDistributionResult {
  const total = labels.length;
  if (total === 0) throw new Error('labelDistribution requires at least 1 data point');
  const counts = new Map<string, number>();
  let missing = 0;
  for (let i = 0; i < total; i++) {
    const v = labels[i];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
      missing++;
      continue;
    }
    const key = String(v);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return labelDistributionFromCounts(counts, missing, options);
}

/**
 * {@link labelDistribution} from the count of each class (keyed by its text) and of missing
 * labels: what a data source that never hands over rows can give.
 *
 * @example labelDistributionFromCounts(new Map([['0', 1], ['1', 3]]), 0, { numClasses: 2 }).largestShare; // => 0.75
 */
export function labelDistributionFromCounts(
  counts: ReadonlyMap<string, number>,
  missing: number,
  options: { readonly numClasses?: number; readonly maxShare?: number } = {},
): LabelDistributionResult {
  const { numClasses, maxShare = 0.9 } = options;
  let total = missing;
  for (const c of counts.values()) total += c;
  if (total === 0) throw new Error('labelDistribution requires at least 1 data point');
  if (numClasses !== undefined && !(Number.isInteger(numClasses) && numClasses >= 1)) {
    throw new Error('labelDistribution requires numClasses to be a positive integer');
  }
  const classes = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || compareCategories(a[0], b[0]))
    .map(([label, count]) => ({ label, count, share: count / total }));
  const largestShare = classes.length > 0 ? classes[0].share : 0;
  const allPresent = numClasses === undefined || classes.length === numClasses;
  return {
    classes,
    total,
    missing,
    numClasses,
    allPresent,
    largestShare,
    maxShare,
    ok: allPresent && classes.length > 0 && largestShare < maxShare,
  };
}
