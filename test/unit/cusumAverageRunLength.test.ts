// Average run length of the one-sided lower CUSUM. Reference values: published ARL tables (in the
// test names), and test/golden/cusum-arl.json, written by `/usr/bin/python3 test/golden/make_cusum_arl.py`
// (an independent scipy Nyström solution for the normal process, long seeded Monte Carlo for the
// Bernoulli process).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cusum } from '../../src/core/stats/cusum';
import { type CusumProcess, cusumAverageRunLength } from '../../src/core/stats/cusumAverageRunLength';
import { seededRandom } from '../../src/core/stats/seededRandom';

interface Golden {
  cases: {
    normal: { name: string; input: { k: number; h: number; shift: number }; expected: { arl: number; arlDoubledNodes: number } }[];
    bernoulli: {
      name: string;
      input: { k: number; h: number; target: number; p: number; runs: number };
      expected: { mean: number; standardError: number };
    }[];
  };
}
const golden = JSON.parse(readFileSync(join(__dirname, '../golden/cusum-arl.json'), 'utf8')) as Golden;

const normal = (shift: number): CusumProcess => ({ kind: 'normal', shift });
const bernoulli = (p: number, target = 0.9): CusumProcess => ({ kind: 'bernoulli', target, p });
const arl = (k: number, h: number, process: CusumProcess, nodes?: number): number =>
  cusumAverageRunLength({ k, h, process, nodes });

function assertRelative(actual: number, expected: number, tolerance: number, label: string): void {
  const error = Math.abs(actual / expected - 1);
  assert.ok(error <= tolerance, `${label}: got ${actual}, expected ${expected} (relative error ${error.toExponential(2)})`);
}

/** Rounds to `digits` significant figures, as published tables print. */
function significant(x: number, digits: number): number {
  return Number(x.toPrecision(digits));
}

/** Siegmund's approximation (STATS.md): ARL ≈ (e^(−2Δb) + 2Δb − 1)/(2Δ²), b = h + 1.166, Δ = shift − k. */
function siegmund(k: number, h: number, shift: number): number {
  const b = h + 1.166;
  const delta = shift - k;
  return delta === 0 ? b * b : (Math.exp(-2 * delta * b) + 2 * delta * b - 1) / (2 * delta * delta);
}

describe('normal process: published ARL tables', () => {
  test('Brook & Evans (1972): k = 0.5, h = 3 gives 117.59 in control and 3.75 at a 1.5σ shift', () => {
    const inControl = arl(0.5, 3, normal(0));
    assertRelative(inControl, 117.5957042279, 1e-10, 'ARL0');
    assert.ok(Math.abs(inControl - 117.59) < 0.01, `${inControl} vs Brook & Evans' 117.59`);
    assert.equal(significant(arl(0.5, 3, normal(1.5)), 3), 3.75);
  });

  test('Waldmann (1986): k = 0.5, h = 3 gives 1963 at shift −0.5 and 17.35 at shift 0.5', () => {
    assert.equal(significant(arl(0.5, 3, normal(-0.5)), 4), 1963);
    assert.equal(significant(arl(0.5, 3, normal(0.5)), 4), 17.35);
  });

  test('k = 0.5, h = 4: one-sided ARL0 335.3676, i.e. 167.68 two-sided — Lucas & Crosier (1982) print 168', () => {
    const oneSided = arl(0.5, 4, normal(0));
    assertRelative(oneSided, 335.3675776271, 1e-10, 'one-sided ARL0');
    // For a symmetric pair of one-sided charts 1/ARL = 1/ARL+ + 1/ARL− (Lucas & Crosier's eq. 1).
    assert.equal(significant(oneSided / 2, 3), 168);
  });

  test('Lucas & Crosier (1982) Table 1, k = 0.5, h = 4 two-sided: 168, 74.2, 26.6, 13.3, 8.38, 4.75, 3.34, 2.62, 2.19, 1.71, 1.31', () => {
    const table: [number, number][] = [
      [0, 168], [0.25, 74.2], [0.5, 26.6], [0.75, 13.3], [1, 8.38], [1.5, 4.75],
      [2, 3.34], [2.5, 2.62], [3, 2.19], [4, 1.71], [5, 1.31],
    ];
    for (const [shift, published] of table) {
      const twoSided = 1 / (1 / arl(0.5, 4, normal(shift)) + 1 / arl(0.5, 4, normal(-shift)));
      assert.equal(significant(twoSided, 3), published, `shift ${shift}: two-sided ${twoSided}`);
    }
  });

  test('k = 0.5, h = 5: ARL0 930.887 (spc / Hawkins & Olwell 930.9; Siegmund 938.2) and 10.376 at a 1σ drop', () => {
    const inControl = arl(0.5, 5, normal(0));
    assertRelative(inControl, 930.8870120637, 1e-10, 'ARL0');
    assert.equal(significant(inControl, 4), 930.9);
    assert.equal(significant(siegmund(0.5, 5, 0), 4), 938.2);
    const afterDrop = arl(0.5, 5, normal(1));
    assertRelative(afterDrop, 10.3759753002, 1e-10, 'ARL1');
    assert.equal(significant(afterDrop, 3), 10.4);
  });

  test('Vance (1986) Table 1, k = 0, h = 10: 2071.51, 400.28, 124.66, 59.30, 36.71, 20.37, 14.06, 10.75', () => {
    const table: [number, number][] = [
      [-0.25, 2071.51], [-0.125, 400.28], [0, 124.66], [0.125, 59.3],
      [0.25, 36.71], [0.5, 20.37], [0.75, 14.06], [1, 10.75],
    ];
    for (const [shift, published] of table) {
      const value = arl(0, 10, normal(shift));
      // Vance solved the same equation with fewer nodes: his 2071.51 is 2071.572 converged.
      const tolerance = shift === -0.25 ? 0.07 : 0.005;
      assert.ok(Math.abs(value - published) <= tolerance, `shift ${shift}: ${value} vs Vance's ${published}`);
    }
  });
});

