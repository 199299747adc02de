import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linspace } from '../../src/core/stats/linspace';
import { assertAllClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('linspace')) {
  test(`linspace equals np.linspace bit for bit: ${c.name}`, () => {
    assertAllClose(linspace(c.input.start, c.input.stop, c.input.num), c.expected, TOLERANCE.exact, 'linspace');
  });
}

test('linspace keeps numpy rounding: the fourth of 11 points on [0, 1] is 0.30000000000000004', () => {
  assert.equal(linspace(0, 1, 11)[3], 0.30000000000000004);
});

test('linspace ends exactly at stop', () => {
  assert.equal(linspace(-3.7, 12.1, 8)[7], 12.1);
});

test('linspace of 0 points is empty', () => {
  assert.deepEqual(linspace(0, 1, 0), []);
});

test('linspace rejects a fractional or negative count', () => {
  assert.throws(() => linspace(0, 1, 2.5), /linspace requires a non-negative integer/);
  assert.throws(() => linspace(0, 1, -1), /linspace requires a non-negative integer/);
});
