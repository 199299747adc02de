/**
 * Linear-interpolation quantile of sorted data (Hyndman & Fan type 7, numpy's default
 * `method='linear'`), interpolating the way numpy does: `a + (b - a) * t` when t < 0.5 and
 * `b - (b - a) * (1 - t)` otherwise, so edges built from it match `numpy.quantile` exactly.
 * (simple-statistics' `quantileSorted` is also type 7 but always uses the first form, which can
 * differ from numpy in the last bit.)
 *
 * Reference: Hyndman & Fan, "Sample quantiles in statistical packages", Am. Stat. 50(4), 1996;
 * https://numpy.org/doc/stable/reference/generated/numpy.quantile.html
 *
 * O(1) per call; `sorted` must be ascending and free of NaN.
 *
 * @example
 * linearQuantileSorted([1, 2, 3, 4], 0.5); // => 2.5
 */
export function linearQuantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new Error('linearQuantileSorted requires at least 1 data point');
  if (!(p >= 0 && p <= 1)) throw new Error('linearQuantileSorted requires p in [0, 1]');
  const virtualIndex = (n - 1) * p;
  if (virtualIndex >= n - 1) return sorted[n - 1];
  const below = Math.floor(virtualIndex);
  const t = virtualIndex - below;
  const a = sorted[below];
  const b = sorted[below + 1];
  const difference = b - a;
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
}
