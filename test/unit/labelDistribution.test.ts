import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelDistribution } from '../../src/core/stats/labelDistribution';
import { assertClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('labelDistribution')) {
  test(`labelDistribution matches the seed's pandas check (${c.call}): ${c.name}`, () => {
    const result = labelDistribution(c.input.labels, { numClasses: c.input.numClasses });
    assert.deepEqual(Object.fromEntries(result.classes.map((k) => [k.label, k.count])), c.expected.counts);
    assert.equal(result.allPresent, c.expected.allPresent);
    assertClose(result.largestShare, c.expected.largestShare, TOLERANCE.statistic, 'labelDistribution largestShare');
    assert.equal(result.ok, c.expected.ok);
  });
}

test('labelDistribution orders classes by count like value_counts()', () => {
  assert.deepEqual(labelDistribution(['b', 'a', 'b', 'c', 'c', 'c']).classes.map((k) => k.label), ['c', 'b', 'a']);
});

test('labelDistribution treats a share of exactly 0.9 as dominating (< 0.9 required)', () => {
  const labels = [...new Array(9).fill(1), 0];
  assert.equal(labelDistribution(labels).ok, false);
});

test('labelDistribution without numClasses only checks dominance', () => {
  const result = labelDistribution([0, 1]);
  assert.equal(result.allPresent, true);
  assert.equal(result.numClasses, undefined);
});

test('labelDistribution of all-missing labels is not ok', () => {
  const result = labelDistribution([null, NaN]);
  assert.equal(result.missing, 2);
  assert.equal(result.ok, false);
});

test('labelDistribution rejects empty input and a bad numClasses', () => {
  assert.throws(() => labelDistribution([]), /labelDistribution requires at least 1 data point/);
  assert.throws(() => labelDistribution([1], { numClasses: 0 }), /numClasses to be a positive integer/);
});

test('labelDistribution does not mutate its input', () => {
  const labels = ['b', 'a'];
  labelDistribution(labels);
  assert.deepEqual(labels, ['b', 'a']);
});
