import { checkPValues } from './checkPValues';

/**
 * Benjamini-Hochberg adjusted p-values (false discovery rate): for the p-value of rank r among m,
 * min over ranks s >= r of p_(s) · m / s, capped at 1, in the original order —
 * `statsmodels.stats.multitest.multipletests(p, method='fdr_bh')[1]`. The adjusted values are
 * monotone in the raw p-values and never below them; rejecting where they are <= alpha controls
 * the false discovery rate at alpha for independent (or positively dependent) tests.
 *
 * Reference: Benjamini & Hochberg, "Controlling the False Discovery Rate", J. R. Stat. Soc. B
 * 57(1), 1995; https://www.statsmodels.org/stable/generated/statsmodels.stats.multitest.multipletests.html
 *
 * O(m log m).
 *
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03, 0.5]); // => [0.04, 0.05333333333333334, 0.05333333333333334, 0.5]
 */
export function benjaminiHochberg(pValues: ArrayLike<number>): number[] {
  checkPValues(pValues, 'benjaminiHochberg');
  const m = pValues.length;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => pValues[a] - pValues[b] || a - b);
  const adjusted = new Array<number>(m);
  let running = Infinity;
  for (let rank = m; rank >= 1; rank--) {
    const i = order[rank - 1];
    // statsmodels divides by the ECDF factor rank / m rather than multiplying by m / rank.
    running = Math.min(running, pValues[i] / (rank / m));
    adjusted[i] = Math.min(running, 1);
  }
  return adjusted;
}
