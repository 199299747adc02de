import { increasingRoot } from './increasingRoot';
import { kolmogorovCdf, kolmogorovSurvival } from './kolmogorov';

/** How the p-value was obtained: the exact permutation distribution, or kstwo at the effective n. */
export type KsTwoSampleMethod = 'exact' | 'asymptotic';

export interface KsTwoSampleOptions {
  /**
   * 'auto' (default, as SciPy): exact when both samples have at most 10 000 values, otherwise
   * asymptotic. 'exact' forces the exact distribution unless lcm(n1, n2) exceeds 2^31 - 1.
   */
  readonly method?: 'auto' | 'exact' | 'asymptotic';
}

export interface KsTwoSampleResult {
  /** Largest gap between the two empirical distribution functions, in [0, 1]. */
  readonly statistic: number;
  /** Two-sided p-value, in [0, 1]. */
  readonly pValue: number;
  /** The method actually used (an exact computation that fails falls back to 'asymptotic'). */
  readonly method: KsTwoSampleMethod;
  readonly n1: number;
  readonly n2: number;
}

/** SciPy's `MAX_AUTO_N`: 'auto' is exact when max(n1, n2) is at most this. */
const MAX_AUTO_EXACT_N = 10_000;
const INT32_MAX = 2 ** 31 - 1;

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** NumPy's `round` for non-negative values: halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Exact P(D >= h/n) for two samples of equal size n (Hodges 1958, after Gnedenko & Korolyuk):
 * 2 sum_{k>=1} (-1)^(k-1) C(2n, n - kh) / C(2n, n), evaluated as the nested product
 * 2 r0 (1 - r1 (1 - r2 (...))) with r_k = C(2n, n-(k+1)h) / C(2n, n-kh): ratios of binomials
 * only, so nothing overflows and the absolute error stays near 1e-16. O(n).
 *
 * When h is small the sum is 1 up to rounding and often comes out as 1 + 2^-52; SciPy treats
 * that as a failed exact computation and answers asymptotically (about 40% of the cases with
 * h <= 3, where kstwo differs from 1 by up to 4e-5). The operations are ordered as in SciPy so
 * that exactly the same cases round above 1 and the method label and p-value agree.
 */
function equalSizesPValue(n: number, h: number): number {
  let nested = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    const offset = k * h;
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = ((n - offset - j) * ratio) / (n + offset + j + 1);
    nested = ratio * (1 - nested);
  }
  return 2 * nested;
}

/** Values below this are flushed to 0: their total effect on p is below 1e-270, and subnormal
 * arithmetic is ~100x slower. */
const NEGLIGIBLE = 1e-280;

/**
 * Exact P(D >= d) for sizes m != n as the share of lattice paths from (0, 0) to (m, n) that
 * touch |x/m - y/n| >= d, i.e. |(n/g) x - (m/g) y| >= h with d = h / lcm(m, n).
 *
 * Instead of counting the paths that stay inside (huge integers, then 1 - p with cancellation),
 * it carries for each cell the probability that a uniformly random path to that cell has already
 * left the band: P(x, y) = (x P(x-1, y) + y P(x, y-1)) / (x + y) inside, 1 outside (Viehmann
 * 2021, https://arxiv.org/abs/2102.08037). Every step is a convex combination, so the result
 * neither overflows nor loses relative accuracy when p is tiny.
 *
 * The band is swept one anti-diagonal x + y = s at a time, kept in a single array indexed by x:
 * the cells of a diagonal do not depend on each other, so the inner loop has no carried
 * dependency and a single divisor. O(band area) = O(d * m * n).
 */
function unequalSizesPValue(n1: number, n2: number, g: number, h: number): number {
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const mg = m / g;
  const ng = n / g;
  if (h >= mg * ng * g) {
    // d = 1 (complete separation): only the two paths along the edges reach it, so
    // p = 2 / C(m + n, n), in O(n) instead of sweeping the whole m x n grid.
    let p = 2;
    for (let i = 1; i <= n; i++) p *= i / (m + i);
    return p;
  }
  const slope = mg + ng;
  // cell[x] = P(x, s - x) on the current diagonal inside [lo, hi]; cells never reached hold 1.
  const cell = new Float64Array(m + 1).fill(1);
  cell[0] = 0; // the origin is inside the band
  let lo = 0;

  for (let s = 1; s <= m + n; s++) {
    // Inside cells of this diagonal: (mg s - h) / slope < x < (mg s + h) / slope, on the grid.
    const nextLo = Math.max(0, s - n, Math.floor((mg * s - h) / slope) + 1);
    const nextHi = Math.min(m, s, Math.ceil((mg * s + h) / slope) - 1);
    if (nextLo > nextHi) return 1; // every path has left the band
    // Descending x, so cell[x - 1] still holds the previous diagonal when cell[x] is updated.
    // Both windows only move up, so cells above the previous window were never written (1), and
    // the only neighbour that can fall below it is the one left of nextLo.
    for (let x = nextHi; x > nextLo; x--) {
      const value = (x * cell[x - 1] + (s - x) * cell[x]) / s;
      cell[x] = value < NEGLIGIBLE ? 0 : value;
    }
    const x = nextLo;
    const left = x - 1 >= lo ? cell[x - 1] : 1;
    const value = (x * left + (s - x) * cell[x]) / s;
    cell[x] = value < NEGLIGIBLE ? 0 : value;
    lo = nextLo;
  }
  return cell[m];
}

