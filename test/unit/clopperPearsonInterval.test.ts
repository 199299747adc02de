import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clopperPearsonInterval } from '../../src/core/stats/clopperPearsonInterval';
import { regularizedBeta } from '../../src/core/stats/regularizedBeta';
import { assertClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('clopperPearsonInterval')) {
  test(`clopperPearsonInterval matches scipy ${c.call}: [${c.expected.lower}, ${c.expected.upper}]`, () => {
    const interval = clopperPearsonInterval(c.input.k, c.input.n, c.input.level);
    // A bound is a root of the binomial tail: 1e-9 relative, STATS.md's tolerance for distances.
    assertClose(interval.lower, c.expected.lower, { abs: 1e-15, rel: 1e-9 }, 'clopper-pearson lower');
    assertClose(interval.upper, c.expected.upper, { abs: 1e-15, rel: 1e-9 }, 'clopper-pearson upper');
  });
}

for (const c of goldenCases('regularizedBeta')) {
  test(`regularizedBeta matches scipy ${c.call} = ${c.expected}`, () => {
    // A probability: STATS.md's p-value tolerance.
    assertClose(regularizedBeta(c.input.x, c.input.a, c.input.b), c.expected, TOLERANCE.pValue, 'betainc');
  });
}

test('regularizedBeta keeps full precision with one huge parameter: I_x(2, 50000) at 1e-5 = 0.0902062849333440192 (closed form)', () => {
  // I_x(2, b) = 1 − (1 − x)^(b + 1) − (b + 1) x (1 − x)^b, evaluated with Python's Decimal at 50 digits;
  // scipy.special.betainc gives 0.09020628492781514, 6e-11 off.
  assertClose(regularizedBeta(1e-5, 2, 50000), 0.09020628493334402, { rel: 1e-14 }, 'betainc exact');
});

test('one wrong prediction at 99% cannot exclude any confidence above 0.005: [0, 0.995]', () => {
  const { lower, upper } = clopperPearsonInterval(0, 1, 0.99);
  assert.equal(lower, 0);
  assert.ok(Math.abs(upper - 0.995) < 1e-12);
});

test('clopperPearsonInterval covers at least its level (exact binomial sums, n = 30, every p on a grid)', () => {
  const n = 30;
  const intervals = Array.from({ length: n + 1 }, (_, k) => clopperPearsonInterval(k, n, 0.9));
  for (let p = 0.01; p < 1; p += 0.01) {
    let coverage = 0;
    let pmf = (1 - p) ** n;
    for (let k = 0; k <= n; k++) {
      if (intervals[k].lower <= p && p <= intervals[k].upper) coverage += pmf;
      pmf *= ((n - k) / (k + 1)) * (p / (1 - p));
    }
    assert.ok(coverage >= 0.9 - 1e-12, `coverage ${coverage} at p = ${p.toFixed(2)}`);
  }
});

test('clopperPearsonInterval rejects impossible counts', () => {
  assert.throws(() => clopperPearsonInterval(1, 0), /at least 1 trial/);
  assert.throws(() => clopperPearsonInterval(5, 4), /between 0 and trials/);
  assert.throws(() => clopperPearsonInterval(1.5, 4), /whole number/);
  assert.throws(() => clopperPearsonInterval(1, 4, 1), /0 < level < 1/);
  assert.throws(() => regularizedBeta(0.5, 0, 1), /a > 0 and b > 0/);
});
