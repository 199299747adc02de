// Reports over 100,000 columns (issue 8): nothing between the loaded tables and the rendered
// report may be quadratic in the number of columns, or overflow the stack on a long list.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Column, LoadOptions, Table } from '../../src/core/data/index';
import { buildDriftReport, loadDriftTables, renderMarkdown, renderText, type DriftReport } from '../../src/core/reports/index';
import { categorical, numeric, table } from './reportTables';

const WIDTH = 100_000;

test('loadDriftTables pairs 100,000 columns read as numbers in one file and text in the other (time printed: the fuzz tier bounds it)', async (t) => {
  // Every column mismatched: a search of the other table per column is 10^10 steps (a minute); a map is milliseconds.
  const names = Array.from({ length: WIDTH }, (_, j) => `c${j}`);
  const tables: Record<string, Table> = {
    'ref.csv': table('ref.csv', names.map((name) => numeric(name, [1]))),
    'cur.csv': table('cur.csv', names.map((name) => categorical(name, ['x']))),
  };
  const loads: Array<[string, number]> = [];
  const load = async (path: string, options: LoadOptions): Promise<Table> => {
    loads.push([path, options.columns?.length ?? -1]);
    if (!options.columns) return tables[path];
    // The re-read as text of the named columns.
    return table(path, options.columns.map((name): Column => categorical(name, ['1'])));
  };
  const started = performance.now();
  const result = await loadDriftTables('ref.csv', 'cur.csv', {}, {}, load);
  const seconds = (performance.now() - started) / 1000;
  assert.deepEqual(loads, [['ref.csv', -1], ['cur.csv', -1], ['ref.csv', WIDTH]]);
  assert.equal(result.kindMismatches.length, WIDTH);
  assert.deepEqual(result.kindMismatches[WIDTH - 1], { name: `c${WIDTH - 1}`, reference: 'numeric', current: 'categorical' });
  assert.ok(result.reference.columns.every((c) => c.kind === 'categorical'));
  t.diagnostic(`${seconds.toFixed(1)} s`);
});

test('a drift report of 100,000 columns renders as text and Markdown (no argument list of 100,000 overflows the stack)', () => {
  // One real report of two columns, its numeric column repeated under 100,000 names: the renderers see a full-width report.
  const one = buildDriftReport(
    table('ref.csv', [numeric('x', [1, 2, 3, 4, 5, 6, 7, 8]), categorical('city', ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b'])]),
    table('cur.csv', [numeric('x', [2, 3, 4, 5, 6, 7, 8, 9]), categorical('city', ['a', 'a', 'a', 'b', 'a', 'b', 'a', 'b'])]),
  );
  const columns = Array.from({ length: WIDTH }, (_, j) => ({ ...one.columns[j % 2], name: `c${j}` }));
  const report: DriftReport = { ...one, columns, summary: { ...one.summary, columns: WIDTH } };
  const text = renderText(report);
  assert.ok(/\ninsufficient data {2}c99999 {2}categorical {2}/.test(text), 'the last column has its row in the aligned table');
  assert.equal(text.split('\n').filter((line) => / c\d+: /.test(line)).length, WIDTH, 'one "why" line per column');
  const markdown = renderMarkdown(report);
  assert.ok(markdown.includes('| `c99999` |'));
});
