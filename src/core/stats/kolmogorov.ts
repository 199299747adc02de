/**
 * The distribution of the one-sample Kolmogorov statistic D_n = sup |F_n - F|, exactly for finite n
 * and in the limit, computed the way Simard & L'Ecuyer (2011) prescribe: a different method in
 * each region of (n, d) so that both tails keep their relative accuracy.
 *
 * The regions and their cut-offs are those of Simard & L'Ecuyer as SciPy applies them
 * (`scipy.stats.kstwo`), including the places where SciPy deliberately uses an approximation
 * (Pelz-Good for n > 140, Miller's 2 * one-sided tail for the upper tail), so that p-values agree
 * with a notebook to ~1e-12 rather than to the ~1e-7 the approximations themselves guarantee.
 *
 * References:
 * - R. Simard, P. L'Ecuyer, "Computing the Two-Sided Kolmogorov-Smirnov Distribution",
 *   J. Stat. Softw. 39(11), 2011. https://doi.org/10.18637/jss.v039.i11
 * - G. Marsaglia, W. W. Tsang, J. Wang, "Evaluating Kolmogorov's Distribution",
 *   J. Stat. Softw. 8(18), 2003 (Durbin's matrix). https://doi.org/10.18637/jss.v008.i18
 * - J. Pomeranz, "Exact cumulative distribution of the Kolmogorov-Smirnov statistic for small
 *   samples", CACM 17(12), 1974 (Algorithm 487).
 * - W. Pelz, I. J. Good, "Approximating the lower tail-areas of the Kolmogorov-Smirnov one-sample
 *   statistic", JRSS B 38(2), 1976.
 * - Z. W. Birnbaum, F. H. Tingey, "One-sided confidence contours for probability distribution
 *   functions", Ann. Math. Statist. 22(4), 1951 (the one-sided sum).
 * - C. Loader, "Fast and Accurate Computation of Binomial Probabilities", 2000 (the terms of that
 *   sum without cancellation).
 */

const LN2 = Math.LN2;
const LOG_2PI = Math.log(2 * Math.PI);
const HALF_LOG_2PI = 0.5 * LOG_2PI;
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const PI2 = Math.PI * Math.PI;
const EPSILON = Number.EPSILON;
/** Below log(smallest subnormal) every probability is 0 in double precision. */
const LOG_UNDERFLOW = -745.13;
/** Rescale intermediate vectors and matrices by 2^+-SCALE_BITS to stay inside the double range. */
const SCALE_BITS = 256;
const SCALE_UP = 2 ** SCALE_BITS;
const SCALE_DOWN = 2 ** -SCALE_BITS;

/**
 * Validates the sample-size parameter shared by every function here.
 */
function checkSampleSize(fn: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`${fn} requires n to be a positive integer (got ${n})`);
  }
}

/** x * 2^e without intermediate overflow or underflow of 2^e itself. */
function scaleByPowerOfTwo(x: number, e: number): number {
  let result = x;
  let rest = e;
  while (rest > 1000) {
    result *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    result *= 2 ** -1000;
    rest += 1000;
  }
  return result * 2 ** rest;
}

// ---------------------------------------------------------------------------------------------
// Loader's saddle-point pieces: log n! without cancellation, and binomial probabilities.
// ---------------------------------------------------------------------------------------------

/** stirlerr(n) = log(n!) - log(sqrt(2 pi n) (n/e)^n) for n = 0..15 (computed to 50 digits). */
const STIRLING_ERROR_SMALL = [
  0, 0.08106146679532726, 0.0413406959554093, 0.02767792568499834, 0.020790672103765093,
  0.016644691189821193, 0.013876128823070748, 0.01189670994589177, 0.010411265261972096,
  0.009255462182712733, 0.00833056343336287, 0.007573675487951841, 0.00694284010720953,
  0.006408994188004207, 0.0059513701127588475, 0.005554733551962801,
];
const S0 = 1 / 12;
const S1 = 1 / 360;
const S2 = 1 / 1260;
const S3 = 1 / 1680;
const S4 = 1 / 1188;

