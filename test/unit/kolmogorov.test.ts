// Kolmogorov distribution against SciPy 1.10. Reference values: test/golden/ks.json, written by
// `/usr/bin/python3 test/golden/make_ks.py` (scipy.stats.kstwo.sf / .cdf, scipy.special.smirnov,
// scipy.special.kolmogorov).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  kolmogorovCdf,
  kolmogorovLimitSurvival,
  kolmogorovSurvival,
  smirnovSurvival,
} from '../../src/core/stats/kolmogorov';

interface Golden {
  kstwo: { cases: { n: number; d: number; sf: number; cdf: number }[] };
  smirnov: { cases: { n: number; d: number; sf: number }[] };
  kolmogorov: { cases: { x: number; sf: number }[] };
}
const golden = JSON.parse(
  readFileSync(new URL('../golden/ks.json', import.meta.url), 'utf8'),
) as Golden;

/** STATS.md: p-values to 1e-9 absolute or 1e-6 relative, whichever is looser. */
function assertProbability(actual: number, expected: number, label: string): void {
  const error = Math.abs(actual - expected);
  const ok = error <= 1e-9 || error <= 1e-6 * Math.abs(expected);
  assert.ok(ok, `${label}: got ${actual}, scipy ${expected} (|diff| ${error})`);
}

/** Largest absolute and relative (where the reference is >= 1e-300) disagreement. */
class Disagreement {
  absolute = 0;
  relative = 0;
  add(actual: number, expected: number): void {
    const error = Math.abs(actual - expected);
    this.absolute = Math.max(this.absolute, error);
    if (Math.abs(expected) >= 1e-300) this.relative = Math.max(this.relative, error / Math.abs(expected));
  }
  toString(): string {
    return `max |diff| ${this.absolute.toExponential(2)}, max relative ${this.relative.toExponential(2)}`;
  }
}

describe('kolmogorovSurvival / kolmogorovCdf match scipy.stats.kstwo', () => {
  // Each point is computed once; the large-n upper tail sums up to n terms.
  const computed = golden.kstwo.cases.map((c) => ({
    ...c,
    mySf: kolmogorovSurvival(c.n, c.d),
    myCdf: kolmogorovCdf(c.n, c.d),
  }));

  test(`survival matches kstwo.sf on ${golden.kstwo.cases.length} (n, d) points in every region`, (t) => {
    const worst = new Disagreement();
    for (const c of computed) {
      assertProbability(c.mySf, c.sf, `kstwo.sf(${c.d}, ${c.n})`);
      worst.add(c.mySf, c.sf);
    }
    t.diagnostic(`kstwo.sf: ${worst}`);
  });

  test('distribution function matches kstwo.cdf on the same points', (t) => {
    const worst = new Disagreement();
    for (const c of computed) {
      assertProbability(c.myCdf, c.cdf, `kstwo.cdf(${c.d}, ${c.n})`);
      worst.add(c.myCdf, c.cdf);
    }
    t.diagnostic(`kstwo.cdf: ${worst}`);
  });

  test('the upper tail keeps relative accuracy where 1 - cdf would be 0', () => {
    const tiny = computed.filter((c) => c.sf > 1e-300 && c.sf < 1e-20);
    assert.ok(tiny.length > 20, 'fixture has tiny upper tails');
    for (const c of tiny) {
      assert.ok(Math.abs(c.mySf - c.sf) <= 1e-9 * c.sf, `kstwo.sf(${c.d}, ${c.n}) = ${c.mySf}, scipy ${c.sf}`);
    }
  });

  test('the lower tail keeps relative accuracy where 1 - sf would be 0', () => {
    const tiny = computed.filter((c) => c.cdf > 1e-300 && c.cdf < 1e-20);
    assert.ok(tiny.length > 10, 'fixture has tiny lower tails');
    for (const c of tiny) {
      assert.ok(Math.abs(c.myCdf - c.cdf) <= 1e-9 * c.cdf, `kstwo.cdf(${c.d}, ${c.n}) = ${c.myCdf}, scipy ${c.cdf}`);
    }
  });

  test('survival and distribution function sum to 1 and stay in [0, 1]', () => {
    for (const c of computed) {
      assert.ok(c.mySf >= 0 && c.mySf <= 1 && c.myCdf >= 0 && c.myCdf <= 1);
      assert.ok(Math.abs(c.mySf + c.myCdf - 1) < 1e-6, `n=${c.n} d=${c.d}: sf ${c.mySf} + cdf ${c.myCdf}`);
    }
  });
});

