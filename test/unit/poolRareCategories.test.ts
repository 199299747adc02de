import assert from 'node:assert/strict';
import { test } from 'node:test';
import { categoricalPsi } from '../../src/core/stats/categoricalPsi';
import { poolRareCategories } from '../../src/core/stats/poolRareCategories';
import { seededRandom } from '../../src/core/stats/seededRandom';

test('levels expected fewer than 5 times on the smaller side go to one "other" bucket; common ones stay', () => {
  const pooled = poolRareCategories({ a: 50, b: 48, c: 1, d: 1 }, { a: 52, b: 45, c: 2, e: 1 });
  assert.deepEqual(pooled.pooled, ['c', 'd', 'e']);
  assert.deepEqual([...pooled.referenceCounts], [['a', 50], ['b', 48], [pooled.otherKey, 2]]);
  assert.deepEqual([...pooled.currentCounts], [['a', 52], ['b', 45], [pooled.otherKey, 3]]);
});

test('nothing rare: no other bucket', () => {
  const pooled = poolRareCategories({ a: 50, b: 50 }, { a: 40, b: 60 });
  assert.deepEqual(pooled.pooled, []);
  assert.equal(pooled.referenceCounts.has(pooled.otherKey), false);
});

test('a new category at 20% is kept as itself, not pooled', () => {
  const pooled = poolRareCategories({ a: 500, b: 500 }, { a: 400, b: 400, new: 200 });
  assert.deepEqual(pooled.pooled, []);
  assert.equal(pooled.currentCounts.get('new'), 200);
  assert.equal(pooled.referenceCounts.get('new'), 0);
});

test('the other key never collides with a category', () => {
  const pooled = poolRareCategories({ '\u0000other': 50, x: 1 }, { '\u0000other': 50, y: 1 });
  assert.notEqual(pooled.otherKey, '\u0000other');
  assert.deepEqual(pooled.pooled, ['x', 'y']);
});

test('1,000 equally likely levels, 2,000 rows per side: raw PSI above 1, pooled PSI near 0 (issue 7)', () => {
  const random = seededRandom(7);
  const counts = () => {
    const m = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const level = `c${Math.floor(random() * 1000)}`;
      m.set(level, (m.get(level) ?? 0) + 1);
    }
    return m;
  };
  const reference = counts();
  const current = counts();
  const raw = categoricalPsi(reference, current).value;
  assert.ok(raw > 1, `raw PSI ${raw}`);
  const pooled = poolRareCategories(reference, current);
  // Expected 4 per level in both files together: all but the few that reach 10 by chance are pooled.
  assert.ok(pooled.pooled.length > 950, `${pooled.pooled.length} levels pooled`);
  const psi = categoricalPsi(pooled.referenceCounts, pooled.currentCounts).value;
  assert.ok(psi < 0.05, `pooled PSI ${psi}`);
});
