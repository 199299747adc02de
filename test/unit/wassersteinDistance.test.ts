import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { wassersteinDistance } from '../../src/core/stats/wassersteinDistance';
import { assertClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('wasserstein')) {
  test(`wassersteinDistance matches ${c.call}: ${c.name}`, () => {
    assertClose(wassersteinDistance(c.input.reference, c.input.current), c.expected, TOLERANCE.distance, 'wassersteinDistance');
  });
}

test('wassersteinDistance of a shifted sample is the shift', () => {
  assert.equal(wassersteinDistance([0, 1, 3], [5, 6, 8]), 5);
});

test('wassersteinDistance is 0 for identical samples, including all-equal ones', () => {
  assert.equal(wassersteinDistance([4, 4, 4], [4, 4]), 0);
  assert.equal(wassersteinDistance([1, 2, 3], [3, 2, 1]), 0);
});

test('wassersteinDistance ignores NaN and infinities as missing', () => {
  assert.equal(wassersteinDistance([0, NaN, 1], [2, Infinity, 3]), wassersteinDistance([0, 1], [2, 3]));
});

test('wassersteinDistance rejects empty samples', () => {
  assert.throws(() => wassersteinDistance([], [1]), /wassersteinDistance requires at least 1 reference data point/);
  assert.throws(() => wassersteinDistance([1], [NaN]), /wassersteinDistance requires at least 1 current data point/);
});

test('wassersteinDistance does not mutate its inputs', () => {
  const a = [3, 1, 2];
  wassersteinDistance(a, [0]);
  assert.deepEqual(a, [3, 1, 2]);
});

test('wassersteinDistance is symmetric and non-negative (property)', () => {
  const sample = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 60 });
  fc.assert(
    fc.property(sample, sample, (a, b) => {
      const ab = wassersteinDistance(a, b);
      assert.ok(ab >= 0);
      assertClose(wassersteinDistance(b, a), ab, { abs: 1e-9, rel: 1e-12 }, 'symmetry');
    }),
  );
});
