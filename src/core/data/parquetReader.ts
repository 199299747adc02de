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
 * Pure apart from hyparquet: works on any `AsyncBuffer`, so a caller decides how bytes are read.
 */

import { parquetMetadataAsync, parquetSchema, parquetScan, type AsyncBuffer, type DecodedArray, type SchemaElement } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { decodeUtf8 } from './categoryDictionary';
import { planColumns } from './columnPlan';
import { DataError, throwIfAborted, tooManyColumnsError } from './dataError';
import { MAX_COLUMNS, type Column, type DataWarning, type LoadControl, type LoadOptions, type Table } from './table';
import type { KindOverride } from './textColumnBuilder';
import { MS_PER_DAY } from './timestamp';
import { ValueColumnBuilder, describeLocation } from './valueColumnBuilder';

const MAGIC = 'PAR1';

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
 * How a column holds instants, or `undefined` when it does not: `date` when hyparquet turns its
 * values into `Date`s (converted types DATE and TIMESTAMP_MILLIS / _MICROS, the logical type
 * TIMESTAMP, legacy INT96 timestamps), `days` for a DATE given only as a logical type, which
 * hyparquet leaves as day numbers. TIME (a time of day, not an instant) is neither.
 * https://github.com/apache/parquet-format/blob/master/LogicalTypes.md#temporal-types
 */
function instantEncoding(element: SchemaElement): 'date' | 'days' | undefined {
  const converted = element.converted_type;
  if (converted === 'DATE' || converted === 'TIMESTAMP_MILLIS' || converted === 'TIMESTAMP_MICROS') return 'date';
  if (converted === undefined && element.type === 'INT96') return 'date';
  const logical = element.logical_type?.type;
  if (logical === 'TIMESTAMP') return 'date';
  if (logical === 'DATE') return 'days';
  return undefined;
}

/** A finished column of a DATE / TIMESTAMP element as epoch milliseconds, marked with its unit. */
function asInstants(column: Column, encoding: 'date' | 'days' | undefined): Column {
  if (column.kind !== 'numeric' || encoding === undefined) return column;
  if (encoding === 'days') {
    const values = column.values;
    for (let i = 0; i < values.length; i++) values[i] *= MS_PER_DAY; // NaN stays NaN
  }
  return { ...column, unit: 'epoch-ms' };
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
  await checkMagic(file, source);
  const metadata = await wrapParquetErrors(source, () => parquetMetadataAsync(file));
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
  const rowCount = Number(metadata.num_rows);

  if (names.length > 0 && rowCount > 0) {
    const scan = await wrapParquetErrors(source, () =>
      parquetScan({
        file,
        metadata,
        columns: names,
        compressors,
        geoparquet: false,
        parsers: { jsonFromBytes: (bytes: Uint8Array) => decodeUtf8(bytes, 0, bytes.length) },
      }),
    );
    for (const builder of builders) builder.reserve(rowCount);
    for (const range of scan.ranges) {
      for (const builder of builders) {
        throwIfAborted(source, control.signal);
        const data = await wrapParquetErrors(source, () =>
          scan.readColumn({ column: builder.name, rowStart: range.rowStart, rowEnd: range.rowEnd }),
        );
        appendValues(builder, range.rowStart, data, source);
      }
      throwIfAborted(source, control.signal);
      control.onProgress?.(range.rowEnd, Math.round((file.byteLength * range.rowEnd) / rowCount), file.byteLength);
    }
  }
  const columns: Column[] = builders.map((builder) => {
    if (builder.nonFinite > 0 && builder.firstNonFinite) {
      warnings.push({
        code: 'non-finite',
        column: builder.name,
        ...builder.firstNonFinite,
        count: builder.nonFinite,
        message:
          `${source} column ${JSON.stringify(builder.name)} has ${builder.nonFinite} infinite value(s) (first at ` +
          `${describeLocation(builder.firstNonFinite)}); they are counted as missing because drift statistics are not defined for infinity`,
      });
    }
    return asInstants(builder.finish(rowCount), instantEncoding(elements.get(builder.name)!));
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
  if (value instanceof Date) builder.setNumber(row, value.getTime(), where, value.toISOString());
  else if (value instanceof Uint8Array) builder.setText(row, decodeUtf8(value, 0, value.length), where);
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

/** Turns hyparquet's errors into a `parse-error` naming the file. */
async function wrapParquetErrors<T>(source: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof DataError || (error instanceof DOMException && error.name === 'AbortError')) throw error;
    throw new DataError(
      {
        code: 'parse-error',
        file: source,
        message: `${source} could not be read as Parquet (${(error as Error).message}): check that the file is complete, or re-export it`,
      },
      { cause: error },
    );
  }
}
