import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Column, Table } from '../../src/core/data/index';
import { distributionSummary } from '../../src/core/reports/distributionSummary';
import { buildDriftReport, bySeverity as coreBySeverity } from '../../src/core/reports/driftReport';
import type {
  CalibrationReport,
  CategoricalDriftColumn,
  DriftColumn,
  DriftReport,
  NumericDriftColumn,
} from '../../src/core/reports/types';
import {
  DEFAULT_SORT,
  bySeverity,
  calibrationMetrics,
  categoryRows,
  columnDistribution,
  cusumParameters,
  cusumSeries,
  cusumValues,
  decimate,
  driftRowCells,
  ecdfLines,
  firstDirection,
  formatBinRange,
  formatPointsChange,
  histogramBars,
  isSortOrder,
  missingShare,
  missingRateChange,
  psiBinRows,
  psiOverview,
  reliabilityPoints,
  shareDomain,
  sortedColumnIndices,
  statusTone,
  toleranceBand,
} from '../../webview/chartData';
import { buildCalibrationReport, buildCusumReport } from '../../src/core/reports/index';

// ---------------------------------------------------------------------------------------------
// Fixtures: a real drift report from in-memory tables, and hand-made columns for edge cases.

function numericColumn(name: string, values: readonly (number | null)[]): Column {
  return {
    kind: 'numeric',
    name,
    values: Float64Array.from(values, (v) => (v === null ? NaN : v)),
    missing: values.filter((v) => v === null).length,
    nonFinite: 0,
  };
}

function categoricalColumn(name: string, values: readonly (string | null)[]): Column {
  const categories = [...new Set(values.filter((v): v is string => v !== null))].sort();
  return {
    kind: 'categorical',
    name,
    codes: Int32Array.from(values, (v) => (v === null ? -1 : categories.indexOf(v))),
    categories,
    missing: values.filter((v) => v === null).length,
  };
}

function table(source: string, columns: Column[]): Table {
  const first = columns[0];
  const rowCount = first.kind === 'numeric' ? first.values.length : first.codes.length;
  return { source, rowCount, columns, warnings: [] };
}

const n = 200;
// Not whole numbers in a run, so no column reads as a row number.
const ramp = (shift: number, scale = 1) => Array.from({ length: n }, (_, i) => (i % 50) * scale * 1.5 + 0.25 + shift);
const REPORT: DriftReport = buildDriftReport(
  table('train.csv', [
    numericColumn('stable', ramp(0)),
    numericColumn('shifted', ramp(0)),
    numericColumn('slightly', ramp(0)),
    numericColumn('gappy', ramp(0)),
    categoricalColumn('country', Array.from({ length: n }, (_, i) => ['US', 'DE', 'FR', 'GB'][i % 4])),
  ]),
  table('production.csv', [
    numericColumn('stable', ramp(0)),
    numericColumn('shifted', ramp(30)),
    numericColumn('slightly', ramp(3)),
    numericColumn('gappy', ramp(0).map((v, i) => (i % 10 === 0 ? null : v))),
    categoricalColumn('country', Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'US' : ['US', 'DE', 'FR', 'GB'][i % 4]))),
  ]),
);

const column = (name: string) => {
  const found = REPORT.columns.find((c) => c.name === name);
  assert.ok(found, `fixture column ${name}`);
  return found;
};

/** A column with chosen status and PSI, everything else plausible. */
function fakeColumn(name: string, status: DriftColumn['status'], psi: number, kind: 'numeric' | 'categorical' = 'numeric'): DriftColumn {
  const base = column(kind === 'numeric' ? 'stable' : 'country');
  return { ...base, name, status, psi } as DriftColumn;
}

// ---------------------------------------------------------------------------------------------
// Formatting

test('formatPointsChange writes a signed change in percentage points with one decimal', () => {
  assert.equal(formatPointsChange(0.032), '+3.2 pp');
  assert.equal(formatPointsChange(-0.005), '−0.5 pp');
  assert.equal(formatPointsChange(0), '0 pp');
  assert.equal(formatPointsChange(0.00004), '0 pp');
  assert.equal(formatPointsChange(1), '+100.0 pp');
});

test('formatBinRange names unbounded, inner and closed last bins', () => {
  assert.equal(formatBinRange(null, 1.5), '< 1.5');
  assert.equal(formatBinRange(1.5, 2.25), '[1.5, 2.25)');
  assert.equal(formatBinRange(9, null), '≥ 9');
  assert.equal(formatBinRange(0, 10, true), '[0, 10]');
  assert.equal(formatBinRange(null, null), 'all values');
});

