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

/** The probabilities whose reference quantiles are the inner edges of `bins` quantile bins: 1/bins … (bins−1)/bins. */
export function psiQuantileProbabilities(bins: number): number[] {
  return linspace(0, 1, bins + 1).slice(1, -1);
}

/**
 * What bin edges are made of: the reference's quantiles at `psiQuantileProbabilities(bins)`,
 * its range, and the pooled size and range. A sorted sample gives them directly; a database
 * gives them as aggregates, and the edges are then the same to the last bit.
 */
export interface PsiEdgeInputs {
  readonly referenceQuantiles: readonly number[];
  readonly referenceMin: number;
  readonly referenceMax: number;
  readonly pooledSize: number;
  readonly pooledMin: number;
  readonly pooledMax: number;
}

/** The bin edges of a strategy (see {@link populationStabilityIndex}); the outer ones may be ±Infinity. */
export function psiBinEdges(strategy: PsiBinStrategy, bins: number, inputs: PsiEdgeInputs): number[] {
  switch (strategy) {
    case 'quantile':
      return [-Infinity, ...uniqueSorted([...inputs.referenceQuantiles]), Infinity];
    case 'uniform': {
      const inner = uniqueSorted(linspace(inputs.referenceMin, inputs.referenceMax, bins + 1).slice(1, -1));
      return [-Infinity, ...inner, Infinity];
    }
    case 'sturges': {
      const { pooledSize: size, pooledMin: min, pooledMax: max } = inputs;
      const width = (max - min) / (Math.log2(size) + 1);
      const [first, last] = min === max ? [min - 0.5, max + 0.5] : [min, max];
      const count = width === 0 ? 1 : Math.ceil((last - first) / width);
      return linspace(first, last, count + 1);
    }
    default:
      throw new Error(`populationStabilityIndex does not know the bin strategy '${String(strategy)}'`);
  }
}

function binEdges(reference: Float64Array, current: Float64Array, strategy: PsiBinStrategy, bins: number): number[] {
  return psiBinEdges(strategy, bins, {
    referenceQuantiles: strategy === 'quantile' ? psiQuantileProbabilities(bins).map((p) => linearQuantileSorted(reference, p)) : [],
    referenceMin: reference[0],
    referenceMax: reference[reference.length - 1],
    pooledSize: reference.length + current.length,
    pooledMin: Math.min(reference[0], current[0]),
    pooledMax: Math.max(reference[reference.length - 1], current[current.length - 1]),
  });
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
  const { value, bins: result } = psiFromCounts(edges, histogramSorted(ref, edges), histogramSorted(cur, edges), epsilon);
  return {
    value,
    strategy,
    edges,
    bins: result,
    epsilon,
    referenceSize: ref.length,
    currentSize: cur.length,
  };
}

/**
 * The index from the counts per bin of both samples against `edges` (as np.histogram counts
 * them): the bins with their shares and contributions, and their pairwise sum. Shares are taken
 * of the counts' totals.
 *
 * @example psiFromCounts([-Infinity, 2.5, Infinity], [2, 2], [0, 4], 1e-4).value // => 4.60431846666895
 */
export function psiFromCounts(
  edges: readonly number[],
  referenceCounts: readonly number[],
  currentCounts: readonly number[],
  epsilon: number,
): { readonly value: number; readonly bins: PsiBin[] } {
  const total = (counts: readonly number[]) => counts.reduce((a, b) => a + b, 0);
  const n1 = total(referenceCounts);
  const n2 = total(currentCounts);
  const bins = referenceCounts.map((referenceCount, j): PsiBin => {
    const currentCount = currentCounts[j];
    const referenceShare = referenceCount / n1;
    const currentShare = currentCount / n2;
    const r = referenceShare === 0 ? epsilon : referenceShare;
    const c = currentShare === 0 ? epsilon : currentShare;
    return { lower: edges[j], upper: edges[j + 1], referenceCount, currentCount, referenceShare, currentShare, contribution: (c - r) * Math.log(c / r) };
  });
  return { value: pairwiseSum(bins.map((b) => b.contribution)), bins };
}
