// The concept-drift report: Page's lower CUSUM with a design a stable series rarely alarms on.
// What the statuses claim at scale is measured by `npm run verdicts`; here each rule is pinned.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReportInputError, buildCusumReport, timeOrder, tripsGate } from '../../src/core/reports/index';
import { chiSquareCriticalValue, cusum, cusumAverageRunLength, cusumThreshold, meanAndStandardDeviation, seededRandom } from '../../src/core/stats/index';
import { categorical, numeric, table } from './reportTables';

const inputError = (message: string) => (e: unknown) => e instanceof ReportInputError && e.message === message;

test('a 0/1 series is Bernoulli: sigma is √(p(1 − p)) of the target and, with the target given, no warm-up is needed (issue 7)', () => {
  const report = buildCusumReport(table('acc.csv', [numeric('correct', [1, 1, 1, null, 0, 0, 0, 1])]), { column: 'correct', target: 0.9, k: 0.5, h: 4 });
  assert.equal(report.series, 'bernoulli');
  assert.equal(report.sigma, Math.sqrt(0.9 * (1 - 0.9)));
  assert.equal(report.warmup, 0);
  assert.deepEqual(report.estimated, { target: false, sigma: false });
  assert.deepEqual([report.kSigmas, report.hSigmas, report.hSource], [0.5, 4, 'given']);
  assert.equal(report.k, 0.5 * report.sigma);
  assert.equal(report.h, 4 * report.sigma);
  // STATS.md cusum_lower([1, 1, 1, 0, 0, 0, 1], 0.9, 0.15, 1.2) alarms at series index 4 -> row 5
  const expected = cusum([1, 1, 1, 0, 0, 0, 1], { target: 0.9, sigma: report.sigma, k: report.k, h: report.h });
  assert.deepEqual(report.alarms, expected.alarms.map((i) => (i < 3 ? i : i + 1)));
  assert.deepEqual(report.alarms, [5]);
  assert.deepEqual(report.values, [1, 1, 1, null, 0, 0, 0, 1]);
  assert.equal(report.statistic[3], null);
  assert.equal(report.status, 'alarm');
  assert.equal(tripsGate(report, 'alarm'), true);
});

test('`cusum --target T --k K --h H` works below 30 points, and an empty series is an error, not "No alarm" (issue 7)', () => {
  const short = buildCusumReport(table('a.csv', [numeric('ok', [1, 0, 1, 1, 1])]), { column: 'ok', target: 0.8, k: 0.5, h: 4 });
  assert.equal(short.status, 'ok');
  assert.throws(
    () => buildCusumReport(table('a.csv', [numeric('ok', [null, null])]), { column: 'ok', target: 0.8 }),
    inputError('a.csv, column "ok" has no values: pick the column that holds the accuracy or the 1/0 correctness'),
  );
});

test('h comes from the in-control ARL: 0/1 at 0.9 with k 0.5 and ARL₀ 20,000 needs h 13.33 σ, a normal series 8.05 σ', () => {
  const random = seededRandom(1);
  const bernoulli = buildCusumReport(table('a.csv', [numeric('ok', Array.from({ length: 500 }, () => (random() < 0.9 ? 1 : 0)))]), { column: 'ok', target: 0.9 });
  assert.equal(bernoulli.hSource, 'arl0');
  assert.equal(bernoulli.hSigmas, cusumThreshold({ k: 0.5, arl0: 20_000, process: { kind: 'bernoulli', target: 0.9, p: 0.9 } }));
  assert.ok(Math.abs(bernoulli.hSigmas - 13.333334) < 1e-5, `${bernoulli.hSigmas}`);
  assert.ok(bernoulli.arl0 >= 20_000, `the design's ARL₀ ${bernoulli.arl0} reaches the target`);
  assert.equal(bernoulli.falseAlarmChance, 1 - Math.exp(-500 / bernoulli.arl0));
  assert.ok(Math.abs(bernoulli.detection.shift - 2 * 0.5 * Math.sqrt(0.09)) < 1e-15, 'the drop k is tuned for: 2k standard deviations');
  assert.equal(bernoulli.detection.delay, cusumAverageRunLength({ k: 0.5, h: bernoulli.hSigmas, process: { kind: 'bernoulli', target: 0.9, p: 0.9 - bernoulli.detection.shift } }));
  const normal = buildCusumReport(table('a.csv', [numeric('acc', Array.from({ length: 100 }, (_, i) => 0.9 + 0.01 * Math.sin(i)))]), { column: 'acc', target: 0.9, sigma: 0.01 });
  assert.ok(Math.abs(normal.hSigmas - 8.053) < 1e-3, `${normal.hSigmas}`);
  assert.match(normal.verdict, /^No alarm: the CUSUM of "acc" stayed below h over 100 values \(target 0\.9, k 0\.005 \(0\.5 σ\), h 0\.08053 \(8\.053 σ\)\); a stable series alarms once per 20,000 values on average, a 0\.5% chance over these\.$/);
});

