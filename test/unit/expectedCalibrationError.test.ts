import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { calibrationCurve, type CalibrationStrategy } from '../../src/core/stats/calibrationCurve';
import { expectedCalibrationError } from '../../src/core/stats/expectedCalibrationError';
import { maximumCalibrationError } from '../../src/core/stats/maximumCalibrationError';
import { assertClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('calibration')) {
  test(`expectedCalibrationError matches sum(n_b / N * |prob_true - prob_pred|) of ${c.call}: ${c.name}`, () => {
    const curve = calibrationCurve(c.input.labels, c.input.probabilities, {
      bins: c.input.bins,
      strategy: c.input.strategy as CalibrationStrategy,
    });
    assertClose(expectedCalibrationError(curve), c.expected.ece, TOLERANCE.statistic, 'expectedCalibrationError');
  });
}

test('expectedCalibrationError is 0 for a perfectly calibrated curve', () => {
  assert.equal(expectedCalibrationError(calibrationCurve([0, 0, 0, 1, 1, 1, 1, 0], [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75], { bins: 2 })), 0);
});

test('expectedCalibrationError rejects a curve without bins', () => {
  assert.throws(() => expectedCalibrationError({ strategy: 'uniform', edges: [0, 1], bins: [], total: 0 }), /requires at least 1 bin/);
});

test('expectedCalibrationError <= maximumCalibrationError (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 200 }),
      fc.integer({ min: 1, max: 20 }),
      fc.constantFrom<CalibrationStrategy>('uniform', 'quantile'),
      (pairs, bins, strategy) => {
        const curve = calibrationCurve(pairs.map((p) => p[0]), pairs.map((p) => p[1]), { bins, strategy });
        assert.ok(expectedCalibrationError(curve) <= maximumCalibrationError(curve) + 1e-15);
      },
    ),
  );
});
