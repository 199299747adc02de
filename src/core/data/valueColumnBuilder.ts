/**
 * Builds one column from typed JavaScript values (JSON Lines and Parquet), where the file
 * itself says whether a value is a number, a string or null.
 */

import { compareCodePoints } from './categoryDictionary';
import { notNumericError } from './dataError';
import { isMissingToken } from './missingValues';
import { parseNumericText } from './parseNumber';
import type { Column } from './table';
import type { KindOverride } from './textColumnBuilder';

/** Where a value is: a 1-based line (text files) or row (Parquet). */
export type Location = { line: number } | { row: number };

export function describeLocation(where: Location): string {
  return 'line' in where ? `line ${where.line}` : `row ${where.row}`;
}

export class ValueColumnBuilder {
  /**
   * Infinite numbers: missing when the column ends numeric; in a column that also holds text
   * they are labels (`Infinity`, `-Infinity`), as `--categorical` makes them.
   */
  nonFinite = 0;
  firstNonFinite: Location | undefined;
  firstNonFiniteText = '';
  /** First number and first string seen, to explain a mixed column. */
  firstNumber: Location | undefined;
  firstText: Location | undefined;
  firstTextValue = '';

  /** Rows the arrays have room for; they are made on the first value and double when full. */
  private capacity = 16;
  private values: Float64Array | null = null;
  private codes: Int32Array | null = null;
  private readonly labelCodes = new Map<string, number>();
  private readonly texts: string[] = [];

  constructor(
    readonly name: string,
    readonly forced: KindOverride,
    private readonly file: string,
  ) {}

  /** Makes room for rows `[0, rows)`. */
  reserve(rows: number): void {
    if (rows <= this.capacity) return;
    // Exactly `rows` when told the size up front (Parquet), doubling when growing row by row.
    const capacity = Math.max(rows, this.capacity * 2);
    if (this.values) {
      const values = new Float64Array(capacity).fill(NaN);
      values.set(this.values);
      this.values = values;
    }
    if (this.codes) {
      const codes = new Int32Array(capacity).fill(-1);
      codes.set(this.codes);
      this.codes = codes;
    }
    this.capacity = capacity;
  }

  /** Sets row `row` to a number; `text` is how the file wrote it (for a categorical column). */
  setNumber(row: number, value: number, where: Location, text?: string): void {
    if (this.forced === 'categorical') {
      this.setLabel(row, text ?? String(value));
      return;
    }
    this.firstNumber ??= where;
    if (!Number.isFinite(value)) {
      if (value !== value) return; // NaN (Parquet) is missing, as in pandas
      if (this.nonFinite++ === 0) {
        this.firstNonFinite = where;
        this.firstNonFiniteText = text ?? String(value);
      }
    }
    // An infinity is kept until `finish` knows the kind: numeric makes it missing, categorical a label.
    this.numberArray(row)[row] = value;
  }

  /** Bulk form of `setNumber` for a typed array of Parquet values that starts at row `rowStart`. */
  setNumbers(rowStart: number, data: ArrayLike<number>): void {
    if (data.length === 0) return;
    if (this.forced === 'categorical') {
      for (let i = 0; i < data.length; i++) this.setNumber(rowStart + i, data[i], { row: rowStart + i + 1 });
      return;
    }
    this.firstNumber ??= { row: rowStart + 1 };
    const values = this.numberArray(rowStart + data.length - 1);
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (v - v === 0) values[rowStart + i] = v;
      else if (v === v) this.setNumber(rowStart + i, v, { row: rowStart + i + 1 });
    }
  }

  /** Sets row `row` to a string (or a boolean written as `true` / `false`). */
  setText(row: number, text: string, where: Location): void {
    if (this.forced === 'numeric') {
      if (isMissingToken(text)) return;
      const value = parseNumericText(text);
      if (value === undefined) throw notNumericError(this.file, this.name, text, where);
      this.setNumber(row, value, where, text);
      return;
    }
    if (this.firstText === undefined) {
      this.firstText = where;
      this.firstTextValue = text;
    }
    this.setLabel(row, text);
  }

  /** Whether the column mixes numbers with strings (and is therefore read as categorical). */
  get mixed(): boolean {
    return this.forced === undefined && this.firstNumber !== undefined && this.firstText !== undefined;
  }

  /** The finished column of `rowCount` rows (the builder's arrays are handed over, not copied). */
  finish(rowCount: number): Column {
    this.reserve(rowCount);
    const numeric = this.forced === 'numeric' || (this.forced === undefined && this.codes === null);
    return numeric ? this.finishNumeric(rowCount) : this.finishCategorical(rowCount);
  }

  /**
   * The values array with room for rows `[0, rows)`, for bulk writes of finite numbers
   * (NaN-filled where nothing is written). Use `setNumber` for anything else.
   */
  numberTarget(rows: number): Float64Array {
    this.reserve(rows);
    this.values ??= new Float64Array(this.capacity).fill(NaN);
    return this.values;
  }

  /** The codes array with room for rows `[0, rows)`, for bulk writes of `codeOf(text)`. */
  labelTarget(rows: number): Int32Array {
    this.reserve(rows);
    this.codes ??= new Int32Array(this.capacity).fill(-1);
    return this.codes;
  }

  /** The code of a label, adding it when new. */
  codeOf(text: string): number {
    let code = this.labelCodes.get(text);
    if (code === undefined) {
      code = this.texts.length;
      this.texts.push(text);
      this.labelCodes.set(text, code);
    }
    return code;
  }

  private finishNumeric(rowCount: number): Column {
    const values = !this.values
      ? new Float64Array(rowCount).fill(NaN)
      : this.values.length === rowCount
        ? this.values
        : this.values.slice(0, rowCount);
    let missing = 0;
    for (let i = 0; i < rowCount; i++) {
      const v = values[i];
      if (v - v !== 0) {
        values[i] = NaN; // infinite (kept by setNumber) or missing
        missing++;
      }
    }
    return { kind: 'numeric', name: this.name, values, missing, nonFinite: this.nonFinite };
  }

  private finishCategorical(rowCount: number): Column {
    const codes = !this.codes
      ? new Int32Array(rowCount).fill(-1)
      : this.codes.length === rowCount
        ? this.codes
        : this.codes.slice(0, rowCount);
    const numbers = this.values;
    if (numbers) {
      for (let i = 0; i < rowCount; i++) {
        const v = numbers[i];
        if (v === v) codes[i] = this.codeOf(String(v));
      }
    }
    const texts = this.texts;
    const order = texts.map((_, code) => code).sort((a, b) => compareCodePoints(texts[a], texts[b]));
    const remap = new Int32Array(texts.length);
    order.forEach((code, sorted) => (remap[code] = sorted));
    let missing = 0;
    for (let i = 0; i < rowCount; i++) {
      const code = codes[i];
      if (code < 0) missing++;
      else codes[i] = remap[code];
    }
    return { kind: 'categorical', name: this.name, codes, categories: order.map((code) => texts[code]), missing };
  }

  private setLabel(row: number, text: string): void {
    this.labelTarget(row + 1)[row] = this.codeOf(text);
  }

  private numberArray(row: number): Float64Array {
    return this.numberTarget(row + 1);
  }
}
