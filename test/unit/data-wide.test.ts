// Files with many columns (issue 8): memory follows the data, not the column count, and nothing
// on the way to a report is quadratic in the number of columns.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadTable } from '../../src/core/data/index';
import { rejectsWith, tempFile } from '../fixtures/data/tables';

/** A CSV with `columns` columns c0, c1, ... and `rows` rows of small whole numbers. */
function wideCsv(columns: number, rows: number): string {
  const header = Array.from({ length: columns }, (_, j) => `c${j}`).join(',');
  const lines = [header];
  for (let i = 0; i < rows; i++) lines.push(Array.from({ length: columns }, (_, j) => String((i + j) % 7)).join(','));
  return `${lines.join('\n')}\n`;
}

/** The most ArrayBuffer memory seen at any progress callback while `path` loads, in MB above the start. */
async function peakBufferMegabytes(path: string): Promise<number> {
  const start = process.memoryUsage().arrayBuffers;
  let peak = start;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().arrayBuffers));
  await loadTable(path, {}, { onProgress: sample });
  sample();
  return (peak - start) / 2 ** 20;
}

describe('memory of wide files', () => {
  test('a 10,000-column, one-row CSV holds a few MB while it loads, not 92 kB per column', async () => {
    const path = tempFile('wide.csv', wideCsv(10_000, 1));
    const megabytes = await peakBufferMegabytes(path);
    assert.ok(megabytes < 32, `${megabytes.toFixed(0)} MB`);
    const table = await loadTable(path);
    assert.equal(table.columns.length, 10_000);
    assert.deepEqual([...table.columns.map((c) => (c.kind === 'numeric' ? c.values[0] : NaN)).slice(0, 8)], [0, 1, 2, 3, 4, 5, 6, 0]);
  });

  test('a 10,000-key, one-line JSON Lines file holds a few MB while it loads', async () => {
    const record = Object.fromEntries(Array.from({ length: 10_000 }, (_, j) => [`k${j}`, j % 2 === 0 ? j : `v${j}`]));
    const path = tempFile('wide.jsonl', `${JSON.stringify(record)}\n`);
    const megabytes = await peakBufferMegabytes(path);
    assert.ok(megabytes < 32, `${megabytes.toFixed(0)} MB`);
    const table = await loadTable(path);
    assert.equal(table.columns.length, 10_000);
    const [k0, k1] = table.columns;
    assert.ok(k0.kind === 'numeric' && k0.values[0] === 0);
    assert.ok(k1.kind === 'categorical' && k1.categories[0] === 'v1');
  });
});

describe('limits on width', () => {
  test('a CSV header of more than 100,000 columns is refused with what to do', async () => {
    const path = tempFile('too-wide.csv', wideCsv(100_001, 1));
    await rejectsWith(
      loadTable(path),
      'too-wide',
      `${path} has more than 100,000 columns (line 1, the header): GRADIENT reads at most 100,000 columns; export the columns to compare to a narrower file`,
    );
  });

  test('a 44 MB header line (millions of one-letter columns) is refused early, without reading on', async (t) => {
    const header = `${'a\t'.repeat(22 * 2 ** 20)}a\n1\n`;
    const started = performance.now();
    const tsv = tempFile('huge-header.tsv', header);
    await rejectsWith(
      loadTable(tsv),
      'too-wide',
      `${tsv} has more than 100,000 columns (line 1, the header): GRADIENT reads at most 100,000 columns; export the columns to compare to a narrower file`,
    );
    // Detecting the delimiter needs the whole header line: a .csv stops at 16 MB instead.
    const csv = tempFile('huge-header.csv', header);
    await rejectsWith(
      loadTable(csv),
      'too-wide',
      `${csv} line 1 (the header) is longer than 16 MB: a header names the columns in a few kB; check that the file is CSV or TSV text and that every quote in its first line is closed`,
    );
    t.diagnostic(`${(performance.now() - started).toFixed(0)} ms`);
  });

  test('a first line over 16 MB without a line end is refused as a header', async () => {
    const path = tempFile('one-line.csv', 'x'.repeat(17 * 2 ** 20));
    await rejectsWith(
      loadTable(path),
      'too-wide',
      `${path} line 1 (the header) is longer than 16 MB: a header names the columns in a few kB; check that the file is CSV or TSV text and that every quote in its first line is closed`,
    );
  });

  test('JSON Lines with more than 100,000 distinct keys names the line of key number 100,001', async () => {
    const first = Object.fromEntries(Array.from({ length: 60_000 }, (_, j) => [`a${j}`, 1]));
    const second = Object.fromEntries(Array.from({ length: 60_000 }, (_, j) => [`b${j}`, 1]));
    const path = tempFile('too-wide.jsonl', `${JSON.stringify(first)}\n${JSON.stringify(second)}\n`);
    await rejectsWith(
      loadTable(path),
      'too-wide',
      `${path} has more than 100,000 columns (line 2 brings key number 100,001): GRADIENT reads at most 100,000 columns; export the columns to compare to a narrower file`,
    );
  });

  test('exactly 100,000 columns load', async () => {
    const table = await loadTable(tempFile('widest.csv', wideCsv(100_000, 2)));
    assert.equal(table.columns.length, 100_000);
    assert.equal(table.rowCount, 2);
    const last = table.columns[99_999];
    assert.ok(last.kind === 'numeric' && last.values[0] === 99_999 % 7 && last.values[1] === 100_000 % 7);
  });
});
