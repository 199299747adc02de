import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cusum } from '../../src/core/stats/cusum';
import { assertAllClose, assertClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('cusum')) {
  test(`cusum matches STATS.md's cusum_lower (${c.call}): ${c.name}`, () => {
    const options =
      c.input.target !== undefined
        ? { target: c.input.target, sigma: 1, k: c.input.k, h: c.input.h }
        : { warmup: c.input.warmup };
    const result = cusum(c.input.values, options);
    if (c.input.target === undefined) {
      assertClose(result.target, c.expected.target, TOLERANCE.statistic, 'cusum target');
      assertClose(result.sigma, c.expected.sigma, TOLERANCE.statistic, 'cusum sigma');
      assertClose(result.k, c.expected.k, TOLERANCE.statistic, 'cusum k');
      assertClose(result.h, c.expected.h, TOLERANCE.statistic, 'cusum h');
    }
    assert.deepEqual(result.alarms, c.expected.alarms);
    assertAllClose(result.statistic, c.expected.statistic, TOLERANCE.statistic, 'cusum statistic');
  });
}

test('cusum raises no alarm on a stream that never drops', () => {
  const values = Array.from({ length: 200 }, (_, i) => 0.9 + 0.01 * Math.sin(i));
  assert.deepEqual(cusum(values).alarms, []);
});

test('cusum resets the statistic to 0 after an alarm', () => {
  const result = cusum([1, 1, 1, 0, 0, 0], { target: 1, sigma: 0.2 });
  assert.deepEqual(result.alarms, [4]);
  assert.equal(result.statistic[5], 0.9); // restarted from 0: 0 + (1 - 0) - 0.1
});

test('cusum clamps a zero warm-up sigma and says so', () => {
  const values = [...new Array(30).fill(1), 1, 1, 0.5];
  const result = cusum(values);
  assert.equal(result.sigmaClamped, true);
  assert.equal(result.sigma, 1e-9);
  assert.deepEqual(result.alarms, [32]);
});

test('a perfectly constant warm-up (30 × 0.8) has its value as target and sigma 0, clamped: no alarm on the constant series (issue 7)', () => {
  const result = cusum(new Array(30).fill(0.8));
  assert.equal(result.target, 0.8);
  assert.equal(result.sigmaClamped, true);
  assert.deepEqual(result.alarms, []);
});

test('cusum uses the given target and sigma without a warm-up', () => {
  const result = cusum([0.5], { target: 1, sigma: 0.1 });
  assert.equal(result.warmup, 0);
  assert.equal(result.k, 0.05);
  assert.equal(result.h, 0.5);
});

test('cusum rejects too short a stream for the warm-up, NaN values and a zero explicit sigma', () => {
  assert.throws(() => cusum([1, 2, 3]), /cusum requires at least 30 data points/);
  assert.throws(() => cusum([]), /cusum requires at least 30 data points/);
  assert.throws(() => cusum([1, NaN], { target: 1, sigma: 1 }), /cusum requires finite values/);
  assert.throws(() => cusum([1], { target: 1, sigma: 0 }), /positive sigma/);
  assert.throws(() => cusum([1, 2], { warmup: 1 }), /warmup of at least 2/);
  assert.throws(() => cusum([1], { target: 1, sigma: 1, h: -1 }), /non-negative finite k and h/);
});

test('cusum does not mutate its input', () => {
  const values = Array.from({ length: 40 }, (_, i) => (i % 3) / 10);
  const copy = [...values];
  cusum(values);
  assert.deepEqual(values, copy);
});

test('cusum statistic is never negative and alarms only where it exceeds h (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 30, maxLength: 200 }), (values) => {
      const result = cusum(values);
      for (let i = 0; i < values.length; i++) {
        assert.ok(result.statistic[i] >= 0);
        assert.equal(result.alarms.includes(i), result.statistic[i] > result.h);
      }
    }),
  );
});
