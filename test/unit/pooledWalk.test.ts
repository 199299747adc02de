// pooledWalk: the one merge of two sorted samples that gives the KS statistic and location,
// Wasserstein-1 and the ECDF chart's order statistics. Its W1 is checked against scipy in
// wassersteinDistance.test.ts (wassersteinDistanceSorted is this walk); here, the walk's own parts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ksTwoSample, pooledWalk, seededRandom, sortedFinite } from '../../src/core/stats/index';

test('pooledWalk of the documented example', () => {
  assert.deepEqual(pooledWalk(Float64Array.of(0, 1, 3), Float64Array.of(5, 6, 8), [0, 5]), { ksStatistic: 1, ksLocation: 3, wasserstein: 5, picked: [0, 8] });
});

test('pooledWalk picks the pooled order statistics at the ranks, ties included', () => {
  const a = Float64Array.of(1, 2, 2, 4);
  const b = Float64Array.of(2, 3, 5);
  // Pooled: 1 2 2 2 3 4 5
  assert.deepEqual(pooledWalk(a, b, [0, 1, 2, 3, 4, 5, 6]).picked, [1, 2, 2, 2, 3, 4, 5]);
  assert.deepEqual(pooledWalk(a, b, [3, 6]).picked, [2, 5]);
});

test('pooledWalk gives ksTwoSample\'s asymptotic statistic bit for bit, on tied and continuous samples', () => {
  const random = seededRandom(11);
  for (let r = 0; r < 200; r++) {
    const levels = [2, 5, 50, 1e9][r % 4];
    const draw = (n: number, shift: number) => sortedFinite(Float64Array.from({ length: n }, () => Math.floor(random() * levels + shift)));
    const a = draw(1 + Math.floor(random() * 300), 0);
    const b = draw(1 + Math.floor(random() * 300), r % 3);
    const walk = pooledWalk(a, b);
    assert.equal(walk.ksStatistic, ksTwoSample(a, b, { method: 'asymptotic' }).statistic, `case ${r}`);
    // The location holds the gap: the ECDFs there differ by the statistic.
    const below = (s: Float64Array, v: number) => s.filter((x) => x <= v).length / s.length;
    assert.equal(Math.abs(below(a, walk.ksLocation) - below(b, walk.ksLocation)), walk.ksStatistic, `case ${r}`);
  }
});

test('pooledWalk refuses an empty sample', () => {
  assert.throws(() => pooledWalk(new Float64Array(0), Float64Array.of(1)), /at least 1 data point/);
});
