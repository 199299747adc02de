import assert from 'node:assert/strict';
import { test } from 'node:test';
import { missingRate } from '../../src/core/stats/missingRate';
import { assertClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('missingRate')) {
  test(`missingRate matches ${c.call}: ${c.name}`, () => {
    assertClose(missingRate(c.input.values), c.expected, TOLERANCE.statistic, 'missingRate');
  });
}

test('missingRate counts null, undefined, NaN and the empty string', () => {
  assert.equal(missingRate([null, undefined, NaN, '', 0, 'x', false, ' ']), 0.5);
});

test('missingRate is 0 for a complete column and 1 for an empty one', () => {
  assert.equal(missingRate([1, 2]), 0);
  assert.equal(missingRate([NaN, NaN]), 1);
});

test('missingRate rejects an empty input', () => {
  assert.throws(() => missingRate([]), /missingRate requires at least 1 data point/);
});
