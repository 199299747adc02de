import { PairwiseSumStream, pairwiseSum } from './pairwiseSum';

/**
 * Mean and sample standard deviation (ddof = 1, pandas' `Series.std()`) of finite values, with
 * numpy's pairwise sums in the order given: `np.mean(x)` and `np.std(x, ddof=1)` to the last bit.
 * The standard deviation is null for fewer than 2 values.
 *
 * Reference: https://numpy.org/doc/stable/reference/generated/numpy.std.html
 *
 * O(n), no copy of the values.
 *
 * @example
 * meanAndStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]); // => { mean: 5, standardDeviation: 2.138089935299395 }
 */
export function meanAndStandardDeviation(values: ArrayLike<number>): { readonly mean: number; readonly standardDeviation: number | null } {
  const n = values.length;
  if (n === 0) throw new Error('meanAndStandardDeviation requires at least 1 data point');
  const mean = pairwiseSum(values) / n;
  if (n < 2) return { mean, standardDeviation: null };
  const squares = new PairwiseSumStream();
  for (let i = 0; i < n; i++) squares.add((values[i] - mean) ** 2);
  return { mean, standardDeviation: Math.sqrt(squares.total() / (n - 1)) };
}
