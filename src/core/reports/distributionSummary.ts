/**
 * The few hundred numbers the report panel needs to draw a numeric column's two distributions:
 * overlaid histograms and the two empirical CDFs with the Kolmogorov-Smirnov gap marked. A
 * report must not carry raw data (types.ts), so this summary is what crosses `postMessage`.
 */

import { linspace } from '../stats/linspace';
import { pooledWalk } from '../stats/pooledWalk';
import { searchSorted } from '../stats/searchSorted';

/** Histograms of both samples over the same uniform bins, and both ECDFs at the same points. */
export interface DistributionSummary {
  readonly histogram: {
    /** `bins + 1` uniform edges over the pooled range; bin j is [edges[j], edges[j+1]), the last one closed. */
    readonly edges: readonly number[];
    /** Share of the reference sample in each bin (sums to 1 up to rounding). */
    readonly reference: readonly number[];
    readonly current: readonly number[];
  };
  readonly ecdf: {
    /** Ascending, distinct evaluation points: pooled order statistics, and `ksLocation`. */
    readonly x: readonly number[];
    /** Share of the reference sample <= x[i]. */
    readonly reference: readonly number[];
    /** Share of the current sample <= x[i]. */
    readonly current: readonly number[];
  };
  /**
   * A pooled value where |F_reference − F_current| is largest, the one SciPy reports as
   * `ks_2samp(...).statistic_location`. The gap there is the KS statistic: bit for bit
   * `ksTwoSample(..., { method: 'asymptotic' }).statistic` (the exact method snaps it to the
   * lattice h / lcm(n1, n2), a difference of at most a rounding).
   */
  readonly ksLocation: number;
}

/** The charts' uniform histogram bins and ECDF points: the defaults here, and what the drift report asks every source for. */
export const DISTRIBUTION_BINS = 30;
export const DISTRIBUTION_ECDF_POINTS = 200;

export interface DistributionSummaryOptions {
  /** Uniform histogram bins over the pooled range (default 30). */
  readonly bins?: number;
  /** Points the ECDFs are evaluated at, before the KS location is added (default 200). */
  readonly ecdfPoints?: number;
}

function checkSortedFinite(sample: Float64Array, side: string): void {
  if (sample.length === 0) throw new RangeError(`distributionSummary requires at least 1 ${side} data point`);
  for (let i = 0; i < sample.length; i++) {
    if (!Number.isFinite(sample[i])) throw new RangeError(`distributionSummary requires finite ${side} values`);
    if (i > 0 && sample[i] < sample[i - 1]) {
      throw new RangeError(`distributionSummary requires ${side} values sorted in ascending order`);
    }
  }
}

/**
 * Distribution summary of two sorted numeric samples: histograms over `bins` uniform bins
 * spanning the pooled [min, max] (a constant sample gets [v − 0.5, v + 0.5], as numpy), and both
 * empirical CDFs evaluated with "<=" at `ecdfPoints` evenly spaced order statistics of the pooled
 * sample (every distinct value when there are fewer) plus the Kolmogorov-Smirnov location. Every
 * ECDF value is exact at its point, so a step chart through them is the true step function there,
 * and the gap drawn at `ksLocation` is the KS statistic.
 *
 * Histogram shares equal `numpy.histogram(x, bins, range=(lo, hi))[0] / len(x)` with
 * lo, hi = min and max of both samples; `ksLocation` equals
 * `scipy.stats.ks_2samp(reference, current).statistic_location` (SciPy >= 1.10).
 * https://numpy.org/doc/stable/reference/generated/numpy.histogram.html
 * https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.ks_2samp.html
 *
 * Inputs must be finite and sorted ascending (e.g. by `sortFinite`); they are never mutated.
 * The result is plain JSON (no typed arrays, no infinities).
 *
 * @example
 * distributionSummary(Float64Array.of(0, 1, 2, 3), Float64Array.of(2, 3, 4, 5), { bins: 5 });
 * // => { histogram: { edges: [0, 1, 2, 3, 4, 5], reference: [0.25, 0.25, 0.25, 0.25, 0],
 * //                   current: [0, 0, 0.25, 0.25, 0.5] },
 * //      ecdf: { x: [0, 1, 2, 3, 4, 5], reference: [0.25, 0.5, 0.75, 1, 1, 1],
 * //              current: [0, 0, 0.25, 0.5, 0.75, 1] },
 * //      ksLocation: 1 }
 * @complexity O(n1 + n2) for the checks and the one merge, O(bins log n) for the histograms,
 *   O(ecdfPoints log n) for the ECDF values; O(bins + ecdfPoints) memory.
 */
