import { pairwiseSum } from './pairwiseSum';
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
  const u = sortedFinite(reference);
  const v = sortedFinite(current);
  if (u.length === 0) throw new Error('wassersteinDistance requires at least 1 reference data point');
  if (v.length === 0) throw new Error('wassersteinDistance requires at least 1 current data point');
  // Merge the two sorted samples; between consecutive pooled values both ECDFs are constant.
  const pooled = new Float64Array(u.length + v.length);
  for (let i = 0, j = 0, k = 0; k < pooled.length; k++) {
    pooled[k] = j >= v.length || (i < u.length && u[i] <= v[j]) ? u[i++] : v[j++];
  }
  const areas = new Float64Array(pooled.length - 1);
  let belowU = 0;
  let belowV = 0;
  for (let k = 0; k < areas.length; k++) {
    const t = pooled[k];
    while (belowU < u.length && u[belowU] <= t) belowU++;
    while (belowV < v.length && v[belowV] <= t) belowV++;
    areas[k] = Math.abs(belowU / u.length - belowV / v.length) * (pooled[k + 1] - t);
  }
  return pairwiseSum(areas);
}
