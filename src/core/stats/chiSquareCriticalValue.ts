import { regularizedGammaUpper } from './regularizedGammaUpper';

/**
 * Chi-square critical value: the x that a χ² variable with `dof` degrees of freedom exceeds with
 * probability `alpha` (its inverse survival function) — `scipy.stats.chi2.isf(alpha, dof)`. Found
 * by bisection on the survival function Q(dof/2, x/2) down to adjacent doubles, so it is as exact
 * as `regularizedGammaUpper`. The drift verdicts use it for the smallest PSI distinguishable from
 * sampling noise (n₁n₂/(n₁+n₂) · PSI is asymptotically χ²(bins − 1) when nothing changed).
 *
 * Reference: https://docs.scipy.org/doc/scipy/reference/generated/scipy.stats.chi2.html
 *
 * O(log(x / ulp)) survival evaluations, about 60–110.
 *
 * @example
 * chiSquareCriticalValue(9, 0.01); // => 21.665994333461924 (scipy.stats.chi2.isf(0.01, 9): 21.665994333461924)
 */
export function chiSquareCriticalValue(dof: number, alpha: number): number {
  if (!(Number.isFinite(dof) && dof > 0)) throw new Error('chiSquareCriticalValue requires dof > 0');
  if (!(alpha > 0 && alpha < 1)) throw new Error('chiSquareCriticalValue requires 0 < alpha < 1');
  const survival = (x: number) => regularizedGammaUpper(dof / 2, x / 2);
  let lo = 0;
  let hi = Math.max(1, dof);
  while (survival(hi) > alpha) hi *= 2;
  for (;;) {
    const mid = lo + (hi - lo) / 2;
    // lo and hi are adjacent doubles: take the one whose tail is closer to alpha.
    if (mid <= lo || mid >= hi) return survival(lo) - alpha < alpha - survival(hi) ? lo : hi;
    if (survival(mid) > alpha) lo = mid;
    else hi = mid;
  }
}
