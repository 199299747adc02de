// Two-sample Kolmogorov-Smirnov test against SciPy 1.10. Reference values: test/golden/ks.json,
// written by `/usr/bin/python3 test/golden/make_ks.py`; each case names the exact call
// (scipy.stats.ks_2samp(a, b), two-sided, method='auto' unless stated).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ksTwoSample, ksTwoSampleSorted, type KsTwoSampleResult } from '../../src/core/stats/ksTwoSample';

type Method = 'exact' | 'asymptotic';
interface Expected {
  statistic: number;
  pvalue: number;
  method: Method;
}
interface Golden {
  twoSample: (Expected & {
    name: string;
    call: string;
    options: { method: 'auto' | 'exact' | 'asymptotic' };
    a: number[];
    b: number[];
  })[];
  lattice: { call: string; cases: (Expected & { n: number; h: number })[] };
  weyl: {
    alpha: number;
    beta: number;
    cases: (Expected & { name: string; n: number; shift: number })[];
  };
}
const golden = JSON.parse(
  readFileSync(new URL('../golden/ks.json', import.meta.url), 'utf8'),
) as Golden;

/** Largest absolute and relative (where the reference is >= 1e-300) disagreement, per method. */
class Disagreement {
  private readonly worst = new Map<string, { abs: number; rel: number }>();
  add(key: string, actual: number, expected: number): void {
    const w = this.worst.get(key) ?? { abs: 0, rel: 0 };
    const error = Math.abs(actual - expected);
    w.abs = Math.max(w.abs, error);
    if (Math.abs(expected) >= 1e-300) w.rel = Math.max(w.rel, error / Math.abs(expected));
    this.worst.set(key, w);
  }
  toString(): string {
    return [...this.worst]
      .map(([k, w]) => `${k}: max |diff| ${w.abs.toExponential(2)}, max relative ${w.rel.toExponential(2)}`)
      .join('; ');
  }
}

/** STATS.md: statistic to 1e-12 absolute; p to 1e-9 absolute or 1e-6 relative (the looser). */
function assertMatches(actual: KsTwoSampleResult, expected: Expected, label: string): void {
  assert.equal(actual.method, expected.method, `${label}: method`);
  assert.ok(
    Math.abs(actual.statistic - expected.statistic) <= 1e-12,
    `${label}: statistic ${actual.statistic}, scipy ${expected.statistic}`,
  );
  const error = Math.abs(actual.pValue - expected.pvalue);
  assert.ok(
    error <= 1e-9 || error <= 1e-6 * expected.pvalue,
    `${label}: p ${actual.pValue}, scipy ${expected.pvalue} (|diff| ${error})`,
  );
}

function weyl(n: number, multiplier: number, shift: number): Float64Array {
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = ((i + 1) * multiplier) % 1;
    v[i] = shift ? u * (1 - shift) + shift : u;
  }
  return v;
}

describe('ksTwoSample matches scipy.stats.ks_2samp', () => {
  test(`${golden.twoSample.length} stored samples: statistic, p-value and method`, (t) => {
    const worst = new Disagreement();
    for (const c of golden.twoSample) {
      const result = ksTwoSample(c.a, c.b, { method: c.options.method });
      assertMatches(result, c, `${c.name} (${c.call})`);
      worst.add(`statistic/${c.method}`, result.statistic, c.statistic);
      worst.add(`p/${c.method}`, result.pValue, c.pvalue);
    }
    t.diagnostic(worst.toString());
  });

  test(`equal sizes on the lattice d = h/n (${golden.lattice.cases.length} cases): SciPy's fallback to asymptotic when the exact sum rounds above 1`, (t) => {
    const worst = new Disagreement();
    let fallbacks = 0;
    for (const c of golden.lattice.cases) {
      const a = Array.from({ length: c.n }, (_, i) => i);
      const b = a.map((v) => v + c.h - 0.5);
      const result = ksTwoSample(a, b);
      assertMatches(result, c, `n=${c.n} h=${c.h}`);
      worst.add(`p/${c.method}`, result.pValue, c.pvalue);
      if (c.method === 'asymptotic') fallbacks++;
    }
    assert.ok(fallbacks > 50, 'the fixture exercises the fallback');
    t.diagnostic(`${fallbacks} fallbacks; ${worst}`);
  });

  test('millions of values (Weyl sequences): asymptotic p-values for N = 500 000 and 1 050 000', (t) => {
    const worst = new Disagreement();
    for (const c of golden.weyl.cases) {
      const started = performance.now();
      const result = ksTwoSample(weyl(c.n, golden.weyl.alpha, 0), weyl(c.n, golden.weyl.beta, c.shift));
      const ms = performance.now() - started;
      assertMatches(result, c, c.name);
      worst.add('statistic', result.statistic, c.statistic);
      worst.add('p', result.pValue, c.pvalue);
      t.diagnostic(`${c.name}: ${ms.toFixed(0)} ms`);
    }
    t.diagnostic(worst.toString());
  });

  test('documentation examples', () => {
    assert.deepEqual(ksTwoSample([1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8]), {
      statistic: 0.5,
      pValue: 0.35714285714285715,
      method: 'exact',
      n1: 5,
      n2: 6,
    });
    assert.deepEqual(ksTwoSampleSorted([1, 2, 3], [1.5, 2.5, 3.5, 4.5]), {
      statistic: 0.5,
      pValue: 0.6571428571428571,
      method: 'exact',
      n1: 3,
      n2: 4,
    });
  });
});

