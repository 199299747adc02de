import { linearQuantileSorted } from './linearQuantileSorted';
import { linspace } from './linspace';
import { pairwiseSum } from './pairwiseSum';
import { searchSorted } from './searchSorted';
import { sortedFinite } from './sortedFinite';

/** How the bins of a numeric PSI are chosen. */
export type PsiBinStrategy = 'quantile' | 'uniform' | 'sturges';

export interface PopulationStabilityIndexOptions {
  /** Number of bins for `'quantile'` and `'uniform'` (default 10: deciles). Ignored by `'sturges'`. */
  readonly bins?: number;
  /** Bin strategy (default `'quantile'`). */
  readonly strategy?: PsiBinStrategy;
  /** Share that replaces an empty bin's zero share before the logarithm (default 1e-4). */
  readonly epsilon?: number;
}

export interface PsiBin {
  /** Inclusive lower edge (may be -Infinity). */
  readonly lower: number;
  /** Exclusive upper edge, inclusive for the last bin (may be Infinity). */
  readonly upper: number;
  readonly referenceCount: number;
  readonly currentCount: number;
  /** Share of the reference in this bin, before the epsilon replacement. */
  readonly referenceShare: number;
  /** Share of the current sample in this bin, before the epsilon replacement. */
  readonly currentShare: number;
  /** This bin's term `(c - r) * ln(c / r)` of the index, computed with the epsilon replacement. */
  readonly contribution: number;
}

export interface PopulationStabilityIndexResult {
  /** The index: the sum of the bins' contributions. < 0.1 stable, 0.1–0.25 alert, > 0.25 rollback. */
  readonly value: number;
  readonly strategy: PsiBinStrategy;
  /** Bin edges, ascending; `edges.length === bins.length + 1`. */
  readonly edges: readonly number[];
  readonly bins: readonly PsiBin[];
  readonly epsilon: number;
  /** Finite reference values used (NaN and ±Infinity are ignored as missing). */
  readonly referenceSize: number;
  /** Finite current values used. */
  readonly currentSize: number;
}

function uniqueSorted(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
}

function binEdges(
  reference: Float64Array,
  current: Float64Array,
  strategy: PsiBinStrategy,
  bins: number,
): number[] {
  switch (strategy) {
    case 'quantile': {
      // np.unique(np.quantile(ref, np.linspace(0, 1, bins + 1)[1:-1])), open outer bins.
      const probabilities = linspace(0, 1, bins + 1).slice(1, -1);
      const inner = uniqueSorted(probabilities.map((p) => linearQuantileSorted(reference, p)));
      return [-Infinity, ...inner, Infinity];
    }
    case 'uniform': {
      // np.unique(np.linspace(ref.min(), ref.max(), bins + 1)[1:-1]), open outer bins.
      const inner = uniqueSorted(linspace(reference[0], reference[reference.length - 1], bins + 1).slice(1, -1));
      return [-Infinity, ...inner, Infinity];
    }
    case 'sturges': {
      // np.histogram_bin_edges(np.concatenate([ref, cur]), bins='sturges').
      const size = reference.length + current.length;
      const min = Math.min(reference[0], current[0]);
      const max = Math.max(reference[reference.length - 1], current[current.length - 1]);
      const width = (max - min) / (Math.log2(size) + 1);
      const [first, last] = min === max ? [min - 0.5, max + 0.5] : [min, max];
      const count = width === 0 ? 1 : Math.ceil((last - first) / width);
      return linspace(first, last, count + 1);
    }
    default:
      throw new Error(`populationStabilityIndex does not know the bin strategy '${String(strategy)}'`);
  }
}

/** np.histogram(sorted, edges)[0]: bins [a, b), the last one closed; values outside are dropped. */
function histogramSorted(sorted: Float64Array, edges: readonly number[]): number[] {
  const last = edges.length - 1;
  const cumulative = edges.map((edge, j) => searchSorted(sorted, edge, j === last ? 'right' : 'left'));
  return cumulative.slice(1).map((c, j) => c - cumulative[j]);
}

