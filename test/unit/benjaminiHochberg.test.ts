import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { benjaminiHochberg } from '../../src/core/stats/benjaminiHochberg';
import { assertAllClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('multipleTesting')) {
  test(`benjaminiHochberg matches multipletests(p, method='fdr_bh')[1]: ${c.name}`, () => {
    assertAllClose(benjaminiHochberg(c.input.p), c.expected.benjaminiHochberg, TOLERANCE.pValue, 'benjaminiHochberg');
  });
}

test('benjaminiHochberg gives tied p-values the same adjusted value', () => {
  const adjusted = benjaminiHochberg([0.04, 0.01, 0.04]);
  assert.equal(adjusted[0], adjusted[2]);
});

test('benjaminiHochberg of no p-values is empty', () => {
  assert.deepEqual(benjaminiHochberg([]), []);
});

test('benjaminiHochberg rejects NaN and values outside [0, 1]', () => {
  assert.throws(() => benjaminiHochberg([NaN]), /benjaminiHochberg requires p-values in \[0, 1\]/);
  assert.throws(() => benjaminiHochberg([-0.1]), /benjaminiHochberg requires p-values in \[0, 1\]/);
});

test('benjaminiHochberg does not mutate its input', () => {
  const p = [0.3, 0.01, 0.2];
  benjaminiHochberg(p);
  assert.deepEqual(p, [0.3, 0.01, 0.2]);
});

test('benjaminiHochberg-adjusted p-values are >= raw, <= 1, monotone in the raw p and <= Bonferroni (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 50 }), (p) => {
      const adjusted = benjaminiHochberg(p);
      p.forEach((pi, i) => {
        assert.ok(adjusted[i] >= pi && adjusted[i] <= 1);
        // statsmodels divides by the rounded rank / m, so allow rounding against p · m.
        assert.ok(adjusted[i] <= Math.min(1, pi * p.length) * (1 + 1e-12));
        p.forEach((pj, j) => pi <= pj && assert.ok(adjusted[i] <= adjusted[j]));
      });
    }),
  );
});