describe('smirnovSurvival matches scipy.special.smirnov', () => {
  test(`${golden.smirnov.cases.length} (n, d) points, n = 1 .. 1 000 001`, (t) => {
    const worst = new Disagreement();
    for (const c of golden.smirnov.cases) {
      const sf = smirnovSurvival(c.n, c.d);
      assertProbability(sf, c.sf, `smirnov(${c.n}, ${c.d})`);
      worst.add(sf, c.sf);
    }
    t.diagnostic(`smirnov: ${worst}`);
  });
});

describe('kolmogorovLimitSurvival matches scipy.special.kolmogorov', () => {
  test(`${golden.kolmogorov.cases.length} points on both sides of the series switch`, () => {
    for (const c of golden.kolmogorov.cases) {
      const sf = kolmogorovLimitSurvival(c.x);
      assert.ok(Math.abs(sf - c.sf) <= 1e-15 + 1e-13 * c.sf, `kolmogorov(${c.x}) = ${sf}, scipy ${c.sf}`);
    }
  });
});

describe('contracts', () => {
  test('closed forms: n = 1 gives P(D_1 <= d) = 2d - 1, and D_n <= 1/(2n) never happens', () => {
    assert.equal(kolmogorovCdf(1, 0.75), 0.5);
    assert.equal(kolmogorovSurvival(1, 0.75), 0.5);
    assert.equal(kolmogorovCdf(10, 0.05), 0);
    assert.equal(kolmogorovSurvival(10, 0.05), 1);
  });

  test('literal values from the documentation examples', () => {
    assert.equal(smirnovSurvival(10, 0.3), 0.13546355559999995);
    assert.equal(kolmogorovCdf(10, 0.3), 0.7294644252000005);
    assert.equal(kolmogorovSurvival(10, 0.3), 0.27053557479999946);
    assert.equal(kolmogorovLimitSurvival(1), 0.26999967167735456);
  });

  test('survival is non-increasing in d for fixed n', () => {
    for (const [n, steps] of [[3, 400], [10, 400], [50, 400], [140, 400], [141, 400], [1000, 400], [20000, 400], [200000, 100]]) {
      let previous = 1;
      for (let i = 0; i <= steps; i++) {
        const d = i / steps;
        const sf = kolmogorovSurvival(n, d);
        assert.ok(sf <= previous + 1e-7, `n=${n}: sf(${d}) = ${sf} > ${previous}`);
        previous = sf;
      }
    }
  });

  test('outside (0, 1): survival 1 below, 0 above; NaN d gives NaN', () => {
    assert.equal(kolmogorovSurvival(5, -0.1), 1);
    assert.equal(kolmogorovSurvival(5, 1.5), 0);
    assert.equal(kolmogorovCdf(5, 0), 0);
    assert.equal(kolmogorovCdf(5, 1), 1);
    assert.ok(Number.isNaN(kolmogorovSurvival(5, NaN)));
    assert.ok(Number.isNaN(kolmogorovLimitSurvival(NaN)));
    assert.equal(kolmogorovLimitSurvival(0), 1);
  });

  test('n must be a positive integer', () => {
    assert.throws(() => kolmogorovSurvival(0, 0.1), /kolmogorovSurvival requires n to be a positive integer/);
    assert.throws(() => kolmogorovCdf(2.5, 0.1), /kolmogorovCdf requires n to be a positive integer/);
    assert.throws(() => smirnovSurvival(-1, 0.1), /smirnovSurvival requires n to be a positive integer/);
  });
});