// ---------------------------------------------------------------------------------------------
// Drift columns

test('missingShare is missing / (count + missing), 0 for a side without rows', () => {
  assert.equal(missingShare({ count: 90, missing: 10 }), 0.1);
  assert.equal(missingShare({ count: 0, missing: 0 }), 0);
});

test('missingRateChange compares the current rate with the reference rate', () => {
  const change = missingRateChange(column('gappy'));
  assert.equal(change.reference, 0);
  assert.equal(change.current, 20 / 200);
  assert.equal(change.change, 0.1);
  assert.equal(driftRowCells(column('gappy'), 'none').missing.text, '+10.0 pp');
});

test('the default sort is the CLI\'s bySeverity order: drift, warning, insufficient, small, ok, PSI descending within each', () => {
  const columns = [
    fakeColumn('a', 'ok', 0.05),
    fakeColumn('b', 'drift', 0.3),
    fakeColumn('c', 'warning', 0.2),
    fakeColumn('d', 'drift', 0.9),
    fakeColumn('e', 'ok', 0.01),
    fakeColumn('f', 'warning', 0.12),
    fakeColumn('g', 'small', 0.001),
    fakeColumn('h', 'insufficient', 1.5),
  ];
  const names = bySeverity(columns).map((c) => c.name);
  assert.deepEqual(names, ['d', 'b', 'c', 'f', 'h', 'g', 'a', 'e']);
  assert.deepEqual(names, coreBySeverity(columns).map((c) => c.name));
  assert.deepEqual(bySeverity(REPORT.columns).map((c) => c.name), coreBySeverity(REPORT.columns).map((c) => c.name));
  assert.deepEqual(DEFAULT_SORT, { key: 'status', direction: 'descending' });
});

test('sortedColumnIndices sorts names naturally and case-insensitively, both directions', () => {
  const columns = [fakeColumn('f10', 'ok', 0), fakeColumn('F2', 'ok', 0), fakeColumn('f1', 'ok', 0), fakeColumn('age', 'ok', 0)];
  assert.deepEqual(sortedColumnIndices(columns, { key: 'name', direction: 'ascending' }).map((i) => columns[i].name), ['age', 'f1', 'F2', 'f10']);
  assert.deepEqual(sortedColumnIndices(columns, { key: 'name', direction: 'descending' }).map((i) => columns[i].name), ['f10', 'F2', 'f1', 'age']);
});

test('sortedColumnIndices puts "not applicable" values last in either direction', () => {
  const columns = REPORT.columns;
  assert.ok(columns.some((c) => c.kind === 'categorical') && columns.some((c) => c.kind === 'numeric'));
  for (const direction of ['ascending', 'descending'] as const) {
    const order = sortedColumnIndices(columns, { key: 'wasserstein', direction }).map((i) => columns[i]);
    assert.equal(order[order.length - 1].kind, 'categorical', direction);
    const numeric = order.filter((c): c is NumericDriftColumn => c.kind === 'numeric').map((c) => c.wasserstein);
    const expected = [...numeric].sort((a, b) => (direction === 'ascending' ? a - b : b - a));
    assert.deepEqual(numeric, expected, direction);
  }
});

test('sortedColumnIndices breaks ties with the worst column first, then the report order', () => {
  const columns = [fakeColumn('x', 'ok', 0.01), fakeColumn('y', 'drift', 0.5), fakeColumn('z', 'ok', 0.01), fakeColumn('w', 'warning', 0.2)];
  // Every kind is numeric: the kind key ties everywhere.
  assert.deepEqual(sortedColumnIndices(columns, { key: 'kind', direction: 'ascending' }), [1, 3, 0, 2]);
  assert.deepEqual(sortedColumnIndices(columns, { key: 'kind', direction: 'descending' }), [1, 3, 0, 2]);
});

test('sortedColumnIndices by p-value sorts on the p the status was judged on', () => {
  const columns = REPORT.columns;
  const ps = sortedColumnIndices(columns, { key: 'p', direction: 'ascending' }).map((i) => columns[i].pValue);
  assert.deepEqual(ps, [...ps].sort((a, b) => a - b));
});