test('estimated parameters are conservative: the warm-up mean less 1.28 s/√n, and sigma its 90% upper bound', () => {
  const values = Array.from({ length: 60 }, (_, i) => (i < 40 ? 0.9 + ((i * 7) % 5) * 0.01 : 0.8));
  const report = buildCusumReport(table('a.csv', [numeric('a', values)]), { column: 'a' });
  const { mean, standardDeviation } = meanAndStandardDeviation(values.slice(0, 30));
  const z = Math.sqrt(chiSquareCriticalValue(1, 0.2));
  assert.ok(Math.abs(report.target - (mean - (z * standardDeviation!) / Math.sqrt(30))) < 1e-15);
  assert.ok(Math.abs(report.sigma - standardDeviation! * Math.sqrt(29 / chiSquareCriticalValue(29, 0.9))) < 1e-15);
  assert.deepEqual(report.estimated, { target: true, sigma: true });
  assert.equal(report.warmup, 30);
  assert.equal(report.series, 'numeric');
  assert.ok(report.alarms.length > 0 && report.alarms[0] >= 40, `first alarm ${report.alarms[0]}`);
  assert.match(report.verdict, /^\d+ alarms?: "a" dropped below its target \(target 0\.9\d*, k [\d.e-]+ \(0\.5 σ\), h [\d.e-]+ \(8\.053 σ\)\); first at position 4\d in file order\. A stable series alarms once per 20,000 values on average\.$/);
});

test('a 0/1 warm-up of all ones estimates 0.926 (its 90% lower bound), never 1, so sigma is never near 0 (issue 7)', () => {
  const values = [...Array(30).fill(1), ...Array(20).fill(1)];
  const report = buildCusumReport(table('a.csv', [numeric('ok', values)]), { column: 'ok' });
  assert.ok(Math.abs(report.target - 0.9261187281287935) < 1e-9, `${report.target}`);
  assert.ok(report.sigma > 0.2);
  assert.deepEqual(report.alarms, []);
});

test('a perfectly constant numeric warm-up (30 × 0.8) cannot estimate sigma: an error that says what to give, not 18 alarms (issue 7)', () => {
  assert.throws(
    () => buildCusumReport(table('a.csv', [numeric('acc', Array(30).fill(0.8))]), { column: 'acc' }),
    inputError('a.csv, column "acc": the first 30 values are all 0.8, so they cannot estimate the standard deviation: give sigma, or a longer warm-up'),
  );
});

test('a correctness series written true/false is read as 1/0', () => {
  const report = buildCusumReport(table('c.csv', [categorical('ok', ['true', 'true', 'false', 'false', 'False'])]), { column: 'ok', target: 0.9, k: 0.5, h: 4 });
  assert.equal(report.series, 'bernoulli');
  assert.deepEqual(report.values, [1, 1, 0, 0, 0]);
  assert.deepEqual(report.alarms, [3]);
});

test('rows sorted by a time column first: the report records what it sorted by, and positions follow that order', () => {
  const t = table('s.csv', [numeric('acc', [0.5, 0.9, 0.9, 0.9]), categorical('day', ['2024-01-04', '2024-01-01', '2024-01-02', '2024-01-03'])]);
  assert.deepEqual([...timeOrder(t, t.columns[1])], [1, 2, 3, 0]);
  const report = buildCusumReport(t, { column: 'acc', timeColumn: 'day', target: 0.9, sigma: 0.05, h: 2 });
  assert.equal(report.sortedBy, 'day');
  assert.deepEqual(report.values, [0.9, 0.9, 0.9, 0.5]);
  assert.deepEqual(report.alarms, [3]);
  assert.match(report.verdict, /first at position 3 in order of "day"/);
  assert.equal(buildCusumReport(t, { column: 'acc', target: 0.9, sigma: 0.05 }).sortedBy, null);
});

test('the JSON contract: schemaVersion 2, target, sigma, k, h (series units), statistic, alarms; k and h also in σ', () => {
  const report = buildCusumReport(table('a.csv', [numeric('a', [1, 0.9, 1])]), { column: 'a', target: 1, sigma: 0.1 });
  assert.equal(report.schemaVersion, 2);
  for (const key of ['schemaVersion', 'target', 'sigma', 'k', 'h', 'kSigmas', 'hSigmas', 'arl0', 'statistic', 'alarms', 'sortedBy', 'options']) assert.ok(key in report, key);
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
});

