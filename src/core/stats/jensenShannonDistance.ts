import { pairwiseSum } from './pairwiseSum';

/** x · ln(x / y) with the conventions of `scipy.special.rel_entr` for x = 0. */
function relativeEntropyTerm(x: number, y: number): number {
  if (x === 0) return 0;
  return x * Math.log(x / y);
}

/**
 * Jensen-Shannon distance between two discrete distributions: the square root of the
 * Jensen-Shannon divergence ½ KL(p‖m) + ½ KL(q‖m), m = (p + q) / 2, in units of `base`
 * (default 2, so the distance lies in [0, 1]) — `scipy.spatial.distance.jensenshannon(p, q, base=2)`.
 * Both vectors are normalized to sum 1 first, so counts or shares may be passed (use the PSI
 * bins' shares before the epsilon). A divergence that rounds to a hair below 0 (or, in base 2,
 * above 1) is clamped, where scipy would return NaN from the square root.
 *
 * Reference: https://docs.scipy.org/doc/scipy/reference/generated/scipy.spatial.distance.jensenshannon.html;
 * Endres & Schindelin, "A new metric for probability distributions", IEEE Trans. Inf. Theory 49(7), 2003.
 *
 * O(k) for k bins.
 *
 * @example
 * jensenShannonDistance([1, 0], [0, 1]); // => 1
 */
export function jensenShannonDistance(
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  options: { readonly base?: number } = {},
): number {
  const { base = 2 } = options;
  if (p.length === 0) throw new Error('jensenShannonDistance requires at least 1 bin');
  if (p.length !== q.length) {
    throw new Error(`jensenShannonDistance requires vectors of equal length (got ${p.length} and ${q.length})`);
  }
  if (!(base > 0 && base !== 1)) throw new Error('jensenShannonDistance requires a positive base other than 1');
  for (const vector of [p, q]) {
    for (let i = 0; i < vector.length; i++) {
      if (!(Number.isFinite(vector[i]) && vector[i] >= 0)) {
        throw new Error(`jensenShannonDistance requires non-negative finite weights (got ${vector[i]} at ${i})`);
      }
    }
  }
  const pTotal = pairwiseSum(p);
  const qTotal = pairwiseSum(q);
  if (pTotal === 0 || qTotal === 0) throw new Error('jensenShannonDistance requires weights with a positive sum');
  const k = p.length;
  const left = new Float64Array(k);
  const right = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const pi = p[i] / pTotal;
    const qi = q[i] / qTotal;
    const mi = (pi + qi) / 2;
    left[i] = relativeEntropyTerm(pi, mi);
    right[i] = relativeEntropyTerm(qi, mi);
  }
  let divergence = (pairwiseSum(left) + pairwiseSum(right)) / Math.log(base) / 2;
  divergence = Math.max(0, divergence);
  if (base === 2) divergence = Math.min(1, divergence);
  return Math.sqrt(divergence);
}
