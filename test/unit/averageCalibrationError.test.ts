import assert from 'node:assert/strict';
import { test } from 'node:test';
import { averageCalibrationError } from '../../src/core/stats/averageCalibrationError';
import { calibrationCurve, type CalibrationStrategy } from '../../src/core/stats/calibrationCurve';
import { assertClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('calibration')) {
  test(`averageCalibrationError matches mean|prob_true - prob_pred| of ${c.call}: ${c.name}`, () => {
    const curve = calibrationCurve(c.input.labels, c.input.probabilities, {
      bins: c.input.bins,
      strategy: c.input.strategy as CalibrationStrategy,
    });
    assertClose(averageCalibrationError(curve), c.expected.ace, TOLERANCE.statistic, 'averageCalibrationError');
  });
}

test('averageCalibrationError weights every non-empty bin equally', () => {
  // Bin gaps 0.3 (1 prediction) and 0.2 (3 predictions): (0.3 + 0.2) / 2, not the ECE's 0.3/4 + 0.2·3/4.
  const curve = calibrationCurve([0, 1, 1, 1, 1], [0.2, 0.2, 0.8, 0.8, 0.8], { bins: 2 });
  assert.deepEqual(curve.bins.map((b) => b.count), [2, 3]);
  assertClose(averageCalibrationError(curve), (0.3 + 0.2) / 2, { abs: 1e-15 }, 'averageCalibrationError example');
});

test('averageCalibrationError rejects a curve without bins', () => {
  assert.throws(() => averageCalibrationError({ strategy: 'uniform', edges: [0, 1], bins: [], total: 0 }), /requires at least 1 bin/);
});
