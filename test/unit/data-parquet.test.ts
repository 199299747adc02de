// Parquet through hyparquet: every codec, INT64 / FLOAT / strings / booleans / nulls, column
// selection, per-row-group progress and abort, nested columns and broken files.
// Fixtures: test/fixtures/data/typed.*.parquet, nested.parquet and temporal.parquet, written by
// test/fixtures/data/make_parquet.mjs (hyparquet-writer; row groups of 4 rows), whose literals
// are recorded in expected.parquet.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { AsyncBuffer } from 'hyparquet';
import { DataError, loadTable, readParquet } from '../../src/core/data/index';
import { fixture, tableCells, tableKinds, tempFile } from '../fixtures/data/tables';

const expected = JSON.parse(readFileSync(fixture('expected.parquet.json'), 'utf8')) as {
  rowCount: number;
  columns: Record<string, { kind: string; values: Array<number | string | null>; nonFinite?: number }>;
};

/** An in-memory AsyncBuffer that records the column-chunk reads hyparquet makes. */
function recordingBuffer(path: string): AsyncBuffer & { chunkReads: Array<[number, number]> } {
  const bytes = new Uint8Array(readFileSync(path));
  const buffer = {
    byteLength: bytes.length,
    chunkReads: [] as Array<[number, number]>,
    slice(start: number, end: number = bytes.length): ArrayBuffer {
      // Reads touching the start or the end are the magic and footer (metadata) reads.
      if (start > 0 && end < bytes.length) buffer.chunkReads.push([start, end]);
      return bytes.slice(start, end).buffer;
    },
  };
  return buffer;
}

describe('Parquet values', () => {
  for (const codec of ['snappy', 'gzip', 'brotli', 'uncompressed']) {
    test(`${codec}: numbers (INT32, INT64, FLOAT, DOUBLE), strings, booleans and nulls load as written`, async () => {
      const table = await loadTable(fixture(`typed.${codec}.parquet`));
      assert.equal(table.rowCount, expected.rowCount);
      assert.deepEqual(
        tableKinds(table),
        Object.fromEntries(Object.entries(expected.columns).map(([name, column]) => [name, column.kind])),
      );
      const cells = tableCells(table);
      // JSON cannot hold -0: the ninth f64 value was written as -0 and must stay -0.
      assert.ok(Object.is(cells.f64[8], -0));
      cells.f64[8] = 0;
      for (const [name, column] of Object.entries(expected.columns)) {
        assert.deepEqual(cells[name], column.values, name);
      }
    });
  }

  test('64-bit integers become the nearest double, like Number(bigint)', async () => {
    const table = await loadTable(fixture('typed.snappy.parquet'), { columns: ['i64'] });
    assert.deepEqual(tableCells(table).i64, [0, -1, 9007199254740992, null, 2 ** 62, 5, -(2 ** 63), 7, 8, 9]);
  });

  test('NaN is missing; infinity is missing with a warning naming the row', async () => {
    const table = await loadTable(fixture('typed.snappy.parquet'), { columns: ['f64'] });
    const column = table.columns[0];
    assert.ok(column.kind === 'numeric');
    assert.equal(column.missing, 3);
    assert.equal(column.nonFinite, 1);
    assert.deepEqual(table.warnings.map((w) => [w.code, w.column, w.row]), [['non-finite', 'f64', 7]]);
  });

  test('empty strings are a category, not missing (Parquet has null)', async () => {
    const table = await loadTable(fixture('typed.snappy.parquet'), { columns: ['label'] });
    const column = table.columns[0];
    assert.ok(column.kind === 'categorical');
    assert.deepEqual(column.categories, ['', 'a', 'b', 'c', 'é']);
    assert.equal(column.missing, 1);
  });

  test('DATE and TIMESTAMP (converted or logical, ms / us / ns) load as epoch milliseconds marked unit epoch-ms; TIME does not', async () => {
    const table = await loadTable(fixture('temporal.parquet'));
    const march1 = Date.UTC(2024, 2, 1);
    const instant = [march1, Date.UTC(2024, 2, 2, 12, 30, 45, 123), null, Date.UTC(1999, 11, 31, 23, 59, 59)];
    const day = [march1, Date.UTC(2024, 2, 2), null, Date.UTC(1999, 11, 31)];
    assert.deepEqual(tableCells(table), {
      day,
      logical_day: day, // hyparquet leaves a logical-only DATE as day numbers; the reader multiplies them out
      event_ms: instant,
      event_us: instant,
      event_ns: instant,
      clock: [0, 45_045_123, null, 86_399_000], // milliseconds since midnight
      plain: [1, 2, null, 3],
    });
    const units = Object.fromEntries(table.columns.map((column) => [column.name, column.kind === 'numeric' ? column.unit : column.kind]));
    assert.deepEqual(units, {
      day: 'epoch-ms',
      logical_day: 'epoch-ms',
      event_ms: 'epoch-ms',
      event_us: 'epoch-ms',
      event_ns: 'epoch-ms',
      clock: undefined,
      plain: undefined,
    });
  });

  test('a TIMESTAMP read as categorical is ISO text, without a unit', async () => {
    const table = await loadTable(fixture('temporal.parquet'), { columns: ['event_ms'], categorical: ['event_ms'] });
    assert.deepEqual(tableCells(table).event_ms, ['2024-03-01T00:00:00.000Z', '2024-03-02T12:30:45.123Z', null, '1999-12-31T23:59:59.000Z']);
  });

  test('overrides: --categorical turns numbers into labels; --numeric on text names the row', async () => {
    const table = await loadTable(fixture('typed.snappy.parquet'), { columns: ['i32', 'i64'], categorical: ['i32', 'i64'] });
    assert.deepEqual(tableCells(table).i32, ['1', '2', '3', null, '5', '-6', '7', '8', '2147483647', '-2147483648']);
    assert.equal(tableCells(table).i64[2], '9007199254740993'); // exact digits of the bigint
    await assert.rejects(loadTable(fixture('typed.snappy.parquet'), { numeric: ['label'] }), (error: unknown) => {
      assert.ok(error instanceof DataError);
      assert.equal(error.code, 'not-numeric');
      assert.equal(error.row, 1);
      assert.match(error.message, /typed\.snappy\.parquet row 1, column "label": "a" is not a number, but the column was requested as numeric: fix the value, or read the column as categorical \(--categorical label\)$/);
      return true;
    });
  });
});

