/**
 * The text values that mean "no value" in CSV, TSV and in strings forced to numbers.
 *
 * This is pandas' default `na_values` (pandas 2.x `pandas._libs.parsers.STR_NA_VALUES`, which
 * added `None` to the 1.x list), matched exactly: case and surrounding spaces count, so `NA`
 * is missing and ` NA` or `na` are not. Quoting does not matter (`"NA"` is missing too), as in
 * pandas. https://pandas.pydata.org/docs/reference/api/pandas.read_csv.html (na_values)
 *
 * JSON Lines and Parquet have a real null; there only null (or an absent key) is missing.
 */
export const MISSING_TOKENS: readonly string[] = Object.freeze([
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
]);

const missingSet: ReadonlySet<string> = new Set(MISSING_TOKENS);

/**
 * Whether a field's text marks a missing value.
 *
 * @example
 * isMissingToken('NA') // true
 * isMissingToken('na') // false
 */
export function isMissingToken(text: string): boolean {
  return missingSet.has(text);
}

const tokensByLength: Uint8Array[][] = [];
for (const token of MISSING_TOKENS) {
  const bytes = Uint8Array.from(token, (ch) => ch.charCodeAt(0));
  (tokensByLength[bytes.length] ??= []).push(bytes);
}

/**
 * `isMissingToken` on the UTF-8 bytes `[start, end)` of a field, without making a string.
 *
 * @example
 * isMissingBytes(new TextEncoder().encode('x,NA'), 2, 4) // true
 */
export function isMissingBytes(bytes: Uint8Array, start: number, end: number): boolean {
  const candidates = tokensByLength[end - start];
  if (candidates === undefined) return false;
  for (const token of candidates) {
    let k = 0;
    while (k < token.length && bytes[start + k] === token[k]) k++;
    if (k === token.length) return true;
  }
  return false;
}
