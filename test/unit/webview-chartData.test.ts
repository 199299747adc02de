import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Column, Table } from '../../src/core/data/index';
import { distributionSummary } from '../../src/core/reports/distributionSummary';
import { buildDriftReport, bySeverity as coreBySeverity } from '../../src/core/reports/driftReport';
import type {
  CalibrationReport,
  CategoricalDriftColumn,
  CusumReport,
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
  decisionPValue,
  driftRowCells,
  ecdfLines,
  firstDirection,
  formatBinRange,
  formatPointsChange,
  histogramBars,
  isSortOrder,
  missingRate,
  missingRateChange,
  psiBinRows,
  psiOverview,
  reliabilityPoints,
  sortedColumnIndices,
  statusReason,
  statusTone,
  toleranceBand,
} from '../../webview/chartData';

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
const ramp = (shift: number, scale = 1) => Array.from({ length: n }, (_, i) => (i % 50) * scale + shift);
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

test('missingRate is missing / (count + missing), 0 for a side without rows', () => {
  assert.equal(missingRate({ count: 90, missing: 10 }), 0.1);
  assert.equal(missingRate({ count: 0, missing: 0 }), 0);
});

test('missingRateChange compares the current rate with the reference rate', () => {
  const change = missingRateChange(column('gappy'));
  assert.equal(change.reference, 0);
  assert.equal(change.current, 20 / 200);
  assert.equal(change.change, 0.1);
  assert.equal(driftRowCells(column('gappy'), 'none').missing.text, '+10.0 pp');
});

test('decisionPValue is the adjusted p when the report applied a correction, else the test p', () => {
  const numeric = column('shifted') as NumericDriftColumn;
  assert.equal(decisionPValue(numeric), numeric.ks.pValue);
  assert.equal(decisionPValue({ ...numeric, adjustedPValue: 0.5 }), 0.5);
  const categorical = column('country') as CategoricalDriftColumn;
  assert.equal(decisionPValue(categorical), categorical.chiSquare.pValue);
});

