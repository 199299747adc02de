/**
 * Binary search for the insertion point of `value` in ascending `sorted`, with numpy's
 * `searchsorted` semantics: `'left'` counts the elements strictly less than `value`,
 * `'right'` the elements less than or equal to it.
 *
 * Reference: https://numpy.org/doc/stable/reference/generated/numpy.searchsorted.html
 *
 * O(log n).
 *
 * @example
 * searchSorted([1, 2, 2, 3], 2, 'left'); // => 1
 */
export function searchSorted(sorted: ArrayLike<number>, value: number, side: 'left' | 'right' = 'left'): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const goRight = side === 'left' ? sorted[mid] < value : sorted[mid] <= value;
    if (goRight) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
