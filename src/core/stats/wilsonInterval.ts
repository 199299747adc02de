import { chiSquareCriticalValue } from './chiSquareCriticalValue';

/**
 * Wilson score interval: the two-sided confidence interval of a binomial proportion from
 * `successes` out of `trials` at confidence `level` (default 0.95), without continuity correction —
 * `scipy.stats.binomtest(k, n).proportion_ci(confidence_level=level, method='wilson')`. Unlike the
 * normal (Wald) interval it stays inside [0, 1] and keeps its coverage for small n and proportions
 * near 0 or 1, which is where calibration bins live (a 0.95 bin with 8 predictions).
 *
 * z is the two-sided normal quantile, √(χ²₁ critical value at 1 − level).
 *
 * Reference: Wilson, "Probable inference, the law of succession, and statistical inference",
 * JASA 22(158), 1927; https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.binomtest.html
 *
 * O(1) plus one critical-value search.
 *
 * @example
 * wilsonInterval(8, 10, 0.99); // => { lower: 0.4008186965216716, upper: 0.9598688474953836 } (scipy: the same)
 */
export function wilsonInterval(successes: number, trials: number, level = 0.95): { readonly lower: number; readonly upper: number } {
  if (!(Number.isInteger(trials) && trials >= 1)) throw new Error('wilsonInterval requires at least 1 trial');
  if (!(successes >= 0 && successes <= trials)) throw new Error('wilsonInterval requires 0 <= successes <= trials');
  if (!(level > 0 && level < 1)) throw new Error('wilsonInterval requires 0 < level < 1');
  const z2 = chiSquareCriticalValue(1, 1 - level);
  const n = trials;
  const k = successes;
  const center = (k + z2 / 2) / (n + z2);
  const half = (Math.sqrt(z2) * Math.sqrt((k * (n - k)) / n + z2 / 4)) / (n + z2);
  // No success (or no failure) bounds the interval at 0 (or 1) exactly, as scipy does.
  return { lower: k === 0 ? 0 : Math.max(0, center - half), upper: k === n ? 1 : Math.min(1, center + half) };
}
