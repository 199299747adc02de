import assert from 'node:assert/strict';
import { test } from 'node:test';
import { populationStabilityIndexNoise } from '../../src/core/stats/populationStabilityIndexNoise';
import { populationStabilityIndexSorted } from '../../src/core/stats/populationStabilityIndex';
import { seededRandom } from '../../src/core/stats/seededRandom';
import { chiSquareCriticalValue } from '../../src/core/stats/chiSquareCriticalValue';

test('PSI noise at 50 rows per side over deciles: expected 9 · (1/50 + 1/50) = 0.36, critical chi2.isf(0.01, 9) · 0.04', () => {
  const noise = populationStabilityIndexNoise({ bins: 10, referenceSize: 50, currentSize: 50, alpha: 0.01 });
  assert.equal(noise.expected, 0.36);
  assert.equal(noise.critical, chiSquareCriticalValue(9, 0.01) * 0.04);
});

test('PSI noise with one bin: nothing is expected and no change is detectable', () => {
  assert.deepEqual(populationStabilityIndexNoise({ bins: 1, referenceSize: 10, currentSize: 10, alpha: 0.01 }), { expected: 0, critical: Infinity });
});

test('simulated PSI of two samples of one normal matches the chi-square noise: mean near expected, about 1% above critical', () => {
  // 2,000 pairs of 2,000 rows: n1 n2 / (n1 + n2) · PSI ~ chi2(9) asymptotically (Yurdakul 2018).
  const random = seededRandom(20261201);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const n = 2000;
  const noise = populationStabilityIndexNoise({ bins: 10, referenceSize: n, currentSize: n, alpha: 0.01 });
  let total = 0;
  let above = 0;
  const runs = 2000;
  for (let r = 0; r < runs; r++) {
    const a = Float64Array.from({ length: n }, normal).sort();
    const b = Float64Array.from({ length: n }, normal).sort();
    const psi = populationStabilityIndexSorted(a, b).value;
    total += psi;
    if (psi > noise.critical) above++;
  }
  const mean = total / runs;
  assert.ok(Math.abs(mean - noise.expected) < 0.1 * noise.expected, `mean PSI ${mean}, expected ${noise.expected}`);
  assert.ok(above / runs < 0.025, `${above} of ${runs} above the 1% critical value`);
});

test('PSI noise rejects impossible sizes', () => {
  assert.throws(() => populationStabilityIndexNoise({ bins: 0, referenceSize: 1, currentSize: 1, alpha: 0.01 }), /positive integer/);
  assert.throws(() => populationStabilityIndexNoise({ bins: 3, referenceSize: 0, currentSize: 1, alpha: 0.01 }), /at least 1 data point/);
});
