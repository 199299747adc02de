// Reference values for src/core/stats from test/golden/stats.json, written by
// test/golden/make_stats.py (scipy 1.10 / scikit-learn 1.2 / statsmodels 0.13 / numpy 1.24).
// Every case carries the exact Python call that produced its expected values.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GoldenCase {
  readonly name: string;
  /** The Python expression (evaluated in make_stats.py) that produced `expected`. */
  readonly call: string;
  // Fixture shapes differ per group; each test reads the fields it knows.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly input: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly expected: any;
}

const NON_FINITE: Record<string, number> = { Infinity: Infinity, '-Infinity': -Infinity, NaN: Number.NaN };

const fixture = JSON.parse(
  readFileSync(join(__dirname, '../golden/stats.json'), 'utf8'),
  (_key, value) => (typeof value === 'string' && value in NON_FINITE ? NON_FINITE[value] : value),
) as { cases: Record<string, GoldenCase[]> };

/** The golden cases of one group, e.g. `goldenCases('psi')`. */
export function goldenCases(group: string): GoldenCase[] {
  const cases = fixture.cases[group];
  assert.ok(cases && cases.length > 0, `no golden cases for '${group}' in test/golden/stats.json`);
  return cases;
}

/** Agreement required by STATS.md. */
export const TOLERANCE = {
  /** Statistics: 1e-12 absolute. */
  statistic: { abs: 1e-12 },
  /** Distances: 1e-9 relative. */
  distance: { rel: 1e-9 },
  /** p-values: 1e-9 absolute or 1e-6 relative, whichever is looser. */
  pValue: { abs: 1e-9, rel: 1e-6 },
  /** Bit-for-bit. */
  exact: { abs: 0 },
} as const;

export interface Tolerance {
  readonly abs?: number;
  readonly rel?: number;
}

const worst = new Map<string, { abs: number; rel: number }>();
if (process.env.GRADIENT_STATS_REPORT) {
  process.on('exit', () => {
    for (const [label, e] of [...worst].sort()) console.log(`${label}\tabs ${e.abs.toExponential(2)}\trel ${e.rel.toExponential(2)}`);
  });
}

/**
 * Asserts |actual − expected| <= abs or <= rel · |expected| (either suffices). Equal non-finite
 * values match. With GRADIENT_STATS_REPORT=1 the largest error per `label` is printed at exit.
 */
export function assertClose(actual: number, expected: number, tolerance: Tolerance, label: string): void {
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) {
    assert.ok(Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected)), `${label}: ${actual} !== ${expected}`);
    return;
  }
  const abs = Math.abs(actual - expected);
  const rel = expected === 0 ? (abs === 0 ? 0 : Infinity) : abs / Math.abs(expected);
  const key = label.replace(/\[\d+\]/g, '').replace(/ @ .*$/, '');
  const seen = worst.get(key) ?? { abs: 0, rel: 0 };
  worst.set(key, { abs: Math.max(seen.abs, abs), rel: Math.max(seen.rel, rel) });
  const ok = (tolerance.abs !== undefined && abs <= tolerance.abs) || (tolerance.rel !== undefined && rel <= tolerance.rel);
  assert.ok(ok, `${label}: got ${actual}, expected ${expected} (abs ${abs}, rel ${rel}; tolerance ${JSON.stringify(tolerance)})`);
}

/** assertClose over two arrays of equal length. */
export function assertAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: Tolerance,
  label: string,
): void {
  assert.equal(actual.length, expected.length, `${label}: length ${actual.length} !== ${expected.length}`);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i], expected[i], tolerance, `${label}[${i}]`);
}
