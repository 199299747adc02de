// Decision threshold of the one-sided lower CUSUM for a target in-control ARL. Reference values:
// test/golden/cusum-arl.json, written by `/usr/bin/python3 test/golden/make_cusum_arl.py`
// (scipy's brentq on an independent Nyström ARL, the equivalent of R's spc::xcusum.crit).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { type CusumProcess, cusumAverageRunLength } from '../../src/core/stats/cusumAverageRunLength';
import { cusumThreshold } from '../../src/core/stats/cusumThreshold';

interface Golden {
  cases: { threshold: { name: string; input: { k: number; arl0: number }; expected: { h: number } }[] };
}
const golden = JSON.parse(readFileSync(join(__dirname, '../golden/cusum-arl.json'), 'utf8')) as Golden;

const inControl: CusumProcess = { kind: 'normal', shift: 0 };
const correctness = (p: number): CusumProcess => ({ kind: 'bernoulli', target: 0.9, p });
const arl = (k: number, h: number, process: CusumProcess = inControl): number =>
  cusumAverageRunLength({ k, h, process });

describe('normal process (spc::xcusum.crit)', () => {
  test('k = 0.5, ARL0 = 370 gives h = 4.0954485489, and ARL(h) = 370', () => {
    const h = cusumThreshold({ k: 0.5, arl0: 370 });
    assert.ok(Math.abs(h - 4.0954485489) < 1e-9, `h = ${h}`);
    assert.ok(Math.abs(arl(0.5, h) / 370 - 1) < 1e-8, `ARL(h) = ${arl(0.5, h)}`);
  });

  test("k = 0.5, ARL0 = 500 gives h = 4.389 (spc's xcusum.crit example); ARL0 = 740 gives 4.774, the two-sided 370 design", () => {
    assert.equal(cusumThreshold({ k: 0.5, arl0: 500 }).toFixed(3), '4.389');
    // Montgomery's two-sided k = 0.5, h = 4.77 chart: two one-sided charts of ARL0 ≈ 740.
    assert.equal(cusumThreshold({ k: 0.5, arl0: 740 }).toFixed(2), '4.77');
  });

  test(`matches scipy's brentq on the Nyström ARL for ${golden.cases.threshold.length} designs (1e-9 relative)`, (t) => {
    for (const c of golden.cases.threshold) {
      const { k, arl0 } = c.input;
      const h = cusumThreshold({ k, arl0 });
      assert.ok(Math.abs(h / c.expected.h - 1) < 1e-9, `${c.name}: ${h} vs ${c.expected.h}`);
      t.diagnostic(`${c.name}: h = ${h.toFixed(10)}`);
    }
  });

  test('returns the smallest h: ARL(h) >= arl0 > ARL(h · (1 − 1e-9))', () => {
    for (const arl0 of [20, 370, 1000, 10000, 20000, 50000, 1e6]) {
      const h = cusumThreshold({ k: 0.5, arl0 });
      assert.ok(arl(0.5, h) >= arl0, `arl0 ${arl0}: ARL(${h}) = ${arl(0.5, h)}`);
      assert.ok(arl(0.5, h * (1 - 1e-9)) < arl0, `arl0 ${arl0}: h is not the smallest`);
    }
  });

  test('a shifted process is honoured: k = 0.5, ARL 10.376 at a 1σ drop needs h = 5', () => {
    const h = cusumThreshold({ k: 0.5, arl0: 10.375975300207656, process: { kind: 'normal', shift: 1 } });
    assert.ok(Math.abs(h - 5) < 1e-8, `h = ${h}`);
  });
});

describe('Bernoulli process (target 0.9)', () => {
  test('k = 0.5, ARL0 = 370: just above 20/3, where ARL0 jumps from 312.3 to 515.3', () => {
    const process = correctness(0.9);
    const h = cusumThreshold({ k: 0.5, arl0: 370, process });
    assert.ok(h > 20 / 3 && h < (20 / 3) * (1 + 1e-6), `h = ${h}`);
    assert.ok(Math.abs(arl(0.5, h, process) - 515.2686988) < 1e-6);
    assert.ok(Math.abs(arl(0.5, 20 / 3 - 1e-6, process) - 312.3417762) < 1e-6);
  });

  test('returns the smallest h to 1e-6 relative: ARL(h) >= arl0 > ARL(h · (1 − 1e-6))', (t) => {
    const process = correctness(0.9);
    for (const k of [0.25, 0.5]) {
      for (const arl0 of [100, 370, 1000, 10000, 20000, 50000]) {
        const h = cusumThreshold({ k, arl0, process });
        const reached = arl(k, h, process);
        assert.ok(reached >= arl0, `k ${k}, arl0 ${arl0}: ARL(${h}) = ${reached}`);
        assert.ok(arl(k, h * (1 - 1e-6), process) < arl0, `k ${k}, arl0 ${arl0}: h = ${h} is not the smallest`);
        const drops = [0.85, 0.75].map((p) => arl(k, h, correctness(p)).toFixed(1));
        t.diagnostic(`k ${k}, ARL0 ${arl0}: h = ${h.toFixed(6)} (ARL0 ${reached.toFixed(1)}; at p 0.85 ${drops[0]}, at p 0.75 ${drops[1]})`);
      }
    }
  });
});

describe('contracts', () => {
  test('increases with arl0', () => {
    for (const process of [inControl, correctness(0.9)]) {
      let previous = 0;
      for (const arl0 of [50, 100, 370, 1000, 5000, 20000, 100000]) {
        const h = cusumThreshold({ k: 0.5, arl0, process });
        assert.ok(h > previous, `${process.kind} arl0 ${arl0}: ${h} <= ${previous}`);
        previous = h;
      }
    }
  });

  test('literal values from the documentation example', () => {
    assert.equal(cusumThreshold({ k: 0.5, arl0: 370 }), 4.095448548887142);
    assert.equal(cusumThreshold({ k: 0.5, arl0: 370, process: correctness(0.9) }), 6.666667051224775);
  });

  test('rejects a bad k or arl0, an arl0 the tightest chart already reaches, a chart that never alarms', () => {
    assert.throws(() => cusumThreshold({ k: -1, arl0: 370 }), /cusumThreshold requires a finite k >= 0/);
    assert.throws(() => cusumThreshold({ k: 0.5, arl0: NaN }), /cusumThreshold requires a finite arl0 >= 1/);
    assert.throws(() => cusumThreshold({ k: 0.5, arl0: 0.5 }), /cusumThreshold requires a finite arl0 >= 1/);
    // h → 0: every point with z > 0.5 alarms, ARL 1/P(z > 0.5) = 3.24.
    assert.throws(() => cusumThreshold({ k: 0.5, arl0: 3 }), /cusumThreshold requires arl0 above 3\.24/);
    assert.throws(() => cusumThreshold({ k: 0.5, arl0: 10, process: correctness(0.9) }), /requires arl0 above 10/);
    assert.throws(
      () => cusumThreshold({ k: 0.5, arl0: 370, process: correctness(1) }),
      /cusumThreshold requires a process that can raise an alarm/,
    );
    assert.throws(
      () => cusumThreshold({ k: 0.5, arl0: 370, process: { kind: 'bernoulli', target: 2, p: 0.9 } }),
      /cusumThreshold cannot reach arl0 = 370: cusumAverageRunLength requires 0 < target < 1/,
    );
    // k = 0 needs h ≈ √ARL0: beyond the normal quadrature's h <= 128.
    assert.throws(() => cusumThreshold({ k: 0, arl0: 1e6 }), /cusumThreshold cannot reach arl0 = 1000000: .*h <= 128/);
  });
});
