import { pooledWalk } from './pooledWalk';
import { sortedFinite } from './sortedFinite';

/**
 * First Wasserstein distance (earth mover's distance) between two samples: the area between
 * their empirical CDFs, ∫ |F_ref(t) − F_cur(t)| dt, in the units of the data —
 * `scipy.stats.wasserstein_distance(ref, cur)` (unweighted). NaN and ±Infinity are ignored as
 * missing.
 *
 * Reference: https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.wasserstein_distance.html;
 * Ramdas, García Trillos & Cuturi, "On Wasserstein Two-Sample Testing", Entropy 19(2), 2017.
 *
 * O((n + m) log(n + m)) for the sorts, then one linear merge.
 *
 * @example
 * wassersteinDistance([0, 1, 3], [5, 6, 8]); // => 5
 */
export function wassersteinDistance(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  return wassersteinDistanceSorted(sortedFinite(reference), sortedFinite(current));
}

/**
 * `wassersteinDistance(u, v)` for finite samples already sorted ascending: one merge, no copies
 * of the samples (`pooledWalk`, which also gives the KS statistic when a caller wants both). Between
 * consecutive pooled values t_k both ECDFs are constant, so the distance is
 * Σ |F_u(t_k) − F_v(t_k)| · (t_{k+1} − t_k), summed as numpy's pairwise sum does (scipy's result to the last bit).
 *
 * O(n + m).
 *
 * @example
 * wassersteinDistanceSorted(Float64Array.of(0, 1, 3), Float64Array.of(5, 6, 8)); // => 5
 */
export function wassersteinDistanceSorted(u: Float64Array, v: Float64Array): number {
  if (u.length === 0) throw new Error('wassersteinDistance requires at least 1 reference data point');
  if (v.length === 0) throw new Error('wassersteinDistance requires at least 1 current data point');
  return pooledWalk(u, v).wasserstein;
}
