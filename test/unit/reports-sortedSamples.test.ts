// The drift report's sorted-sample kernels must return exactly (bit for bit) what the core/stats
// functions return on the same data: those are the ones checked against scipy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  extremeValueCountsSorted,
  meanAndStd,
  psiSorted,
  sortFinite,
  wassersteinSorted,
} from '../../src/core/reports/sortedSamples';
import {
  extremeValues,
  populationStabilityIndex,
  seededRandom,
  sortedFinite,
  wassersteinDistance,
  type PsiBinStrategy,
} from '../../src/core/stats/index';

/** A reproducible sample: normal, lognormal, heavy ties or one-decimal rounding, with NaN and ±Infinity. */
function sample(seed: number, n: number, kind: 'normal' | 'lognormal' | 'ties' | 'rounded' | 'mixed-sign'): Float64Array {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = normal();
    out[i] =
      kind === 'normal' ? 50 + 10 * z
      : kind === 'lognormal' ? Math.exp(z)
      : kind === 'ties' ? Math.floor(10 * random())
      : kind === 'rounded' ? Math.round(z * 10) / 10
      : z * 1e6;
    if (i % 101 === 7) out[i] = NaN;
    if (i % 997 === 3) out[i] = i % 2 === 0 ? Infinity : -Infinity;
  }
  return out;
}

function assertSameBits(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i])) assert.fail(`${what}: index ${i} is ${actual[i]}, expected ${expected[i]}`);
  }
}

const KINDS = ['normal', 'lognormal', 'ties', 'rounded', 'mixed-sign'] as const;

test('sortFinite returns the same array as sortedFinite (radix path, every kind of column)', () => {
  for (const kind of KINDS) {
    const values = sample(11, 20_000, kind);
    assertSameBits(sortFinite(values), sortedFinite(values), kind);
  }
});

test('sortFinite keeps -0 before +0 and drops NaN and ±Infinity, on both the small and the radix path', () => {
  for (const n of [10, 5000]) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = [0, -0, 1, -1, NaN, Infinity, -Infinity, 2.5, -2.5, Number.MIN_VALUE][i % 10];
    const sorted = sortFinite(values);
    assertSameBits(sorted, sortedFinite(values), `n = ${n}`);
    const firstZero = sorted.indexOf(0);
    assert.ok(Object.is(sorted[firstZero], -0), 'a -0 comes first among the zeros');
  }
});

test('sortFinite handles all-equal, already sorted and reversed input, and never mutates its input', () => {
  const equal = new Float64Array(4096).fill(3.25);
  assertSameBits(sortFinite(equal), equal, 'all equal');
  const ascending = Float64Array.from({ length: 4096 }, (_, i) => i - 2000.5);
  assertSameBits(sortFinite(ascending), ascending, 'ascending');
  const descending = ascending.slice().reverse();
  const before = descending.slice();
  assertSameBits(sortFinite(descending), ascending, 'descending');
  assertSameBits(descending, before, 'input untouched');
  assert.equal(sortFinite(new Float64Array(0)).length, 0);
  assert.equal(sortFinite([NaN, Infinity]).length, 0);
});

test('sortFinite writes into a given buffer when it is long enough, and allocates otherwise', () => {
  for (const n of [100, 5000]) {
    const values = sample(21, n, 'normal');
    const buffer = new Float64Array(n + 7).fill(-1);
    const sorted = sortFinite(values, buffer);
    assert.equal(sorted.buffer, buffer.buffer, `n = ${n}: a view of the buffer`);
    assert.equal(sorted.byteOffset, 0);
    assertSameBits(sorted, sortedFinite(values), `n = ${n} into a buffer`);
    const again = sortFinite(sample(22, n, 'ties'), buffer);
    assertSameBits(again, sortedFinite(sample(22, n, 'ties')), `n = ${n} reused`);
    const small = new Float64Array(3);
    assert.notEqual(sortFinite(values, small).buffer, small.buffer, 'too short: a new array');
  }
});

test('sortFinite agrees with sortedFinite on arbitrary doubles (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.double(), { minLength: 2048, maxLength: 2600 }), (values) => {
      assertSameBits(sortFinite(values), sortedFinite(values), 'property');
    }),
    { numRuns: 25 },
  );
});

