/**
 * Builds one column of a delimited text file from its raw field bytes, deciding numeric versus
 * categorical as it goes: a column stays numeric while every non-missing field is a number.
 */

import { ByteDictionary, decodeUtf8, sortCategories } from './categoryDictionary';
import { notNumericError } from './dataError';
import { isMissingBytes, isMissingToken } from './missingValues';
import { parseDecimalBytes, parseNumericText } from './parseNumber';
import type { Column } from './table';

export type KindOverride = 'numeric' | 'categorical' | undefined;

export class TextColumnBuilder {
  /** Rows appended so far. */
  length = 0;
  categorical: boolean;
  /** Infinite values read as missing, with the first one's line and text. */
  nonFinite = 0;
  firstNonFiniteLine = 0;
  firstNonFiniteText = '';
  /**
   * When a column turns categorical after numbers, rows `[0, rescanRows)` were stored as numbers
   * and their text must be read again (`rescanAdd`). `switchLine` / `switchText` name the first text.
   */
  rescanRows = 0;
  switchLine = 0;
  switchText = '';

  private capacity: number;
  private values: Float64Array | null;
  private codes: Int32Array | null;
  private numbersSeen = 0;
  /** Made on the first label: a numeric column of a 100,000-column file never needs one. */
  private dictionary: ByteDictionary | null = null;

  /**
   * @param capacity rows to make room for at first; the arrays double when full. The parser
   * passes a bound from the file size, so a wide file of few rows does not reserve thousands of
   * rows per column, and a long file is sized once from its first rows (`reserve`).
   */
  constructor(
    readonly name: string,
    private readonly forced: KindOverride,
    private readonly file: string,
    capacity = 16,
  ) {
    this.capacity = Math.max(16, capacity);
    this.categorical = forced === 'categorical';
    this.values = this.categorical ? null : new Float64Array(this.capacity);
    this.codes = this.categorical ? new Int32Array(this.capacity) : null;
  }

  /** Makes room for `rows` rows in one allocation (an estimate from the file size). */
  reserve(rows: number): void {
    if (rows > this.capacity) this.resize(rows);
  }

  /** Appends the field in bytes `[start, end)` (quotes removed and unescaped), read at `line`. */
  add(bytes: Uint8Array, start: number, end: number, line: number): void {
    if (this.length === this.capacity) this.resize(this.capacity * 2);
    if (this.categorical) {
      this.codes![this.length++] = start === end ? -1 : this.code(bytes, start, end);
      return;
    }
    const value = parseDecimalBytes(bytes, start, end);
    if (value - value === 0) {
      this.values![this.length++] = value;
      this.numbersSeen++;
    } else if (start === end || isMissingBytes(bytes, start, end)) {
      this.values![this.length++] = NaN;
    } else {
      this.addGeneral(bytes, start, end, line);
    }
  }

  /** Appends a finite number already parsed from the field (the scanner's fast path). */
  addNumber(value: number): void {
    if (this.length === this.capacity) this.resize(this.capacity * 2);
    this.values![this.length++] = value;
    this.numbersSeen++;
  }

  /** Second pass: sets the code of row `row` (< `rescanRows`) from its text. */
  rescanAdd(bytes: Uint8Array, start: number, end: number, row: number): void {
    this.codes![row] = start === end ? -1 : this.code(bytes, start, end);
  }

  /** The finished column; the builder must not be used afterwards. */
  finish(): Column {
    return this.categorical ? this.finishCategorical() : this.finishNumeric();
  }

  private finishNumeric(): Column {
    const n = this.length;
    const values = trimmed(this.values!, n);
    this.values = null;
    let missing = 0;
    for (let i = 0; i < n; i++) if (values[i] !== values[i]) missing++;
    return { kind: 'numeric', name: this.name, values, missing, nonFinite: this.nonFinite };
  }

  private finishCategorical(): Column {
    const n = this.length;
    const codes = trimmed(this.codes!, n);
    this.codes = null;
    const dictionary = this.dictionary ?? new ByteDictionary();
    const { categories, remap } = sortCategories(dictionary.texts, (code) => dictionary.isMissing(code));
    let missing = 0;
    for (let i = 0; i < n; i++) {
      const code = codes[i];
      const sorted = code < 0 ? -1 : remap[code];
      codes[i] = sorted;
      if (sorted < 0) missing++;
    }
    return { kind: 'categorical', name: this.name, codes, categories, missing };
  }

  private code(bytes: Uint8Array, start: number, end: number): number {
    const dictionary = (this.dictionary ??= new ByteDictionary());
    const code = dictionary.intern(bytes, start, end);
    return dictionary.isMissing(code) ? -1 : code;
  }

  private addGeneral(bytes: Uint8Array, start: number, end: number, line: number): void {
    const text = decodeUtf8(bytes, start, end);
    if (isMissingToken(text)) {
      this.values![this.length++] = NaN;
      return;
    }
    const value = parseNumericText(text);
    if (value !== undefined) {
      if (Number.isFinite(value)) {
        this.values![this.length++] = value;
        this.numbersSeen++;
      } else {
        if (this.nonFinite++ === 0) {
          this.firstNonFiniteLine = line;
          this.firstNonFiniteText = text;
        }
        this.values![this.length++] = NaN;
      }
      return;
    }
    if (this.forced === 'numeric') throw notNumericError(this.file, this.name, text, { line });
    this.switchToCategorical(text, line);
    this.codes![this.length++] = this.code(bytes, start, end);
  }

  private switchToCategorical(text: string, line: number): void {
    this.codes = new Int32Array(this.capacity).fill(-1, 0, this.length);
    // Rows stored so far as numbers, or as NaN for an infinity, hold text the categories need:
    // read them again. Only missing tokens before the first text can stay -1.
    if (this.numbersSeen > 0 || this.nonFinite > 0) {
      this.rescanRows = this.length;
      this.switchLine = line;
      this.switchText = text;
    }
    this.values = null;
    this.categorical = true;
    // `inf` is an ordinary label in a categorical column.
    this.nonFinite = 0;
  }

  private resize(capacity: number): void {
    if (this.values) {
      const values = new Float64Array(capacity);
      values.set(this.values.subarray(0, this.length));
      this.values = values;
    }
    if (this.codes) {
      const codes = new Int32Array(capacity);
      codes.set(this.codes.subarray(0, Math.min(this.codes.length, capacity)));
      this.codes = codes;
    }
    this.capacity = capacity;
  }
}

/**
 * The first `n` entries: the array itself when it is exactly full, a view when the spare room
 * is small (no copy), a compact copy otherwise (so an over-estimate does not keep memory).
 */
function trimmed<T extends Float64Array | Int32Array>(array: T, n: number): T {
  if (array.length === n) return array;
  if (array.length - n <= n >>> 4) return array.subarray(0, n) as T;
  return array.slice(0, n) as T;
}