/** Error of Stirling's formula for n! at a non-negative integer n (Loader 2000). */
function stirlingError(n: number): number {
  if (n <= 15) return STIRLING_ERROR_SMALL[n];
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** log(n! / n^n), free of the cancellation between log n! and n log n. */
function logFactorialOverPower(n: number): number {
  return stirlingError(n) + HALF_LOG_2PI + 0.5 * Math.log(n) - n;
}

/** Loader's deviance term x log(x / mean) + mean - x, accurate when x is close to mean. */
function devianceTerm(x: number, mean: number): number {
  if (Math.abs(x - mean) < 0.1 * (x + mean)) {
    let v = (x - mean) / (x + mean);
    let s = (x - mean) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  return x * Math.log(x / mean) + mean - x;
}

/**
 * Binomial probability C(n, k) p^k q^(n-k), given the means np = n p and nq = n q (p + q = 1),
 * with relative accuracy near machine precision for every n (Loader 2000).
 */
function binomialProbability(k: number, n: number, np: number, nq: number): number {
  if (k === 0) {
    if (nq <= 0) return 0;
    return Math.exp(np < 0.1 * n ? -devianceTerm(n, nq) - np : n * Math.log(nq / n));
  }
  if (k === n) {
    if (np <= 0) return 0;
    return Math.exp(nq < 0.1 * n ? -devianceTerm(n, np) - nq : n * Math.log(np / n));
  }
  if (np <= 0 || nq <= 0) return 0;
  const lc =
    stirlingError(n) -
    stirlingError(k) -
    stirlingError(n - k) -
    devianceTerm(k, np) -
    devianceTerm(n - k, nq);
  return Math.exp(lc - 0.5 * Math.log((2 * Math.PI * k * (n - k)) / n));
}

/** The exact product a * b as an unevaluated sum hi + lo (Dekker / Veltkamp, no FMA needed). */
function exactProduct(a: number, b: number): [number, number] {
  const hi = a * b;
  const split = 134217729; // 2^27 + 1
  const ca = split * a;
  const ahi = ca - (ca - a);
  const alo = a - ahi;
  const cb = split * b;
  const bhi = cb - (cb - b);
  const blo = b - bhi;
  const lo = ahi * bhi - hi + ahi * blo + alo * bhi + alo * blo;
  return [hi, lo];
}

// ---------------------------------------------------------------------------------------------
// One-sided: Smirnov / Birnbaum-Tingey.
// ---------------------------------------------------------------------------------------------

/** Above this n SciPy's `smirnov` switches to the approximation exp(-(6nx+1)^2 / 18n). */
const SMIRNOV_MAX_EXACT_N = 1_000_000;

/**
 * Smirnov one-sided survival function: the exact P(D_n^+ >= x) for the one-sided
 * Kolmogorov-Smirnov statistic D_n^+ = sup (F_n - F), equal to `scipy.special.smirnov(n, x)`.
 *
 * Sums Birnbaum & Tingey's positive series
 * x * sum_{v=0}^{floor(n(1-x))} C(n, v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v), each term as a
 * binomial probability evaluated with Loader's saddle-point method (no overflow, no cancellation);
 * for n > 10^6 it uses the same approximation SciPy does.
 * https://doi.org/10.1214/aoms/1177729550
 *
 * @example smirnovSurvival(10, 0.3) // 0.13546355559999995 (scipy.special.smirnov(10, 0.3): 0.1354635556)
 * @complexity O(n) terms at most (~0.1 s at n = 10^6); O(1) for n > 10^6 and in the extreme tails.
 */
export function smirnovSurvival(n: number, x: number): number {
  checkSampleSize('smirnovSurvival', n);
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  if (n === 1) return 1 - x;

  // floor(n x) and whether n x is an integer, from the exact product.
  const [nxHi, nxLo] = exactProduct(n, x);
  let nxFloor = Math.floor(nxHi);
  let remainder = nxHi - nxFloor + nxLo;
  if (remainder < 0) {
    nxFloor -= 1;
    remainder += 1;
  } else if (remainder >= 1) {
    nxFloor += 1;
    remainder -= 1;
  }

  if (nxFloor === 0 || (nxFloor === 1 && remainder === 0)) {
    // x <= 1/n: the complementary (upper) sum has a single term.
    return 1 - x * Math.exp((n - 1) * Math.log1p(x));
  }
  if (-2 * n * x * x < LOG_UNDERFLOW) return 0;
  if (nxFloor >= n - 1) return Math.exp(n * Math.log1p(-x)); // x >= 1 - 1/n: only v = 0 remains
  if (n > SMIRNOV_MAX_EXACT_N) return Math.exp(-((6 * n * x + 1) ** 2) / 18 / n);

  // Terms with 1 - x - v/n > 0, i.e. v <= n - floor(nx) - 1.
  const last = n - nxFloor - 1;
  let sum = Math.exp(n * Math.log1p(-x)); // v = 0
  let compensation = 0;
  let previous = sum;
  for (let v = 1; v <= last; v++) {
    const np = v + nxHi + nxLo; // n (x + v/n)
    const nq = n - v - nxHi - nxLo; // n (1 - x - v/n)
    const term = (binomialProbability(v, n, np, nq) * (nxHi + nxLo)) / np;
    // Neumaier summation: the series can have ~n terms.
    const t = sum + term;
    compensation += sum >= term ? sum - t + term : term - t + sum;
    sum = t;
    // Past the peak the terms only shrink; stop once the rest cannot reach the last bit.
    if (term < previous && 4 * (last - v) * term < EPSILON * sum) break;
    previous = term;
  }
  return Math.min(1, Math.max(0, sum + compensation));
}

// ---------------------------------------------------------------------------------------------
// Two-sided, exact for finite n.
// ---------------------------------------------------------------------------------------------

/**
 * P(D_n < d) by Durbin's matrix as Marsaglia, Tsang & Wang arrange it: the (k, k) element of H^n
 * times n!/n^n, where d = (k - h)/n. O(m^3 log n) with m = 2k - 1, so only for small n d.
 */
function durbinMatrixCdf(n: number, d: number): number {
  const k = Math.floor(n * d) + 1;
  const m = 2 * k - 1;
  const h = k - n * d;

  const inverseFactorial = new Float64Array(m + 1);
  inverseFactorial[0] = 1;
  for (let i = 1; i <= m; i++) inverseFactorial[i] = inverseFactorial[i - 1] / i;

  const H = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= Math.min(i + 1, m - 1); j++) H[i * m + j] = inverseFactorial[i - j + 1];
  }
  for (let i = 0; i < m; i++) {
    H[i * m] -= h ** (i + 1) * inverseFactorial[i + 1];
    H[(m - 1) * m + i] -= h ** (m - i) * inverseFactorial[m - i];
  }
  if (2 * h - 1 > 0) H[(m - 1) * m] += (2 * h - 1) ** m * inverseFactorial[m];
  rescale(H); // max is 1 here: only drops the negligible 1/j! of very long jumps

  // H^n by repeated squaring; each matrix carries a power-of-two exponent.
  const center = (k - 1) * m + (k - 1);
  let base: Float64Array = H;
  let baseExponent = 0;
  let result: Float64Array | null = null;
  let resultExponent = 0;
  let remaining = n;
  while (remaining > 0) {
    if (remaining % 2 === 1) {
      if (result === null) {
        result = base.slice();
        resultExponent = baseExponent;
      } else {
        result = multiplySquare(result, base, m);
        resultExponent += baseExponent;
        resultExponent += rescale(result);
      }
    }
    remaining = Math.floor(remaining / 2);
    if (remaining > 0) {
      base = multiplySquare(base, base, m);
      baseExponent *= 2;
      baseExponent += rescale(base);
    }
  }
  const value = (result as Float64Array)[center];
  if (!(value > 0)) return 0;
  return Math.exp(Math.log(value) + resultExponent * LN2 + logFactorialOverPower(n));
}