describe('normal process: accuracy', () => {
  test(`matches an independent scipy Nyström solution on ${golden.cases.normal.length} charts to 1e-10 relative (ARL · 1e-14 at ARL 1e6)`, (t) => {
    let worst = 0;
    for (const c of golden.cases.normal) {
      const { k, h, shift } = c.input;
      assertRelative(c.expected.arlDoubledNodes, c.expected.arl, 1e-7, `${c.name} (reference converged)`);
      const value = arl(k, h, normal(shift));
      // Roundoff in both solves grows like ARL · 1e-15: 7e-9 relative apart at ARL 1.7e6.
      assertRelative(value, c.expected.arl, Math.max(1e-10, 1e-14 * c.expected.arl), c.name);
      worst = Math.max(worst, Math.abs(value / c.expected.arl - 1));
    }
    t.diagnostic(`largest relative difference from scipy: ${worst.toExponential(2)}`);
  });

  test('converges as the nodes double: default nodes within 1e-9 of twice as many, 8 nodes visibly off', (t) => {
    for (const [k, h, shift] of [[0.5, 3, 0], [0.5, 5, 0], [0.5, 5, 1], [0.25, 10, 0], [0.1, 20, 0], [0.5, 12.5, 0]]) {
      const nodes = Math.ceil(3 * h) + 16;
      const values = [nodes, 2 * nodes, 4 * nodes].map((n) => arl(k, h, normal(shift), n));
      assert.equal(arl(k, h, normal(shift)), values[0], 'default node count');
      assertRelative(values[0], values[2], 1e-9, `k ${k}, h ${h}, shift ${shift}: ${nodes} vs ${4 * nodes} nodes`);
      assertRelative(values[1], values[2], 1e-9, `k ${k}, h ${h}, shift ${shift}: ${2 * nodes} vs ${4 * nodes} nodes`);
      t.diagnostic(`k ${k} h ${h} shift ${shift}: ${values.map((v) => v.toPrecision(13)).join(' → ')}`);
    }
    const coarse = arl(0.5, 5, normal(0), 8);
    assert.ok(Math.abs(coarse / 930.887012 - 1) > 1e-5, `8 nodes: ${coarse}`);
  });

  test("Siegmund's approximation agrees within 1% in control (k = 0.25, 0.5) and 0.5% after a drop", () => {
    for (const [k, h] of [[0.5, 3], [0.5, 4], [0.5, 5], [0.5, 8], [0.5, 12.5], [0.25, 8], [0.25, 12]]) {
      assertRelative(siegmund(k, h, 0), arl(k, h, normal(0)), 0.01, `k ${k}, h ${h}`);
    }
    for (const [k, h, shift] of [[0.5, 5, 1], [0.5, 4, 0.5], [0.5, 8, 1]]) {
      assertRelative(siegmund(k, h, shift), arl(k, h, normal(shift)), 0.005, `k ${k}, h ${h}, shift ${shift}`);
    }
    // Only roughly elsewhere: 6% high at k = 1, h = 2.5 (716.0 exactly).
    assertRelative(siegmund(1, 2.5, 0), arl(1, 2.5, normal(0)), 0.07, 'k 1, h 2.5');
  });

  test('h → 0: every point above k alarms, ARL → 1/P(z > k) = 3.2405 for k = 0.5', () => {
    assertRelative(arl(0.5, 1e-9, normal(0)), 1 / 0.3085375387259869, 1e-8, 'tiny h');
  });
});

