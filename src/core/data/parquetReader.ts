/**
 * Parquet reader over hyparquet: reads only the selected columns, one row group at a time,
 * into the same columnar `Table` as the text formats.
 *
 * Typing follows the Parquet schema: INT32 / INT64 / FLOAT / DOUBLE / DECIMAL / FLOAT16 are
 * numeric (64-bit integers become the nearest double, like `Number(bigint)`), DATE and
 * TIMESTAMP are numeric milliseconds since 1970 marked `unit: 'epoch-ms'`, strings / enums /
 * JSON text / booleans are categorical. Null and NaN are missing (as in pandas); +-Infinity is
 * counted as missing with a `non-finite` warning. Nested columns (list, struct, map) are left
 * out with a warning, or are an error when asked for by name. https://github.com/hyparam/hyparquet
 *
 * Strings are decoded as strict UTF-8 (the format requires it): hyparquet's lenient decoder
 * turns every invalid byte into U+FFFD, so `caf\xE9` and `caf\xE8` would become one category.
 * Instants beyond a calendar's range (a "no end date" of Long.MAX_VALUE) are missing with an
 * `out-of-range-time` warning. Any other failure inside hyparquet (a damaged footer, corrupt
 * pages) is a `parse-error` naming the file.
 *
 * Pure apart from hyparquet: works on any `AsyncBuffer`, so a caller decides how bytes are read.
 */

import { parquetMetadataAsync, parquetSchema, parquetScan, type AsyncBuffer, type DecodedArray, type ParquetParsers, type SchemaElement } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { planColumns } from './columnPlan';
import { DataError, throwIfAborted, tooManyColumnsError } from './dataError';
import { MAX_COLUMNS, type Column, type DataWarning, type LoadControl, type LoadOptions, type Table } from './table';
import type { KindOverride } from './textColumnBuilder';
import { MS_PER_DAY } from './timestamp';
import { escapeBytes } from './encoding';
import { firstInvalidUtf8 } from './sniff';
import { ValueColumnBuilder, describeLocation } from './valueColumnBuilder';

const MAGIC = 'PAR1';

/**
 * The farthest instant from 1970 that has a calendar date: 100,000,000 days, about 275,760 years
 * (ECMA-262's time value range, beyond which `Date` is invalid). Java's Long.MAX_VALUE, written
 * for "no end date", is 9.2e18 ms.
 */
const MAX_INSTANT_MS = 8.64e15;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Thrown by the string parser at a value that is not UTF-8; the reader then finds its row. */
class NotUtf8Value extends Error {
  constructor(readonly bytes: Uint8Array) {
    super('not UTF-8');
  }
}

/** Strict UTF-8; a byte order mark at the start is kept, so "\uFEFFa" stays distinct from "a". */
function strictText(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new NotUtf8Value(bytes);
  }
}

const toMs = (value: bigint | number, per: bigint): number =>
  typeof value === 'bigint' ? Number(value / per) : Math.trunc(Number(value) / Number(per));

/**
 * How hyparquet turns values into JavaScript: strict UTF-8 strings, JSON as its text (a label),
 * instants as epoch milliseconds (numbers, not `Date`s, which are invalid beyond the range above
 * and then throw in `toISOString`), truncated toward zero like hyparquet's own parsers.
 */
const PARSERS: Partial<ParquetParsers> = {
  stringFromBytes: (bytes: Uint8Array) => bytes && strictText(bytes),
  jsonFromBytes: (bytes: Uint8Array) => bytes && strictText(bytes),
  timestampFromMilliseconds: (ms: bigint) => toMs(ms, 1n),
  timestampFromMicroseconds: (us: bigint) => toMs(us, 1000n),
  timestampFromNanoseconds: (ns: bigint) => toMs(ns, 1_000_000n),
  dateFromDays: (days: number) => days * MS_PER_DAY,
};

/** The same, but leaving strings as bytes: to find the row of a value that is not UTF-8. */
const RAW_STRING_PARSERS: Partial<ParquetParsers> = { ...PARSERS, stringFromBytes: (bytes: Uint8Array) => bytes, jsonFromBytes: (bytes: Uint8Array) => bytes };

/** Whether a top-level schema element is numeric by nature (without overrides). */
function isNumericElement(element: SchemaElement): boolean {
  const logical = element.logical_type?.type;
  switch (element.type) {
    case 'BOOLEAN':
      return false;
    case 'BYTE_ARRAY':
    case 'FIXED_LEN_BYTE_ARRAY':
      return logical === 'DECIMAL' || logical === 'FLOAT16' || element.converted_type === 'DECIMAL';
    default:
      return true;
  }
}

