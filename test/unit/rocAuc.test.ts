import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { rocAuc } from '../../src/core/stats/rocAuc';
import { assertClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('rocAuc')) {
  test(`rocAuc matches ${c.call}: ${c.name}`, () => {
    assertClose(rocAuc(c.input.labels, c.input.scores), c.expected, TOLERANCE.statistic, 'rocAuc');
  });
}

test('rocAuc counts a tie between a positive and a negative as one half', () => {
  assert.equal(rocAuc([0, 1], [0.5, 0.5]), 0.5);
  assert.equal(rocAuc([0, 0, 1], [0.2, 0.5, 0.5]), 0.75);
});

test('rocAuc is 1 for perfect separation and 0 for perfectly inverted scores', () => {
  assert.equal(rocAuc([0, 0, 1, 1], [1, 2, 3, 4]), 1);
  assert.equal(rocAuc([1, 1, 0, 0], [1, 2, 3, 4]), 0);
});

test('rocAuc rejects one class, empty input, NaN scores and non-binary labels', () => {
  assert.throws(() => rocAuc([1, 1], [0.1, 0.2]), /rocAuc requires both classes/);
  assert.throws(() => rocAuc([], []), /rocAuc requires at least 1 data point/);
  assert.throws(() => rocAuc([0, 1], [NaN, 1]), /not NaN/);
  assert.throws(() => rocAuc([0, 2], [0, 1]), /labels 0 or 1/);
  assert.throws(() => rocAuc([0, 1], [0]), /as many labels as scores/);
});

test('rocAuc does not mutate its inputs', () => {
  const scores = [0.9, 0.1, 0.5];
  rocAuc([1, 0, 1], scores);
  assert.deepEqual(scores, [0.9, 0.1, 0.5]);
});

const scored = fc
  .array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 10 })), { minLength: 2, maxLength: 100 })
  .filter((pairs) => pairs.some((p) => p[0]) && pairs.some((p) => !p[0]));

test('rocAuc(a, b) = 1 − rocAuc(b, a): swapping the classes mirrors the AUC (property)', () => {
  fc.assert(
    fc.property(scored, (pairs) => {
      const scores = pairs.map((p) => p[1]);
      const forward = rocAuc(pairs.map((p) => (p[0] ? 1 : 0)), scores);
      const swapped = rocAuc(pairs.map((p) => (p[0] ? 0 : 1)), scores);
      assertClose(forward, 1 - swapped, { abs: 1e-12 }, 'rocAuc symmetry');
    }),
  );
});

test('rocAuc equals the pairwise definition P(score+ > score−) + ½ P(tie) (property)', () => {
  fc.assert(
    fc.property(scored, (pairs) => {
      const positives = pairs.filter((p) => p[0]).map((p) => p[1]);
      const negatives = pairs.filter((p) => !p[0]).map((p) => p[1]);
      let wins = 0;
      for (const a of positives) for (const b of negatives) wins += a > b ? 1 : a === b ? 0.5 : 0;
      assertClose(rocAuc(pairs.map((p) => p[0]), pairs.map((p) => p[1])), wins / (positives.length * negatives.length), { abs: 1e-12 }, 'rocAuc pairs');
    }),
  );
});
