import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { PairwiseSumStream, pairwiseSum } from '../../src/core/stats/pairwiseSum';
import { assertClose, goldenCases, TOLERANCE } from './statsGolden';

function inputValues(input: { values?: number[]; length?: number }): Float64Array {
  if (input.values) return Float64Array.from(input.values);
  // make_stats.py's formula: ((i * 7919) % 10007 - 5003) / 977 / (1 + (i % 7) * 1000).
  return Float64Array.from({ length: input.length ?? 0 }, (_, i) => (((i * 7919) % 10007) - 5003) / 977 / (1 + (i % 7) * 1000));
}

for (const c of goldenCases('pairwiseSum')) {
  test(`pairwiseSum equals np.sum bit for bit: ${c.name}`, () => {
    assertClose(pairwiseSum(inputValues(c.input)), c.expected, TOLERANCE.exact, 'pairwiseSum');
  });
}

test('pairwiseSum of an empty input is 0', () => {
  assert.equal(pairwiseSum([]), 0);
});

test('pairwiseSum propagates NaN', () => {
  assert.ok(Number.isNaN(pairwiseSum([1, Number.NaN, 2])));
});

test('pairwiseSum of equal values is exact for integers', () => {
  assert.equal(pairwiseSum(new Array(10000).fill(3)), 30000);
});

test('pairwiseSum does not mutate its input', () => {
  const values = [0.1, 0.2, 0.3];
  pairwiseSum(values);
  assert.deepEqual(values, [0.1, 0.2, 0.3]);
});

test('pairwiseSum stays within rounding of an exact integer sum (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -1e6, max: 1e6 }), { maxLength: 3000 }), (ints) => {
      assert.equal(pairwiseSum(ints), ints.reduce((a, b) => a + b, 0));
    }),
  );
});

test('PairwiseSumStream gives pairwiseSum bit for bit, across 8192-value blocks', () => {
  const values = Array.from({ length: 20_000 }, (_, i) => ((i * 7919) % 10007 - 5003) / 977 / (1 + (i % 7) * 1000));
  for (const n of [0, 5, 8192, 8193, 20_000]) {
    const stream = new PairwiseSumStream();
    for (let i = 0; i < n; i++) stream.add(values[i]);
    assert.equal(stream.total(), pairwiseSum(values.slice(0, n)), `n = ${n}`);
  }
});