function multiplySquare(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  const row = new Float64Array(m); // accumulating in a small row is ~2x faster in V8
  for (let i = 0; i < m; i++) {
    row.fill(0);
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l];
      const bRow = l * m;
      for (let j = 0; j < m; j++) row[j] += ail * b[bRow + j];
    }
    out.set(row, i * m);
  }
  return out;
}

/** Entries this far below the largest one cannot move the result by more than ~1e-135 relative. */
const NEGLIGIBLE_RATIO = 1e-140;

/**
 * Scales a non-negative matrix down by 2^SCALE_BITS while it is large (returning the exponent),
 * and zeroes entries below NEGLIGIBLE_RATIO * max: multiplying those would produce subnormal
 * numbers, which are ~100x slower on x86 and change nothing.
 */
function rescale(a: Float64Array): number {
  let exponent = 0;
  let max = 0;
  for (let i = 0; i < a.length; i++) if (a[i] > max) max = a[i];
  while (max > SCALE_UP) {
    for (let i = 0; i < a.length; i++) a[i] *= SCALE_DOWN;
    max *= SCALE_DOWN;
    exponent += SCALE_BITS;
  }
  const negligible = max * NEGLIGIBLE_RATIO;
  for (let i = 0; i < a.length; i++) if (a[i] < negligible) a[i] = 0;
  return exponent;
}