test('a header click starts names A-Z and numbers largest first; isSortOrder validates saved state', () => {
  assert.equal(firstDirection('name'), 'ascending');
  assert.equal(firstDirection('kind'), 'ascending');
  assert.equal(firstDirection('psi'), 'descending');
  assert.equal(firstDirection('status'), 'descending');
  assert.equal(isSortOrder({ key: 'psi', direction: 'ascending' }), true);
  assert.equal(isSortOrder({ key: 'nope', direction: 'ascending' }), false);
  assert.equal(isSortOrder({ key: 'psi', direction: 'up' }), false);
  assert.equal(isSortOrder(null), false);
});

test('driftRowCells writes the seven cells that fit 800 pixels, with the vocabulary\'s words and formats', () => {
  const c = column('shifted') as NumericDriftColumn;
  const cells = driftRowCells(c, 'none');
  assert.deepEqual(Object.keys(cells), ['name', 'kind', 'psi', 'p', 'n', 'missing', 'status']);
  assert.equal(cells.name.text, 'shifted');
  assert.equal(cells.kind.text, 'numeric');
  assert.equal(cells.psi.text, c.psi.toFixed(4));
  assert.match(cells.psi.title ?? '', / beyond the [\d.]+ expected from sampling noise$/);
  assert.equal(cells.p.title, `KS D ${c.ks.statistic.toFixed(4)}`);
  assert.equal(cells.n.text, '200 / 200');
  assert.equal(cells.status.text, 'drift');
  assert.equal(cells.status.title, c.reason, 'the status cell explains itself');
  const small = driftRowCells({ ...c, status: 'small' }, 'none');
  assert.equal(small.status.text, 'detectable but small');
});

test('driftRowCells names the chi-square for a categorical column', () => {
  const c = column('country') as CategoricalDriftColumn;
  assert.equal(driftRowCells(c, 'none').p.title, `chi-square ${c.chiSquare.statistic.toPrecision(4).replace(/\.?0+$/, '')}, ${c.chiSquare.dof} dof`);
});

