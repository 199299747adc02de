import { regularizedBeta } from './regularizedBeta';

/** The x in (0, 1) where the increasing function f crosses `target`, by bisection to adjacent doubles. */
function solveIncreasing(f: (x: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  for (;;) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) return mid;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
}

/**
 * Clopper-Pearson ("exact") interval: the two-sided confidence interval of a binomial proportion
 * from `successes` out of `trials` at confidence `level` (default 0.95), inverting the binomial
 * tails — `scipy.stats.binomtest(k, n).proportion_ci(confidence_level=level, method='exact')`.
 * Its coverage is at least `level` for every n and proportion, which is what a verdict needs: a
 * calibration bin holding one wrong prediction at confidence 0.95 gets [0, 0.995] at 99%, and so
 * cannot decide anything (the Wilson interval would say [0, 0.87] and call the bin off).
 *
 * lower = the α/2 quantile of Beta(k, n − k + 1) (0 when k = 0); upper = the 1 − α/2 quantile of
 * Beta(k + 1, n − k) (1 when k = n), with α = 1 − level.
 *
 * Reference: Clopper & Pearson, "The use of confidence or fiducial limits illustrated in the case
 * of the binomial", Biometrika 26(4), 1934;
 * https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.binomtest.html
 *
 * O(log(1/ulp)) incomplete-beta evaluations per bound.
 *
 * @example
 * clopperPearsonInterval(8, 10, 0.99); // => { lower: 0.3517988336951633, upper: 0.9891494906202594 } (scipy: 0.3517988336951584, 0.9891494906202708)
 */
export function clopperPearsonInterval(successes: number, trials: number, level = 0.95): { readonly lower: number; readonly upper: number } {
  if (!(Number.isInteger(trials) && trials >= 1)) throw new Error('clopperPearsonInterval requires at least 1 trial');
  if (!(Number.isInteger(successes) && successes >= 0 && successes <= trials)) {
    throw new Error('clopperPearsonInterval requires a whole number of successes between 0 and trials');
  }
  if (!(level > 0 && level < 1)) throw new Error('clopperPearsonInterval requires 0 < level < 1');
  const alpha = 1 - level;
  const k = successes;
  const n = trials;
  const lower = k === 0 ? 0 : solveIncreasing((p) => regularizedBeta(p, k, n - k + 1), alpha / 2);
  const upper = k === n ? 1 : solveIncreasing((p) => regularizedBeta(p, k + 1, n - k), 1 - alpha / 2);
  return { lower, upper };
}
