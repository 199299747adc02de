// The ...Sorted siblings in core/stats (the drift report sorts each column once and reuses it)
// must return exactly (bit for bit) what the plain functions return on the same data: those are
// the ones checked against scipy in their own test files.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  extremeValues,
  extremeValuesSorted,
  meanAndStandardDeviation,
  populationStabilityIndex,
  populationStabilityIndexSorted,
  seededRandom,
  sortedFinite,
  wassersteinDistance,
  wassersteinDistanceSorted,
  type PsiBinStrategy,
} from '../../src/core/stats/index';

/** The plain definition the radix sort must reproduce bit for bit. */
function sortedBySort(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(Array.from(values).filter(Number.isFinite)).sort();
}

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

test('sortedFinite returns the same array as a typed-array sort of the finite values (radix path, every kind of column)', () => {
  for (const kind of KINDS) {
    const values = sample(11, 20_000, kind);
    assertSameBits(sortedFinite(values), sortedBySort(values), kind);
  }
});

test('sortedFinite keeps -0 before +0 and drops NaN and ±Infinity, on both the small and the radix path', () => {
  for (const n of [10, 5000]) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = [0, -0, 1, -1, NaN, Infinity, -Infinity, 2.5, -2.5, Number.MIN_VALUE][i % 10];
    const sorted = sortedFinite(values);
    assertSameBits(sorted, sortedBySort(values), `n = ${n}`);
    const firstZero = sorted.indexOf(0);
    assert.ok(Object.is(sorted[firstZero], -0), 'a -0 comes first among the zeros');
  }
});

test('sortedFinite handles all-equal, already sorted and reversed input, and never mutates its input', () => {
  const equal = new Float64Array(4096).fill(3.25);
  assertSameBits(sortedFinite(equal), equal, 'all equal');
  const ascending = Float64Array.from({ length: 4096 }, (_, i) => i - 2000.5);
  assertSameBits(sortedFinite(ascending), ascending, 'ascending');
  const descending = ascending.slice().reverse();
  const before = descending.slice();
  assertSameBits(sortedFinite(descending), ascending, 'descending');
  assertSameBits(descending, before, 'input untouched');
  assert.equal(sortedFinite(new Float64Array(0)).length, 0);
  assert.equal(sortedFinite([NaN, Infinity]).length, 0);
});

test('sortedFinite writes into a given buffer when it is long enough, and allocates otherwise', () => {
  for (const n of [100, 5000]) {
    const values = sample(21, n, 'normal');
    const buffer = new Float64Array(n + 7).fill(-1);
    const sorted = sortedFinite(values, buffer);
    assert.equal(sorted.buffer, buffer.buffer, `n = ${n}: a view of the buffer`);
    assert.equal(sorted.byteOffset, 0);
    assertSameBits(sorted, sortedBySort(values), `n = ${n} into a buffer`);
    const again = sortedFinite(sample(22, n, 'ties'), buffer);
    assertSameBits(again, sortedBySort(sample(22, n, 'ties')), `n = ${n} reused`);
    const small = new Float64Array(3);
    assert.notEqual(sortedFinite(values, small).buffer, small.buffer, 'too short: a new array');
  }
});

test('sortedFinite agrees with sortedFinite on arbitrary doubles (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.double(), { minLength: 2048, maxLength: 2600 }), (values) => {
      assertSameBits(sortedFinite(values), sortedBySort(values), 'property');
    }),
    { numRuns: 25 },
  );
});

test('populationStabilityIndexSorted equals populationStabilityIndex for every strategy, bin count and kind of column', () => {
  for (const kind of KINDS) {
    const reference = sample(1, 3000, kind);
    const current = sample(2, 2500, kind === 'ties' ? 'ties' : 'normal');
    for (const strategy of ['quantile', 'uniform', 'sturges'] as PsiBinStrategy[]) {
      for (const bins of [1, 4, 10]) {
        const expected = populationStabilityIndex(reference, current, { strategy, bins });
        const actual = populationStabilityIndexSorted(sortedFinite(reference), sortedFinite(current), { strategy, bins });
        assert.deepEqual(actual, expected, `${kind} ${strategy} ${bins}`);
      }
    }
  }
});

