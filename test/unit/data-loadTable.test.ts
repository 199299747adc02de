// loadTable: dispatch by extension, file-level errors with the exact messages users see,
// progress callbacks and cancellation.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { PROGRESS_EVERY_ROWS, formatFromPath, loadTable } from '../../src/core/data/index';
import { summarizeSorted } from '../../src/core/stats/index';
import { fixture, rejectsWith, tableCells, tempFile } from '../fixtures/data/tables';

/** A CSV of `rows` short rows (about 10 bytes each). */
function bigCsv(rows: number): string {
  const parts = ['id,group,value'];
  for (let i = 0; i < rows; i++) parts.push(`${i},${'abc'[i % 3]},${(i % 97) / 4}`);
  return parts.join('\n') + '\n';
}

describe('formats', () => {
  test('the extension picks the format, case-insensitively', () => {
    assert.equal(formatFromPath('data/a.csv'), 'csv');
    assert.equal(formatFromPath('data/a.TSV'), 'tsv');
    assert.equal(formatFromPath('C:\\data\\a.tab'), 'tsv');
    assert.equal(formatFromPath('a.jsonl'), 'jsonl');
    assert.equal(formatFromPath('a.ndjson'), 'jsonl');
    assert.equal(formatFromPath('a.parquet'), 'parquet');
    assert.equal(formatFromPath('a.pq'), 'parquet');
  });

  test('CSV, TSV and JSON Lines files load from disk', async () => {
    assert.deepEqual(tableCells(await loadTable(tempFile('a.csv', 'x,y\n1,a\n'))), { x: [1], y: ['a'] });
    assert.deepEqual(tableCells(await loadTable(tempFile('a.tsv', 'x,1\ty\n1\ta,b\n'))), { 'x,1': [1], y: ['a,b'] });
    assert.deepEqual(tableCells(await loadTable(tempFile('a.ndjson', '{"x": 1}\n'))), { x: [1] });
  });

  test('options.format overrides the extension', async () => {
    const table = await loadTable(tempFile('export.txt', 'x;y\n1;2\n'), { format: 'csv' });
    assert.deepEqual(tableCells(table), { x: [1], y: [2] });
  });

  test('a header-only file loads as zero rows', async () => {
    const table = await loadTable(tempFile('h.csv', 'a,b,c\r\n'));
    assert.equal(table.rowCount, 0);
    assert.deepEqual(table.columns.map((c) => c.name), ['a', 'b', 'c']);
  });

  test("numericOrder 'sorted' sorts each numeric column in place, missing last, in every format", async () => {
    for (const path of [fixture('kinds.csv'), fixture('events.jsonl'), fixture('typed.snappy.parquet'), tempFile('m.csv', 'x,t\n3,b\n,a\n-1,c\ninf,a\n2.5,b\n')]) {
      const rows = await loadTable(path);
      const sorted = await loadTable(path, { numericOrder: 'sorted' });
      assert.equal(sorted.rowCount, rows.rowCount, path);
      for (const [k, column] of sorted.columns.entries()) {
        const original = rows.columns[k];
        assert.equal(column.kind, original.kind, path);
        if (column.kind === 'categorical' || original.kind === 'categorical') {
          assert.deepEqual(column, original, `${path} ${column.name}: categorical columns keep row order`);
          continue;
        }
        const finite = Array.from(Float64Array.from(original.values.filter((v) => v === v)).sort()); // a typed-array sort: -0 before +0
        assert.equal(column.missing, original.missing, `${path} ${column.name}`);
        assert.deepEqual(Array.from(column.values), [...finite, ...Array<number>(original.missing).fill(NaN)], `${path} ${column.name}`);
        assert.deepEqual(Array.from(column.sortedFinite!), finite, `${path} ${column.name}: sortedFinite is the finite start`);
        assert.equal(column.sortedFinite!.buffer, column.values.buffer, `${path} ${column.name}: a view, not a copy`);
        assert.deepEqual(column.sortedSummary, finite.length > 0 ? summarizeSorted(Float64Array.from(finite)) : undefined, `${path} ${column.name}: summarized with the sort`);
      }
    }
  });

  test('the table remembers the path it came from', async () => {
    const path = tempFile('s.csv', 'a\n1\n');
    assert.equal((await loadTable(path)).source, path);
  });
});

