import { meanAndStandardDeviation } from './meanAndStandardDeviation';
import { searchSorted } from './searchSorted';

export interface ExtremeValueExample {
  /** Position in the current input (missing values included in the numbering). */
  readonly index: number;
  readonly value: number;
  /** (value − mean) / sd, in reference standard deviations. */
  readonly zScore: number;
}

export interface ExtremeValuesResult {
  /** Reference mean. */
  readonly mean: number;
  /** Reference sample standard deviation (ddof 1, pandas' default). */
  readonly standardDeviation: number;
  readonly sigmas: number;
  /** mean − sigmas · sd and mean + sigmas · sd. */
  readonly lowerLimit: number;
  readonly upperLimit: number;
  /** Reference minimum and maximum. */
  readonly min: number;
  readonly max: number;
  /** Finite current values checked. */
  readonly checked: number;
  /** Current values with |value − mean| > sigmas · sd (a warning, not a rejection). */
  readonly beyondSigmas: number;
  /** Current values below the reference min or above its max. */
  readonly outsideRange: number;
  /** The first `maxExamples` current values beyond the sigma limits, in input order. */
  readonly examples: readonly ExtremeValueExample[];
}

/**
 * Extreme values check from the seed: how many current values lie more than `sigmas` (default 4)
 * reference standard deviations from the reference mean, and how many fall outside the
 * reference [min, max]. The standard deviation is the sample one (ddof = 1), what pandas'
 * `Series.std()` gives in the seed's pytest; NaN and ±Infinity are ignored as missing.
 *
 * Reference: STATS.md "Data checks from the seed";
 * https://pandas.pydata.org/docs/reference/api/pandas.Series.std.html
 *
 * O(n + m).
 *
 * @example
 * extremeValues([1, 2, 3, 4, 5], [3, 30, 0]).beyondSigmas; // => 1 (30 is > 4 sd from 3)
 */
export function extremeValues(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options: { readonly sigmas?: number; readonly maxExamples?: number } = {},
): ExtremeValuesResult {
  const { sigmas = 4, maxExamples = 10 } = options;
  if (!(sigmas >= 0)) throw new Error('extremeValues requires a non-negative number of sigmas');
  const ref = Float64Array.from(reference).filter((v) => Number.isFinite(v));
  if (ref.length < 2) throw new Error('extremeValues requires at least 2 reference data points');
  const { mean, standardDeviation: sd } = meanAndStandardDeviation(ref);
  const standardDeviation = sd as number;
  let min = Infinity;
  let max = -Infinity;
  for (const v of ref) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const limit = sigmas * standardDeviation;
  let checked = 0;
  let beyondSigmas = 0;
  let outsideRange = 0;
  const examples: ExtremeValueExample[] = [];
  for (let i = 0; i < current.length; i++) {
    const value = current[i];
    if (!Number.isFinite(value)) continue;
    checked++;
    if (value < min || value > max) outsideRange++;
    if (Math.abs(value - mean) > limit) {
      beyondSigmas++;
      if (examples.length < maxExamples) {
        examples.push({ index: i, value, zScore: standardDeviation > 0 ? (value - mean) / standardDeviation : Infinity * Math.sign(value - mean) });
      }
    }
  }
  return {
    mean,
    standardDeviation,
    sigmas,
    lowerLimit: mean - limit,
    upperLimit: mean + limit,
    min,
    max,
    checked,
    beyondSigmas,
    outsideRange,
    examples,
  };
}

/** The counts of `extremeValues`, without the examples (which need the current values' positions). */
export type ExtremeValueCounts = Omit<ExtremeValuesResult, 'examples'>;

/**
 * `extremeValues` for finite samples already sorted ascending, without examples: the reference
 * mean and sd come from the sorted values (equal to row order up to rounding in the last bits),
 * and the counts from binary searches, because |fl(v − mean)| is monotone on each side of the mean.
 * The drift report calls this on the sorted copies it already holds for KS and PSI.
 *
 * O(n) for the mean and sd, O(log m) for the counts.
 *
 * @example
 * extremeValuesSorted(Float64Array.of(1, 2, 3, 4, 5), Float64Array.of(0, 3, 30)).beyondSigmas; // => 1
 */
export function extremeValuesSorted(
  referenceSorted: Float64Array,
  currentSorted: Float64Array,
  options: { readonly sigmas?: number } = {},
): ExtremeValueCounts {
  const { sigmas = 4 } = options;
  if (!(sigmas >= 0)) throw new Error('extremeValues requires a non-negative number of sigmas');
  if (referenceSorted.length < 2) throw new Error('extremeValues requires at least 2 reference data points');
  const { mean, standardDeviation: sd } = meanAndStandardDeviation(referenceSorted);
  const standardDeviation = sd as number;
  const limit = sigmas * standardDeviation;
  const n = currentSorted.length;
  const min = referenceSorted[0];
  const max = referenceSorted[referenceSorted.length - 1];
  return {
    mean,
    standardDeviation,
    sigmas,
    lowerLimit: mean - limit,
    upperLimit: mean + limit,
    min,
    max,
    checked: n,
    ...countExtremesSorted(currentSorted, { mean, limit, min, max }),
  };
}

/**
 * The counts of `extremeValuesSorted` for given limits: sorted values with |v − mean| > limit,
 * and outside [min, max]. Binary searches, because |fl(v − mean)| is monotone on each side of the
 * mean. O(log n).
 *
 * @example countExtremesSorted(Float64Array.of(0, 3, 30), { mean: 3, limit: 6, min: 1, max: 5 }) // => { beyondSigmas: 1, outsideRange: 2 }
 */
export function countExtremesSorted(
  sorted: Float64Array,
  limits: { readonly mean: number; readonly limit: number; readonly min: number; readonly max: number },
): { readonly beyondSigmas: number; readonly outsideRange: number } {
  const { mean, limit, min, max } = limits;
  const n = sorted.length;
  const beyond = (v: number) => Math.abs(v - mean) > limit;
  // Below the mean, the values beyond the limit form a prefix; at or above it, a suffix.
  const split = searchSorted(sorted, mean, 'left');
  let lo = 0;
  let hi = split;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (beyond(sorted[mid])) lo = mid + 1;
    else hi = mid;
  }
  const below = lo;
  lo = split;
  hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (beyond(sorted[mid])) hi = mid;
    else lo = mid + 1;
  }
  return { beyondSigmas: below + (n - lo), outsideRange: searchSorted(sorted, min, 'left') + (n - searchSorted(sorted, max, 'right')) };
}
