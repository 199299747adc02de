import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chiSquareHomogeneity } from '../../src/core/stats/chiSquareHomogeneity';
import { assertAllClose, assertClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('chiSquare')) {
  test(`chiSquareHomogeneity matches ${c.call} (scipy chi2_contingency, correction=False): ${c.name}`, () => {
    const result = chiSquareHomogeneity(c.input.reference, c.input.current);
    assert.deepEqual(result.categories, c.expected.categories);
    assert.equal(result.dof, c.expected.dof);
    assertAllClose(result.expected[0], c.expected.expected[0], TOLERANCE.statistic, 'chiSquare expected counts');
    assertAllClose(result.expected[1], c.expected.expected[1], TOLERANCE.statistic, 'chiSquare expected counts');
    assertClose(result.statistic, c.expected.statistic, TOLERANCE.statistic, 'chiSquare statistic');
    assertClose(result.pValue, c.expected.pValue, TOLERANCE.pValue, 'chiSquare pValue');
  });
}

test('chiSquareHomogeneity keeps full relative accuracy for a p-value below 1e-50', () => {
  const c = goldenCases('chiSquare').find((x) => x.name.startsWith('tiny'));
  assert.ok(c && c.expected.pValue < 1e-50);
  const { pValue } = chiSquareHomogeneity(c.input.reference, c.input.current);
  assert.ok(Math.abs(pValue - c.expected.pValue) / c.expected.pValue < 1e-9);
});

test('chiSquareHomogeneity of identical shares has statistic 0 and p-value 1', () => {
  const result = chiSquareHomogeneity({ a: 10, b: 20 }, { a: 5, b: 10 });
  assert.equal(result.statistic, 0);
  assert.equal(result.pValue, 1);
});

test('chiSquareHomogeneity leaves out categories counted 0 in both samples', () => {
  const result = chiSquareHomogeneity({ a: 10, b: 20, z: 0 }, { a: 20, b: 10, z: 0 });
  assert.deepEqual(result.categories, ['a', 'b']);
  assert.equal(result.dof, 1);
});

test('chiSquareHomogeneity rejects an empty sample', () => {
  assert.throws(() => chiSquareHomogeneity({}, { a: 1 }), /chiSquareHomogeneity requires at least 1 reference data point/);
  assert.throws(() => chiSquareHomogeneity({ a: 1 }, {}), /chiSquareHomogeneity requires at least 1 current data point/);
});

test('chiSquareHomogeneity rejects NaN and negative counts', () => {
  assert.throws(() => chiSquareHomogeneity({ a: NaN }, { a: 1 }), /non-negative finite counts/);
  assert.throws(() => chiSquareHomogeneity({ a: -2 }, { a: 1 }), /non-negative finite counts/);
});

test('chiSquareHomogeneity does not mutate its inputs', () => {
  const ref = new Map([['a', 3], ['b', 4]]);
  chiSquareHomogeneity(ref, { a: 1, c: 2 });
  assert.deepEqual([...ref], [['a', 3], ['b', 4]]);
});
