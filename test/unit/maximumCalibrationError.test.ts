import assert from 'node:assert/strict';
import { test } from 'node:test';
import { calibrationCurve, type CalibrationStrategy } from '../../src/core/stats/calibrationCurve';
import { maximumCalibrationError } from '../../src/core/stats/maximumCalibrationError';
import { assertClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('calibration')) {
  test(`maximumCalibrationError matches max|prob_true - prob_pred| of ${c.call}: ${c.name}`, () => {
    const curve = calibrationCurve(c.input.labels, c.input.probabilities, {
      bins: c.input.bins,
      strategy: c.input.strategy as CalibrationStrategy,
    });
    assertClose(maximumCalibrationError(curve), c.expected.mce, TOLERANCE.statistic, 'maximumCalibrationError');
  });
}

test('maximumCalibrationError is the largest bin gap', () => {
  assert.equal(maximumCalibrationError(calibrationCurve([0, 1, 1, 1], [0.2, 0.2, 0.8, 0.8], { bins: 2 })), 0.3);
});

test('maximumCalibrationError rejects a curve without bins', () => {
  assert.throws(() => maximumCalibrationError({ strategy: 'uniform', edges: [0, 1], bins: [], total: 0 }), /requires at least 1 bin/);
});