describe('Parquet reading', () => {
  test('reads only the selected columns, in the requested order', async () => {
    const all = recordingBuffer(fixture('typed.uncompressed.parquet'));
    await readParquet(all, 'typed.parquet');
    assert.equal(all.chunkReads.length, 3 * 6, 'three row groups of six column chunks');
    const two = recordingBuffer(fixture('typed.uncompressed.parquet'));
    const table = await readParquet(two, 'typed.parquet', { columns: ['label', 'i32'] });
    assert.deepEqual(table.columns.map((c) => c.name), ['label', 'i32']);
    assert.equal(two.chunkReads.length, 3 * 2);
  });

  test('reports progress after each row group and stops between row groups when aborted', async () => {
    const progress: Array<[number, number, number]> = [];
    const size = readFileSync(fixture('typed.snappy.parquet')).length;
    await loadTable(fixture('typed.snappy.parquet'), {}, { onProgress: (rows, bytes, total) => progress.push([rows, bytes, total]) });
    assert.deepEqual(progress.map(([rows]) => rows), [4, 8, 10]);
    assert.deepEqual(progress.at(-1), [10, size, size]);

    const controller = new AbortController();
    const seen: number[] = [];
    await assert.rejects(
      loadTable(fixture('typed.snappy.parquet'), {}, {
        signal: controller.signal,
        onProgress: (rows) => {
          seen.push(rows);
          controller.abort();
        },
      }),
      { name: 'AbortError' },
    );
    assert.deepEqual(seen, [4]);
  });

  test('a nested column is left out with a warning, and is an error when asked for', async () => {
    const table = await loadTable(fixture('nested.parquet'));
    assert.deepEqual(tableCells(table), { id: [1, 2, 3] });
    assert.deepEqual(table.warnings.map((w) => [w.code, w.column]), [['skipped-column', 'tags']]);
    await assert.rejects(loadTable(fixture('nested.parquet'), { columns: ['tags'] }), (error: unknown) => {
      assert.ok(error instanceof DataError);
      assert.equal(error.code, 'unsupported-format');
      assert.match(error.message, /nested\.parquet column "tags" is a nested Parquet type \(list, struct or map\): GRADIENT reads flat columns; flatten it before export, or leave it out of --columns$/);
      return true;
    });
  });

  test('unknown columns name the columns the file has', async () => {
    await assert.rejects(loadTable(fixture('typed.snappy.parquet'), { columns: ['F64'] }), (error: unknown) => {
      assert.ok(error instanceof DataError);
      assert.equal(error.code, 'unknown-column');
      assert.match(error.message, /has no column "F64" \(asked for by columns\): did you mean "f64"\? its columns are "f64", "i32", "i64", "f32", "label", "flag"; names are case-sensitive$/);
      return true;
    });
  });

  test('a file that is not Parquet, or is cut short, is a parse error saying so', async () => {
    const csv = tempFile('renamed.parquet', 'a,b\n1,2\n3,4\n5,6\n');
    await assert.rejects(loadTable(csv), {
      name: 'DataError',
      message: `${csv} is not a Parquet file (a Parquet file starts and ends with "PAR1"; this one does not): re-export it, or give it the extension of its real format`,
    });
    const whole = readFileSync(fixture('typed.snappy.parquet'));
    const cut = tempFile('cut.parquet', whole.subarray(0, whole.length - 100));
    await assert.rejects(loadTable(cut), {
      name: 'DataError',
      message: `${cut} is not a Parquet file (a Parquet file starts and ends with "PAR1"; this one is cut short): re-export it, or give it the extension of its real format`,
    });
    const corrupt = new Uint8Array(whole);
    corrupt.fill(0xff, whole.length - 60, whole.length - 8); // damage the footer, keep the magic
    const damaged = tempFile('damaged.parquet', corrupt);
    await assert.rejects(loadTable(damaged), (error: unknown) => {
      assert.ok(error instanceof DataError);
      assert.equal(error.code, 'parse-error');
      assert.ok(error.message.startsWith(`${damaged} could not be read as Parquet (`), error.message);
      assert.ok(error.message.endsWith('): check that the file is complete, or re-export it'), error.message);
      return true;
    });
  });
});