/**
 * How a column holds instants, or `undefined` when it does not: `ms` when hyparquet converts its
 * values (converted types DATE and TIMESTAMP_MILLIS / _MICROS, the logical type TIMESTAMP, legacy
 * INT96 timestamps; `PARSERS` makes them epoch ms), `days` for a DATE given only as a logical type,
 * which hyparquet leaves as day numbers. TIME (a time of day, not an instant) is neither.
 * https://github.com/apache/parquet-format/blob/master/LogicalTypes.md#temporal-types
 */
function instantEncoding(element: SchemaElement): 'ms' | 'days' | undefined {
  const converted = element.converted_type;
  if (converted === 'DATE' || converted === 'TIMESTAMP_MILLIS' || converted === 'TIMESTAMP_MICROS') return 'ms';
  if (converted === undefined && element.type === 'INT96') return 'ms';
  const logical = element.logical_type?.type;
  if (logical === 'TIMESTAMP') return 'ms';
  if (logical === 'DATE') return 'days';
  return undefined;
}

/** Out-of-range instants of one column: how many, and the first row (1-based). */
interface OutOfRange {
  count: number;
  firstRow: number;
}

/**
 * An instant column's values as epoch milliseconds, or as ISO-8601 text for a column read as
 * categorical; an instant beyond `MAX_INSTANT_MS` becomes null (missing) and is counted.
 */
function instantValues(data: DecodedArray, encoding: 'ms' | 'days', asText: boolean, rowStart: number, outOfRange: OutOfRange): Array<number | string | null> {
  const out = new Array<number | string | null>(data.length);
  for (let i = 0; i < data.length; i++) {
    const value: unknown = data[i];
    if (value === null || value === undefined) {
      out[i] = null;
      continue;
    }
    const ms = encoding === 'days' ? Number(value) * MS_PER_DAY : Number(value);
    if (!(Math.abs(ms) <= MAX_INSTANT_MS)) {
      if (outOfRange.count++ === 0) outOfRange.firstRow = rowStart + i + 1;
      out[i] = null;
      continue;
    }
    out[i] = asText ? new Date(ms).toISOString() : ms;
  }
  return out;
}

/**
 * Reads a Parquet file into a table.
 *
 * @param file the bytes of the file (for example `fileAsyncBuffer` in `loadTable.ts`)
 * @param source the path shown in messages and stored as `Table.source`
 */
export async function readParquet(
  file: AsyncBuffer,
  source: string,
  options: LoadOptions = {},
  control: LoadControl = {},
): Promise<Table> {
  try {
    return await readTable(file, source, options, control);
  } catch (error) {
    throw asDataError(source, error);
  }
}

