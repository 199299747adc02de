import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { regularizedGammaUpper } from '../../src/core/stats/regularizedGammaUpper';
import { assertClose, goldenCases, TOLERANCE } from './statsGolden';

const [grid] = goldenCases('regularizedGammaUpper');

test(`regularizedGammaUpper matches ${grid.call} on ${grid.input.a.length} points (${grid.name})`, () => {
  grid.input.a.forEach((a: number, i: number) => {
    const x: number = grid.input.x[i];
    assertClose(regularizedGammaUpper(a, x), grid.expected[i], TOLERANCE.pValue, `regularizedGammaUpper @ (${a}, ${x})`);
  });
});

test('regularizedGammaUpper keeps 1e-9 relative accuracy in the far upper tail', () => {
  grid.input.a.forEach((a: number, i: number) => {
    const expected: number = grid.expected[i];
    if (expected > 0 && expected < 1e-20) {
      const actual = regularizedGammaUpper(a, grid.input.x[i]);
      assert.ok(Math.abs(actual - expected) / expected < 1e-9, `Q(${a}, ${grid.input.x[i]}) = ${actual}, scipy ${expected}`);
    }
  });
});

test('regularizedGammaUpper(1, x) is exp(-x)', () => {
  for (const x of [0.1, 1, 2, 10, 100]) assertClose(regularizedGammaUpper(1, x), Math.exp(-x), { rel: 1e-14 }, 'Q(1, x)');
});

test('regularizedGammaUpper handles x = 0, x = Infinity and NaN', () => {
  assert.equal(regularizedGammaUpper(2, 0), 1);
  assert.equal(regularizedGammaUpper(2, Infinity), 0);
  assert.ok(Number.isNaN(regularizedGammaUpper(NaN, 1)));
  assert.ok(Number.isNaN(regularizedGammaUpper(1, NaN)));
});

test('regularizedGammaUpper rejects a <= 0 and x < 0', () => {
  assert.throws(() => regularizedGammaUpper(0, 1), /requires a > 0/);
  assert.throws(() => regularizedGammaUpper(1, -1), /requires x >= 0/);
});

test('regularizedGammaUpper lies in [0, 1] and decreases in x (property)', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0.01, max: 500, noNaN: true }),
      fc.double({ min: 0, max: 2000, noNaN: true }),
      fc.double({ min: 0, max: 2000, noNaN: true }),
      (a, x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const qLo = regularizedGammaUpper(a, lo);
        const qHi = regularizedGammaUpper(a, hi);
        assert.ok(qLo >= 0 && qLo <= 1 && qHi >= 0 && qHi <= 1);
        assert.ok(qHi <= qLo + 1e-12);
      },
    ),
  );
});