/** floor(c/2 - f) for an integer c and 0 <= f < 1, exactly. */
function floorHalfMinus(c: number, f: number): number {
  if (c % 2 === 0) return c / 2 - (f > 0 ? 1 : 0);
  const whole = (c - 1) / 2;
  return f <= 0.5 ? whole : whole - 1;
}

/** ceil(c/2 + f) for an integer c and 0 <= f < 1, exactly. */
function ceilHalfPlus(c: number, f: number): number {
  if (c % 2 === 0) return c / 2 + (f > 0 ? 1 : 0);
  const whole = (c - 1) / 2;
  return f <= 0.5 ? whole + 1 : whole + 2;
}

/**
 * P(D_n < d) by Pomeranz's recursion. With the sample scaled to [0, n], D_n < d means
 * s - t < N(s) < s + t for the counting function N, t = n d. The bounds are constant between
 * the 2n + 2 points where s +- t is an integer; across each gap of length L the count grows by a
 * Poisson-like increment with weights (L/n)^r / r!, and the answer is n! times the weight of
 * reaching N(n) = n. O(n t^2); meant for n <= 140.
 */
function pomeranzCdf(n: number, d: number): number {
  const t = n * d;
  const whole = Math.floor(t);
  const f = t - whole;
  const g = Math.min(f, 1 - f);

  // Gaps of positive length in order, each with the count bounds valid inside it. The interior
  // gaps have midpoints on the half-integer grid, so their bounds follow exactly from (whole, f).
  type Gap = { length: number; lower: number; upper: number };
  const gaps: Gap[] = [];
  const boundsAt = (twiceMid: number): [number, number] => [
    Math.max(0, floorHalfMinus(twiceMid + 2 - 2 * whole, f)),
    Math.min(n, ceilHalfPlus(twiceMid + 2 * whole, f) - 1),
  ];
  if (g > 0) gaps.push({ length: g, lower: 0, upper: Math.min(n, whole) });
  for (let k = 0; k < n; k++) {
    if (1 - 2 * g > 0) {
      const [lower, upper] = boundsAt(2 * k + 1);
      gaps.push({ length: 1 - 2 * g, lower, upper });
    }
    if (k < n - 1 && g > 0) {
      const [lower, upper] = boundsAt(2 * k + 2);
      gaps.push({ length: 2 * g, lower, upper });
    }
  }
  if (g > 0) gaps.push({ length: g, lower: Math.max(0, n - whole), upper: n });

  // Weights (L/n)^r / r! for the (at most three) distinct gap lengths.
  const maxStep = 2 * whole + 3;
  const weightCache = new Map<number, Float64Array>();
  const weightsFor = (length: number): Float64Array => {
    let w = weightCache.get(length);
    if (!w) {
      w = new Float64Array(maxStep + 1);
      w[0] = 1;
      const lambda = length / n;
      for (let r = 1; r <= maxStep; r++) w[r] = (w[r - 1] * lambda) / r;
      weightCache.set(length, w);
    }
    return w;
  };

  // V[j - vStart] = weight of N = j at the current point.
  let V = new Float64Array(1);
  V[0] = 1;
  let vStart = 0;
  let exponent = 0;
  for (const gap of gaps) {
    const w = weightsFor(gap.length);
    const from = Math.max(gap.lower, vStart);
    const vEnd = vStart + V.length - 1;
    const next = new Float64Array(Math.max(0, gap.upper - gap.lower + 1));
    let max = 0;
    for (let k = gap.lower; k <= gap.upper; k++) {
      let s = 0;
      for (let j = from; j <= Math.min(k, vEnd); j++) s += V[j - vStart] * w[k - j];
      next[k - gap.lower] = s;
      if (s > max) max = s;
    }
    V = next;
    vStart = gap.lower;
    if (max === 0) return 0;
    while (max < SCALE_DOWN) {
      for (let i = 0; i < V.length; i++) V[i] *= SCALE_UP;
      max *= SCALE_UP;
      exponent -= SCALE_BITS;
    }
  }
  let answer = n >= vStart && n - vStart < V.length ? V[n - vStart] : 0;
  for (let i = 2; i <= n; i++) answer *= i; // n! <= 140! fits in a double
  return scaleByPowerOfTwo(answer, exponent);
}

