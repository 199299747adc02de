import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { brierScore } from '../../src/core/stats/brierScore';
import { assertClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('calibration')) {
  test(`brierScore matches brier_score_loss(labels, probabilities): ${c.name}`, () => {
    assertClose(brierScore(c.input.labels, c.input.probabilities), c.expected.brier, TOLERANCE.statistic, 'brierScore');
  });
}

test('brierScore of a small example', () => {
  assertClose(brierScore([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]), 0.0375, { abs: 1e-15 }, 'brierScore example');
});

test('brierScore is 0 for certain, correct predictions and 1 for certain, wrong ones', () => {
  assert.equal(brierScore([0, 1], [0, 1]), 0);
  assert.equal(brierScore([0, 1], [1, 0]), 1);
});

test('brierScore rejects empty input, NaN, out-of-range probabilities and non-binary labels', () => {
  assert.throws(() => brierScore([], []), /brierScore requires at least 1 data point/);
  assert.throws(() => brierScore([1], [NaN]), /probabilities in \[0, 1\]/);
  assert.throws(() => brierScore([0.5], [0.5]), /labels 0 or 1/);
  assert.throws(() => brierScore([1], [0.5, 0.5]), /as many labels as probabilities/);
});

test('brierScore lies in [0, 1] (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1 }), (pairs) => {
      const score = brierScore(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
      assert.ok(score >= 0 && score <= 1);
    }),
  );
});
