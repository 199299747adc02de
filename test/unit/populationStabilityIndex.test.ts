import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { populationStabilityIndex, type PsiBinStrategy } from '../../src/core/stats/populationStabilityIndex';
import { assertAllClose, assertClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('psi')) {
  test(`populationStabilityIndex matches STATS.md's psi (${c.call}): ${c.name}`, () => {
    const result = populationStabilityIndex(c.input.reference, c.input.current, {
      bins: c.input.bins,
      strategy: c.input.strategy as PsiBinStrategy,
    });
    assert.equal(result.strategy, c.input.strategy);
    assertAllClose(result.edges, c.expected.edges, TOLERANCE.exact, `psi edges (${c.input.strategy})`);
    assert.deepEqual(result.bins.map((b) => b.referenceCount), c.expected.referenceCounts);
    assert.deepEqual(result.bins.map((b) => b.currentCount), c.expected.currentCounts);
    assertAllClose(result.bins.map((b) => b.referenceShare), c.expected.referenceShares, TOLERANCE.statistic, 'psi shares');
    assertAllClose(result.bins.map((b) => b.contribution), c.expected.contributions, TOLERANCE.statistic, 'psi contributions');
    assertClose(result.value, c.expected.value, TOLERANCE.statistic, `psi value (${c.input.strategy})`);
  });
}

test('populationStabilityIndex is exactly 0 for identical samples', () => {
  const sample = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
  for (const strategy of ['quantile', 'uniform', 'sturges'] as const) {
    assert.equal(populationStabilityIndex(sample, sample, { strategy }).value, 0);
  }
});

test('populationStabilityIndex merges tied quantile edges (all-equal reference gives one inner edge)', () => {
  const result = populationStabilityIndex([2, 2, 2, 2], [1, 2, 3]);
  assert.deepEqual(result.edges, [-Infinity, 2, Infinity]);
  assert.deepEqual(result.bins.map((b) => b.currentCount), [1, 2]);
});

test('populationStabilityIndex replaces empty shares with epsilon 1e-4', () => {
  const result = populationStabilityIndex([0, 1, 2, 3], [10, 11], { bins: 2 });
  const empty = result.bins[0];
  assert.equal(empty.currentShare, 0);
  assert.equal(empty.contribution, (1e-4 - 0.5) * Math.log(1e-4 / 0.5));
});

test('populationStabilityIndex ignores NaN and infinities as missing', () => {
  const clean = populationStabilityIndex([1, 2, 3, 4, 5], [2, 3, 4]);
  const dirty = populationStabilityIndex([1, NaN, 2, 3, Infinity, 4, 5], [NaN, 2, 3, -Infinity, 4]);
  assert.equal(dirty.value, clean.value);
  assert.equal(dirty.referenceSize, 5);
  assert.equal(dirty.currentSize, 3);
});

test('populationStabilityIndex rejects empty samples', () => {
  assert.throws(() => populationStabilityIndex([], [1]), /populationStabilityIndex requires at least 1 reference data point/);
  assert.throws(() => populationStabilityIndex([1], [NaN]), /populationStabilityIndex requires at least 1 current data point/);
});

test('populationStabilityIndex rejects a bad bin count or strategy', () => {
  assert.throws(() => populationStabilityIndex([1], [1], { bins: 0 }), /bins to be a positive integer/);
  assert.throws(() => populationStabilityIndex([1], [1], { strategy: 'magic' as PsiBinStrategy }), /bin strategy 'magic'/);
});

test('populationStabilityIndex does not mutate its inputs', () => {
  const reference = [5, 3, 1, 4];
  const current = Float64Array.of(9, 2, 7);
  populationStabilityIndex(reference, current);
  assert.deepEqual(reference, [5, 3, 1, 4]);
  assert.deepEqual(Array.from(current), [9, 2, 7]);
});

test('populationStabilityIndex bins cover both samples and shares sum to 1', () => {
  const result = populationStabilityIndex([1, 2, 3, 4, 5, 6], [0, 7, 3]);
  assert.equal(result.bins.reduce((t, b) => t + b.referenceCount, 0), 6);
  assert.equal(result.bins.reduce((t, b) => t + b.currentCount, 0), 3);
  assert.equal(result.edges.length, result.bins.length + 1);
});

const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 80 });
const strategy = fc.constantFrom<PsiBinStrategy>('quantile', 'uniform', 'sturges');

test('populationStabilityIndex is >= 0 (property)', () => {
  fc.assert(
    fc.property(sample, sample, strategy, fc.integer({ min: 1, max: 20 }), (reference, current, s, bins) => {
      assert.ok(populationStabilityIndex(reference, current, { strategy: s, bins }).value >= 0);
    }),
  );
});

test('populationStabilityIndex is 0 for identical samples (property)', () => {
  fc.assert(
    fc.property(sample, strategy, (values, s) => {
      assert.equal(populationStabilityIndex(values, [...values].reverse(), { strategy: s }).value, 0);
    }),
  );
});
