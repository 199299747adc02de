import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { searchSorted } from '../../src/core/stats/searchSorted';

test("searchSorted 'left' counts values strictly below (numpy side='left')", () => {
  assert.equal(searchSorted([1, 2, 2, 3], 2, 'left'), 1);
  assert.equal(searchSorted([1, 2, 2, 3], 0, 'left'), 0);
  assert.equal(searchSorted([1, 2, 2, 3], 4, 'left'), 4);
});

test("searchSorted 'right' counts values at or below (numpy side='right')", () => {
  assert.equal(searchSorted([1, 2, 2, 3], 2, 'right'), 3);
  assert.equal(searchSorted([1, 2, 2, 3], Infinity, 'right'), 4);
});

test('searchSorted on an empty array is 0', () => {
  assert.equal(searchSorted([], 1), 0);
});

test('searchSorted matches a linear count (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -5, max: 5 })), fc.integer({ min: -6, max: 6 }), (values, x) => {
      const sorted = [...values].sort((a, b) => a - b);
      assert.equal(searchSorted(sorted, x, 'left'), sorted.filter((v) => v < x).length);
      assert.equal(searchSorted(sorted, x, 'right'), sorted.filter((v) => v <= x).length);
    }),
  );
});
