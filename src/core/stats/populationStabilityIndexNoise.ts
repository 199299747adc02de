import { chiSquareCriticalValue } from './chiSquareCriticalValue';

export interface PopulationStabilityIndexNoise {
  /** PSI expected when nothing changed: (bins − 1)(1/n₁ + 1/n₂). */
  readonly expected: number;
  /**
   * PSI that sampling noise alone exceeds with probability `alpha`: χ²(bins − 1) critical value ·
   * (1/n₁ + 1/n₂); Infinity for a single bin.
   */
  readonly critical: number;
}

/**
 * Sampling noise of the Population Stability Index: when reference and current come from one
 * distribution, n₁n₂/(n₁ + n₂) · PSI is asymptotically χ² with (bins − 1) degrees of freedom
 * (PSI is the symmetric Kullback-Leibler divergence over the bins), so its expected value is
 * (bins − 1)(1/n₁ + 1/n₂) — 0.36 at 50 rows per side over deciles — and it exceeds
 * χ²₍bins−1₎(alpha) · (1/n₁ + 1/n₂) with probability about `alpha`. The drift verdicts subtract
 * `expected` to debias PSI and compare with `critical` to tell a change from noise.
 *
 * The approximation ignores the epsilon that replaces empty bins, which inflates PSI further at
 * very small samples; the verdicts never rely on PSI alone there.
 *
 * Reference: Yurdakul, "Statistical Properties of Population Stability Index", 2018,
 * https://scholarworks.wmich.edu/dissertations/3208 (chapter 3); STATS.md "Verdicts".
 *
 * O(1) plus one critical-value search.
 *
 * @example
 * populationStabilityIndexNoise({ bins: 10, referenceSize: 50, currentSize: 50, alpha: 0.01 });
 * // => { expected: 0.36, critical: 0.866639773338477 }
 */
export function populationStabilityIndexNoise(options: {
  readonly bins: number;
  readonly referenceSize: number;
  readonly currentSize: number;
  readonly alpha: number;
}): PopulationStabilityIndexNoise {
  const { bins, referenceSize, currentSize, alpha } = options;
  if (!(Number.isInteger(bins) && bins >= 1)) throw new Error('populationStabilityIndexNoise requires bins to be a positive integer');
  if (!(referenceSize >= 1 && currentSize >= 1)) throw new Error('populationStabilityIndexNoise requires at least 1 data point on each side');
  const scale = 1 / referenceSize + 1 / currentSize;
  // One bin holds everything on both sides: PSI is always 0 and can show no change.
  if (bins === 1) return { expected: 0, critical: Infinity };
  return { expected: (bins - 1) * scale, critical: chiSquareCriticalValue(bins - 1, alpha) * scale };
}