async function readTable(file: AsyncBuffer, source: string, options: LoadOptions, control: LoadControl): Promise<Table> {
  await checkMagic(file, source);
  const metadata = await parquetMetadataAsync(file);
  const schema = parquetSchema(metadata);
  const available = schema.children.map((child) => child.element.name);
  if (available.length > MAX_COLUMNS) {
    throw tooManyColumnsError(source, MAX_COLUMNS, { what: `its schema has ${available.length.toLocaleString('en-US')}` });
  }
  const nested = new Set(
    schema.children
      .filter((child) => child.children.length > 0 || child.element.repetition_type === 'REPEATED')
      .map((child) => child.element.name),
  );
  const plan = planColumns(source, available, options);
  const requested = new Set([...(options.columns ?? []), ...(options.numeric ?? []), ...(options.categorical ?? [])]);
  const warnings: DataWarning[] = [];
  for (const name of plan.selected) {
    if (!nested.has(name)) continue;
    if (requested.has(name)) {
      throw new DataError({
        code: 'unsupported-format',
        file: source,
        column: name,
        message:
          `${source} column ${JSON.stringify(name)} is a nested Parquet type (list, struct or map): ` +
          `GRADIENT reads flat columns; flatten it before export, or leave it out of --columns`,
      });
    }
    warnings.push({
      code: 'skipped-column',
      column: name,
      message: `${source} column ${JSON.stringify(name)} is a nested Parquet type (list, struct or map) and was left out`,
    });
  }
  const names = plan.selected.filter((name) => !nested.has(name));
  const elements = new Map(schema.children.map((child) => [child.element.name, child.element]));
  const kinds = new Map<string, KindOverride>(
    names.map((name) => [name, plan.kindOf(name) ?? (isNumericElement(elements.get(name)!) ? 'numeric' : 'categorical')]),
  );
  const builders = names.map((name) => new ValueColumnBuilder(name, kinds.get(name), source));
  const instants = new Map(names.map((name) => [name, instantEncoding(elements.get(name)!)]));
  const outOfRange = new Map(names.map((name): [string, OutOfRange] => [name, { count: 0, firstRow: 0 }]));
  const rowCount = Number(metadata.num_rows);
  // A damaged footer can decode without an error yet lack its row count (undefined -> NaN): the
  // table would claim "NaN rows". The count must be a whole number and match the row groups'.
  const groupRows = metadata.row_groups.reduce((sum, group) => sum + Number(group.num_rows), 0);
  if (!Number.isSafeInteger(rowCount) || rowCount < 0 || groupRows !== rowCount) {
    throw new DataError({
      code: 'parse-error',
      file: source,
      message: `${source} is not a readable Parquet file (its footer gives ${String(metadata.num_rows)} rows, its row groups ${groupRows}): re-export it`,
    });
  }

  if (names.length > 0 && rowCount > 0) {
    const scan = await parquetScan({ file, metadata, columns: names, compressors, geoparquet: false, parsers: PARSERS });
    for (const builder of builders) builder.reserve(rowCount);
    for (const range of scan.ranges) {
      for (const builder of builders) {
        throwIfAborted(source, control.signal);
        const { rowStart, rowEnd } = range;
        let data: DecodedArray;
        try {
          data = await scan.readColumn({ column: builder.name, rowStart, rowEnd });
        } catch (error) {
          if (error instanceof NotUtf8Value) throw await notUtf8Error(file, metadata, source, builder.name, rowStart, rowEnd, error.bytes);
          throw error;
        }
        const encoding = instants.get(builder.name);
        if (encoding) data = instantValues(data, encoding, builder.forced === 'categorical', rowStart, outOfRange.get(builder.name)!);
        appendValues(builder, rowStart, data, source);
      }
      throwIfAborted(source, control.signal);
      control.onProgress?.(range.rowEnd, Math.round((file.byteLength * range.rowEnd) / rowCount), file.byteLength);
    }
  }
  const columns: Column[] = builders.map((builder) => {
    const name = JSON.stringify(builder.name);
    if (builder.nonFinite > 0 && builder.firstNonFinite) {
      warnings.push({
        code: 'non-finite',
        column: builder.name,
        ...builder.firstNonFinite,
        count: builder.nonFinite,
        message:
          `${source} column ${name} has ${builder.nonFinite} infinite value(s) (first at ` +
          `${describeLocation(builder.firstNonFinite)}); they are counted as missing because drift statistics are not defined for infinity`,
      });
    }
    const beyond = outOfRange.get(builder.name)!;
    if (beyond.count > 0) {
      const one = beyond.count === 1;
      warnings.push({
        code: 'out-of-range-time',
        column: builder.name,
        row: beyond.firstRow,
        count: beyond.count,
        message:
          `${source} column ${name} has ${beyond.count.toLocaleString('en-US')} date${one ? '' : 's'} or timestamp${one ? '' : 's'} ` +
          `beyond what a calendar can show (more than 275,760 years from 1970; first at row ${beyond.firstRow}), ` +
          `such as the largest 64-bit integer written for "no end date": ${one ? 'it is' : 'they are'} counted as missing`,
      });
    }
    const column = builder.finish(rowCount);
    return column.kind === 'numeric' && instants.get(builder.name) ? { ...column, unit: 'epoch-ms' } : column;
  });
  return { source, rowCount, columns, warnings };
}

function appendValues(builder: ValueColumnBuilder, rowStart: number, data: DecodedArray, source: string): void {
  const n = data.length;
  if (builder.forced === 'numeric') {
    if (data instanceof Float64Array || data instanceof Float32Array || data instanceof Int32Array || data instanceof Uint32Array) {
      builder.setNumbers(rowStart, data);
      return;
    }
    // The common shapes (numbers or bigints with nulls) straight into the array; the rest one by one.
    const values = builder.numberTarget(rowStart + n);
    for (let i = 0; i < n; i++) {
      const value: unknown = data[i];
      if (typeof value === 'number') {
        if (value - value === 0) values[rowStart + i] = value;
        else appendValue(builder, rowStart + i, value, source);
      } else if (typeof value === 'bigint') values[rowStart + i] = Number(value);
      else if (value !== null && value !== undefined) appendValue(builder, rowStart + i, value, source);
    }
    return;
  }
  const codes = builder.labelTarget(rowStart + n);
  for (let i = 0; i < n; i++) {
    const value: unknown = data[i];
    if (typeof value === 'string') codes[rowStart + i] = builder.codeOf(value);
    else if (value !== null && value !== undefined) appendValue(builder, rowStart + i, value, source);
  }
}

