import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { bonferroni } from '../../src/core/stats/bonferroni';
import { assertAllClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('multipleTesting')) {
  test(`bonferroni matches multipletests(p, method='bonferroni')[1]: ${c.name}`, () => {
    assertAllClose(bonferroni(c.input.p), c.expected.bonferroni, TOLERANCE.pValue, 'bonferroni');
  });
}

test('bonferroni of no p-values is empty', () => {
  assert.deepEqual(bonferroni([]), []);
});

test('bonferroni rejects NaN and values outside [0, 1]', () => {
  assert.throws(() => bonferroni([0.1, NaN]), /bonferroni requires p-values in \[0, 1\] \(got NaN at 1\)/);
  assert.throws(() => bonferroni([1.5]), /bonferroni requires p-values in \[0, 1\]/);
});

test('bonferroni does not mutate its input', () => {
  const p = [0.2, 0.01];
  bonferroni(p);
  assert.deepEqual(p, [0.2, 0.01]);
});

test('bonferroni-adjusted p-values are >= raw, <= 1 and monotone in the raw p (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 50 }), (p) => {
      const adjusted = bonferroni(p);
      p.forEach((pi, i) => {
        assert.ok(adjusted[i] >= pi && adjusted[i] <= 1);
        p.forEach((pj, j) => pi <= pj && assert.ok(adjusted[i] <= adjusted[j]));
      });
    }),
  );
});