describe('file errors', () => {
  test('a missing file', async () => {
    const path = join(dirname(tempFile('x.csv', '')), 'nope.csv');
    await rejectsWith(loadTable(path), 'missing-file', `${path} does not exist: check the path, or pick the file again`);
  });

  test('an empty file', async () => {
    const path = tempFile('empty.csv', '');
    await rejectsWith(loadTable(path), 'empty-file', `${path} is empty (0 bytes): export the data again, or pick another file`);
  });

  test('a byte order mark and nothing else has no header', async () => {
    const path = tempFile('bom.csv', '\ufeff');
    await rejectsWith(loadTable(path), 'no-header', `${path} has no header line, only blank lines: the first line must name the columns`);
  });

  test('a folder', async () => {
    const path = join(dirname(tempFile('x.csv', '')), 'folder.csv');
    mkdirSync(path);
    await rejectsWith(
      loadTable(path),
      'unreadable-file',
      `${path} is a folder, not a data file: pick a .csv, .tsv, .tab, .jsonl, .ndjson, .parquet, .pq file inside it`,
    );
  });

  test('an unsupported or compressed extension', async () => {
    await rejectsWith(
      loadTable('data/book.xlsx'),
      'unsupported-format',
      'data/book.xlsx: GRADIENT cannot read files ending in ".xlsx"; it reads .csv, .tsv, .tab, .jsonl, .ndjson, .parquet, .pq: export the data to one of them',
    );
    await rejectsWith(
      loadTable('data/prod.csv.gz'),
      'unsupported-format',
      'data/prod.csv.gz is compressed: decompress it first; GRADIENT reads .csv, .tsv, .tab, .jsonl, .ndjson, .parquet, .pq',
    );
    await rejectsWith(
      loadTable('data/README'),
      'unsupported-format',
      'data/README: GRADIENT cannot read files without an extension; it reads .csv, .tsv, .tab, .jsonl, .ndjson, .parquet, .pq: export the data to one of them',
    );
  });

  test('binary content in the first kilobyte is named: NUL bytes, UTF-16, gzip, Parquet, ZIP', async () => {
    const cases: Array<[string, Uint8Array, string]> = [
      ['nul.csv', Uint8Array.of(0x61, 0x2c, 0x62, 0x0a, 0x31, 0x00, 0x32), 'looks like a binary file (byte 5 is NUL): pick a CSV, TSV, JSON Lines or Parquet file'],
      ['utf16.csv', Uint8Array.of(0xff, 0xfe, 0x61, 0x00, 0x0a, 0x00), 'is UTF-16 text: save it as UTF-8'],
      ['gz.csv', Uint8Array.of(0x1f, 0x8b, 0x08, 0x00, 0x00), 'is gzip-compressed, not text: decompress it first (gunzip)'],
      ['pq.csv', Uint8Array.of(0x50, 0x41, 0x52, 0x31, 0x15, 0x00), 'is a Parquet file: give it the .parquet extension'],
      ['book.csv', Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14), 'is a ZIP archive (an Excel workbook?), not text: export the sheet as CSV UTF-8'],
      ['nul.jsonl', Uint8Array.of(0x7b, 0x7d, 0x00), 'looks like a binary file (byte 2 is NUL): pick a CSV, TSV, JSON Lines or Parquet file'],
    ];
    for (const [name, bytes, what] of cases) {
      const path = tempFile(name, bytes);
      await rejectsWith(loadTable(path), 'binary-file', `${path} ${what}`);
    }
  });

  test('a UTF-8 character cut by the end of the first kilobyte is not mistaken for binary', async () => {
    const text = 'k\n' + 'x'.repeat(1021) + 'é\n'; // the é straddles byte 1024
    const table = await loadTable(tempFile('edge.csv', text));
    assert.deepEqual(tableCells(table), { k: ['x'.repeat(1021) + 'é'] });
  });

  test('a delimiter option longer than one character', async () => {
    const path = tempFile('d.csv', 'a\n1\n');
    await rejectsWith(loadTable(path, { delimiter: '::' }), 'invalid-option', `${path}: the delimiter must be one ASCII character other than a quote or a line end, not "::"`);
  });
});

describe('progress and cancellation', () => {
  test('progress comes at least every 65,536 rows, never goes back, and ends at the file size', async () => {
    const path = tempFile('big.csv', bigCsv(300_000));
    const size = statSync(path).size;
    const calls: Array<[number, number, number]> = [];
    const table = await loadTable(path, {}, { onProgress: (rows, bytes, total) => calls.push([rows, bytes, total]) });
    assert.equal(table.rowCount, 300_000);
    assert.ok(calls.length >= Math.ceil(300_000 / PROGRESS_EVERY_ROWS), `${calls.length} calls`);
    let previous: [number, number, number] = [0, 0, size];
    for (const call of calls) {
      assert.ok(call[0] >= previous[0] && call[1] >= previous[1], `progress went back: ${previous} -> ${call}`);
      assert.ok(call[0] - previous[0] <= PROGRESS_EVERY_ROWS, `a gap of ${call[0] - previous[0]} rows`);
      assert.ok(call[1] <= size && call[2] === size);
      previous = call;
    }
    assert.deepEqual(calls.at(-1), [300_000, size, size]);
  });

  test('JSON Lines reports progress too', async () => {
    const lines = Array.from({ length: 70_000 }, (_, i) => `{"i": ${i}}`).join('\n');
    const path = tempFile('big.jsonl', lines);
    const calls: number[] = [];
    await loadTable(path, {}, { onProgress: (rows) => calls.push(rows) });
    assert.ok(calls.includes(65_536));
    assert.equal(calls.at(-1), 70_000);
  });

  test('an already aborted signal rejects at once with an AbortError', async () => {
    const controller = new AbortController();
    controller.abort(new Error('user pressed cancel'));
    let calls = 0;
    await assert.rejects(loadTable(tempFile('a.csv', 'a\n1\n'), {}, { signal: controller.signal, onProgress: () => calls++ }), (error: unknown) => {
      assert.ok(error instanceof DOMException);
      assert.equal(error.name, 'AbortError');
      assert.match(error.message, /^Loading .*a\.csv was cancelled$/);
      assert.equal((error as Error & { cause?: Error }).cause?.message, 'user pressed cancel');
      return true;
    });
    assert.equal(calls, 0);
  });

  test('aborting from a progress callback stops the load before the next 65,536 rows', async () => {
    for (const [name, content] of [
      ['big.csv', bigCsv(300_000)],
      ['big.jsonl', Array.from({ length: 300_000 }, (_, i) => `{"i": ${i}}`).join('\n')],
    ] as const) {
      const controller = new AbortController();
      const calls: number[] = [];
      await assert.rejects(
        loadTable(tempFile(name, content), {}, {
          signal: controller.signal,
          onProgress: (rows) => {
            calls.push(rows);
            controller.abort();
          },
        }),
        { name: 'AbortError' },
        name,
      );
      assert.equal(calls.length, 1, `${name}: no progress after the abort`);
    }
  });

  test('aborting while the file is being read rejects with an AbortError, not a read error', async () => {
    const path = tempFile('big.csv', bigCsv(300_000));
    const controller = new AbortController();
    const loading = loadTable(path, {}, { signal: controller.signal });
    setImmediate(() => controller.abort());
    await assert.rejects(loading, { name: 'AbortError' });
  });
});