test('the default sort is the CLI\'s bySeverity order: drift, warning, ok, PSI descending within each', () => {
  const columns = [
    fakeColumn('a', 'ok', 0.05),
    fakeColumn('b', 'drift', 0.3),
    fakeColumn('c', 'warning', 0.2),
    fakeColumn('d', 'drift', 0.9),
    fakeColumn('e', 'ok', 0.01),
    fakeColumn('f', 'warning', 0.12),
  ];
  const names = bySeverity(columns).map((c) => c.name);
  assert.deepEqual(names, ['d', 'b', 'c', 'f', 'a', 'e']);
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

test('sortedColumnIndices by p-value sorts on the decision p', () => {
  const columns = REPORT.columns;
  const ps = sortedColumnIndices(columns, { key: 'p', direction: 'ascending' }).map((i) => decisionPValue(columns[i]));
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

test('driftRowCells writes a numeric column\'s cells with the CLI\'s number formats', () => {
  const c = column('shifted') as NumericDriftColumn;
  const cells = driftRowCells(c, 'none');
  assert.equal(cells.name.text, 'shifted');
  assert.equal(cells.kind.text, 'numeric');
  assert.equal(cells.psi.text, c.psi.toFixed(4));
  assert.equal(cells.test.text, `KS ${c.ks.statistic.toFixed(4)}`);
  assert.equal(cells.p.title, undefined);
  assert.equal(cells.jensenShannon.text, c.jensenShannon.toFixed(4));
  assert.equal(cells.status.text, c.status);
  assert.equal(cells.extreme.text, String(c.extremeValues?.beyondSigmas));
  assert.match(cells.extreme.title ?? '', /beyond 4 reference standard deviations/);
});

test('driftRowCells shows chi-square and dashes for a categorical column', () => {
  const c = column('country') as CategoricalDriftColumn;
  const cells = driftRowCells(c, 'none');
  assert.match(cells.test.text, /^χ² /);
  assert.match(cells.test.title ?? '', new RegExp(`${c.chiSquare.dof} degrees of freedom`));
  assert.equal(cells.wasserstein.text, '—');
  assert.equal(cells.jensenShannon.text, '—');
  assert.equal(cells.extreme.text, '—');
});

test('driftRowCells names the adjusted p and keeps the unadjusted one in the title', () => {
  const c = { ...(column('shifted') as NumericDriftColumn), adjustedPValue: 0.02 };
  const cells = driftRowCells(c, 'bh');
  assert.equal(cells.p.text, '0.0200');
  assert.match(cells.p.title ?? '', /^BH-adjusted p 0\.0200 \(unadjusted p /);
});

test('statusReason puts the triggers in words', () => {
  assert.equal(statusReason({ ...column('stable'), triggers: [] }), 'no threshold crossed');
  assert.equal(statusReason({ ...column('shifted'), triggers: ['psi-drift', 'ks'] }), 'PSI above the drift threshold; KS test p at or below alpha');
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

test('columnDistribution returns the summary when the report carries one, null otherwise', () => {
  const base = column('shifted') as NumericDriftColumn;
  assert.equal(columnDistribution(base), null);
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

test('psiBinRows labels unbounded outer bins', () => {
  const rows = psiBinRows((column('shifted') as NumericDriftColumn).psiBins);
  assert.match(rows[0].label, /^< /);
  assert.match(rows[rows.length - 1].label, /^≥ /);
  assert.deepEqual(rows.map((r) => r.index), rows.map((_, i) => i));
});

test('categoryRows keeps the report\'s order, limits the rows and counts the omitted categories', () => {
  const c = column('country') as CategoricalDriftColumn;
  const all = categoryRows(c);
  assert.deepEqual(all.rows.map((r) => r.category), c.psiCategories.map((p) => p.category));
  assert.equal(all.omitted, 0);
  const some = categoryRows({ ...c, omittedCategories: 5 }, 2);
  assert.equal(some.rows.length, 2);
  assert.equal(some.omitted, c.psiCategories.length - 2 + 5);
});

// ---------------------------------------------------------------------------------------------
// Calibration

const CALIBRATION: CalibrationReport = {
  schemaVersion: 1,
  report: 'calibration',
  path: 'predictions.csv',
  columns: { confidence: 'p', correct: 'y' },
  options: { bins: 10, strategy: 'uniform', tolerance: 0.05 },
  rows: 300,
  skippedRows: 0,
  bins: [
    { lower: 0.6, upper: 0.7, count: 100, confidence: 0.65, accuracy: 0.66, gap: 0.01, signedGap: 0.01, withinTolerance: true },
    { lower: 0.9, upper: 1, count: 200, confidence: 0.95, accuracy: 0.8, gap: 0.15, signedGap: -0.15, withinTolerance: false },
  ],
  ece: 0.1033,
  mce: 0.15,
  ace: 0.08,
  brier: 0.2,
  withinTolerance: false,
  status: 'miscalibrated',
  verdict: 'Miscalibrated.',
};

test('reliabilityPoints keeps each bin and labels its range', () => {
  const points = reliabilityPoints(CALIBRATION);
  assert.deepEqual(points.map((p) => p.label), ['0.60–0.70', '0.90–1.00']);
  assert.deepEqual(points.map((p) => p.withinTolerance), [true, false]);
  assert.equal(points[1].signedGap, -0.15);
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
  assert.deepEqual(metrics.map((m) => m.value), ['0.1033', '0.1500', '0.0800', '0.2000']);
  for (const m of metrics) assert.ok(m.explanation.length > 20 && !m.explanation.includes('\n'));
});

// ---------------------------------------------------------------------------------------------
// CUSUM

// A report without `values`, as saved before the field existed: the view must still draw it.
const CUSUM_WITHOUT_VALUES: Omit<CusumReport, 'values'> = {
  schemaVersion: 1,
  report: 'cusum',
  path: 'accuracy.csv',
  column: 'accuracy',
  rows: 6,
  skippedRows: 1,
  target: 1,
  sigma: 0.2,
  k: 0.1,
  h: 1,
  warmup: 0,
  estimated: { target: false, sigma: false },
  sigmaClamped: false,
  statistic: [0, 0, null, 0.9, 1.8, 0.9],
  alarms: [4],
  status: 'alarm',
  verdict: '1 alarm.',
};
const CUSUM = CUSUM_WITHOUT_VALUES as CusumReport;

test('cusumSeries pairs each row\'s value (when present) with the statistic and flags alarms', () => {
  const without = cusumSeries(CUSUM);
  assert.equal(cusumValues(CUSUM), null);
  assert.deepEqual(without.map((p) => p.value), [null, null, null, null, null, null]);
  assert.deepEqual(without.map((p) => p.alarm), [false, false, false, false, true, false]);
  const withValues = { ...CUSUM, values: [1, 1, null, 0, 0, 0] } as CusumReport;
  assert.deepEqual(cusumSeries(withValues)[3], { index: 3, value: 0, statistic: 0.9, alarm: false });
  assert.equal(cusumValues({ ...CUSUM, values: [1] } as CusumReport), null, 'a series of the wrong length is ignored');
});

test('cusumParameters says which parameters were given and states k and h in sigmas', () => {
  const given = cusumParameters(CUSUM);
  assert.deepEqual(given.map((p) => [p.name, p.value, p.source]), [
    ['Target', '1', 'given'],
    ['Sigma', '0.2', 'given'],
    ['k (allowance)', '0.1', '0.5 sigma'],
    ['h (threshold)', '1', '5 sigma'],
    ['Warm-up', '0', 'not needed: target and sigma given'],
  ]);
  const estimated = cusumParameters({ ...CUSUM, warmup: 30, estimated: { target: true, sigma: true }, sigmaClamped: true });
  assert.equal(estimated[0].source, 'estimated from the first 30 values');
  assert.match(estimated[1].source, /raised to a tiny floor/);
  assert.equal(estimated[4].source, 'leading values that estimated target and sigma');
  const zeroSigma = cusumParameters({ ...CUSUM, sigma: 0 });
  assert.deepEqual([zeroSigma[2].source, zeroSigma[3].source], ['given', 'given']);
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

test('statusTone maps every report status to ok, warning or problem', () => {
  assert.deepEqual(
    (['ok', 'warning', 'drift', 'miscalibrated', 'alarm'] as const).map(statusTone),
    ['ok', 'warning', 'problem', 'problem', 'problem'],
  );
});