/**
 * Population Stability Index: how far the current distribution of a numeric feature has moved
 * from the reference, as `Σ (c − r) · ln(c / r)` over bins, where r and c are the shares of each
 * sample per bin and empty bins get share `epsilon`.
 *
 * Strategies (the result names the one used):
 * - `'quantile'` (default): the inner edges are the type-7 quantiles of the reference at
 *   1/bins, 2/bins, …, deduplicated (heavy ties merge bins), outer edges ±Infinity.
 * - `'uniform'`: `bins − 1` inner edges equally spaced over the reference [min, max]
 *   (`np.linspace(min, max, bins + 1)[1:-1]`), outer edges ±Infinity so current values outside
 *   the reference range land in the end bins.
 * - `'sturges'`: `np.histogram_bin_edges(pooled, bins='sturges')` over reference and current
 *   together, as Evidently does — finite outer edges at the pooled min and max. (Evidently then
 *   fills zero shares with its own rule; here every strategy uses `epsilon`.)
 *
 * Bins are `[a, b)` with the last one closed, as in `np.histogram`. NaN and ±Infinity are ignored
 * as missing. Equals STATS.md's Python `psi(ref, cur)`; reference:
 * Yurdakul, "Statistical Properties of Population Stability Index", 2018,
 * https://scholarworks.wmich.edu/dissertations/3208
 *
 * O((n + m) log(n + m)).
 *
 * @example
 * populationStabilityIndex([1, 2, 3, 4], [1, 2, 3, 4]).value; // => 0
 * populationStabilityIndex([1, 2, 3, 4], [3, 4, 4, 4], { bins: 2 }).value; // => 4.60431846666895
 */
export function populationStabilityIndex(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: PopulationStabilityIndexOptions = {},
): PopulationStabilityIndexResult {
  return populationStabilityIndexSorted(sortedFinite(reference), sortedFinite(current), options);
}

/**
 * `populationStabilityIndex(reference, current, options)` for finite samples already sorted
 * ascending (the drift report sorts each column once and reuses it for KS, PSI and Wasserstein):
 * the same result, in O(bins log n) instead of two sorts.
 *
 * @example
 * populationStabilityIndexSorted(Float64Array.of(1, 2, 3, 4), Float64Array.of(3, 4, 4, 4), { bins: 2 }).value; // => 4.60431846666895
 */
export function populationStabilityIndexSorted(
  ref: Float64Array,
  cur: Float64Array,
  options: PopulationStabilityIndexOptions = {},
): PopulationStabilityIndexResult {
  const { bins = 10, strategy = 'quantile', epsilon = 1e-4 } = options;
  if (!Number.isInteger(bins) || bins < 1) {
    throw new Error('populationStabilityIndex requires bins to be a positive integer');
  }
  if (!(epsilon > 0)) throw new Error('populationStabilityIndex requires a positive epsilon');
  if (ref.length === 0) throw new Error('populationStabilityIndex requires at least 1 reference data point');
  if (cur.length === 0) throw new Error('populationStabilityIndex requires at least 1 current data point');

  const edges = binEdges(ref, cur, strategy, bins);
  const refCounts = histogramSorted(ref, edges);
  const curCounts = histogramSorted(cur, edges);
  const result: PsiBin[] = refCounts.map((referenceCount, j) => {
    const currentCount = curCounts[j];
    const referenceShare = referenceCount / ref.length;
    const currentShare = currentCount / cur.length;
    const r = referenceShare === 0 ? epsilon : referenceShare;
    const c = currentShare === 0 ? epsilon : currentShare;
    return {
      lower: edges[j],
      upper: edges[j + 1],
      referenceCount,
      currentCount,
      referenceShare,
      currentShare,
      contribution: (c - r) * Math.log(c / r),
    };
  });
  return {
    value: pairwiseSum(result.map((b) => b.contribution)),
    strategy,
    edges,
    bins: result,
    epsilon,
    referenceSize: ref.length,
    currentSize: cur.length,
  };
}
