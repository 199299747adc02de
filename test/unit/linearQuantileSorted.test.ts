import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { quantileSorted } from 'simple-statistics';
import { linearQuantileSorted } from '../../src/core/stats/linearQuantileSorted';
import { assertAllClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('linearQuantileSorted')) {
  test(`linearQuantileSorted equals numpy's linear quantile bit for bit: ${c.name}`, () => {
    const probabilities: number[] = c.input.probabilities;
    // np.percentile receives percents and divides by 100 again; mirror that for the percentile case.
    const asked = c.call.startsWith('np.percentile') ? probabilities.map((p) => (p * 100) / 100) : probabilities;
    assertAllClose(
      asked.map((p) => linearQuantileSorted(c.input.sorted, p)),
      c.expected,
      TOLERANCE.exact,
      'linearQuantileSorted',
    );
  });
}

test('linearQuantileSorted agrees with simple-statistics quantileSorted to rounding (type 7 both)', () => {
  const sorted: number[] = goldenCases('linearQuantileSorted')[0].input.sorted;
  for (let i = 0; i <= 100; i++) {
    const p = i / 100;
    const ours = linearQuantileSorted(sorted, p);
    const theirs = quantileSorted(sorted, p);
    assert.ok(Math.abs(ours - theirs) <= 4 * Number.EPSILON * Math.max(1, Math.abs(ours)), `p = ${p}`);
  }
});

test('linearQuantileSorted returns the extremes at p = 0 and p = 1', () => {
  assert.equal(linearQuantileSorted([1, 5, 9], 0), 1);
  assert.equal(linearQuantileSorted([1, 5, 9], 1), 9);
});

test('linearQuantileSorted of one value is that value for every p', () => {
  assert.equal(linearQuantileSorted([4], 0.37), 4);
});

test('linearQuantileSorted rejects empty input and p outside [0, 1]', () => {
  assert.throws(() => linearQuantileSorted([], 0.5), /requires at least 1 data point/);
  assert.throws(() => linearQuantileSorted([1, 2], 1.5), /requires p in \[0, 1\]/);
  assert.throws(() => linearQuantileSorted([1, 2], Number.NaN), /requires p in \[0, 1\]/);
});

test('linearQuantileSorted is monotone in p and stays within [min, max] (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (values, p, q) => {
        const sorted = [...values].sort((a, b) => a - b);
        const [lo, hi] = p <= q ? [p, q] : [q, p];
        const a = linearQuantileSorted(sorted, lo);
        const b = linearQuantileSorted(sorted, hi);
        assert.ok(a <= b + 1e-9 * Math.max(1, Math.abs(b)));
        assert.ok(a >= sorted[0] && b <= sorted[sorted.length - 1]);
      },
    ),
  );
});
