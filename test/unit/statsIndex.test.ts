import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as stats from '../../src/core/stats/index';

test('the stats barrel exports every statistic', () => {
  for (const name of [
    'populationStabilityIndex', 'categoricalPsi', 'chiSquareHomogeneity', 'regularizedGammaUpper',
    'wassersteinDistance', 'jensenShannonDistance', 'calibrationCurve', 'expectedCalibrationError',
    'maximumCalibrationError', 'averageCalibrationError', 'brierScore', 'calibrationWithinTolerance',
    'cusum', 'cusumAverageRunLength', 'cusumThreshold', 'rocAuc', 'fitLogisticRegression', 'domainClassifierAuc',
    'bonferroni', 'benjaminiHochberg',
    'labelDistribution', 'extremeValues', 'missingRate', 'ksTwoSample', 'pairwiseSum', 'linspace',
  ]) {
    assert.equal(typeof (stats as Record<string, unknown>)[name], 'function', name);
  }
});