test('populationStabilityIndexSorted equals populationStabilityIndex on arbitrary samples (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 60 }),
      fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 1, maxLength: 60 }),
      fc.constantFrom<PsiBinStrategy>('quantile', 'uniform', 'sturges'),
      (reference, current, strategy) => {
        const expected = populationStabilityIndex(reference, current, { strategy });
        assert.deepEqual(populationStabilityIndexSorted(sortedFinite(reference), sortedFinite(current), { strategy }), expected);
      },
    ),
  );
});

test('populationStabilityIndexSorted rejects what populationStabilityIndex rejects', () => {
  assert.throws(() => populationStabilityIndexSorted(new Float64Array(0), Float64Array.of(1)), /at least 1 reference data point/);
  assert.throws(() => populationStabilityIndexSorted(Float64Array.of(1), new Float64Array(0)), /at least 1 current data point/);
  assert.throws(() => populationStabilityIndexSorted(Float64Array.of(1), Float64Array.of(1), { bins: 0 }), /positive integer/);
});

test('wassersteinDistanceSorted equals wassersteinDistance bit for bit (more than one 8192 block)', () => {
  for (const kind of KINDS) {
    const reference = sample(3, 9000, kind);
    const current = sample(4, 7000, kind);
    assert.equal(wassersteinDistanceSorted(sortedFinite(reference), sortedFinite(current)), wassersteinDistance(reference, current), kind);
  }
  assert.equal(wassersteinDistanceSorted(Float64Array.of(0, 1, 3), Float64Array.of(5, 6, 8)), 5);
  assert.equal(wassersteinDistanceSorted(Float64Array.of(2), Float64Array.of(2)), 0);
});

test('wassersteinDistanceSorted equals wassersteinDistance on arbitrary samples (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 80 }),
      fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 80 }),
      (reference, current) => {
        assert.equal(wassersteinDistanceSorted(sortedFinite(reference), sortedFinite(current)), wassersteinDistance(reference, current));
      },
    ),
  );
});

test('meanAndStandardDeviation and extremeValuesSorted give the extremeValues counts (values in row order)', () => {
  for (const kind of KINDS) {
    const reference = sample(5, 4000, kind);
    const current = sample(6, 3000, kind === 'normal' ? 'lognormal' : kind);
    const finiteReference = reference.filter(Number.isFinite);
    const { mean, standardDeviation } = meanAndStandardDeviation(finiteReference);
    const expected = extremeValues(reference, current, { sigmas: 2 });
    assert.equal(mean, expected.mean);
    assert.equal(standardDeviation, expected.standardDeviation);
    const counts = extremeValuesSorted(sortedFinite(reference), sortedFinite(current), { sigmas: 2 });
    assert.equal(counts.beyondSigmas, expected.beyondSigmas, `${kind} beyond`);
    assert.equal(counts.outsideRange, expected.outsideRange, `${kind} outside`);
    assert.equal(counts.checked, expected.checked, `${kind} checked`);
    assert.ok(Math.abs(counts.mean - expected.mean) <= 1e-12 * Math.abs(expected.mean) + 1e-300, `${kind} mean from sorted values`);
  }
});

test('extremeValuesSorted counts values exactly at the limit as inside (|x - mean| > limit)', () => {
  // Reference -2, 0, 2: mean 0, sd 2, so 1 sigma is exactly 2.
  const counts = extremeValuesSorted(Float64Array.of(-2, 0, 2), Float64Array.of(-3, -2, 0, 2, 2.5), { sigmas: 1 });
  assert.deepEqual(
    { lowerLimit: counts.lowerLimit, upperLimit: counts.upperLimit, beyondSigmas: counts.beyondSigmas, outsideRange: counts.outsideRange },
    { lowerLimit: -2, upperLimit: 2, beyondSigmas: 2, outsideRange: 2 },
  );
});

test('meanAndStandardDeviation equals numpy (np.std(x, ddof=1) = 2.138089935299395) and has no sd for one value', () => {
  assert.deepEqual(meanAndStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]), { mean: 5, standardDeviation: 2.138089935299395 });
  assert.deepEqual(meanAndStandardDeviation(Float64Array.of(4)), { mean: 4, standardDeviation: null });
  assert.throws(() => meanAndStandardDeviation([]), /at least 1 data point/);
});
