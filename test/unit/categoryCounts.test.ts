import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignCategoryCounts, compareCategories, countCategories } from '../../src/core/stats/categoryCounts';

test('countCategories counts string forms and skips null, undefined and NaN', () => {
  assert.deepEqual(
    [...countCategories(['a', 'b', 'a', null, undefined, NaN, 1, '1', true])],
    [['a', 2], ['b', 1], ['1', 2], ['true', 1]],
  );
});

test('countCategories of an empty input is empty', () => {
  assert.equal(countCategories([]).size, 0);
});

test('compareCategories orders like Python sorted()', () => {
  assert.deepEqual(['b', 'B', 'a', 'é', '10', '9'].sort(compareCategories), ['10', '9', 'B', 'a', 'b', 'é']);
});

test('alignCategoryCounts takes the sorted union with zeros for absent categories', () => {
  const aligned = alignCategoryCounts({ b: 2, a: 1 }, new Map([['c', 5], ['a', 4]]), 'test');
  assert.deepEqual(aligned, { categories: ['a', 'b', 'c'], referenceCounts: [1, 2, 0], currentCounts: [4, 0, 5] });
});

test('alignCategoryCounts rejects negative or non-finite counts, naming the caller', () => {
  assert.throws(() => alignCategoryCounts({ a: -1 }, { a: 1 }, 'chiSquareHomogeneity'), /chiSquareHomogeneity requires non-negative/);
  assert.throws(() => alignCategoryCounts({ a: 1 }, { a: NaN }, 'categoricalPsi'), /categoricalPsi requires non-negative/);
});

test('alignCategoryCounts does not mutate its inputs', () => {
  const ref = { b: 2, a: 1 };
  alignCategoryCounts(ref, { c: 1 }, 'test');
  assert.deepEqual(ref, { b: 2, a: 1 });
});
