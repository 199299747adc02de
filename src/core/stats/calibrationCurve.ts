import { linearQuantileSorted } from './linearQuantileSorted';
import { linspace } from './linspace';
import { searchSorted } from './searchSorted';

/** How calibration bins are laid out: equal width on [0, 1], or equal count (quantiles of p). */
export type CalibrationStrategy = 'uniform' | 'quantile';

export interface CalibrationCurveOptions {
  /** Number of bins before empty ones are dropped (default 10). */
  readonly bins?: number;
  /** Bin layout (default `'uniform'`). */
  readonly strategy?: CalibrationStrategy;
}

export interface CalibrationBin {
  /** Position of the bin among all `bins` bins, counting the empty ones that were dropped. */
  readonly index: number;
  /** Exclusive lower edge (the first bin also takes every value <= its upper edge). */
  readonly lower: number;
  /** Inclusive upper edge: bins are right-closed, (lower, upper]. */
  readonly upper: number;
  /** Number of predictions in the bin (never 0: empty bins are dropped). */
  readonly count: number;
  /** Mean predicted probability (sklearn's `prob_pred`). */
  readonly confidence: number;
  /** Fraction of positive labels (sklearn's `prob_true`). */
  readonly accuracy: number;
  /** |accuracy − confidence|. */
  readonly gap: number;
  /** accuracy − confidence: positive when the model is underconfident in this bin. */
  readonly signedGap: number;
}

export interface CalibrationCurve {
  readonly strategy: CalibrationStrategy;
  /** All bin edges, `bins + 1` of them (quantile edges may repeat). */
  readonly edges: readonly number[];
  /** The non-empty bins in ascending order. */
  readonly bins: readonly CalibrationBin[];
  /** Number of predictions. */
  readonly total: number;
}

/**
 * Calibration curve (reliability diagram): predictions grouped into probability bins, each with
 * its mean predicted probability and observed fraction of positives —
 * `sklearn.calibration.calibration_curve(y, p, n_bins=bins, strategy=strategy)` (scikit-learn 1.2).
 * Edges are `linspace(0, 1, bins + 1)` or the type-7 percentiles of p; a prediction goes to bin
 * `searchsorted(edges[1:-1], p)` (numpy, side 'left'), so a value exactly on an inner edge falls
 * in the bin below it: bins are right-closed, 0 goes to the first bin and 1 to the last. Empty
 * bins are dropped.
 *
 * Labels are 0/1 (or false/true); with top-label confidence and a correct/incorrect label the
 * same curve is the multiclass reliability diagram.
 *
 * Reference: https://scikit-learn.org/1.2/modules/generated/sklearn.calibration.calibration_curve.html;
 * Niculescu-Mizil & Caruana, "Predicting good probabilities with supervised learning", ICML 2005.
 *
 * O(n log bins), plus O(n log n) for the quantile strategy.
 *
 * @example
 * calibrationCurve([0, 0, 1, 1], [0.1, 0.4, 0.6, 0.9], { bins: 2 }).bins.map((b) => [b.confidence, b.accuracy]);
 * // => [[0.25, 0], [0.75, 1]]
 */
export function calibrationCurve(
  labels: ArrayLike<number | boolean>,
  probabilities: ArrayLike<number>,
  options: CalibrationCurveOptions = {},
): CalibrationCurve {
  const { bins = 10, strategy = 'uniform' } = options;
  const n = probabilities.length;
  if (!Number.isInteger(bins) || bins < 1) throw new Error('calibrationCurve requires bins to be a positive integer');
  if (labels.length !== n) {
    throw new Error(`calibrationCurve requires as many labels as probabilities (got ${labels.length} and ${n})`);
  }
  if (n === 0) throw new Error('calibrationCurve requires at least 1 data point');
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = probabilities[i];
    if (!(p >= 0 && p <= 1)) throw new Error(`calibrationCurve requires probabilities in [0, 1] (got ${p} at ${i})`);
    const label = Number(labels[i]);
    if (label !== 0 && label !== 1) throw new Error(`calibrationCurve requires labels 0 or 1 (got ${labels[i]} at ${i})`);
    y[i] = label;
  }

  let edges: number[];
  if (strategy === 'uniform') {
    edges = linspace(0, 1, bins + 1);
  } else if (strategy === 'quantile') {
    // np.percentile(p, linspace(0, 1, bins + 1) * 100): numpy divides the percents by 100 again.
    const sorted = Float64Array.from(probabilities).sort();
    edges = linspace(0, 1, bins + 1).map((q) => linearQuantileSorted(sorted, (q * 100) / 100));
  } else {
    throw new Error(`calibrationCurve does not know the strategy '${String(strategy)}'`);
  }

  const inner = edges.slice(1, -1);
  const counts = new Float64Array(bins);
  const probabilitySums = new Float64Array(bins);
  const positiveSums = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const bin = searchSorted(inner, probabilities[i], 'left');
    counts[bin] += 1;
    probabilitySums[bin] += probabilities[i];
    positiveSums[bin] += y[i];
  }

  const result: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (counts[b] === 0) continue;
    const confidence = probabilitySums[b] / counts[b];
    const accuracy = positiveSums[b] / counts[b];
    const signedGap = accuracy - confidence;
    result.push({
      index: b,
      lower: edges[b],
      upper: edges[b + 1],
      count: counts[b],
      confidence,
      accuracy,
      gap: Math.abs(signedGap),
      signedGap,
    });
  }
  return { strategy, edges, bins: result, total: n };
}