test('psiSorted equals populationStabilityIndex for every strategy, bin count and kind of column', () => {
  for (const kind of KINDS) {
    const reference = sample(1, 3000, kind);
    const current = sample(2, 2500, kind === 'ties' ? 'ties' : 'normal');
    for (const strategy of ['quantile', 'uniform', 'sturges'] as PsiBinStrategy[]) {
      for (const bins of [1, 4, 10]) {
        const expected = populationStabilityIndex(reference, current, { strategy, bins });
        const actual = psiSorted(sortFinite(reference), sortFinite(current), { strategy, bins });
        assert.deepEqual(actual, expected, `${kind} ${strategy} ${bins}`);
      }
    }
  }
});

test('psiSorted equals populationStabilityIndex on arbitrary samples (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 60 }),
      fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 1, maxLength: 60 }),
      fc.constantFrom<PsiBinStrategy>('quantile', 'uniform', 'sturges'),
      (reference, current, strategy) => {
        const expected = populationStabilityIndex(reference, current, { strategy });
        assert.deepEqual(psiSorted(sortFinite(reference), sortFinite(current), { strategy }), expected);
      },
    ),
  );
});

test('psiSorted rejects what populationStabilityIndex rejects', () => {
  assert.throws(() => psiSorted(new Float64Array(0), Float64Array.of(1)), /at least 1 reference data point/);
  assert.throws(() => psiSorted(Float64Array.of(1), new Float64Array(0)), /at least 1 current data point/);
  assert.throws(() => psiSorted(Float64Array.of(1), Float64Array.of(1), { bins: 0 }), /positive integer/);
});

test('wassersteinSorted equals wassersteinDistance bit for bit (more than one 8192 block)', () => {
  for (const kind of KINDS) {
    const reference = sample(3, 9000, kind);
    const current = sample(4, 7000, kind);
    assert.equal(wassersteinSorted(sortFinite(reference), sortFinite(current)), wassersteinDistance(reference, current), kind);
  }
  assert.equal(wassersteinSorted(Float64Array.of(0, 1, 3), Float64Array.of(5, 6, 8)), 5);
  assert.equal(wassersteinSorted(Float64Array.of(2), Float64Array.of(2)), 0);
});

test('wassersteinSorted equals wassersteinDistance on arbitrary samples (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 80 }),
      fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 80 }),
      (reference, current) => {
        assert.equal(wassersteinSorted(sortFinite(reference), sortFinite(current)), wassersteinDistance(reference, current));
      },
    ),
  );
});

test('meanAndStd and extremeValueCountsSorted give extremeValues counts (values in row order)', () => {
  for (const kind of KINDS) {
    const reference = sample(5, 4000, kind);
    const current = sample(6, 3000, kind === 'normal' ? 'lognormal' : kind);
    const finiteReference = reference.filter(Number.isFinite);
    const { mean, std } = meanAndStd(finiteReference);
    const expected = extremeValues(reference, current, { sigmas: 2 });
    assert.equal(mean, expected.mean);
    assert.equal(std, expected.standardDeviation);
    const counts = extremeValueCountsSorted(sortFinite(reference), mean, std!, sortFinite(current), 2);
    assert.equal(counts.beyondSigmas, expected.beyondSigmas, `${kind} beyond`);
    assert.equal(counts.outsideRange, expected.outsideRange, `${kind} outside`);
    assert.equal(counts.lowerLimit, expected.lowerLimit);
    assert.equal(counts.upperLimit, expected.upperLimit);
  }
});

test('extremeValueCountsSorted counts values exactly at the limit as inside (|x - mean| > limit)', () => {
  // mean 0, sd 1 (reference -1, 1 with ddof 1 gives sd sqrt(2)); use sigmas so the limit is exact.
  const counts = extremeValueCountsSorted(Float64Array.of(-1, 1), 0, 1, Float64Array.of(-3, -2, 0, 2, 2.5), 2);
  assert.deepEqual(counts, { lowerLimit: -2, upperLimit: 2, beyondSigmas: 2, outsideRange: 4 });
});

test('meanAndStd has no standard deviation for a single value', () => {
  assert.deepEqual(meanAndStd(Float64Array.of(4)), { mean: 4, std: null });
});
