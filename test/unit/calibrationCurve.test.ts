import assert from 'node:assert/strict';
import { test } from 'node:test';
import { calibrationCurve, type CalibrationStrategy } from '../../src/core/stats/calibrationCurve';
import { assertAllClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('calibration')) {
  test(`calibrationCurve matches sklearn calibration_curve (${c.call}): ${c.name}`, () => {
    const curve = calibrationCurve(c.input.labels, c.input.probabilities, {
      bins: c.input.bins,
      strategy: c.input.strategy as CalibrationStrategy,
    });
    assertAllClose(curve.edges, c.expected.edges, TOLERANCE.exact, `calibration edges (${c.input.strategy})`);
    assert.deepEqual(curve.bins.map((b) => b.index), c.expected.indices);
    assert.deepEqual(curve.bins.map((b) => b.count), c.expected.counts);
    assertAllClose(curve.bins.map((b) => b.accuracy), c.expected.accuracy, TOLERANCE.statistic, 'calibration accuracy');
    assertAllClose(curve.bins.map((b) => b.confidence), c.expected.confidence, TOLERANCE.statistic, 'calibration confidence');
  });
}

test('calibrationCurve puts a value exactly on an inner edge in the bin below (right-closed)', () => {
  const curve = calibrationCurve([1, 0, 1], [0.5, 0.5, 1], { bins: 2 });
  assert.deepEqual(curve.bins.map((b) => [b.index, b.count]), [[0, 2], [1, 1]]);
});

test('calibrationCurve puts 0 in the first bin and 1 in the last', () => {
  const curve = calibrationCurve([0, 1], [0, 1], { bins: 10 });
  assert.deepEqual(curve.bins.map((b) => b.index), [0, 9]);
});

test('calibrationCurve drops empty bins', () => {
  const curve = calibrationCurve([0, 1, 1], [0.05, 0.95, 0.97], { bins: 10 });
  assert.equal(curve.bins.length, 2);
  assert.equal(curve.edges.length, 11);
});

test('calibrationCurve with all-equal probabilities makes one quantile bin', () => {
  const curve = calibrationCurve([0, 1, 1, 1], [0.7, 0.7, 0.7, 0.7], { strategy: 'quantile', bins: 5 });
  assert.deepEqual(curve.bins.map((b) => [b.count, b.confidence, b.accuracy]), [[4, 0.7, 0.75]]);
});

test('calibrationCurve reports gap = |accuracy - confidence| and its signed value', () => {
  const [bin] = calibrationCurve([1, 1], [0.6, 0.6], { bins: 1 }).bins;
  assert.equal(bin.signedGap, 1 - 0.6);
  assert.equal(bin.gap, Math.abs(1 - 0.6));
});

test('calibrationCurve accepts boolean labels', () => {
  assert.deepEqual(calibrationCurve([false, true], [0.2, 0.8], { bins: 2 }), calibrationCurve([0, 1], [0.2, 0.8], { bins: 2 }));
});

test('calibrationCurve rejects empty input, NaN and out-of-range probabilities, non-binary labels', () => {
  assert.throws(() => calibrationCurve([], []), /calibrationCurve requires at least 1 data point/);
  assert.throws(() => calibrationCurve([1], [NaN]), /probabilities in \[0, 1\]/);
  assert.throws(() => calibrationCurve([1], [1.2]), /probabilities in \[0, 1\]/);
  assert.throws(() => calibrationCurve([2], [0.5]), /labels 0 or 1/);
  assert.throws(() => calibrationCurve([1, 0], [0.5]), /as many labels as probabilities/);
  assert.throws(() => calibrationCurve([1], [0.5], { bins: 0 }), /bins to be a positive integer/);
});

test('calibrationCurve does not mutate its inputs', () => {
  const p = [0.9, 0.1, 0.5];
  const y = [1, 0, 1];
  calibrationCurve(y, p, { strategy: 'quantile', bins: 2 });
  assert.deepEqual(p, [0.9, 0.1, 0.5]);
  assert.deepEqual(y, [1, 0, 1]);
});
