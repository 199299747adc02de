import { pairwiseSum } from './pairwiseSum';

export interface CusumOptions {
  /** In-control mean. Default: the mean of the first `warmup` points. */
  readonly target?: number;
  /** In-control standard deviation. Default: the sample standard deviation (ddof 1) of the first `warmup` points. */
  readonly sigma?: number;
  /** Allowance (slack) per point. Default 0.5 · sigma: tuned to detect a one-sigma drop. */
  readonly k?: number;
  /** Decision threshold. Default 5 · sigma. */
  readonly h?: number;
  /** Points used to estimate target and sigma when they are not given (default 30). */
  readonly warmup?: number;
}

export interface CusumResult {
  readonly target: number;
  readonly sigma: number;
  readonly k: number;
  readonly h: number;
  /** Number of leading points that estimated target and sigma (0 when both were given). */
  readonly warmup: number;
  /** True when the estimated sigma was 0 and was raised to a tiny positive floor (see `cusum`). */
  readonly sigmaClamped: boolean;
  /** The lower CUSUM after each point; at an alarm it holds the value that crossed h (the next point restarts from 0). */
  readonly statistic: Float64Array;
  /** Indices of the points at which the statistic exceeded h. */
  readonly alarms: number[];
}

/**
 * Page's lower CUSUM: a running sum of how far a series (accuracy, or correctness 0/1) falls
 * below its in-control target, S_i = max(0, S_{i−1} + (target − x_i) − k), raising an alarm and
 * resetting to 0 whenever S_i > h — STATS.md's `cusum_lower`. The statistic runs over the whole
 * series, warm-up included.
 *
 * Defaults come from the first `warmup` (30) points: target = their mean, sigma = their sample
 * standard deviation with ddof = 1 (the unbiased variance estimate for a sample of the in-control
 * process, and pandas' default `std()`), k = 0.5 · sigma, h = 5 · sigma. A constant warm-up
 * (e.g. a model that was right on every early batch) estimates sigma = 0, which would make k and
 * h zero and the chart meaningless; sigma is then clamped to 1e-9 · max(1, |target|) and
 * `sigmaClamped` is set: any real drop below a process that never varied still alarms at once,
 * while rounding noise does not. Pass `sigma` (or `k` and `h`) to choose the sensitivity instead.
 *
 * Reference: Page, "Continuous Inspection Schemes", Biometrika 41(1/2), 1954;
 * Montgomery, Introduction to Statistical Quality Control, 7th ed., §9.1.
 *
 * O(n).
 *
 * @example
 * cusum([1, 1, 1, 0, 0, 0], { target: 1, sigma: 0.2 }).alarms; // => [4]
 */
export function cusum(values: ArrayLike<number>, options: CusumOptions = {}): CusumResult {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new Error(`cusum requires finite values (got ${values[i]} at ${i})`);
  }
  const needsWarmup = options.target === undefined || options.sigma === undefined;
  const warmup = needsWarmup ? (options.warmup ?? 30) : 0;
  if (needsWarmup) {
    if (!Number.isInteger(warmup) || warmup < 2) throw new Error('cusum requires a warmup of at least 2 points');
    if (n < warmup) {
      throw new Error(`cusum requires at least ${warmup} data points to estimate target and sigma (or pass both)`);
    }
  }
  const head = Float64Array.from({ length: warmup }, (_, i) => values[i]);
  // A constant warm-up has that value as its mean and no spread, exactly: the pairwise sum of
  // 30 × 0.8 is 0.8000000000000002, and a "sigma" of 1e-16 would turn every rounding into alarms.
  const constant = needsWarmup && head.every((v) => v === head[0]);
  const warmupMean = !needsWarmup ? Number.NaN : constant ? head[0] : pairwiseSum(head) / warmup;
  const target = options.target ?? warmupMean;
  let sigma: number;
  if (options.sigma !== undefined) {
    sigma = options.sigma;
  } else if (constant) {
    sigma = 0;
  } else {
    // np.std(x, ddof=1): deviations from the warm-up mean, squared, pairwise-summed.
    const squares = head.map((v) => (v - warmupMean) ** 2);
    sigma = Math.sqrt(pairwiseSum(squares) / (warmup - 1));
  }
  if (!(Number.isFinite(target) && Number.isFinite(sigma) && sigma >= 0)) {
    throw new Error('cusum requires a finite target and a non-negative finite sigma');
  }
  let sigmaClamped = false;
  if (sigma === 0 && (options.k === undefined || options.h === undefined)) {
    if (options.sigma !== undefined) throw new Error('cusum requires a positive sigma (or explicit k and h)');
    sigma = 1e-9 * Math.max(1, Math.abs(target));
    sigmaClamped = true;
  }
  const k = options.k ?? 0.5 * sigma;
  const h = options.h ?? 5 * sigma;
  if (!(Number.isFinite(k) && k >= 0 && Number.isFinite(h) && h >= 0)) {
    throw new Error('cusum requires non-negative finite k and h');
  }

  const statistic = new Float64Array(n);
  const alarms: number[] = [];
  let s = 0;
  for (let i = 0; i < n; i++) {
    s = Math.max(0, s + (target - values[i]) - k);
    statistic[i] = s;
    if (s > h) {
      alarms.push(i);
      s = 0;
    }
  }
  return { target, sigma, k, h, warmup, sigmaClamped, statistic, alarms };
}
