import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chiSquareCriticalValue } from '../../src/core/stats/chiSquareCriticalValue';
import { regularizedGammaUpper } from '../../src/core/stats/regularizedGammaUpper';
import { assertClose, goldenCases } from './statsGolden';

for (const c of goldenCases('chiSquareCriticalValue')) {
  test(`chiSquareCriticalValue matches scipy ${c.call} = ${c.expected}`, () => {
    // A critical value inherits the survival function's relative accuracy divided by the density
    // slope; 1e-9 relative is STATS.md's distance tolerance.
    assertClose(chiSquareCriticalValue(c.input.dof, c.input.alpha), c.expected, { rel: 1e-9 }, 'chi2.isf');
  });
}

test('chiSquareCriticalValue is the root of the survival function, to adjacent doubles', () => {
  for (const [dof, alpha] of [[9, 0.01], [1, 0.05], [30, 0.2]]) {
    const x = chiSquareCriticalValue(dof, alpha);
    const above = regularizedGammaUpper(dof / 2, x / 2);
    assert.ok(Math.abs(above - alpha) <= 1e-14, `Q(${dof}/2, x/2) = ${above}, alpha ${alpha}`);
  }
});

test('chiSquareCriticalValue grows as alpha shrinks and rejects bad arguments', () => {
  assert.ok(chiSquareCriticalValue(9, 0.001) > chiSquareCriticalValue(9, 0.01));
  assert.throws(() => chiSquareCriticalValue(0, 0.01), /dof > 0/);
  assert.throws(() => chiSquareCriticalValue(3, 1), /0 < alpha < 1/);
  assert.throws(() => chiSquareCriticalValue(3, 0), /0 < alpha < 1/);
});