describe('contracts', () => {
  const reference = golden.twoSample.find((c) => c.name === '100x37')!;

  test('statistic and p-value are symmetric in the two samples', () => {
    for (const c of golden.twoSample.filter((x) => x.a.length + x.b.length < 30000)) {
      const ab = ksTwoSample(c.a, c.b, { method: c.options.method });
      const ba = ksTwoSample(c.b, c.a, { method: c.options.method });
      assert.equal(ba.statistic, ab.statistic, c.name);
      assert.equal(ba.pValue, ab.pValue, c.name);
      assert.equal(ba.method, ab.method, c.name);
    }
  });

  test('inputs are never mutated (number[] and Float64Array)', () => {
    const a = [...reference.a];
    const b = Float64Array.from(reference.b);
    const aBefore = [...a];
    const bBefore = Float64Array.from(b);
    ksTwoSample(a, b);
    assert.deepEqual(a, aBefore);
    assert.deepEqual(b, bBefore);
  });

  test('works the same on Float64Array and number[]', () => {
    const fromArrays = ksTwoSample(reference.a, reference.b);
    const fromTyped = ksTwoSample(Float64Array.from(reference.a), Float64Array.from(reference.b));
    assert.deepEqual(fromTyped, fromArrays);
  });

  test('ksTwoSampleSorted on sorted copies equals ksTwoSample', () => {
    const a = Float64Array.from(reference.a).sort();
    const b = Float64Array.from(reference.b).sort();
    assert.deepEqual(ksTwoSampleSorted(a, b), ksTwoSample(reference.a, reference.b));
  });

  test('empty samples are rejected', () => {
    assert.throws(() => ksTwoSample([], [1]), /ksTwoSample requires at least 1 data point in each sample/);
    assert.throws(() => ksTwoSample([1], new Float64Array(0)), /ksTwoSample requires at least 1 data point/);
    assert.throws(() => ksTwoSampleSorted([1], []), /ksTwoSampleSorted requires at least 1 data point/);
  });

  test('NaN and infinite values are rejected', () => {
    assert.throws(() => ksTwoSample([1, NaN], [1]), /ksTwoSample requires finite values/);
    assert.throws(() => ksTwoSample([1], [Infinity]), /ksTwoSample requires finite values/);
    assert.throws(() => ksTwoSample(new Float64Array([-Infinity]), [1]), /ksTwoSample requires finite values/);
    assert.throws(() => ksTwoSampleSorted([1, NaN], [1]), /ksTwoSampleSorted requires finite values/);
  });

  test('ksTwoSampleSorted rejects unsorted input', () => {
    assert.throws(() => ksTwoSampleSorted([2, 1], [1]), /ksTwoSampleSorted requires values sorted in ascending order/);
  });

  test('an exact statistic lies on the lattice h / lcm(n1, n2)', () => {
    const r = ksTwoSample(reference.a, reference.b);
    const lcm = 3700; // lcm(100, 37)
    assert.equal(r.method, 'exact');
    assert.equal(r.statistic, Math.round(r.statistic * lcm) / lcm);
  });
});

describe('properties (fast-check)', () => {
  const value = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
    fc.integer({ min: -3, max: 3 }), // ties
  );
  const sample = fc.array(value, { minLength: 1, maxLength: 60 });

  test('statistic in [0, 1] and symmetric, p in [0, 1]', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const ab = ksTwoSample(a, b);
        const ba = ksTwoSample(b, a);
        return (
          ab.statistic >= 0 &&
          ab.statistic <= 1 &&
          ab.pValue >= 0 &&
          ab.pValue <= 1 &&
          ab.statistic === ba.statistic &&
          ab.pValue === ba.pValue
        );
      }),
      { numRuns: 300 },
    );
  });

  test('identical samples give statistic 0 and p 1', () => {
    fc.assert(
      fc.property(sample, (a) => {
        const r = ksTwoSample(a, [...a].reverse());
        return r.statistic === 0 && r.pValue === 1;
      }),
      { numRuns: 200 },
    );
  });

  test('larger samples (asymptotic branch too): statistic and p stay in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12000 }),
        fc.integer({ min: 1, max: 12000 }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (n1, n2, shift) => {
          const a = Float64Array.from({ length: n1 }, (_, i) => ((i + 1) * 0.6180339887498949) % 1);
          const b = Float64Array.from({ length: n2 }, (_, i) => (((i + 1) * 0.4142135623730951) % 1) + shift);
          const r = ksTwoSample(a, b);
          return r.statistic >= 0 && r.statistic <= 1 && r.pValue >= 0 && r.pValue <= 1;
        },
      ),
      { numRuns: 40 },
    );
  });
});