test('driftRowCells names the adjusted p and keeps the unadjusted one in the title', () => {
  const c = { ...(column('shifted') as NumericDriftColumn), adjustedPValue: 0.02, pValue: 0.02 };
  const cells = driftRowCells(c, 'bh');
  assert.equal(cells.p.text, '0.0200');
  assert.match(cells.p.title ?? '', /^BH-adjusted p 0\.0200 \(unadjusted p /);
});

// ---------------------------------------------------------------------------------------------
// Drift charts

test('psiOverview draws the most severe columns first, at most `limit`, and counts the rest', () => {
  const overview = psiOverview(REPORT, 3);
  assert.deepEqual(overview.rows.map((r) => r.name), bySeverity(REPORT.columns).slice(0, 3).map((c) => c.name));
  assert.equal(overview.omitted, REPORT.columns.length - 3);
  const largest = Math.max(...overview.rows.map((r) => r.psi));
  assert.equal(overview.domainMax, Math.max(largest, REPORT.options.psiDrift * 1.2));
});

test('psiOverview always leaves room for the drift rule', () => {
  const calm = { ...REPORT, columns: [fakeColumn('a', 'ok', 0.01)] };
  assert.equal(psiOverview(calm).domainMax, 0.3);
  assert.equal(psiOverview(calm).omitted, 0);
});

test('columnDistribution returns the summary the report carries for a numeric column, null when it is malformed', () => {
  const base = column('shifted') as NumericDriftColumn;
  assert.equal(columnDistribution(base), base.distribution, 'every numeric column carries its histograms and ECDFs (issue 7)');
  const summary = distributionSummary(Float64Array.of(0, 1, 2, 3), Float64Array.of(2, 3, 4, 5), { bins: 5 });
  assert.equal(columnDistribution({ ...base, distribution: summary } as DriftColumn), summary);
  const broken = { ...summary, histogram: { ...summary.histogram, reference: [1] } };
  assert.equal(columnDistribution({ ...base, distribution: broken } as DriftColumn), null);
  assert.equal(columnDistribution(column('country')), null);
});

test('histogramBars lays out both sides over the shared edges', () => {
  const summary = distributionSummary(Float64Array.of(0, 1, 2, 3), Float64Array.of(2, 3, 4, 5), { bins: 5 });
  const bars = histogramBars(summary);
  assert.equal(bars.length, 10);
  assert.deepEqual(bars[0], { side: 'reference', x1: 0, x2: 1, share: 0.25 });
  assert.deepEqual(bars[9], { side: 'current', x1: 4, x2: 5, share: 0.5 });
});

test('ecdfLines starts each step line at 0 and marks the KS gap at its location', () => {
  const summary = distributionSummary(Float64Array.of(0, 1, 2, 3), Float64Array.of(2, 3, 4, 5), { bins: 5 });
  const { points, ks } = ecdfLines(summary);
  const reference = points.filter((p) => p.side === 'reference');
  assert.deepEqual(reference[0], { side: 'reference', x: 0, y: 0 });
  assert.deepEqual(reference.slice(1).map((p) => p.y), [0.25, 0.5, 0.75, 1, 1, 1]);
  assert.deepEqual(ks, { x: 1, y1: 0, y2: 0.5, gap: 0.5 });
});

test('psiBinRows labels unbounded outer bins, per-value bins and the pooled bin', () => {
  const rows = psiBinRows((column('shifted') as NumericDriftColumn).psiBins);
  assert.match(rows[0].label, /^< /);
  assert.match(rows[rows.length - 1].label, /^≥ /);
  assert.deepEqual(rows.map((r) => r.index), rows.map((_, i) => i));
  const perValue = psiBinRows([
    { lower: 0, upper: 0, referenceCount: 9, currentCount: 5, referenceShare: 0.9, currentShare: 0.5, contribution: 0.2 },
    { lower: null, upper: null, referenceCount: 1, currentCount: 5, referenceShare: 0.1, currentShare: 0.5, contribution: 0.6, pooled: 3 },
  ]);
  assert.deepEqual(perValue.map((r) => r.label), ['= 0', '3 rare values']);
});

test('categoryRows keeps the report\'s order, then one "other" row with the rest of each file, so the bars add up to 100%', () => {
  const c = column('country') as CategoricalDriftColumn;
  const all = categoryRows(c);
  assert.deepEqual(all.rows.map((r) => r.category), c.psiCategories.map((p) => p.category));
  assert.equal(all.omitted, 0);
  const some = categoryRows({ ...c, omittedCategories: 5 }, 2);
  assert.equal(some.rows.length, 3);
  assert.equal(some.omitted, c.psiCategories.length - 2 + 5);
  const other = some.rows[2];
  assert.equal(other.other, true);
  assert.equal(other.category, `other (${some.omitted} categories)`);
  assert.ok(Math.abs(some.rows.reduce((t, r) => t + r.referenceShare, 0) - 1) < 1e-12);
  assert.ok(Math.abs(some.rows.reduce((t, r) => t + r.currentShare, 0) - 1) < 1e-12);
});

test('shareDomain never stretches a near-zero share across the chart (issue 7)', () => {
  assert.deepEqual(shareDomain([0.0001, 0.0002]), [0, 0.1 * 1.05]);
  assert.deepEqual(shareDomain([0.5, 0.2]), [0, 0.5 * 1.05]);
});

// ---------------------------------------------------------------------------------------------
// Calibration

const CALIBRATION: CalibrationReport = buildCalibrationReport(
  table('predictions.csv', [
    numericColumn('p', [...Array(100).fill(0.65), ...Array(200).fill(0.95)]),
    numericColumn('y', [...Array(66).fill(1), ...Array(34).fill(0), ...Array(160).fill(1), ...Array(40).fill(0)]),
  ]),
  { confidence: 'p', correct: 'y' },
);

test('reliabilityPoints keeps each bin and labels its range', () => {
  const points = reliabilityPoints(CALIBRATION);
  assert.deepEqual(points.map((p) => p.label), ['0.60–0.70', '0.90–1.00']);
  assert.deepEqual(points.map((p) => p.withinTolerance), [true, false]);
  assert.ok(Math.abs(points[1].signedGap - -0.15) < 1e-12);
  assert.deepEqual(points.map((p) => p.evidence), ['uncertain', 'outside']);
});

test('toleranceBand is |accuracy − confidence| <= tolerance around the diagonal, clipped to [0, 1]', () => {
  assert.deepEqual(toleranceBand(0.05), [
    { x: 0, y1: 0, y2: 0.05 },
    { x: 0.05, y1: 0, y2: 0.1 },
    { x: 0.95, y1: 0.8999999999999999, y2: 1 },
    { x: 1, y1: 0.95, y2: 1 },
  ]);
  assert.deepEqual(toleranceBand(0), [
    { x: 0, y1: 0, y2: 0 },
    { x: 1, y1: 1, y2: 1 },
  ]);
});

test('calibrationMetrics names ECE, MCE, ACE and Brier explicitly, with one-line explanations', () => {
  const metrics = calibrationMetrics(CALIBRATION);
  assert.deepEqual(metrics.map((m) => m.name), ['Expected calibration error (ECE)', 'Maximum calibration error (MCE)', 'Average calibration error (ACE)', 'Brier score']);
  assert.deepEqual(metrics.map((m) => m.value), [CALIBRATION.ece, CALIBRATION.mce, CALIBRATION.ace, CALIBRATION.brier].map((v) => v.toFixed(4)));
  for (const m of metrics) assert.ok(m.explanation.length > 20 && !m.explanation.includes('\n'));
});

// ---------------------------------------------------------------------------------------------
// CUSUM

const CUSUM = buildCusumReport(table('accuracy.csv', [numericColumn('correct', [1, 1, null, 0, 0, 0])]), { column: 'correct', target: 0.9, k: 0.5, h: 4 });

test('cusumSeries pairs each row\'s value with the statistic and flags alarms', () => {
  const series = cusumSeries(CUSUM);
  assert.deepEqual(series.map((p) => p.value), [1, 1, null, 0, 0, 0]);
  assert.deepEqual(series.map((p) => p.alarm), [false, false, false, false, true, false]);
  assert.equal(cusumValues({ ...CUSUM, values: [1] }), null, 'a series of the wrong length is ignored');
});

test('cusumParameters states where each number came from, k and h in both units, ARL₀ and the detection delay', () => {
  assert.deepEqual(
    cusumParameters(CUSUM).map((p) => [p.name, p.value, p.source]),
    [
      ['Target', '0.9', 'given'],
      ['Sigma', '0.3', '√(p(1 − p)) of the target: a 0/1 series'],
      ['k (allowance)', '0.15 (0.5 σ)', 'per point, in standard deviations'],
      ['h (threshold)', '1.2 (4 σ)', 'given'],
      ['In-control ARL', '61', 'a false alarm every 61 points on average; 7.9% chance over this series'],
      ['Detection delay', '6', 'points on average to alarm after a drop of 0.3 (2k)'],
      ['Warm-up', '0', 'not needed'],
    ],
  );
  const estimated = buildCusumReport(table('a.csv', [numericColumn('acc', Array.from({ length: 40 }, (_, i) => 0.9 + ((i * 7) % 5) * 0.01))]), { column: 'acc' });
  const rows = cusumParameters(estimated);
  assert.equal(rows[0].source, 'the lower 90% bound from the first 30 values');
  assert.equal(rows[1].source, 'the upper 90% bound from the first 30 values');
  assert.match(rows[3].source, /^set for an in-control ARL of at least 20,000$/);
});

test('decimate keeps the first, last, per-bucket extremes, nulls and kept points, in order', () => {
  const points = Array.from({ length: 1000 }, (_, i) => ({ i, v: i === 500 ? null : Math.sin(i / 20) + (i === 777 ? 5 : 0), keep: i === 321 }));
  const kept = decimate(points, (p) => p.v, 50, (p) => p.keep);
  assert.ok(kept.length <= 50 * 2 + 3 + 1, `${kept.length} points`);
  assert.equal(kept[0].i, 0);
  assert.equal(kept[kept.length - 1].i, 999);
  assert.ok(kept.some((p) => p.i === 777), 'the spike survives');
  assert.ok(kept.some((p) => p.i === 500), 'the gap survives');
  assert.ok(kept.some((p) => p.i === 321), 'kept points survive');
  assert.deepEqual(kept.map((p) => p.i), [...kept.map((p) => p.i)].sort((a, b) => a - b));
  const short = points.slice(0, 10);
  assert.deepEqual(decimate(short, (p) => p.v, 50), short);
});

// ---------------------------------------------------------------------------------------------

test('statusTone maps every status to ok, neutral, warning or problem', () => {
  assert.deepEqual(
    (['ok', 'small', 'insufficient', 'skipped', 'warning', 'drift', 'miscalibrated', 'alarm'] as const).map(statusTone),
    ['ok', 'neutral', 'neutral', 'neutral', 'warning', 'problem', 'problem', 'problem'],
  );
});
