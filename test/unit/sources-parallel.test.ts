// parallelMemorySource: part of the comparison answered elsewhere gives the memory report to the
// last bit; only columns whose arrays nothing else shares are sent; and threadedComparer really
// runs that part in a worker thread, moving the arrays there.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Table } from '../../src/core/data/index';
import { buildDriftReport, driftReportFromSource } from '../../src/core/reports/driftReport';
import { memorySource } from '../../src/core/sources/memorySource';
import { parallelMemorySource, type NumericComparer } from '../../src/core/sources/parallelMemorySource';
import { seededRandom } from '../../src/core/stats/index';
import { threadedComparer } from '../../src/workerThreads';
import { categorical, cycle, numeric, range, table } from './reportTables';

/** Reference and current tables: six numeric features of different sizes of work, a label, a text column, an id. */
function tables(n: number): { reference: Table; current: Table } {
  const random = seededRandom(3);
  const side = (name: string, shift: number) =>
    table(name, [
      ...range(6).map((k) => numeric(`x${k}`, range(n * (k % 3 === 0 ? 2 : 1)).slice(0, n).map(() => (k % 2 ? Math.floor(random() * 10) : random() + shift * k * 0.01)))),
      numeric('y', cycle([0, 1, 1], n)),
      categorical('city', cycle(['a', 'b', shift ? 'd' : 'c'], n)),
      numeric('row_id', range(n, shift * n)),
    ]);
  return { reference: side('ref.csv', 0), current: side('cur.csv', 1) };
}

/** A comparer in this thread that records what it was sent. */
function recordingComparer(minValues: number): NumericComparer & { sent: string[][] } {
  const sent: string[][] = [];
  return {
    minValues,
    sent,
    compare: async (reference, current, questions) => {
      sent.push(reference.columns.map((c) => c.name));
      assert.deepEqual(current.columns.map((c) => c.name), reference.columns.map((c) => c.name), 'both tables hold the same columns');
      return memorySource(reference, current).compare({ numeric: questions, identifiers: [], valueCounts: [], asCategories: [] }).numeric;
    },
  };
}

test('a comparison shared with elsewhere gives the memory report, every number the same', async () => {
  const { reference, current } = tables(3000);
  const expected = buildDriftReport(reference, current, { label: 'y' });
  const comparer = recordingComparer(0);
  const report = await driftReportFromSource(parallelMemorySource(reference, current, comparer), { label: 'y' });
  assert.deepEqual(report, expected);
  assert.equal(comparer.sent.length, 1);
  const away = comparer.sent[0];
  assert.ok(away.length >= 2 && away.length <= 4, `about half the six features went away: ${away.join(', ')}`);
  assert.ok(away.every((name) => /^x\d$/.test(name)), 'only numeric features go: not the label, the text column or the id');
});

test('below minValues the whole comparison stays here', async () => {
  const { reference, current } = tables(500);
  const comparer = recordingComparer(2_000_000);
  const report = await driftReportFromSource(parallelMemorySource(reference, current, comparer), { label: 'y' });
  assert.deepEqual(report, buildDriftReport(reference, current, { label: 'y' }));
  assert.deepEqual(comparer.sent, []);
});

test('a column whose array another column shares is never sent away', async () => {
  const { reference, current } = tables(2000);
  // x0 and x2 of the reference share one buffer (a loader may hand out views of one allocation).
  const shared = new Float64Array(4000);
  const x0 = reference.columns.find((c) => c.name === 'x0')!;
  const x2 = reference.columns.find((c) => c.name === 'x2')!;
  if (x0.kind !== 'numeric' || x2.kind !== 'numeric') throw new Error('numeric fixture');
  shared.set(x0.values, 0);
  shared.set(x2.values, 2000);
  const viewed: Table = {
    ...reference,
    columns: reference.columns.map((c) => (c === x0 ? { ...x0, values: shared.subarray(0, 2000) } : c === x2 ? { ...x2, values: shared.subarray(2000) } : c)),
  };
  const comparer = recordingComparer(0);
  const report = await driftReportFromSource(parallelMemorySource(viewed, current, comparer), { label: 'y' });
  assert.deepEqual(report, buildDriftReport(reference, current, { label: 'y' }));
  assert.ok(!comparer.sent.flat().some((name) => name === 'x0' || name === 'x2'), `sent: ${comparer.sent.flat().join(', ')}`);
});

const WORKER = { file: join(__dirname, '../../src/reportWorker.ts'), execArgv: ['--require', 'tsx/cjs'] };

test('threadedComparer compares in a worker thread, the arrays moved there; an aborted signal stops it', async () => {
  const previous = process.env.GRADIENT_THREADS;
  delete process.env.GRADIENT_THREADS;
  try {
    const comparer = threadedComparer(WORKER)!;
    assert.equal(comparer.minValues, 2_000_000);
    const { reference, current } = tables(1000);
    const expected = memorySource(reference, current);
    const question = { numeric: ['x0', 'x1'].map((name) => ({ name, psiEdges: null, histogramEdges: [0, 5, 10], ecdfPoints: 20, extremes: null })), identifiers: [], valueCounts: [], asCategories: [] };
    const want = expected.compare(question).numeric;
    const only = (t: Table): Table => ({ ...t, columns: t.columns.filter((c) => c.name === 'x0' || c.name === 'x1') });
    const sentReference = only(reference);
    const answers = await comparer.compare(sentReference, only(current), question.numeric);
    assert.deepEqual(answers, want);
    const moved = sentReference.columns[0];
    assert.equal(moved.kind === 'numeric' ? moved.values.length : -1, 0, 'the array moved to the worker (detached here)');

    const aborted = AbortSignal.abort();
    await assert.rejects(comparer.compare(only(tables(10).reference), only(tables(10).current), question.numeric, aborted), { name: 'AbortError' });
    process.env.GRADIENT_THREADS = 'off';
    assert.equal(threadedComparer(WORKER), undefined, 'GRADIENT_THREADS=off: no worker');
    process.env.GRADIENT_THREADS = 'on';
    assert.equal(threadedComparer(WORKER)!.minValues, 0, 'GRADIENT_THREADS=on: any size');
  } finally {
    if (previous === undefined) delete process.env.GRADIENT_THREADS;
    else process.env.GRADIENT_THREADS = previous;
  }
});
