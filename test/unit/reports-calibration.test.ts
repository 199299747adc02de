import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReportInputError, buildCalibrationReport, tripsGate } from '../../src/core/reports/index';
import {
  averageCalibrationError,
  brierScore,
  calibrationCurve,
  expectedCalibrationError,
  maximumCalibrationError,
  seededRandom,
  clopperPearsonInterval,
} from '../../src/core/stats/index';
import { categorical, numeric, table } from './reportTables';

const inputError = (message: string) => (e: unknown) => e instanceof ReportInputError && e.message === message;

test('the calibration report carries the curve, ECE / MCE / ACE and Brier of the stats functions', () => {
  const p = [0.05, 0.15, 0.35, 0.45, 0.55, 0.62, 0.71, 0.88, 0.93, 0.97, 0.4, 0.6];
  const y = [0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1];
  const report = buildCalibrationReport(table('preds.csv', [numeric('p', p), numeric('y', y)]), { confidence: 'p', correct: 'y', bins: 5 });
  const curve = calibrationCurve(y, p, { bins: 5 });
  assert.equal(report.schemaVersion, 2);
  assert.equal(report.rows, 12);
  assert.deepEqual(
    report.bins.map(({ lower, upper, count, confidence, accuracy, gap }) => ({ lower, upper, count, confidence, accuracy, gap })),
    curve.bins.map(({ lower, upper, count, confidence, accuracy, gap }) => ({ lower, upper, count, confidence, accuracy, gap })),
  );
  assert.equal(report.ece, expectedCalibrationError(curve));
  assert.equal(report.mce, maximumCalibrationError(curve));
  assert.equal(report.ace, averageCalibrationError(curve));
  assert.equal(report.brier, brierScore(y, p));
  assert.deepEqual(report.options, { bins: 5, strategy: 'uniform', tolerance: 0.05, alpha: 0.01 });
  for (const [j, bin] of report.bins.entries()) {
    // scipy.stats.binomtest(k, n).proportion_ci(0.99, 'exact'), checked in clopperPearsonInterval.test.ts
    assert.deepEqual(bin.interval, clopperPearsonInterval(Math.round(curve.bins[j].accuracy * curve.bins[j].count), curve.bins[j].count, 0.99));
  }
});

test('the schema of issue 3: schemaVersion, rows, bins[].{lower, upper, count, confidence, accuracy, gap}, ece, mce, ace, brier, withinTolerance', () => {
  const report = buildCalibrationReport(table('p.csv', [numeric('p', [0.2, 0.8]), numeric('y', [0, 1])]), { confidence: 'p', correct: 'y' });
  for (const key of ['schemaVersion', 'rows', 'bins', 'ece', 'mce', 'ace', 'brier', 'withinTolerance']) assert.ok(key in report, key);
  for (const key of ['lower', 'upper', 'count', 'confidence', 'accuracy', 'gap']) assert.ok(key in report.bins[0], `bins[].${key}`);
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
});

