import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kolmogorovSurvival } from '../../src/core/stats/kolmogorov';
import { ksTwoSampleCriticalDistance } from '../../src/core/stats/ksTwoSample';
import { assertClose, goldenCases } from './statsGolden';

const effectiveN = (n1: number, n2: number) => Math.max(1, Math.round((n1 * n2) / (n1 + n2)));

for (const c of goldenCases('ksTwoSampleCriticalDistance')) {
  test(`ksTwoSampleCriticalDistance(${c.input.n1}, ${c.input.n2}, ${c.input.alpha}) agrees with scipy ${c.call} = ${c.expected}`, () => {
    // scipy's isf stops its root search at about 1e-7 relative (kstwo.sf at its answer is off by
    // up to 3e-6 relative); ours is the exact root of the same survival function.
    assertClose(ksTwoSampleCriticalDistance(c.input.n1, c.input.n2, c.input.alpha), c.expected, { rel: 1e-6 }, 'kstwo.isf');
  });
}

test('ksTwoSampleCriticalDistance is the smallest distance whose p-value is at most alpha, exactly up to n = 140', () => {
  // Up to n = 140 kstwo's cdf and sf come from one computation, so the root is exact.
  for (const [n1, n2] of [[20, 1000], [300, 250], [200, 200]]) {
    const d = ksTwoSampleCriticalDistance(n1, n2, 0.01);
    const n = effectiveN(n1, n2);
    assert.ok(kolmogorovSurvival(n, d) <= 0.01 * (1 + 1e-9), `${n1} vs ${n2}: significant at ${d}`);
    assert.ok(kolmogorovSurvival(n, d * (1 - 1e-10)) > 0.01, `${n1} vs ${n2}: not significant just below ${d}`);
  }
});

test('above n = 140 the p-value at the critical distance is alpha to 1e-4 (Pelz-Good cdf beside Miller sf)', () => {
  for (const [n1, n2, alpha] of [[282, 282, 0.01], [1000, 1000, 0.01], [20_000, 20_000, 0.05], [1_000_000, 1_000_000, 0.01], [5000, 5000, 1e-6]]) {
    const p = kolmogorovSurvival(effectiveN(n1, n2), ksTwoSampleCriticalDistance(n1, n2, alpha));
    assert.ok(Math.abs(p / alpha - 1) < 1e-4, `${n1} vs ${n2} at ${alpha}: p ${p}`);
  }
});

test('below alpha = 1e-9 the upper tail is solved directly, to 1e-9 relative', () => {
  for (const alpha of [1e-10, 1e-15, 1e-30]) {
    const d = ksTwoSampleCriticalDistance(5000, 5000, alpha);
    const p = kolmogorovSurvival(2500, d);
    assert.ok(Math.abs(p / alpha - 1) < 1e-9, `alpha ${alpha}: p ${p} at ${d}`);
  }
  // the two solutions meet at the switch, as far as Miller and Pelz-Good agree out there
  const below = ksTwoSampleCriticalDistance(5000, 5000, 1e-9 * (1 - 1e-12));
  const above = ksTwoSampleCriticalDistance(5000, 5000, 1e-9);
  assert.ok(Math.abs(below / above - 1) < 1e-5, `${below} vs ${above}`);
});

test('about c(alpha) · sqrt((n1 + n2) / (n1 n2)) with c(0.01) = 1.628 for large samples (STATS.md)', () => {
  const d = ksTwoSampleCriticalDistance(100_000, 100_000, 0.01);
  assert.ok(Math.abs(d - 1.628 * Math.sqrt(2 / 100_000)) < 1e-4, `${d}`);
});

test('ksTwoSampleCriticalDistance rejects impossible arguments', () => {
  assert.throws(() => ksTwoSampleCriticalDistance(0, 5, 0.01), /at least 1/);
  assert.throws(() => ksTwoSampleCriticalDistance(5, 5, 1), /0 < alpha < 1/);
});
