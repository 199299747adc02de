/**
 * Missing rate: the fraction of values that are missing — null, undefined, NaN, or (for text
 * columns) the empty string — what `Series.isna().mean()` reports for a column read by pandas.
 * Compare a column's rate in the reference and current files to see a change.
 *
 * Reference: https://pandas.pydata.org/docs/reference/api/pandas.Series.isna.html
 *
 * O(n).
 *
 * @example
 * missingRate([1, NaN, 3, null]); // => 0.5
 */
export function missingRate(values: ArrayLike<unknown>): number {
  if (values.length === 0) throw new Error('missingRate requires at least 1 data point');
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v))) missing++;
  }
  return missing / values.length;
}
