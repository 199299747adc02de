// Parquet through hyparquet: every codec, INT64 / FLOAT / strings / booleans / nulls, column
// selection, per-row-group progress and abort, nested columns and broken files.
// Fixtures: test/fixtures/data/typed.*.parquet, nested.parquet and temporal.parquet, written by
// test/fixtures/data/make_parquet.mjs (hyparquet-writer; row groups of 4 rows), whose literals
// are recorded in expected.parquet.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { AsyncBuffer, SchemaElement } from 'hyparquet';
import { ByteWriter, parquetWrite } from 'hyparquet-writer';
import { DataError, loadTable, readParquet } from '../../src/core/data/index';
import { buildDriftReport } from '../../src/core/reports/index';
import { seededRandom } from '../../src/core/stats/index';
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

/** A Parquet file written by hyparquet-writer from raw column values and an explicit schema (no conversion of bigints or bytes). */
function writeParquet(name: string, columns: ReadonlyArray<{ element: SchemaElement; data: unknown[] }>): string {
  const writer = new ByteWriter();
  parquetWrite({
    writer,
    columnData: columns.map((c) => ({ name: c.element.name, data: c.data })),
    schema: [{ name: 'root', num_children: columns.length }, ...columns.map((c) => c.element)],
  } as Parameters<typeof parquetWrite>[0]);
  return tempFile(name, new Uint8Array(writer.getBuffer()));
}

