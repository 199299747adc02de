import assert from 'node:assert/strict';
import { test } from 'node:test';
import { calibrationCurve, type CalibrationStrategy } from '../../src/core/stats/calibrationCurve';
import { calibrationWithinTolerance } from '../../src/core/stats/calibrationWithinTolerance';
import { goldenCases } from './statsGolden';

for (const c of goldenCases('calibration')) {
  test(`calibrationWithinTolerance matches all(|prob_true - prob_pred| <= 0.05): ${c.name}`, () => {
    const curve = calibrationCurve(c.input.labels, c.input.probabilities, {
      bins: c.input.bins,
      strategy: c.input.strategy as CalibrationStrategy,
    });
    const check = calibrationWithinTolerance(curve);
    assert.equal(check.withinTolerance, c.expected.withinTolerance);
    assert.deepEqual(check.offendingBins.map((b) => b.index).sort((a, b) => a - b), c.expected.offendingIndices);
  });
}

test('calibrationWithinTolerance passes a bin exactly five points off despite rounding', () => {
  // accuracy 0.6, confidence 0.55: the gap computes to 0.04999999999999993 or 0.05000000000000004.
  const curve = calibrationCurve([1, 1, 1, 0, 0], [0.55, 0.55, 0.55, 0.55, 0.55], { bins: 1 });
  assert.equal(calibrationWithinTolerance(curve).withinTolerance, true);
  const worse = calibrationCurve([1, 1, 1, 0, 0], [0.54, 0.54, 0.54, 0.54, 0.54], { bins: 1 });
  assert.equal(calibrationWithinTolerance(worse).withinTolerance, false);
});

test('calibrationWithinTolerance lists the offending bins worst first', () => {
  // Gaps: 0.3 in the first bin, 0.2 in the second.
  const curve = calibrationCurve([0, 1, 1, 1], [0.2, 0.2, 0.8, 0.8], { bins: 2 });
  const check = calibrationWithinTolerance(curve, { tolerance: 0.1 });
  assert.deepEqual(check.offendingBins.map((b) => b.index), [0, 1]);
  assert.equal(check.tolerance, 0.1);
});

test('calibrationWithinTolerance rejects a negative or NaN tolerance', () => {
  const curve = calibrationCurve([1], [1], { bins: 1 });
  assert.throws(() => calibrationWithinTolerance(curve, { tolerance: -0.1 }), /non-negative tolerance/);
  assert.throws(() => calibrationWithinTolerance(curve, { tolerance: NaN }), /non-negative tolerance/);
});
