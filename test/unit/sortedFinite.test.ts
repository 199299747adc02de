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

test('sortedFinite into its own input sorts in place, short and radix-long, leaving the tail past the finite values', () => {
  for (const n of [7, 5000, 100_000]) {
    // Full-precision values, ties, -0 and +0, and NaN / infinities spread through the column.
    const values = Float64Array.from({ length: n }, (_, i) => (i % 11 === 0 ? NaN : i % 13 === 0 ? -Infinity : i % 5 === 0 ? (i % 2 ? -0 : 0) : Math.sin(i) * 1e3));
    const expected = sortedFinite(values);
    const result = sortedFinite(values, values);
    assert.equal(result.buffer, values.buffer, `n=${n}: the result is a view of the input`);
    assert.equal(result.byteOffset, values.byteOffset);
    assert.deepEqual(Array.from(result), Array.from(expected), `n=${n}`);
    assert.ok(Object.is(result[expected.indexOf(0)], -0) || expected.indexOf(0) < 0, `n=${n}: -0 sorts before +0`);
  }
});

test('sortedFinite counts a column of few distinct values, and hands a 257th distinct value to the radix sort', () => {
  const reference = (values: Float64Array) => Float64Array.from(values.filter((v) => Number.isFinite(v))).sort();
  for (const distinct of [1, 2, 10, 255, 256, 257, 300]) {
    // Rounded decimals, whole numbers, -0 and +0, and NaN / infinities among 5,000 values.
    const values = Float64Array.from({ length: 5000 }, (_, i) =>
      i % 97 === 0 ? NaN : i % 89 === 0 ? Infinity : i % 83 === 0 ? -0 : i % 79 === 0 ? 0 : ((i * 7919) % distinct) / 10 - 3,
    );
    const expected = reference(values);
    const sorted = sortedFinite(values);
    assert.deepEqual(Array.from(sorted), Array.from(expected), `${distinct} distinct`);
    assert.ok(Object.is(sorted[expected.indexOf(0)], -0), `${distinct} distinct: -0 sorts before +0`);
    const inPlace = sortedFinite(values, values);
    assert.deepEqual(Array.from(inPlace), Array.from(expected), `${distinct} distinct, in place`);
  }
});
