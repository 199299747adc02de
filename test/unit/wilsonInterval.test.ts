import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wilsonInterval } from '../../src/core/stats/wilsonInterval';
import { assertClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('wilsonInterval')) {
  test(`wilsonInterval matches scipy ${c.call}: [${c.expected.lower}, ${c.expected.upper}]`, () => {
    const interval = wilsonInterval(c.input.k, c.input.n, c.input.level);
    assertClose(interval.lower, c.expected.lower, TOLERANCE.statistic, 'wilson lower');
    assertClose(interval.upper, c.expected.upper, TOLERANCE.statistic, 'wilson upper');
  });
}

test('wilsonInterval is exactly 0 with no success and exactly 1 with no failure, as scipy', () => {
  assert.equal(wilsonInterval(0, 7, 0.99).lower, 0);
  assert.equal(wilsonInterval(7, 7, 0.99).upper, 1);
});

test('wilsonInterval narrows as trials grow and widens with the level', () => {
  const width = (k: number, n: number, level: number) => {
    const { lower, upper } = wilsonInterval(k, n, level);
    return upper - lower;
  };
  assert.ok(width(80, 100, 0.99) > width(800, 1000, 0.99));
  assert.ok(width(80, 100, 0.99) > width(80, 100, 0.95));
});

test('wilsonInterval rejects impossible counts', () => {
  assert.throws(() => wilsonInterval(1, 0), /at least 1 trial/);
  assert.throws(() => wilsonInterval(5, 4), /0 <= successes <= trials/);
  assert.throws(() => wilsonInterval(1, 4, 1), /0 < level < 1/);
});
