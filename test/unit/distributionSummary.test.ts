import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distributionSummary } from '../../src/core/reports/distributionSummary';
import { ksTwoSample } from '../../src/core/stats/ksTwoSample';
import { seededRandom } from '../../src/core/stats/seededRandom';

const sorted = (values: readonly number[]) => Float64Array.from(values).sort();

/** Largest |F_ref − F_cur| over the summary's points, and where. */
function largestGap(summary: ReturnType<typeof distributionSummary>): { gap: number; at: number } {
  let gap = -1;
  let at = NaN;
  summary.ecdf.x.forEach((x, k) => {
    const g = Math.abs(summary.ecdf.reference[k] - summary.ecdf.current[k]);
    if (g > gap) [gap, at] = [g, x];
  });
  return { gap, at };
}

function gapAt(summary: ReturnType<typeof distributionSummary>, x: number): number {
  const k = summary.ecdf.x.indexOf(x);
  assert.ok(k >= 0, `the ECDF points include ${x}`);
  return Math.abs(summary.ecdf.reference[k] - summary.ecdf.current[k]);
}

test('distributionSummary returns exact histograms, ECDFs and the KS location on a small input', () => {
  const summary = distributionSummary(sorted([0, 1, 2, 3]), sorted([2, 3, 4, 5]), { bins: 5 });
  assert.deepEqual(summary, {
    histogram: {
      edges: [0, 1, 2, 3, 4, 5],
      reference: [0.25, 0.25, 0.25, 0.25, 0],
      current: [0, 0, 0.25, 0.25, 0.5],
    },
    ecdf: {
      x: [0, 1, 2, 3, 4, 5],
      reference: [0.25, 0.5, 0.75, 1, 1, 1],
      current: [0, 0, 0.25, 0.5, 0.75, 1],
    },
    ksLocation: 1,
  });
});

// numpy 1.24: np.histogram([0, 0.1, 0.2, 0.3], bins=3, range=(0, 0.3))[0] / 4 -> [0.25, 0.25, 0.5]
// (the edges are linspace's 0.09999999999999999 and 0.19999999999999998, so 0.2 falls in bin 3).
test('distributionSummary bins like numpy.histogram over the pooled range: [a, b) bins, last closed', () => {
  const summary = distributionSummary(sorted([0, 0.1, 0.2, 0.3]), sorted([0.05, 0.25, 0.3]), { bins: 3 });
  assert.deepEqual(summary.histogram.edges, [0, 0.09999999999999999, 0.19999999999999998, 0.3]);
  assert.deepEqual(summary.histogram.reference, [0.25, 0.25, 0.5]);
  assert.deepEqual(summary.histogram.current, [1 / 3, 0, 2 / 3]);
});

// numpy 1.24: np.histogram([1.5, 2.5, 2.5, 7.0], bins=4, range=(1.5, 9.75)) -> edges
// [1.5, 3.5625, 5.625, 7.6875, 9.75], counts [3, 0, 1, 0]; the current [2.5, 3.0, 9.75] -> [2, 0, 0, 1].
test('distributionSummary spans both samples: the pooled min and max are the outer edges', () => {
  const summary = distributionSummary(sorted([1.5, 2.5, 2.5, 7]), sorted([2.5, 3, 9.75]), { bins: 4 });
  assert.deepEqual(summary.histogram.edges, [1.5, 3.5625, 5.625, 7.6875, 9.75]);
  assert.deepEqual(summary.histogram.reference, [0.75, 0, 0.25, 0]);
  assert.deepEqual(summary.histogram.current, [2 / 3, 0, 0, 1 / 3]);
});

// numpy 1.24: np.histogram([2.0, 2.0], bins=2, range=(2, 2)) -> edges [1.5, 2.0, 2.5], counts [0, 2].
test('distributionSummary widens a constant pooled sample to [v - 0.5, v + 0.5] as numpy does', () => {
  const summary = distributionSummary(sorted([2, 2]), sorted([2]), { bins: 2 });
  assert.deepEqual(summary.histogram.edges, [1.5, 2, 2.5]);
  assert.deepEqual(summary.histogram.reference, [0, 1]);
  assert.deepEqual(summary.histogram.current, [0, 1]);
  assert.deepEqual(summary.ecdf, { x: [2], reference: [1], current: [1] });
  assert.equal(summary.ksLocation, 2);
});

// scipy 1.10.1: r = scipy.stats.ks_2samp(reference, current); (r.statistic, r.statistic_location)
const SCIPY_KS_LOCATIONS: ReadonlyArray<{ name: string; reference: number[]; current: number[]; statistic: number; location: number }> = [
  { name: 'current shifted up', reference: [0, 1, 2, 3], current: [2, 3, 4, 5], statistic: 0.5, location: 1 },
  { name: 'ties, current shifted down', reference: [1, 2, 2, 3, 3, 3, 4], current: [0, 1, 1, 2, 2, 3], statistic: 0.40476190476190477, location: 2 },
  { name: 'a tied value in both samples', reference: [1.5, 2.5, 2.5, 7], current: [2.5, 3, 9.75], statistic: 0.4166666666666667, location: 2.5 },
  { name: 'identical samples (gap 0 everywhere)', reference: [1, 2, 3], current: [1, 2, 3], statistic: 0, location: 1 },
  { name: 'equal gaps of both signs: the positive one wins', reference: [0, 3], current: [1, 2], statistic: 0.5, location: 0 },
  { name: 'only the current sample below', reference: [5, 6, 7], current: [1, 2, 8], statistic: 0.6666666666666666, location: 2 },
];

