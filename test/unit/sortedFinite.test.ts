import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sortedFinite } from '../../src/core/stats/sortedFinite';

test('sortedFinite sorts numerically and drops NaN and infinities', () => {
  assert.deepEqual(Array.from(sortedFinite([10, NaN, 9, -Infinity, 1e-3, Infinity, -2])), [-2, 1e-3, 9, 10]);
});

test('sortedFinite of an empty input is empty', () => {
  assert.equal(sortedFinite([]).length, 0);
});

test('sortedFinite does not mutate its input', () => {
  const values = Float64Array.of(3, 1, 2);
  sortedFinite(values);
  assert.deepEqual(Array.from(values), [3, 1, 2]);
});