describe('Bernoulli process (a 0/1 correctness stream)', () => {
  test('fair coin, k = 0: a reflected ±1 walk, ARL m(m + 1) to climb to m = ⌊h⌋ + 1; S == h does not alarm', () => {
    // target 0.5 → σ = 0.5, an error adds 1 and a correct point subtracts 1.
    assert.equal(arl(0, 1.5, bernoulli(0.5, 0.5)), 6);
    assert.equal(arl(0, 1.999, bernoulli(0.5, 0.5)), 6);
    assertRelative(arl(0, 2, bernoulli(0.5, 0.5)), 12, 1e-13, 'h on the lattice');
    assertRelative(arl(0, 9.5, bernoulli(0.5, 0.5)), 110, 1e-12, 'h 9.5');
  });

  test('closed forms: all errors alarm at point ⌊h/up⌋ + 1; an unreachable threshold needs one error; p = 1 never alarms', () => {
    // target 0.9, k 0.5: an error adds 0.9/0.3 − 0.5 = 2.5.
    assert.equal(arl(0.5, 4.9, bernoulli(0)), 2);
    assert.equal(arl(0.5, 5.1, bernoulli(0)), 3);
    assertRelative(arl(0.5, 2.4, bernoulli(0.9)), 10, 1e-14, 'h below one error: 1/(1 − p)');
    assert.equal(arl(0.5, 5, bernoulli(1)), Infinity);
    assert.equal(arl(3, 5, bernoulli(0.5)), Infinity, 'k = target/σ: an error adds nothing');
  });

  test('target 0.9, k = 0.5 is a lattice of 5/6: ARL0 jumps from 91.885 (h < 5) to 211.205 (h = 5)', () => {
    assertRelative(arl(0.5, 4.9, bernoulli(0.9)), 91.88498402556, 1e-10, 'h 4.9');
    assertRelative(arl(0.5, 5 - 1e-7, bernoulli(0.9)), 91.88498402556, 1e-10, 'h just below 5');
    assertRelative(arl(0.5, 5, bernoulli(0.9)), 211.20458891013, 1e-10, 'h 5');
    assertRelative(arl(0.5, 5.8, bernoulli(0.9)), 211.20458891013, 1e-10, 'h 5.8');
  });

  test(`agrees within 1% with ${golden.cases.bernoulli.length} long Monte Carlo runs (target 0.9, p 0.9/0.85/0.75, k 0.25/0.5, ARL0 92–53 665)`, (t) => {
    let worst = 0;
    let worstZ = 0;
    for (const c of golden.cases.bernoulli) {
      const { k, h, target, p } = c.input;
      const value = arl(k, h, bernoulli(p, target));
      const { mean, standardError } = c.expected;
      const z = Math.abs(value - mean) / standardError;
      assert.ok(z < 4, `${c.name}: ${value} vs simulated ${mean} ± ${standardError} (${z.toFixed(1)} standard errors)`);
      assertRelative(value, mean, 0.01, c.name);
      worst = Math.max(worst, Math.abs(value / mean - 1));
      worstZ = Math.max(worstZ, z);
    }
    t.diagnostic(`largest relative difference ${(100 * worst).toFixed(2)}%, largest ${worstZ.toFixed(2)} standard errors`);
  });

  test('agrees with the gaps between alarms of `cusum` on seeded 0/1 streams (4 standard errors)', (t) => {
    const length = 1_500_000;
    for (const [k, h, p] of [[0.5, 4.9, 0.9], [0.5, 4.9, 0.75], [0.25, 5.55, 0.9], [0.25, 7.3, 0.85]]) {
      const random = seededRandom(20240612 + Math.round(100 * (k + h + p)));
      const stream = new Float64Array(length);
      for (let i = 0; i < length; i++) stream[i] = random() < p ? 1 : 0;
      const sigma = Math.sqrt(0.9 * 0.1);
      // cusum restarts from 0 after each alarm, so the gaps between alarms are independent run lengths.
      const { alarms } = cusum(stream, { target: 0.9, sigma, k: k * sigma, h: h * sigma });
      const runs = alarms.length;
      const gaps = alarms.map((at, i) => at - (i === 0 ? -1 : alarms[i - 1]));
      const mean = gaps.reduce((a, b) => a + b, 0) / runs;
      const sd = Math.sqrt(gaps.reduce((a, b) => a + (b - mean) ** 2, 0) / (runs - 1));
      const exact = arl(k, h, bernoulli(p));
      const z = Math.abs(exact - mean) / (sd / Math.sqrt(runs));
      t.diagnostic(`k ${k}, h ${h}, p ${p}: exact ${exact.toFixed(3)}, simulated ${mean.toFixed(3)} over ${runs} runs (${z.toFixed(2)} SE)`);
      assert.ok(z < 4, `k ${k}, h ${h}, p ${p}: exact ${exact}, simulated ${mean} (${z.toFixed(1)} SE)`);
    }
  });
});

