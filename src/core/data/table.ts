/**
 * The columnar table every GRADIENT report is computed from.
 *
 * A table holds one typed array per column and no JavaScript object per cell, so a
 * 1,000,000 x 20 file costs about 8 bytes per numeric cell and 4 bytes per categorical cell.
 */

import type { SortedSummary } from '../stats/sortedSummary';
import type { TextEncoding } from './encoding';

/** A column whose non-missing values are all numbers. */
export interface NumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  /**
   * One value per row, in row order (unless the load asked for `numericOrder: 'sorted'`); `NaN`
   * marks a missing (or non-finite, see `nonFinite`) value.
   */
  readonly values: Float64Array;
  /** How many entries of `values` are `NaN` (missing tokens plus non-finite values). */
  readonly missing: number;
  /**
   * How many of the `missing` entries were infinite in the file (`inf`, `-Infinity`, `1e999`,
   * a parquet `Infinity`). They are stored as `NaN` because no drift statistic is defined on
   * them; a `non-finite` warning on the table names the column and the first line.
   */
  readonly nonFinite: number;
  /**
   * What the numbers count, when the file says so: `epoch-ms` for Parquet DATE and TIMESTAMP
   * columns, read as milliseconds since 1970-01-01 UTC. Absent for plain numbers (a CSV column of
   * epoch seconds has no unit; `inferColumnRole` recognizes it by its name and magnitude).
   */
  readonly unit?: 'epoch-ms';
  /**
   * The finite values sorted ascending (`sortedFinite(values)`), when the load sorted them
   * (`numericOrder: 'sorted'`, done in the loading thread): the reports then do not sort again.
   * Trusted to be exactly that array.
   */
  readonly sortedFinite?: Float64Array;
  /** `summarizeSorted(sortedFinite)`, made with it in the loading thread (absent when there are no finite values). */
  readonly sortedSummary?: SortedSummary;
}

/** A column of labels: each row holds an index into `categories`, or -1 when missing. */
export interface CategoricalColumn {
  readonly kind: 'categorical';
  readonly name: string;
  /** One code per row: an index into `categories`, or -1 for a missing value. */
  readonly codes: Int32Array;
  /** The distinct non-missing values, sorted by Unicode code point (Python's `sorted`). */
  readonly categories: readonly string[];
  /** How many entries of `codes` are -1. */
  readonly missing: number;
}

export type Column = NumericColumn | CategoricalColumn;
export type ColumnKind = Column['kind'];

/** Something the loader did that the user should hear about, although the file loaded. */
export interface DataWarning {
  readonly code:
    /** infinite values were read as missing */
    | 'non-finite'
    /** two header cells had the same name; later ones were renamed `name.1`, `name.2` (pandas) */
    | 'duplicate-column'
    /** a header cell was empty; the column is read as `Unnamed: i` (pandas) */
    | 'unnamed-column'
    /** a column looked numeric, then held text, so it was read as categorical */
    | 'numeric-then-text'
    /** a JSON Lines key held both numbers and strings/booleans, so it was read as categorical */
    | 'mixed-types'
    /** a parquet column of a nested type (list, struct, map) was left out */
    | 'skipped-column'
    /** dates or timestamps beyond a calendar's range (a "no end date" sentinel) were read as missing */
    | 'out-of-range-time';
  readonly column: string;
  /** 1-based line of the first occurrence in a text file. */
  readonly line?: number;
  /** 1-based row of the first occurrence in a parquet file. */
  readonly row?: number;
  /** How many values the warning concerns, when it is about values. */
  readonly count?: number;
  /** A sentence for users naming the file and the column. */
  readonly message: string;
}

export interface Table {
  /** The path the table was read from, as given to `loadTable`. */
  readonly source: string;
  /**
   * The encoding a CSV, TSV or JSON Lines file was read with (`LoadOptions.encoding`); absent for
   * Parquet, whose strings are UTF-8 by definition, and for tables made in memory.
   */
  readonly encoding?: TextEncoding;
  readonly rowCount: number;
  readonly columns: readonly Column[];
  readonly warnings: readonly DataWarning[];
}

export type DataFormat = 'csv' | 'tsv' | 'jsonl' | 'parquet';