for (const c of SCIPY_KS_LOCATIONS) {
  test(`distributionSummary's ksLocation equals scipy's statistic_location: ${c.name}`, () => {
    const summary = distributionSummary(sorted(c.reference), sorted(c.current));
    assert.equal(summary.ksLocation, c.location);
    // SciPy's exact mode reports h / lcm(n1, n2); the ECDF gap is i / n1 - j / n2: one rounding apart.
    assert.ok(Math.abs(gapAt(summary, c.location) - c.statistic) <= 1e-15);
    assert.equal(largestGap(summary).gap, gapAt(summary, c.location));
  });
}

test('distributionSummary: the ECDF gap at ksLocation is ksTwoSample\'s statistic, bit for bit', () => {
  const random = seededRandom(20240611);
  for (let trial = 0; trial < 40; trial++) {
    const n1 = 1 + Math.floor(random() * 400);
    const n2 = 1 + Math.floor(random() * 400);
    // Half the trials draw integers, so the samples are heavily tied.
    const draw = trial % 2 === 0 ? () => Math.floor(random() * 12) : () => random() * 10 - 3;
    const shift = random() * 2;
    const reference = Array.from({ length: n1 }, draw);
    const current = Array.from({ length: n2 }, () => draw() + (trial % 2 === 0 ? Math.round(shift) : shift));
    const summary = distributionSummary(sorted(reference), sorted(current), { ecdfPoints: 50 });
    const ks = ksTwoSample(reference, current, { method: 'asymptotic' });
    assert.equal(gapAt(summary, summary.ksLocation), ks.statistic, `trial ${trial}`);
    // No sampled point shows a larger gap than the KS statistic.
    assert.equal(largestGap(summary).gap, ks.statistic, `trial ${trial}`);
    // The exact method snaps the statistic to the lattice h / lcm(n1, n2): equal up to a rounding.
    const exact = ksTwoSample(reference, current);
    assert.ok(Math.abs(gapAt(summary, summary.ksLocation) - exact.statistic) <= 1e-15, `trial ${trial}`);
  }
});

test('distributionSummary samples at most ecdfPoints evenly spaced order statistics, plus the KS location', () => {
  const random = seededRandom(7);
  const reference = sorted(Array.from({ length: 5000 }, () => random()));
  const current = sorted(Array.from({ length: 3000 }, () => random() * 1.2));
  const summary = distributionSummary(reference, current, { ecdfPoints: 101 });
  const { x } = summary.ecdf;
  assert.ok(x.length >= 101 && x.length <= 102, `${x.length} points`);
  const pooled = Float64Array.from([...reference, ...current]).sort();
  assert.equal(x[0], pooled[0]);
  assert.equal(x[x.length - 1], pooled[pooled.length - 1]);
  assert.ok(x.includes(summary.ksLocation));
  for (let k = 0; k <= 100; k++) assert.ok(x.includes(pooled[Math.round((k * (pooled.length - 1)) / 100)]), `order statistic ${k}`);
  x.forEach((v, k) => {
    if (k > 0) assert.ok(v > x[k - 1], 'ascending and distinct');
    // "<=" semantics, exactly: brute-force counts.
    assert.equal(summary.ecdf.reference[k], reference.filter((r) => r <= v).length / reference.length);
    assert.equal(summary.ecdf.current[k], current.filter((c) => c <= v).length / current.length);
  });
  assert.equal(summary.histogram.edges.length, 31);
});

test('distributionSummary uses every distinct pooled value when there are fewer than ecdfPoints', () => {
  const summary = distributionSummary(sorted([3, 1, 2, 2]), sorted([2, 5]), { ecdfPoints: 10 });
  assert.deepEqual(summary.ecdf.x, [1, 2, 3, 5]);
  assert.deepEqual(summary.ecdf.reference, [0.25, 0.75, 1, 1]);
  assert.deepEqual(summary.ecdf.current, [0, 0.5, 0.5, 1]);
});

test('distributionSummary returns plain JSON data and never mutates its inputs', () => {
  const reference = sorted([1, 2, 3, 4, 5]);
  const current = sorted([2, 4, 6]);
  const before = [Array.from(reference), Array.from(current)];
  const summary = distributionSummary(reference, current, { bins: 4 });
  assert.deepEqual([Array.from(reference), Array.from(current)], before);
  assert.deepEqual(JSON.parse(JSON.stringify(summary)), summary);
  assert.ok(Array.isArray(summary.histogram.edges) && Array.isArray(summary.ecdf.x));
});

test('distributionSummary rejects empty, unsorted or non-finite samples and bad options with the reason', () => {
  const ok = sorted([1, 2]);
  assert.throws(() => distributionSummary(new Float64Array(0), ok), /at least 1 reference data point/);
  assert.throws(() => distributionSummary(ok, new Float64Array(0)), /at least 1 current data point/);
  assert.throws(() => distributionSummary(Float64Array.of(2, 1), ok), /reference values sorted in ascending order/);
  assert.throws(() => distributionSummary(ok, Float64Array.of(1, NaN)), /finite current values/);
  assert.throws(() => distributionSummary(ok, Float64Array.of(1, Infinity)), /finite current values/);
  assert.throws(() => distributionSummary(ok, ok, { bins: 0 }), /bins to be a positive integer/);
  assert.throws(() => distributionSummary(ok, ok, { ecdfPoints: 1 }), /ecdfPoints to be an integer of at least 2/);
});
