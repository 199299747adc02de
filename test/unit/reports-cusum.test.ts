import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReportInputError, buildCusumReport, tripsGate } from '../../src/core/reports/index';
import { cusum } from '../../src/core/stats/index';
import { categorical, numeric, table } from './reportTables';

test('the CUSUM report maps alarms back to 0-based file rows and leaves rows without a value null', () => {
  // STATS.md cusum_lower([1, 1, 1, 0, 0, 0, 1], target=1, k=0.1, h=1) alarms at series index 4 -> row 5
  const report = buildCusumReport(table('acc.csv', [numeric('acc', [1, 1, 1, null, 0, 0, 0, 1])]), { column: 'acc', target: 1, sigma: 0.2 });
  assert.deepEqual(report.alarms, [5]);
  assert.deepEqual(report.statistic, [0, 0, 0, null, 0.9, 1.7999999999999998, 0.9, 0.8]);
  assert.deepEqual(report.values, [1, 1, 1, null, 0, 0, 0, 1]);
  assert.equal(report.rows, 8);
  assert.equal(report.skippedRows, 1);
  assert.equal(report.status, 'alarm');
  assert.deepEqual({ target: report.target, sigma: report.sigma, k: report.k, h: report.h, warmup: report.warmup }, { target: 1, sigma: 0.2, k: 0.1, h: 1, warmup: 0 });
  assert.deepEqual(report.estimated, { target: false, sigma: false });
  assert.equal(tripsGate(report, 'alarm'), true);
});

test('the schema of issue 3: schemaVersion, target, sigma, k, h, statistic, alarms', () => {
  const report = buildCusumReport(table('a.csv', [numeric('a', [1, 0.9, 1])]), { column: 'a', target: 1, sigma: 0.1 });
  for (const key of ['schemaVersion', 'target', 'sigma', 'k', 'h', 'statistic', 'alarms']) assert.ok(key in report, key);
  assert.ok(Array.isArray(report.statistic) && Array.isArray(report.alarms));
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
});

test('target and sigma default to the warm-up estimates of cusum()', () => {
  const values = Array.from({ length: 60 }, (_, i) => (i < 40 ? 0.9 + ((i * 7) % 5) * 0.01 : 0.8));
  const report = buildCusumReport(table('a.csv', [numeric('a', values)]), { column: 'a' });
  const expected = cusum(values);
  assert.equal(report.target, expected.target);
  assert.equal(report.sigma, expected.sigma);
  assert.deepEqual(report.alarms, expected.alarms);
  assert.deepEqual(report.statistic, Array.from(expected.statistic));
  assert.deepEqual(report.values, values, 'the input series travels with the report, for the chart');
  assert.equal(report.warmup, 30);
  assert.deepEqual(report.estimated, { target: true, sigma: true });
  assert.ok(report.alarms.length > 0 && report.alarms[0] >= 40);
  assert.match(report.verdict, /^\d+ alarms: "a" drifted below target 0\.9\d* \(k [\d.]+, h [\d.]+\); first at row index 4\d\.$/);
});

test('a correctness series written true/false is read as 1/0', () => {
  const report = buildCusumReport(table('c.csv', [categorical('ok', ['true', 'true', 'false', 'false', 'False'])]), { column: 'ok', target: 1, sigma: 0.2 });
  assert.deepEqual(report.alarms, [3]);
});

test('no alarm: status ok and a verdict that says so', () => {
  const report = buildCusumReport(table('a.csv', [numeric('a', [1, 1, 0.95, 1])]), { column: 'a', target: 1, sigma: 0.1 });
  assert.deepEqual(report.alarms, []);
  assert.equal(report.status, 'ok');
  assert.equal(report.verdict, 'No alarm: the CUSUM of "a" stayed within h over 4 values below target 1 (k 0.05, h 0.5).');
  assert.equal(tripsGate(report, 'alarm'), false);
});

test('too few values for the warm-up, text in the series and a missing column are input errors', () => {
  assert.throws(
    () => buildCusumReport(table('a.csv', [numeric('a', [1, 0.9, null])]), { column: 'a' }),
    (e: unknown) =>
      e instanceof ReportInputError &&
      e.message ===
        'a.csv, column "a": 2 values, fewer than the 30-point warm-up that estimates the target and sigma: give both the target and sigma, or a shorter warm-up',
  );
  assert.throws(
    () => buildCusumReport(table('a.csv', [categorical('a', ['0.9', 'oops'])]), { column: 'a', target: 1, sigma: 0.1 }),
    (e: unknown) =>
      e instanceof ReportInputError &&
      e.message === 'a.csv row 2, column "a": "oops" is not a number or true/false: the series must hold accuracies, or 1/0 (true/false) for correct/incorrect',
  );
  assert.throws(
    () => buildCusumReport(table('a.csv', [numeric('a', [1])]), { column: 'accuracy' }),
    (e: unknown) => e instanceof ReportInputError && e.message === 'a.csv has no column "accuracy" (the series column): its columns are "a"; names are case-sensitive',
  );
  assert.throws(() => buildCusumReport(table('a.csv', [numeric('a', [1, 2])]), { column: 'a', target: 1, sigma: 0 }), /sigma must be positive unless both k and h are given/);
});