/** What to read and how to type it. Every name must exist in the file. */
export interface LoadOptions {
  /** Read only these columns, in this order. Default: every column, in file order. */
  readonly columns?: readonly string[];
  /** Read these columns as categorical even if every value is a number (ids, zip codes). */
  readonly categorical?: readonly string[];
  /** Read these columns as numeric; a value that is not a number is an error naming its line. */
  readonly numeric?: readonly string[];
  /** Override the format chosen from the file extension. */
  readonly format?: DataFormat;
  /**
   * CSV only: the field delimiter, one ASCII character other than a quote or a line end.
   * Default: detected from the header and the first rows (`.tsv`: tab).
   */
  readonly delimiter?: string;
  /**
   * The encoding of a CSV, TSV or JSON Lines file. Default `utf-8`, checked over the whole file:
   * invalid UTF-8 is a `not-utf8` error, never replaced by U+FFFD (which would merge values).
   */
  readonly encoding?: TextEncoding;
  /**
   * `rows` (the default): every numeric column's `values` in row order.
   * `sorted`: the caller uses each numeric column only as a distribution (the drift report), so
   * its `values` come sorted ascending, the missing `NaN`s last, and `sortedFinite` is a view of
   * the finite start. Row order is lost; no sorted copy is made (a copy costs 8 bytes a value,
   * and first touching that memory costs about as much as the sort).
   */
  readonly numericOrder?: 'rows' | 'sorted';
}

/** How the caller watches and stops a load. */
export interface LoadControl {
  /**
   * Called after every chunk of the file and at least every 65,536 rows.
   * `bytesRead` counts bytes of the file consumed so far, `totalBytes` is the file size.
   */
  readonly onProgress?: (rowsRead: number, bytesRead: number, totalBytes: number) => void;
  /** Aborting rejects the load promptly with a `DOMException` named `AbortError`. */
  readonly signal?: AbortSignal;
  /**
   * Inputs that are not regular files (a FIFO, a `<(...)` process substitution), by path, as
   * read by an earlier load of the same job. Such an input can be read only once, yet a report
   * may load a file twice (a column read again as text): `runReport` shares one map across the
   * loads of a job, and `loadTable` fills it.
   */
  readonly pipes?: Map<string, Uint8Array>;
}

/**
 * The bytes of a file, readable from the start more than once (a delimited file whose column
 * turns from numbers to text late is read twice). Pure parsers take this instead of a path.
 */
export interface ByteSource {
  /**
   * The bytes from the start, in order. A chunk may be a reused buffer: consumers must copy
   * what they keep before asking for the next chunk.
   */
  chunks(): AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** Total size in bytes, for progress; 0 when unknown. */
  readonly size: number;
  /**
   * The bytes of the file behind the first `consumed` bytes the chunks yielded, when they differ
   * (text transcoded to UTF-8 is longer than the file): progress is reported in file bytes.
   * Absent: the same number.
   */
  readonly sourceOffset?: (consumed: number) => number;
}

/**
 * The most columns a file may have. A column costs about 0.5 kB per file while loading and 2 kB
 * in a drift report (its statistics and the charts' histogram and ECDF), so 100,000 columns are
 * a few hundred MB; ten times that would need gigabytes, for a report nobody could read. It is
 * six times Excel's 16,384 columns and sixty times PostgreSQL's 1,600.
 */
export const MAX_COLUMNS = 100_000;

/** Rows between two progress callbacks (and abort checks) inside one chunk. */
export const PROGRESS_EVERY_ROWS = 65_536;

/**
 * The column called `name`, or `undefined`.
 *
 * @example
 * findColumn(table, 'age')?.kind // 'numeric'
 */
export function findColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((column) => column.name === name);
}

/**
 * The non-missing values of a numeric column, in row order, as a new array.
 *
 * @example
 * presentValues({ kind: 'numeric', name: 'x', values: Float64Array.of(1, NaN, 3), missing: 1, nonFinite: 0 })
 * // Float64Array [1, 3]
 */
export function presentValues(column: NumericColumn): Float64Array {
  const out = new Float64Array(column.values.length - column.missing);
  let j = 0;
  for (const v of column.values) if (v === v) out[j++] = v;
  return out;
}