type Exact = { readonly ok: boolean; readonly statistic: number; readonly pValue: number };

/** Snaps d to the lattice h / lcm and computes the exact p-value, or reports failure. */
function exactPValue(n1: number, n2: number, d: number): Exact {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const statistic = h / lcm;
  if (h === 0) return { ok: true, statistic, pValue: 1 };
  const p = n1 === n2 ? equalSizesPValue(n1, h) : unequalSizesPValue(n1, n2, g, h);
  return { ok: p >= 0 && p <= 1, statistic, pValue: p };
}

/** kstwo at N = round_half_even(n1 n2 / (n1 + n2)), as SciPy's asymptotic branch. */
function asymptoticPValue(n1: number, n2: number, d: number): number {
  const effectiveN = roundHalfEven((n1 * n2) / (n1 + n2));
  return kolmogorovSurvival(effectiveN, d);
}

/** Largest |F1 - F2| over the pooled values, both ECDFs taken with "<= value" (ties together). */
function ecdfMaxGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let max = 0;
  let min = 0;
  while (i < n1 || j < n2) {
    const value = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    while (i < n1 && a[i] <= value) i++;
    while (j < n2 && b[j] <= value) j++;
    // Same floating-point expression as SciPy's cdf1 - cdf2, so the statistic matches bit for bit.
    const diff = i / n1 - j / n2;
    if (diff > max) max = diff;
    else if (diff < min) min = diff;
  }
  return Math.min(1, Math.max(max, -min));
}

function checkNonEmpty(fn: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length < 1 || b.length < 1) {
    throw new RangeError(`${fn} requires at least 1 data point in each sample`);
  }
}

function sortedFiniteCopy(values: ArrayLike<number>, fn: string): Float64Array {
  const copy = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new RangeError(`${fn} requires finite values`);
    copy[i] = v;
  }
  return copy.sort(); // numeric for typed arrays
}

function testSorted(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: KsTwoSampleOptions | undefined,
): KsTwoSampleResult {
  return ksTwoSampleFromStatistic(ecdfMaxGap(a, b), a.length, b.length, options);
}

/**
 * The two-sample KS test from its unsnapped statistic alone: `d` = max |F1 − F2| over the pooled
 * values (each F as count / n in floating point), with the samples' sizes. Everything
 * {@link ksTwoSample} reports follows from these three numbers, which is what lets a database
 * compute `d` with window functions and GRADIENT finish the test exactly.
 *
 * @example ksTwoSampleFromStatistic(0.5, 5, 6) // { statistic: 0.5, pValue: 0.35714285714285715, method: 'exact', n1: 5, n2: 6 }
 */
export function ksTwoSampleFromStatistic(d: number, n1: number, n2: number, options?: KsTwoSampleOptions): KsTwoSampleResult {
  if (!(n1 >= 1 && n2 >= 1)) throw new RangeError('ksTwoSample requires at least 1 data point in each sample');
  const requested = options?.method ?? 'auto';
  let method: KsTwoSampleMethod;
  if (requested === 'auto') {
    method = Math.max(n1, n2) <= MAX_AUTO_EXACT_N ? 'exact' : 'asymptotic';
  } else if (requested === 'exact') {
    const g = gcd(n1, n2);
    method = n1 / g >= INT32_MAX / (n2 / g) ? 'asymptotic' : 'exact';
  } else {
    method = 'asymptotic';
  }

  let statistic = d;
  if (method === 'exact') {
    const exact = exactPValue(n1, n2, d);
    statistic = exact.statistic;
    if (exact.ok) return { statistic, pValue: exact.pValue, method, n1, n2 };
    method = 'asymptotic';
  }
  const p = asymptoticPValue(n1, n2, statistic);
  return { statistic, pValue: Math.min(1, Math.max(0, p)), method, n1, n2 };
}

/**
 * Two-sample Kolmogorov-Smirnov test: the largest gap between the empirical distribution
 * functions of `reference` and `current` and its two-sided p-value, equal to
 * `scipy.stats.ks_2samp(reference, current)` (alternative='two-sided', method='auto').
 *
 * Exact p-values (Hodges 1958; Viehmann 2021) when both samples have at most 10 000 values,
 * otherwise `kstwo.sf(d, round_half_even(n1 n2 / (n1 + n2)))`. In exact mode the statistic is
 * snapped to the lattice h / lcm(n1, n2) first, exactly as SciPy reports it.
 * https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.ks_2samp.html
 * https://arxiv.org/abs/2102.08037
 *
 * Inputs are copied, never mutated. Every value must be finite (drop missing values first).
 *
 * @example ksTwoSample([1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8])
 * // { statistic: 0.5, pValue: 0.35714285714285715, method: 'exact', n1: 5, n2: 6 }
 * @complexity O((n1 + n2) log(n1 + n2)) for sorting and the statistic; the exact p-value adds
 *   O(n) for equal sizes and O(d n1 n2) otherwise (10 000 x 9 999: ~10 ms at d = 0.02,
 *   ~70 ms at d = 0.2, ~170 ms near d = 1); the asymptotic one at most O(n1 n2 / (n1 + n2)).
 */