test('too few values for the warm-up, text in the series, a bad target and a missing column are input errors', () => {
  assert.throws(
    () => buildCusumReport(table('a.csv', [numeric('a', [0.91, 0.9, null])]), { column: 'a' }),
    inputError('a.csv, column "a": 2 values, fewer than the 30-point warm-up that estimates the target: give the target and sigma, or a shorter warm-up'),
  );
  assert.throws(
    () => buildCusumReport(table('a.csv', [numeric('a', [1, 0, 1])]), { column: 'a' }),
    inputError('a.csv, column "a": 3 values, fewer than the 30-point warm-up that estimates the target: give the target (e.g. the validation accuracy), or a shorter warm-up'),
  );
  assert.throws(
    () => buildCusumReport(table('a.csv', [numeric('a', [0.91, 0.9])]), { column: 'a', target: 0.9 }),
    inputError('a.csv, column "a": 2 values, fewer than the 30-point warm-up that estimates the standard deviation: give sigma, or a shorter warm-up'),
  );
  assert.throws(
    () => buildCusumReport(table('a.csv', [numeric('a', [1, 0])]), { column: 'a', target: 1 }),
    inputError('a.csv, column "a": a 0/1 series needs a target rate strictly between 0 and 1, not 1'),
  );
  assert.throws(
    () => buildCusumReport(table('a.csv', [categorical('a', ['0.9', 'oops'])]), { column: 'a', target: 1, sigma: 0.1 }),
    inputError('a.csv row 2, column "a": "oops" is not a number or true/false: the series must hold accuracies, or 1/0 (true/false) for correct/incorrect'),
  );
  assert.throws(
    () => buildCusumReport(table('a.csv', [numeric('a', [1])]), { column: 'accuracy' }),
    inputError('a.csv has no column "accuracy" (the series column): its columns are "a"; names are case-sensitive'),
  );
  assert.throws(() => buildCusumReport(table('a.csv', [numeric('a', [1, 2])]), { column: 'a', target: 1, sigma: 0 }), /sigma must be a number greater than 0/);
});

test('options in range whose design would not compute are input errors naming the option and what to do, never an internal error (issue 8)', () => {
  const accuracies = Array.from({ length: 40 }, (_, i) => 0.9 + (i % 5) / 100);
  const build = (values: number[], options: Parameters<typeof buildCusumReport>[1]) => buildCusumReport(table('acc.csv', [numeric('acc', values)]), options);
  // k, h and the drop k is tuned for are k σ, h σ and 2k σ in the series' units: each must be a finite, full-precision number.
  assert.throws(() => build(accuracies, { column: 'acc', sigma: 1e308 }), inputError('acc.csv, column "acc": sigma 1e+308 is too large to compute with: h = 8.053 σ overflows; give a sigma below 1e+307'));
  assert.throws(() => build(accuracies, { column: 'acc', sigma: 1e307, k: 100, h: 1 }), inputError('acc.csv, column "acc": sigma 1e+307 is too large to compute with: the drop 2k = 200 σ overflows; give a sigma below 1e+305'));
  assert.throws(() => build(accuracies, { column: 'acc', sigma: 5e-324 }), inputError('acc.csv, column "acc": sigma 4.941e-324 is too small to compute with: k = 0.5 σ underflows; give a sigma above 1e-307'));
  assert.throws(() => build(accuracies, { column: 'acc', sigma: 1e-320, k: 0, h: 4 }), inputError('acc.csv, column "acc": sigma 1e-320 is too small to compute with: h = 4 σ underflows; give a sigma above 1e-308'));
  // The run length of a series of numbers is computed up to h = 128 σ.
  assert.throws(() => build(accuracies, { column: 'acc', h: 1000 }), inputError('acc.csv, column "acc": h 1000 σ is above 128 σ, the most a series of numbers (not 0/1) can use: give an h of at most 128'));
  // The running sum adds target − value at each point.
  assert.throws(
    () => build([...accuracies, -1e308], { column: 'acc', target: 1e308, sigma: 1 }),
    inputError('acc.csv, column "acc": target 1e+308 is too far above the smallest value, -1e+308, for the CUSUM to add up: give a target on the scale of the column'),
  );
  // A warm-up whose sum overflows estimates nothing: say so, rather than "the values are all equal".
  const huge = Array.from({ length: 40 }, (_, i) => (i % 2 ? 1 : -1) * (1.7e308 / 7) * ((i % 7) + 1));
  assert.throws(
    () => build(huge, { column: 'acc' }),
    inputError('acc.csv, column "acc": the first 30 values are too large to estimate the target and the standard deviation (their sums overflow): rescale the column, or give the target and sigma'),
  );
  assert.throws(
    () => build(huge, { column: 'acc', target: 0 }),
    inputError('acc.csv, column "acc": the first 30 values are too large to estimate the standard deviation (their sums overflow): rescale the column, or give sigma'),
  );
  // The edges still compute.
  assert.equal(build(accuracies, { column: 'acc', sigma: 1e306 }).h, build(accuracies, { column: 'acc', sigma: 1 }).hSigmas * 1e306);
  assert.equal(build(accuracies, { column: 'acc', sigma: 1e-306 }).status, 'alarm');
  assert.equal(build(accuracies, { column: 'acc', h: 128 }).hSigmas, 128);
  assert.equal(build(accuracies, { column: 'acc', sigma: 0.02, k: 1e-320, h: 5e-324 }).status, 'alarm', 'a tiny k or h in σ is, in effect, the 0 it asks for');
  assert.equal(build([...accuracies, -1e307], { column: 'acc', target: 1e307, sigma: 1 }).status, 'alarm');
});
