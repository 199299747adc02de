import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { jensenShannonDistance } from '../../src/core/stats/jensenShannonDistance';
import { populationStabilityIndex } from '../../src/core/stats/populationStabilityIndex';
import { assertClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('jensenShannon')) {
  test(`jensenShannonDistance matches ${c.call}: ${c.name}`, () => {
    assertClose(jensenShannonDistance(c.input.p, c.input.q, { base: c.input.base }), c.expected, TOLERANCE.distance, 'jensenShannonDistance');
  });
}

test('jensenShannonDistance over PSI bins uses the shares before the epsilon', () => {
  const c = goldenCases('jensenShannon')[0];
  const psi = goldenCases('psi')[0];
  const result = populationStabilityIndex(psi.input.reference, psi.input.current);
  const distance = jensenShannonDistance(result.bins.map((b) => b.referenceShare), result.bins.map((b) => b.currentShare));
  assertClose(distance, c.expected, TOLERANCE.distance, 'jensenShannonDistance of PSI bins');
});

test('jensenShannonDistance is 0 for identical distributions and 1 for disjoint ones (base 2)', () => {
  assert.equal(jensenShannonDistance([1, 2, 3], [2, 4, 6]), 0);
  assert.equal(jensenShannonDistance([1, 0], [0, 1]), 1);
});

test('jensenShannonDistance rejects empty, mismatched, negative, NaN and all-zero vectors', () => {
  assert.throws(() => jensenShannonDistance([], []), /requires at least 1 bin/);
  assert.throws(() => jensenShannonDistance([1], [1, 2]), /vectors of equal length/);
  assert.throws(() => jensenShannonDistance([1, -1], [1, 2]), /non-negative finite weights/);
  assert.throws(() => jensenShannonDistance([1, NaN], [1, 2]), /non-negative finite weights/);
  assert.throws(() => jensenShannonDistance([0, 0], [1, 2]), /positive sum/);
});

test('jensenShannonDistance does not mutate its inputs', () => {
  const p = [2, 2];
  jensenShannonDistance(p, [1, 3]);
  assert.deepEqual(p, [2, 2]);
});

const weights = fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 12 });

test('jensenShannonDistance lies in [0, 1] in base 2 and is symmetric (property)', () => {
  fc.assert(
    fc.property(weights, weights, (p, q) => {
      const k = Math.min(p.length, q.length);
      const a = p.slice(0, k);
      const b = q.slice(0, k);
      fc.pre(a.some((v) => v > 0) && b.some((v) => v > 0));
      const d = jensenShannonDistance(a, b);
      assert.ok(d >= 0 && d <= 1, `${d}`);
      assertClose(jensenShannonDistance(b, a), d, { abs: 1e-12 }, 'symmetry');
    }),
  );
});