describe('pipes and other files that are not regular (issue 8)', () => {
  /** A FIFO at `dir/name`, and a writer that feeds it `content` once a reader opens it. */
  function fifo(name: string, content: string | Uint8Array): { path: string; written: Promise<void> } {
    const path = join(dirname(tempFile('x', '')), name);
    execFileSync('mkfifo', [path]);
    return { path, written: writeFile(path, content) };
  }

  test('a FIFO is read whole, not as "empty (0 bytes)": CSV with a late text column (a second pass), JSON Lines, Parquet', async () => {
    // Over 1 MiB, and `code` turns to text at the end: the parser reads the first rows again, from memory.
    const rows = Array.from({ length: 120_000 }, (_, i) => `${i},${i % 10}`);
    rows.push('120000,x');
    const csv = fifo('data.csv', `id,code\n${rows.join('\n')}\n`);
    const table = await loadTable(csv.path);
    await csv.written;
    assert.equal(table.rowCount, 120_001);
    const code = table.columns[1];
    assert.ok(code.kind === 'categorical' && code.categories.length === 11, 'the numbers before the text are read again as text');
    const jsonl = fifo('data.jsonl', '{"a": 1}\n{"a": 2}\n');
    assert.deepEqual(tableCells(await loadTable(jsonl.path)), { a: [1, 2] });
    await jsonl.written;
    const parquet = fifo('data.parquet', readFileSync(fixture('typed.snappy.parquet')));
    const fromPipe = await loadTable(parquet.path);
    await parquet.written;
    assert.deepEqual(tableCells(fromPipe), tableCells(await loadTable(fixture('typed.snappy.parquet'))));
  });

  test('a pipe without an extension (a <(...) process substitution) is recognized by its content', async () => {
    const csv = fifo('63', 'a;b\n1;2\n');
    assert.deepEqual(tableCells(await loadTable(csv.path)), { a: [1], b: [2] });
    await csv.written;
    const jsonl = fifo('64', '\n{"a": "x"}\n');
    assert.deepEqual(tableCells(await loadTable(jsonl.path)), { a: ['x'] });
    await jsonl.written;
    const parquet = fifo('65', readFileSync(fixture('typed.gzip.parquet')));
    assert.equal((await loadTable(parquet.path)).rowCount, 10);
    await parquet.written;
  });

  test('an empty pipe is an empty file; invalid UTF-8 in a pipe is found like in a file', async () => {
    const empty = fifo('empty.csv', '');
    await rejectsWith(loadTable(empty.path), 'empty-file', `${empty.path} is empty (0 bytes): export the data again, or pick another file`);
    await empty.written;
    const latin = fifo('latin.csv', Uint8Array.of(0x61, 0x0a, 0xe9, 0x0a));
    await assert.rejects(loadTable(latin.path), { code: 'not-utf8', line: 2 });
    await latin.written;
  });

  test("the loads of one job share a pipe's bytes: a second load does not wait for a writer that is gone", async () => {
    const csv = fifo('twice.csv', 'a,b\n1,x\n2,y\n');
    const pipes = new Map<string, Uint8Array>();
    const first = await loadTable(csv.path, {}, { pipes });
    await csv.written;
    const second = await loadTable(csv.path, { columns: ['b'] }, { pipes });
    assert.deepEqual(tableCells(first), { a: [1, 2], b: ['x', 'y'] });
    assert.deepEqual(tableCells(second), { b: ['x', 'y'] });
    assert.equal(pipes.get(csv.path)?.length, 12);
  });
});
