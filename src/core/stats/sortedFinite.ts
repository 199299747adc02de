/**
 * Sorted finite values: an ascending `Float64Array` copy of the input without NaN and ±Infinity,
 * which the distribution comparisons treat as missing (their rate is reported by `missingRate`).
 * The input is never mutated.
 *
 * O(n log n).
 *
 * @example
 * sortedFinite([3, NaN, 1, 2]); // => Float64Array [1, 2, 3]
 */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) count++;
  const out = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) out[j++] = v;
  }
  // Typed-array sort is numeric; -0 sorts before +0, harmless for every comparison made here.
  return out.sort();
}
