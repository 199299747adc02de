import assert from 'node:assert/strict';
import { test } from 'node:test';
import { increasingRoot } from '../../src/core/stats/increasingRoot';

test('increasingRoot finds √2 as the root of x² − 2 on [0, 2] in a few evaluations', () => {
  let evaluations = 0;
  const root = increasingRoot((x) => (evaluations++, x * x - 2), 0, 2);
  assert.ok(Math.abs(root - Math.SQRT2) < 1e-12);
  assert.ok(root * root - 2 >= 0, 'the end returned satisfies f >= 0');
  assert.ok(evaluations < 20, `${evaluations} evaluations`);
});

test('increasingRoot handles a flat-then-steep function and an infinite end', () => {
  assert.ok(Math.abs(increasingRoot((x) => Math.exp(50 * (x - 0.7)) - 1, 0, 1) - 0.7) < 1e-12);
  assert.ok(Math.abs(increasingRoot((x) => (x >= 0.999 ? Infinity : Math.log(x / 0.3)), 0.01, 1) - 0.3) < 1e-12);
});

test('increasingRoot refuses a bracket without a sign change', () => {
  assert.throws(() => increasingRoot((x) => x + 1, 0, 1), /f\(lo\) < 0 <= f\(hi\)/);
});