describe('contracts', () => {
  test('non-decreasing in h, decreasing in the size of the drop', () => {
    let previous = 0;
    for (let h = 0.25; h <= 12; h += 0.25) {
      const value = arl(0.5, h, normal(0));
      assert.ok(value > previous, `normal h ${h}: ${value} <= ${previous}`);
      previous = value;
    }
    for (const k of [0.25, 0.5]) {
      previous = 0;
      for (let h = 0.1; h <= 20; h += 0.1) {
        const value = arl(k, h, bernoulli(0.9));
        assert.ok(value >= previous, `bernoulli k ${k} h ${h}: ${value} < ${previous}`);
        previous = value;
      }
    }
    const drops = [0, 0.25, 0.5, 1, 2, 3].map((shift) => arl(0.5, 5, normal(shift)));
    for (let i = 1; i < drops.length; i++) assert.ok(drops[i] < drops[i - 1], `shift ${i}`);
    const rates = [0.95, 0.9, 0.85, 0.75, 0.5].map((p) => arl(0.5, 8.45, bernoulli(p)));
    for (let i = 1; i < rates.length; i++) assert.ok(rates[i] < rates[i - 1], `rate ${i}`);
  });

  test('each call stays well under 50 ms up to ARL 1e6 (normal h 12.5: 1.7e6; Bernoulli k 0.25, h 30: 1.0e6)', (t) => {
    const cases: [number, number, CusumProcess][] = [
      [0.5, 12.5, normal(0)],
      [0.5, 19.2, bernoulli(0.9)],
      [0.25, 30.1, bernoulli(0.9)],
      [0.25, 30.1, bernoulli(0.85)],
    ];
    for (const [k, h, process] of cases) {
      const value = arl(k, h, process); // warm up
      const started = performance.now();
      for (let i = 0; i < 5; i++) arl(k, h, process);
      const perCall = (performance.now() - started) / 5;
      t.diagnostic(`k ${k}, h ${h}, ${process.kind}: ARL ${value.toPrecision(6)} in ${perCall.toFixed(2)} ms`);
    }
  });

  test('literal values from the documentation example', () => {
    assert.equal(arl(0.5, 5, normal(0)), 930.8870120636967);
    assert.equal(arl(0.5, 5, normal(1)), 10.375975300207656);
    assert.equal(arl(0.5, 4.9, bernoulli(0.9)), 91.88498402555932);
  });

  test('rejects a negative or non-finite k, a non-positive h, a bad process and a bad node count', () => {
    assert.throws(() => arl(-0.1, 5, normal(0)), /cusumAverageRunLength requires a finite k >= 0 and a finite h > 0/);
    assert.throws(() => arl(NaN, 5, normal(0)), /cusumAverageRunLength requires a finite k >= 0/);
    assert.throws(() => arl(0.5, 0, normal(0)), /finite h > 0/);
    assert.throws(() => arl(0.5, Infinity, normal(0)), /finite h > 0/);
    assert.throws(() => arl(0.5, 5, normal(NaN)), /cusumAverageRunLength requires a finite shift/);
    assert.throws(() => arl(0.5, 200, normal(0)), /cusumAverageRunLength requires h <= 128 for a normal process/);
    assert.throws(() => arl(0.5, 5, normal(0), 1), /cusumAverageRunLength requires an integer number of nodes/);
    assert.throws(() => arl(0.5, 5, bernoulli(0.9, 1)), /cusumAverageRunLength requires 0 < target < 1 and 0 <= p <= 1/);
    assert.throws(() => arl(0.5, 5, bernoulli(0.9, 0)), /0 < target < 1/);
    assert.throws(() => arl(0.5, 5, bernoulli(1.1)), /0 <= p <= 1/);
    assert.throws(() => arl(0.5, 5, bernoulli(NaN)), /0 <= p <= 1/);
    assert.throws(
      () => cusumAverageRunLength({ k: 0.5, h: 5, process: { kind: 'poisson' } as unknown as CusumProcess }),
      /cusumAverageRunLength requires a process of kind 'normal' or 'bernoulli'/,
    );
    assert.throws(() => arl(0, 1000, bernoulli(0.9)), /cusumAverageRunLength did not converge for a Bernoulli chart/);
  });
});