/** Java's Long.MAX_VALUE, the usual "no end date" of a TIMESTAMP column. */
const LONG_MAX = 9223372036854775807n;

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

  test('a date or timestamp beyond the calendar (the Long.MAX_VALUE "no end date") is missing with a warning, not a crash (issue 8)', async () => {
    const march1 = Date.UTC(2024, 2, 1);
    const march2 = Date.UTC(2024, 2, 2);
    const path = writeParquet('sentinel.parquet', [
      { element: { name: 'end_ms', type: 'INT64', repetition_type: 'OPTIONAL', converted_type: 'TIMESTAMP_MILLIS' }, data: [BigInt(march1), LONG_MAX, null, BigInt(march2)] },
      { element: { name: 'end_us', type: 'INT64', repetition_type: 'OPTIONAL', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' } }, data: [BigInt(march1) * 1000n, BigInt(march2) * 1000n, LONG_MAX, -LONG_MAX - 1n] },
      { element: { name: 'end_day', type: 'INT32', repetition_type: 'OPTIONAL', logical_type: { type: 'DATE' } }, data: [19_783, 2_147_483_647, 19_784, null] },
      { element: { name: 'amount', type: 'INT32', repetition_type: 'REQUIRED' }, data: [1, 2, 3, 4] },
    ]);
    const table = await loadTable(path);
    assert.deepEqual(tableCells(table), { end_ms: [march1, null, null, march2], end_us: [march1, march2, null, null], end_day: [march1, null, march2, null], amount: [1, 2, 3, 4] });
    assert.deepEqual(table.columns.map((c) => [c.name, c.missing, c.kind === 'numeric' && c.unit]), [['end_ms', 2, 'epoch-ms'], ['end_us', 2, 'epoch-ms'], ['end_day', 2, 'epoch-ms'], ['amount', 0, undefined]]);
    assert.deepEqual(
      table.warnings.map((w) => [w.code, w.column, w.row, w.count]),
      [['out-of-range-time', 'end_ms', 2, 1], ['out-of-range-time', 'end_us', 3, 2], ['out-of-range-time', 'end_day', 2, 1]],
    );
    assert.equal(
      table.warnings[0].message,
      `${path} column "end_ms" has 1 date or timestamp beyond what a calendar can show (more than 275,760 years from 1970; first at row 2), ` +
        'such as the largest 64-bit integer written for "no end date": it is counted as missing',
    );
    // As text, an instant is its ISO form and the sentinel is still missing.
    const text = await loadTable(path, { columns: ['end_ms'], categorical: ['end_ms'] });
    assert.deepEqual(tableCells(text).end_ms, ['2024-03-01T00:00:00.000Z', null, null, '2024-03-02T00:00:00.000Z']);
    assert.equal(text.warnings[0].code, 'out-of-range-time');
    // The drift report shows the time range of what is left.
    const report = buildDriftReport(table, table);
    const skipped = report.skipped.find((s) => s.name === 'end_ms');
    assert.ok(skipped?.comparison?.kind === 'time-range');
    assert.deepEqual(skipped.comparison.reference, { min: '2024-03-01T00:00:00.000Z', max: '2024-03-02T00:00:00.000Z' });
  });

  test('a string that is not valid UTF-8 is an error naming the column and the row, never merged with another (issue 8)', async () => {
    const bytes = (...b: number[]) => Uint8Array.from(b);
    const cafe = (last: number) => bytes(0x63, 0x61, 0x66, last);
    // Decoded leniently, caf\xE9 and caf\xE8 would both be "caf\uFFFD": one category for two.
    const path = writeParquet('latin1-strings.parquet', [
      { element: { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' }, data: [1, 2, 3, 4] },
      { element: { name: 'city', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL', converted_type: 'UTF8' }, data: [new TextEncoder().encode('oslo'), null, cafe(0xe9), cafe(0xe8)] },
      { element: { name: 'raw', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' }, data: [bytes(0x61), bytes(0xff, 0xfe), bytes(0x62), null] },
    ]);
    await assert.rejects(loadTable(path), (error: unknown) => {
      assert.ok(error instanceof DataError, String(error));
      assert.equal(error.code, 'not-utf8');
      assert.equal(error.column, 'city');
      assert.equal(error.row, 3);
      assert.equal(
        error.message,
        `${path} column "city" row 3 holds text that is not UTF-8 ("caf\\xE9"): Parquet strings must be UTF-8, and reading it anyway could merge different values; ` +
          're-export the file with the text decoded from its real encoding, or leave the column out (--columns)',
      );
      return true;
    });
    await assert.rejects(loadTable(path, { columns: ['id', 'raw'] }), (error: unknown) => {
      assert.ok(error instanceof DataError && error.column === 'raw' && error.row === 2, String(error));
      assert.ok(error.message.startsWith(`${path} column "raw" row 2 holds text that is not UTF-8 ("\\xFF\\xFE")`), error.message);
      return true;
    });
    assert.deepEqual(tableCells(await loadTable(path, { columns: ['id'] })), { id: [1, 2, 3, 4] });
  });

  test('a string starting with a byte order mark stays distinct from the same string without it', async () => {
    const path = writeParquet('bom.parquet', [
      { element: { name: 'tag', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL', converted_type: 'UTF8' }, data: ['\ufeffa', 'a', 'a'].map((t) => new TextEncoder().encode(t)) },
    ]);
    assert.deepEqual(tableCells(await loadTable(path)), { tag: ['\ufeffa', 'a', 'a'] });
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
      assert.ok(error.message.startsWith(`${damaged} is not a readable Parquet file (`), error.message);
      assert.ok(error.message.endsWith('): re-export it'), error.message);
      return true;
    });
    // Found by the fuzz tier (seed 809032664, case 835): a footer that decodes without its row count.
    const noCount = fixture('damaged-footer.parquet');
    await assert.rejects(loadTable(noCount), {
      name: 'DataError',
      code: 'parse-error',
      message: `${noCount} is not a readable Parquet file (its footer gives undefined rows, its row groups 0): re-export it`,
    });
  });

  test('every corrupted or truncated copy of the fixtures loads or is a DataError naming the file, never a crash (issue 8)', async () => {
    // A footer of zeros made hyparquet throw "Cannot read properties of undefined" outside the wrapper (exit 3).
    const random = seededRandom(8);
    const outcomes = new Map<string, number>();
    for (const name of ['typed.snappy.parquet', 'typed.gzip.parquet', 'typed.brotli.parquet', 'typed.uncompressed.parquet', 'temporal.parquet', 'nested.parquet']) {
      const whole = new Uint8Array(readFileSync(fixture(name)));
      const footerLength = new DataView(whole.buffer).getUint32(whole.length - 8, true);
      const variants: Uint8Array[] = [];
      // The footer zeroed, or its length claiming too much or too little; then cuts and random damage.
      const zeroed = whole.slice();
      zeroed.fill(0, whole.length - 8 - footerLength, whole.length - 8);
      variants.push(zeroed);
      for (const length of [footerLength + 1000, footerLength - 7, 0, 2 ** 32 - 1]) {
        const lying = whole.slice();
        new DataView(lying.buffer).setUint32(whole.length - 8, length, true);
        variants.push(lying);
      }
      for (let k = 0; k < 40; k++) {
        const damaged = whole.slice();
        const flips = 1 + Math.floor(random() * 8);
        for (let f = 0; f < flips; f++) damaged[4 + Math.floor(random() * (whole.length - 8))] = Math.floor(random() * 256);
        variants.push(damaged);
        // A cut copy that still ends with the magic, as a truncated download re-tagged would.
        const cut = whole.slice(0, 4 + Math.floor(random() * (whole.length - 8)));
        variants.push(Uint8Array.from([...cut, 0x50, 0x41, 0x52, 0x31]));
      }
      for (const [i, bytes] of variants.entries()) {
        const path = tempFile(`${name}.${i}.parquet`, bytes);
        try {
          await loadTable(path);
          outcomes.set('loaded', (outcomes.get('loaded') ?? 0) + 1);
        } catch (error) {
          assert.ok(error instanceof DataError, `${name} variant ${i}: ${(error as Error)?.stack ?? String(error)}`);
          assert.ok(error.message.startsWith(path), error.message);
          assert.ok(/: re-export it(, or give it the extension of its real format)?$|or leave the column out \(--columns\)$/.test(error.message), error.message);
          outcomes.set(error.code, (outcomes.get(error.code) ?? 0) + 1);
        }
      }
    }
    assert.ok((outcomes.get('parse-error') ?? 0) > 100, JSON.stringify([...outcomes]));
  });
});