export function distributionSummary(
  sortedReference: Float64Array,
  sortedCurrent: Float64Array,
  options: DistributionSummaryOptions = {},
): DistributionSummary {
  const { bins = DISTRIBUTION_BINS, ecdfPoints = DISTRIBUTION_ECDF_POINTS } = options;
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError('distributionSummary requires bins to be a positive integer');
  if (!Number.isInteger(ecdfPoints) || ecdfPoints < 2) {
    throw new RangeError('distributionSummary requires ecdfPoints to be an integer of at least 2');
  }
  checkSortedFinite(sortedReference, 'reference');
  checkSortedFinite(sortedCurrent, 'current');
  const n1 = sortedReference.length;
  const n2 = sortedCurrent.length;

  const edges = histogramEdges(Math.min(sortedReference[0], sortedCurrent[0]), Math.max(sortedReference[n1 - 1], sortedCurrent[n2 - 1]), bins);
  const { ksLocation, picked } = pooledWalk(sortedReference, sortedCurrent, ecdfRanks(n1 + n2, ecdfPoints));
  const x = [...picked, ksLocation].sort((p, q) => p - q).filter((v, k, all) => k === 0 || v !== all[k - 1]);
  const counts = (sorted: Float64Array) => x.map((v) => searchSorted(sorted, v, 'right'));
  return distributionSummaryFromCounts({
    edges,
    histogram: { reference: histogramCounts(sortedReference, edges), current: histogramCounts(sortedCurrent, edges) },
    ecdf: { x, reference: counts(sortedReference), current: counts(sortedCurrent) },
    ksLocation,
    sizes: { reference: n1, current: n2 },
  });
}

/** `bins + 1` uniform edges over the pooled range; a constant sample gets [v − 0.5, v + 0.5], as numpy. */
export function histogramEdges(pooledMin: number, pooledMax: number, bins = DISTRIBUTION_BINS): number[] {
  return pooledMin === pooledMax ? linspace(pooledMin - 0.5, pooledMax + 0.5, bins + 1) : linspace(pooledMin, pooledMax, bins + 1);
}

/** The pooled ranks (0-based) whose values become ECDF points: every rank up to `points`, else evenly spaced. */
export function ecdfRanks(pooled: number, points = DISTRIBUTION_ECDF_POINTS): number[] {
  const ranks: number[] = [];
  if (pooled <= points) {
    for (let r = 0; r < pooled; r++) ranks.push(r);
  } else {
    for (let k = 0; k < points; k++) ranks.push(Math.round((k * (pooled - 1)) / (points - 1)));
  }
  return ranks;
}

/** Counts per bin as `numpy.histogram(sorted, edges)`: [a, b) bins, the last one closed. */
function histogramCounts(sorted: Float64Array, edges: readonly number[]): number[] {
  const last = edges.length - 1;
  const cumulative = edges.map((edge, j) => searchSorted(sorted, edge, j === last ? 'right' : 'left'));
  return cumulative.slice(1).map((c, j) => c - cumulative[j]);
}

/** What the summary is made of, as counts: any source that can count can give them. */
export interface DistributionCounts {
  readonly edges: readonly number[];
  readonly histogram: { readonly reference: readonly number[]; readonly current: readonly number[] };
  /** Ascending ECDF points (the KS location among them) and the count of each sample ≤ each. */
  readonly ecdf: { readonly x: readonly number[]; readonly reference: readonly number[]; readonly current: readonly number[] };
  readonly ksLocation: number;
  readonly sizes: { readonly reference: number; readonly current: number };
}

/** The summary from counts: shares of each sample per bin and at each ECDF point. */
export function distributionSummaryFromCounts(counts: DistributionCounts): DistributionSummary {
  const { reference: n1, current: n2 } = counts.sizes;
  return {
    histogram: {
      edges: [...counts.edges],
      reference: counts.histogram.reference.map((c) => c / n1),
      current: counts.histogram.current.map((c) => c / n2),
    },
    ecdf: {
      x: [...counts.ecdf.x],
      reference: counts.ecdf.reference.map((c) => c / n1),
      current: counts.ecdf.current.map((c) => c / n2),
    },
    ksLocation: counts.ksLocation,
  };
}