/** One value of any type into row `row` (0-based). */
function appendValue(builder: ValueColumnBuilder, row: number, value: unknown, source: string): void {
  const where = { row: row + 1 };
  switch (typeof value) {
    case 'number':
      builder.setNumber(row, value, where);
      return;
    case 'bigint':
      builder.setNumber(row, Number(value), where, value.toString());
      return;
    case 'string':
      builder.setText(row, value, where);
      return;
    case 'boolean':
      builder.setText(row, value ? 'true' : 'false', where);
      return;
  }
  if (value instanceof Uint8Array) builder.setText(row, strictText(value), where);
  else {
    throw new DataError({
      code: 'unsupported-format',
      file: source,
      column: builder.name,
      row: row + 1,
      message:
        `${source} column ${JSON.stringify(builder.name)} row ${row + 1} holds a value GRADIENT cannot read as a number or a label: ` +
        `convert the column to numbers or strings before export, or leave it out of --columns`,
    });
  }
}

async function checkMagic(file: AsyncBuffer, source: string): Promise<void> {
  const size = file.byteLength;
  const head = size >= 12 ? new Uint8Array(await file.slice(0, 4)) : new Uint8Array(0);
  const tail = size >= 12 ? new Uint8Array(await file.slice(size - 4, size)) : new Uint8Array(0);
  const text = (bytes: Uint8Array) => String.fromCharCode(...bytes);
  if (text(head) !== MAGIC || text(tail) !== MAGIC) {
    throw new DataError({
      code: 'parse-error',
      file: source,
      message:
        `${source} is not a Parquet file (a Parquet file starts and ends with "PAR1"; this one ` +
        `${text(head) === MAGIC ? 'is cut short' : 'does not'}): re-export it, or give it the extension of its real format`,
    });
  }
}

/**
 * The error a failed read becomes: a `DataError` (or a cancellation) as it is; anything else,
 * thrown by hyparquet on a damaged file ("Cannot read properties of undefined", "thrift
 * unhandled type", an array of impossible length), a `parse-error` naming the file.
 */
function asDataError(source: string, error: unknown): unknown {
  if (error instanceof DataError || (error instanceof DOMException && error.name === 'AbortError')) return error;
  const detail = String((error as Error)?.message ?? error).replace(/\s+/g, ' ').trim();
  const shown = detail.length > 160 ? `${detail.slice(0, 157)}...` : detail;
  return new DataError(
    { code: 'parse-error', file: source, message: `${source} is not a readable Parquet file (${shown}): re-export it` },
    { cause: error },
  );
}

/**
 * `not-utf8` for a string column holding bytes that are not UTF-8: the rows `[rowStart, rowEnd)`
 * are read again with strings left as bytes to name the first bad row (a bad entry of a
 * dictionary that no row of the range uses has no row).
 */
async function notUtf8Error(
  file: AsyncBuffer,
  metadata: Parameters<typeof parquetScan>[0]['metadata'],
  source: string,
  column: string,
  rowStart: number,
  rowEnd: number,
  bytes: Uint8Array,
): Promise<DataError> {
  const scan = await parquetScan({ file, metadata, columns: [column], compressors, geoparquet: false, parsers: RAW_STRING_PARSERS });
  const values = await scan.readColumn({ column, rowStart, rowEnd });
  let row: number | undefined;
  let bad = bytes;
  for (let i = 0; i < values.length; i++) {
    const value: unknown = values[i];
    if (value instanceof Uint8Array && firstInvalidUtf8(value, false) >= 0) {
      row = rowStart + i + 1;
      bad = value;
      break;
    }
  }
  const shown = escapeBytes(bad, 0, Math.min(bad.length, 40)) + (bad.length > 40 ? '...' : '');
  return new DataError({
    code: 'not-utf8',
    file: source,
    column,
    ...(row !== undefined ? { row } : {}),
    message:
      `${source} column ${JSON.stringify(column)}${row !== undefined ? ` row ${row}` : ''} holds text that is not UTF-8 ("${shown}"): ` +
      `Parquet strings must be UTF-8, and reading it anyway could merge different values; ` +
      `re-export the file with the text decoded from its real encoding, or leave the column out (--columns)`,
  });
}
