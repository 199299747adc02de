import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPValues } from '../../src/core/stats/checkPValues';

test('checkPValues accepts 0, 1 and everything between', () => {
  assert.doesNotThrow(() => checkPValues([0, 0.5, 1], 'caller'));
});

test('checkPValues names the caller, the value and its position', () => {
  assert.throws(() => checkPValues([0.5, 2], 'bonferroni'), /^Error: bonferroni requires p-values in \[0, 1\] \(got 2 at 1\)$/);
  assert.throws(() => checkPValues([NaN], 'x'), /got NaN at 0/);
});