test('a bin counts as off only when its 99% interval lies wholly outside the 5-point band (issue 7)', () => {
  // One bin at confidence 0.6: 11 of 20 right is 5 points off (within, on the edge), 6 of 20 is
  // 30 points off but its interval [0.08, 0.61] still reaches the band [0.55, 0.65]: not evidence.
  const bin = (right: number, n: number, confidence = 0.6) =>
    buildCalibrationReport(table('p.csv', [numeric('p', Array(n).fill(confidence)), numeric('y', [...Array(right).fill(1), ...Array(n - right).fill(0)])]), { confidence: 'p', correct: 'y' });
  const edge = bin(11, 20);
  assert.equal(edge.withinTolerance, true);
  assert.equal(edge.status, 'ok');
  assert.equal(edge.bins[0].evidence, 'uncertain');
  assert.equal(edge.bins[0].tooFew, true);
  assert.equal(edge.verdict, 'Calibrated: the 1 bin is within 5 points of its confidence (ECE 0.050); 1 bin has too few predictions to confirm it within 5 points (fewest: 0.50–0.60, 20).');
  assert.equal(tripsGate(edge, 'miscalibrated'), false);

  const looksOff = bin(6, 20);
  assert.equal(looksOff.withinTolerance, false);
  assert.equal(looksOff.bins[0].evidence, 'uncertain');
  assert.equal(looksOff.status, 'insufficient');
  assert.equal(looksOff.worstBin, 0);
  assert.equal(looksOff.verdict, "Not enough evidence: 1 of 1 bin looks more than 5 points off, but its 99% interval still reaches the band (worst: 0.50–0.60, 20 predictions, confidence 0.6000, accuracy 0.3000 [99% interval 0.0846–0.6096]); ECE 0.300.");
  assert.equal(tripsGate(looksOff, 'miscalibrated'), false);

  const off = bin(300, 1000);
  assert.equal(off.bins[0].evidence, 'outside');
  assert.equal(off.status, 'miscalibrated');
  assert.match(off.verdict, /^Miscalibrated: 1 of 1 bin is more than 5 points off, beyond its 99% interval \(worst: 0\.50–0\.60, 1,000 predictions/);
  assert.equal(tripsGate(off, 'miscalibrated'), true);
  assert.equal(tripsGate(off, 'never'), false);
});

test('one prediction alone in a bin never decides the verdict, and a perfectly calibrated model is not miscalibrated at 200 predictions', () => {
  const lonely = buildCalibrationReport(table('p.csv', [numeric('p', [...Array(500).fill(0.5), 0.95]), numeric('y', [...Array(250).fill(1), ...Array(250).fill(0), 0])]), { confidence: 'p', correct: 'y' });
  assert.notEqual(lonely.status, 'miscalibrated');
  assert.equal(lonely.bins.at(-1)!.count, 1);
  assert.equal(lonely.bins.at(-1)!.evidence, 'uncertain');
  const random = seededRandom(11);
  let miscalibrated = 0;
  for (let run = 0; run < 200; run++) {
    const p = Array.from({ length: 200 }, () => random());
    const y = p.map((pi) => (random() < pi ? 1 : 0));
    if (buildCalibrationReport(table('p.csv', [numeric('p', p), numeric('y', y)]), { confidence: 'p', correct: 'y' }).status === 'miscalibrated') miscalibrated++;
  }
  assert.ok(miscalibrated <= 20, `${miscalibrated} of 200 calibrated runs read miscalibrated (was 200 of 200 before issue 7)`);
});

test('rows missing the confidence or the outcome are skipped and counted', () => {
  const report = buildCalibrationReport(
    table('p.csv', [numeric('p', [0.1, null, 0.9, 0.7]), numeric('y', [0, 1, null, 1])]),
    { confidence: 'p', correct: 'y' },
  );
  assert.equal(report.rows, 2);
  assert.equal(report.skippedRows, 2);
});

test('outcomes written true/false (any case) or yes/no are read as 1/0', () => {
  const report = buildCalibrationReport(
    table('p.csv', [numeric('p', [0.1, 0.9, 0.8, 0.3]), categorical('ok', ['False', 'TRUE', 'yes', 'no'])]),
    { confidence: 'p', correct: 'ok', bins: 2 },
  );
  assert.deepEqual(report.bins.map((b) => b.accuracy), [0, 1]);
});

test('bad inputs are ReportInputErrors naming the file, the row and the column', () => {
  const file = (p: Array<number | null>, y: Array<number | null>) => table('preds.csv', [numeric('p', p), numeric('y', y)]);
  assert.throws(
    () => buildCalibrationReport(file([0.2, 1.3], [0, 1]), { confidence: 'p', correct: 'y' }),
    inputError('preds.csv row 2, column "p": 1.3 is not a probability: the confidence column must hold values between 0 and 1'),
  );
  assert.throws(
    () => buildCalibrationReport(file([0.2, 0.3], [0, 2]), { confidence: 'p', correct: 'y' }),
    inputError('preds.csv row 2, column "y": 2 is not an outcome: the outcome column must hold 1/0 or true/false'),
  );
  assert.throws(
    () => buildCalibrationReport(file([0.2], [0]), { confidence: 'P', correct: 'y' }),
    inputError('preds.csv has no column "P" (the confidence column): did you mean "p"? its columns are "p", "y"; names are case-sensitive'),
  );
  assert.throws(
    () => buildCalibrationReport(file([null, 0.5], [1, null]), { confidence: 'p', correct: 'y' }),
    inputError('preds.csv has no row with both "p" and "y": every row misses one of them'),
  );
  assert.throws(
    () => buildCalibrationReport(file([], []), { confidence: 'p', correct: 'y' }),
    inputError('preds.csv has a header but no data rows: export the data again, or pick another file'),
  );
  assert.throws(
    () => buildCalibrationReport(file([0.5], [1]), { confidence: 'p', correct: 'p' }),
    inputError('the confidence and the outcome must be two different columns of preds.csv, not both "p"'),
  );
});

test('text in the confidence column names the value and the line the loader recorded', () => {
  const warnings = [{ code: 'numeric-then-text' as const, column: 'p', line: 4, message: 'preds.csv column "p" holds numbers but line 4 has "high"' }];
  const preds = table('preds.csv', [categorical('p', ['0.2', '0.4', 'high', '0.9']), numeric('y', [0, 1, 1, 1])], warnings);
  assert.throws(
    () => buildCalibrationReport(preds, { confidence: 'p', correct: 'y' }),
    inputError('preds.csv line 4, column "p": "high" is not a number: the confidence column must hold probabilities between 0 and 1'),
  );
  const allText = table('preds.csv', [categorical('p', ['low', 'high']), numeric('y', [0, 1])]);
  assert.throws(
    () => buildCalibrationReport(allText, { confidence: 'p', correct: 'y' }),
    inputError('preds.csv row 1, column "p": "low" is not a number: the confidence column must hold probabilities between 0 and 1'),
  );
  const badOutcome = table('preds.csv', [numeric('p', [0.1, 0.2]), categorical('y', ['true', 'maybe'])]);
  assert.throws(
    () => buildCalibrationReport(badOutcome, { confidence: 'p', correct: 'y' }),
    inputError('preds.csv row 2, column "y": "maybe" is not a number or true/false: the outcome column must hold 1/0 or true/false'),
  );
});

test('quantile bins and option checks', () => {
  const p = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
  const y = [0, 0, 1, 0, 1, 1, 1, 1];
  const report = buildCalibrationReport(table('p.csv', [numeric('p', p), numeric('y', y)]), { confidence: 'p', correct: 'y', bins: 4, strategy: 'quantile' });
  assert.deepEqual(report.bins.map((b) => b.count), [2, 2, 2, 2]);
  assert.throws(() => buildCalibrationReport(table('p.csv', [numeric('p', p), numeric('y', y)]), { confidence: 'p', correct: 'y', bins: 0 }), /bins must be a whole number from 1 to 1000/);
});

test('an alpha whose 1 − alpha rounds to 1 is out of range, not an internal error of the interval (issue 8)', () => {
  const file = table('p.csv', [numeric('p', [0.1, 0.2, 0.8, 0.9]), numeric('y', [0, 0, 1, 1])]);
  assert.throws(() => buildCalibrationReport(file, { confidence: 'p', correct: 'y', alpha: 1e-17 }), {
    name: 'RangeError',
    message: 'calibration report: alpha must be a number at least 1e-12 and less than 1 (got 1e-17)',
  });
  const edge = buildCalibrationReport(file, { confidence: 'p', correct: 'y', alpha: 1e-12 });
  assert.ok(edge.bins.every((b) => b.interval.lower >= 0 && b.interval.upper <= 1 && b.interval.lower < b.interval.upper));
});