/**
 * Pelz & Good's asymptotic series for P(D_n <= x) in powers of 1/sqrt(n), written with Jacobi
 * theta transforms so it converges fast for small z = x sqrt(n) (Simard & L'Ecuyer eq. 6).
 */
function pelzGoodCdf(n: number, x: number): number {
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const z8 = z4 * z4;
  const logQ = -PI2 / (8 * z2);
  if (logQ < -708) return 0;

  // Sums over odd j = 2k - 1 of polynomial(j) * exp(-j^2 pi^2 / (8 z^2)), smallest terms first.
  const kMax = Math.ceil(16 * z / Math.PI) + 1;
  let k0 = 0;
  let k1 = 0;
  let k2 = 0;
  let k3 = 0;
  for (let k = kMax; k >= 1; k--) {
    const j2 = (2 * k - 1) ** 2;
    const e = Math.exp(j2 * logQ);
    if (e === 0) continue;
    const u = (PI2 * j2) / 4; // pi^2 (k - 1/2)^2
    k0 += e;
    k1 += (u - z2) * e;
    k2 += (6 * z6 + 2 * z4 + u * (2 * z4 - 5 * z2) + u * u * (1 - 2 * z2)) * e;
    k3 +=
      (u * u * u * (5 - 30 * z2) +
        u * u * (-60 * z2 + 212 * z4) +
        u * (135 * z4 - 96 * z6) -
        (30 * z6 + 90 * z8)) *
      e;
  }
  // Sums over all k >= 1 of polynomial(k) * exp(-k^2 pi^2 / (2 z^2)).
  let k2b = 0;
  let k3b = 0;
  for (let k = kMax; k >= 1; k--) {
    const v = PI2 * k * k;
    const e = Math.exp(-v / (2 * z2));
    if (e === 0) continue;
    k2b += v * e;
    k3b += (3 * v * z2 - v * v) * e;
  }
  const rootHalfPi = Math.sqrt(Math.PI / 2);
  const K0 = (SQRT_2PI / z) * k0;
  const K1 = (rootHalfPi / (3 * z4)) * k1;
  const K2 = (rootHalfPi / (36 * z6 * z)) * k2 - (rootHalfPi / (18 * z2 * z)) * k2b;
  const K3 = (rootHalfPi / (3240 * z8 * z2)) * k3 + (rootHalfPi / (108 * z6)) * k3b;
  const rootN = Math.sqrt(n);
  return K0 + K1 / rootN + K2 / n + K3 / (n * rootN);
}

/** Ruben & Gambino: for 1/(2n) < d <= 1/n, P(D_n <= d) = n!/n^n (2nd - 1)^n. */
function rubenGambinoLowerCdf(n: number, t: number): number {
  if (n <= 140) {
    let p = 1;
    const base = 2 * t - 1;
    for (let i = 1; i <= n; i++) p *= (i / n) * base;
    return p;
  }
  return Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
}

const clip = (p: number): number => Math.min(1, Math.max(0, p));

type Tail = { readonly cdf: number; readonly sf: number };
const fromCdf = (cdf: number): Tail => ({ cdf: clip(cdf), sf: clip(1 - cdf) });
const fromSf = (sf: number): Tail => ({ cdf: clip(1 - sf), sf: clip(sf) });

/** The regions both tails share; null when the caller must pick by tail. */
function sharedRegion(n: number, d: number): Tail | null {
  if (d >= 1) return { cdf: 1, sf: 0 };
  if (d <= 0) return { cdf: 0, sf: 1 };
  const t = n * d;
  if (t <= 1) return t <= 0.5 ? { cdf: 0, sf: 1 } : fromCdf(rubenGambinoLowerCdf(n, t));
  if (t >= n - 1) return fromSf(2 * Math.exp(n * Math.log1p(-d))); // Ruben-Gambino upper
  // D_n^+ >= d and D_n^- >= d cannot both happen for d >= 1/2.
  if (d >= 0.5) return fromSf(2 * smirnovSurvival(n, d));
  if (n <= 140) {
    const w = t * d;
    if (w <= 0.754693) return fromCdf(durbinMatrixCdf(n, d));
    if (w <= 4) return fromCdf(pomeranzCdf(n, d));
    return fromSf(2 * smirnovSurvival(n, d)); // Miller: the intersection term is negligible
  }
  return null;
}

