import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extremeValues } from '../../src/core/stats/extremeValues';
import { assertClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('extremeValues')) {
  test(`extremeValues matches pandas (${c.call}): ${c.name}`, () => {
    const result = extremeValues(c.input.reference, c.input.current, { sigmas: c.input.sigmas });
    assertClose(result.mean, c.expected.mean, TOLERANCE.statistic, 'extremeValues mean');
    assertClose(result.standardDeviation, c.expected.standardDeviation, TOLERANCE.statistic, 'extremeValues sd');
    assert.equal(result.beyondSigmas, c.expected.beyondSigmas);
    assert.equal(result.outsideRange, c.expected.outsideRange);
    assert.deepEqual(result.examples.map((e) => e.index), c.expected.exampleIndices);
    assert.equal(result.min, c.expected.min);
    assert.equal(result.max, c.expected.max);
  });
}

test('extremeValues uses the sample standard deviation (ddof 1)', () => {
  assert.equal(extremeValues([1, 2, 3, 4, 5], [3]).standardDeviation, Math.sqrt(2.5));
});

test('extremeValues with an all-equal reference flags every different value', () => {
  const result = extremeValues([2, 2, 2], [2, 2.5, 1]);
  assert.equal(result.beyondSigmas, 2);
  assert.equal(result.outsideRange, 2);
  assert.equal(result.examples[0].zScore, Infinity);
});

test('extremeValues ignores NaN and infinities as missing but keeps input positions', () => {
  const result = extremeValues([1, 2, NaN, 3, 4, 5], [NaN, 40]);
  assert.equal(result.checked, 1);
  assert.deepEqual(result.examples.map((e) => e.index), [1]);
});

test('extremeValues rejects fewer than 2 reference values', () => {
  assert.throws(() => extremeValues([1, NaN], [1]), /extremeValues requires at least 2 reference data points/);
});

test('extremeValues caps the examples at maxExamples', () => {
  assert.equal(extremeValues([0, 1], [50, 60, 70], { maxExamples: 2 }).examples.length, 2);
});

test('extremeValues does not mutate its inputs', () => {
  const reference = [5, 1, 3];
  extremeValues(reference, [2]);
  assert.deepEqual(reference, [5, 1, 3]);
});