export function ksTwoSample(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options?: KsTwoSampleOptions,
): KsTwoSampleResult {
  checkNonEmpty('ksTwoSample', reference, current);
  const a = sortedFiniteCopy(reference, 'ksTwoSample');
  const b = sortedFiniteCopy(current, 'ksTwoSample');
  return testSorted(a, b, options);
}

/**
 * Two-sample Kolmogorov-Smirnov test on samples already sorted ascending; same result as
 * {@link ksTwoSample} without the copy and sort. Checks (in linear time) that both are sorted
 * and finite.
 *
 * @example ksTwoSampleSorted([1, 2, 3], [1.5, 2.5, 3.5, 4.5])
 * // { statistic: 0.5, pValue: 0.6285714285714286, method: 'exact', n1: 3, n2: 4 }
 * @complexity O(n1 + n2) for the statistic, plus the p-value costs of {@link ksTwoSample}.
 */
export function ksTwoSampleSorted(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  options?: KsTwoSampleOptions,
): KsTwoSampleResult {
  checkNonEmpty('ksTwoSampleSorted', reference, current);
  for (const sample of [reference, current]) {
    for (let i = 0; i < sample.length; i++) {
      if (!Number.isFinite(sample[i])) throw new RangeError('ksTwoSampleSorted requires finite values');
      if (i > 0 && sample[i] < sample[i - 1]) {
        throw new RangeError('ksTwoSampleSorted requires values sorted in ascending order');
      }
    }
  }
  return testSorted(reference, current, options);
}

/**
 * Kolmogorov-Smirnov critical distance: the smallest two-sample KS statistic whose asymptotic
 * p-value is at most `alpha` for samples of `n1` and `n2` values — `scipy.stats.kstwo.isf(alpha, N)`
 * with N = round_half_even(n1 n2 / (n1 + n2)), the distribution `ks_2samp` uses above 10,000
 * values. About c(α) · √((n1 + n2) / (n1 n2)) with c(0.01) = 1.628. The drift report shows it as
 * the smallest change these sample sizes can detect; for small samples the exact test needs a
 * slightly larger distance.
 *
 * Solved, as scipy's `kstwo.isf` solves it, on the distribution function (1 − cdf = alpha):
 * above n = 140 that is Pelz and Good's O(1) series, where the upper tail kstwo.sf uses (Miller's
 * 2 · Smirnov) sums O(n) terms, 70 ms at n = 500,000 per evaluation. The two differ by less than
 * 1e-6 relative there. Below alpha = 1e-9, 1 − cdf has lost too many digits to cancellation, so
 * the upper tail is solved directly.
 *
 * Reference: https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.kstwo.html
 *
 * @example ksTwoSampleCriticalDistance(1000, 1000, 0.01) // 0.07170888876567458 (scipy.stats.kstwo.isf(0.01, 500): the same)
 * @complexity about ten evaluations of {@link kolmogorovCdf}: O(1) above n = 140.
 */
export function ksTwoSampleCriticalDistance(n1: number, n2: number, alpha: number): number {
  if (!(Number.isInteger(n1) && n1 >= 1 && Number.isInteger(n2) && n2 >= 1)) {
    throw new RangeError('ksTwoSampleCriticalDistance requires sample sizes of at least 1');
  }
  if (!(alpha > 0 && alpha < 1)) throw new RangeError('ksTwoSampleCriticalDistance requires 0 < alpha < 1');
  const n = Math.max(1, roundHalfEven((n1 * n2) / (n1 + n2)));
  const survival = alpha >= 1e-9 ? (d: number) => 1 - kolmogorovCdf(n, d) : (d: number) => kolmogorovSurvival(n, d);
  if (survival(1) > alpha) return 1;
  // ln sf(d) is smooth and decreasing: regula falsi on it takes about ten evaluations where
  // bisection to adjacent doubles would take sixty.
  const excess = (d: number) => Math.log(alpha) - Math.log(survival(d));
  const guess = Math.sqrt(-Math.log(alpha / 2) / (2 * n));
  let lo = Math.min(0.5 * guess, 0.5);
  while (excess(lo) >= 0) lo /= 2;
  const hi = Math.min(2 * guess, 1);
  return excess(hi) >= 0 ? increasingRoot(excess, lo, hi) : increasingRoot(excess, hi, 1);
}