/** P(D_n <= d) for n > 140 and 1/n < d < 1/2. */
function largeNCdf(n: number, d: number): number {
  const w = n * d * d;
  if (w >= 18) return 1;
  if (n <= 100_000 && n * d ** 1.5 <= 1.4) return durbinMatrixCdf(n, d);
  return pelzGoodCdf(n, d);
}

function checkArguments(fn: string, n: number, d: number): boolean {
  checkSampleSize(fn, n);
  return !Number.isNaN(d);
}

/**
 * Kolmogorov distribution function: P(D_n <= d) for the two-sided one-sample
 * Kolmogorov-Smirnov statistic of n observations, equal to `scipy.stats.kstwo(n).cdf(d)`.
 *
 * Uses Simard & L'Ecuyer's regions (Ruben-Gambino, Durbin's matrix, Pomeranz, Pelz-Good, and
 * 1 - 2 * the Smirnov one-sided tail), computing the lower tail directly.
 * https://doi.org/10.18637/jss.v039.i11
 *
 * @example kolmogorovCdf(10, 0.3) // 0.7294644252000005 (scipy.stats.kstwo.cdf(0.3, 10): the same)
 * @complexity O(1) with Pelz-Good (most of n > 140); Durbin's matrix O((nd)^3 log n) with
 *   nd <= 58 (~50 ms at worst); Pomeranz O(n (nd)^2) for n <= 140; the Smirnov sum O(n).
 */
export function kolmogorovCdf(n: number, d: number): number {
  if (!checkArguments('kolmogorovCdf', n, d)) return NaN;
  const shared = sharedRegion(n, d);
  if (shared) return shared.cdf;
  return clip(largeNCdf(n, d));
}

/**
 * Kolmogorov survival function: P(D_n >= d) for the two-sided one-sample Kolmogorov-Smirnov
 * statistic of n observations, equal to `scipy.stats.kstwo(n).sf(d)`.
 *
 * The upper tail is computed directly (2 * Smirnov's one-sided tail, exact for d >= 1/2 and
 * Miller's approximation below), so tiny p-values keep their relative accuracy; near the centre
 * it is 1 minus the distribution function. https://doi.org/10.18637/jss.v039.i11
 *
 * @example kolmogorovSurvival(10, 0.3) // 0.27053557479999946 (scipy.stats.kstwo.sf(0.3, 10): the same)
 * @complexity as {@link kolmogorovCdf}; the direct upper tail sums O(n) terms at most.
 */
export function kolmogorovSurvival(n: number, d: number): number {
  if (!checkArguments('kolmogorovSurvival', n, d)) return NaN;
  const shared = sharedRegion(n, d);
  if (shared) return shared.sf;
  const w = n * d * d;
  if (w >= 370) return 0;
  if (w >= 2.2) return clip(2 * smirnovSurvival(n, d));
  return clip(1 - largeNCdf(n, d));
}

/**
 * Limiting Kolmogorov survival function: lim P(sqrt(n) D_n > x) = 2 sum_{k>=1} (-1)^(k-1)
 * exp(-2 k^2 x^2), equal to `scipy.special.kolmogorov(x)`.
 *
 * Uses the alternating series for x > 0.82 and its Jacobi-theta transform
 * 1 - sqrt(2 pi)/x sum_{k>=1} exp(-(2k-1)^2 pi^2 / (8 x^2)) below, so both converge in a few terms.
 * https://doi.org/10.18637/jss.v039.i11
 *
 * @example kolmogorovLimitSurvival(1) // 0.26999967167735456 (scipy.special.kolmogorov(1.0))
 * @complexity O(1).
 */
export function kolmogorovLimitSurvival(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) return 1;
  if (x <= 0.82) {
    const logQ = -PI2 / (8 * x * x);
    if (logQ < -745) return 1;
    let s = 0;
    for (let j = 1; j < 40; j += 2) {
      const term = Math.exp(j * j * logQ);
      s += term;
      if (term <= EPSILON * s) break;
    }
    return clip(1 - (SQRT_2PI / x) * s);
  }
  let s = 0;
  let sign = 1;
  for (let k = 1; k < 40; k++) {
    const term = Math.exp(-2 * k * k * x * x);
    s += sign * term;
    if (term <= EPSILON * Math.abs(s)) break;
    sign = -sign;
  }
  return clip(2 * s);
}
