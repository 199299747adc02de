import { PairwiseSumStream } from './pairwiseSum';

/** What one walk over two sorted samples in pooled order gives. */
export interface PooledWalk {
  /** The two-sample KS statistic sup |F_a − F_b| (`ksTwoSample`'s, before the exact method's lattice snap). */
  readonly ksStatistic: number;
  /** A pooled value where the gap is largest, as SciPy's `ks_2samp(...).statistic_location`. */
  readonly ksLocation: number;
  /** Wasserstein-1, `scipy.stats.wasserstein_distance(a, b)` to the last bit. */
  readonly wasserstein: number;
  /** The pooled order statistics at the requested ranks. */
  readonly picked: number[];
}

/**
 * Walks two finite samples sorted ascending (neither empty) once, in pooled order, one step per
 * distinct pooled value v. After the step i and j count the values <= v, so the ECDFs there are
 * i / n1 and j / n2 — the expression `ksTwoSample` and SciPy maximize. The one walk gives:
 *
 * - The KS statistic and its location. The location is chosen as SciPy's `statistic_location`:
 *   SciPy evaluates cdf1 − cdf2 at concatenate([sorted a, sorted b]), takes the first argmax and
 *   the first argmin in that order, and keeps the argmax unless −min is strictly larger. So among
 *   tied values one that occurs in `a` wins, then the smallest.
 * - Wasserstein-1: Σ |F_a(t_k) − F_b(t_k)| · (t_{k+1} − t_k) over the pooled values t_k, summed
 *   as numpy's pairwise sum does. A value that occurs c times contributes c − 1 zero terms (no
 *   width) before its one term; the zeros still count, as they place the other terms in numpy's
 *   pairwise blocks.
 * - The pooled order statistics at `ranks` (0-based, ascending), for the ECDF chart's points.
 *
 * References: https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.ks_2samp.html,
 * https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.wasserstein_distance.html
 *
 * O(n1 + n2), no copy of the samples.
 *
 * @example
 * pooledWalk(Float64Array.of(0, 1, 3), Float64Array.of(5, 6, 8), [0, 5]);
 * // => { ksStatistic: 1, ksLocation: 3, wasserstein: 5, picked: [0, 8] }
 */
export function pooledWalk(a: Float64Array, b: Float64Array, ranks: readonly number[] = []): PooledWalk {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new Error('pooledWalk requires at least 1 data point in each sample');
  const picked: number[] = [];
  const areas = new PairwiseSumStream();
  let next = 0; // index into ranks
  let nextRank = ranks.length > 0 ? ranks[0] : Infinity;
  let i = 0;
  let j = 0;
  // The heads of both samples, +Infinity once a sample is used up (every value is finite).
  let x = a[0];
  let y = b[0];
  let max = -Infinity;
  let maxAt = 0;
  let maxInA = false;
  let min = Infinity;
  let minAt = 0;
  let minInA = false;
  let value = x <= y ? x : y;
  for (;;) {
    const before = i + j;
    const inA = x === value;
    if (inA) {
      do i++;
      while (i < n1 && a[i] === value);
      x = i < n1 ? a[i] : Infinity;
    }
    if (y === value) {
      do j++;
      while (j < n2 && b[j] === value);
      y = j < n2 ? b[j] : Infinity;
    }
    // Pooled ranks before .. i + j - 1 all hold `value`.
    while (nextRank < i + j) {
      if (nextRank >= before) picked.push(value);
      nextRank = ++next < ranks.length ? ranks[next] : Infinity;
    }
    const diff = i / n1 - j / n2;
    if (diff > max || (diff === max && inA && !maxInA)) {
      max = diff;
      maxAt = value;
      maxInA = inA;
    }
    if (diff < min || (diff === min && inA && !minInA)) {
      min = diff;
      minAt = value;
      minInA = inA;
    }
    if (i + j - before > 1) areas.addZeros(i + j - before - 1);
    const following = x <= y ? x : y;
    if (following === Infinity) break;
    areas.add(Math.abs(diff) * (following - value));
    value = following;
  }
  const ksLocation = max >= Math.min(1, Math.max(0, -min)) ? maxAt : minAt;
  // The last pooled value has both ECDFs at 1, so max ≥ 0 ≥ min: ksTwoSample's statistic, unsnapped.
  return { ksStatistic: Math.min(1, Math.max(max, -min)), ksLocation, wasserstein: areas.total(), picked };
}
