import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DataError } from '../../src/core/data/index';
import {
  DRIFT_DEFAULTS,
  ReportInputError,
  buildDriftReport,
  bySeverity,
  loadDriftTables,
  numericAsCategorical,
  resolveDriftOptions,
  type CategoricalDriftColumn,
  type DriftColumn,
  type DriftReport,
  type NumericDriftColumn,
} from '../../src/core/reports/index';
import {
  benjaminiHochberg,
  bonferroni,
  categoricalPsi,
  chiSquareHomogeneity,
  jensenShannonDistance,
  ksTwoSample,
  populationStabilityIndex,
  sortedFinite,
  wassersteinDistance,
} from '../../src/core/stats/index';
import { categorical, cycle, numeric, range, table } from './reportTables';

function column(report: DriftReport, name: string): DriftColumn {
  const found = report.columns.find((c) => c.name === name);
  assert.ok(found, `no column ${name} in the report`);
  return found;
}

const numericColumn = (report: DriftReport, name: string) => column(report, name) as NumericDriftColumn;
const categoricalColumn = (report: DriftReport, name: string) => column(report, name) as CategoricalDriftColumn;

/** n copies of each label, label by label. */
function counts(spec: Record<string, number>): string[] {
  return Object.entries(spec).flatMap(([label, n]) => Array<string>(n).fill(label));
}

test('a numeric column gets KS (scipy: statistic 0.5, p 0.35714285714285715), PSI, Wasserstein and Jensen-Shannon', () => {
  // ks_2samp([1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8]) -> (0.5, 0.35714285714285715), method exact (scipy 1.10)
  const reference = table('ref.csv', [numeric('x', [1, 2, 3, 4, 5, null])]);
  const current = table('cur.csv', [numeric('x', [3, 4, 5, 6, 7, 8])]);
  const x = numericColumn(buildDriftReport(reference, current), 'x');
  assert.equal(x.kind, 'numeric');
  assert.deepEqual(x.ks, { statistic: 0.5, pValue: 0.35714285714285715, method: 'exact' });
  const psi = populationStabilityIndex([1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8]);
  assert.equal(x.psi, psi.value);
  assert.deepEqual(
    x.psiBins.map((b) => [b.lower, b.upper, b.referenceShare, b.currentShare, b.contribution]),
    psi.bins.map((b) => [Number.isFinite(b.lower) ? b.lower : null, Number.isFinite(b.upper) ? b.upper : null, b.referenceShare, b.currentShare, b.contribution]),
  );
  assert.equal(x.psiBins[0].lower, null, 'the open lower edge is null in JSON');
  assert.equal(x.psiBins.at(-1)!.upper, null, 'the open upper edge is null in JSON');
  assert.equal(x.wasserstein, wassersteinDistance([1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8]));
  assert.equal(x.jensenShannon, jensenShannonDistance(psi.bins.map((b) => b.referenceShare), psi.bins.map((b) => b.currentShare)));
  assert.deepEqual(x.reference, { count: 5, missing: 1, nonFinite: 0, mean: 3, std: Math.sqrt(2.5), min: 1, median: 3, max: 5 });
  assert.equal(x.current.count, 6);
});

test('a categorical column gets chi-square (scipy: 6.666666666666667, p 0.009823274507519235) and categorical PSI', () => {
  // chi2_contingency([[10, 20], [20, 10]], correction=False)
  const reference = table('ref.csv', [categorical('c', counts({ a: 10, b: 20 }))]);
  const current = table('cur.csv', [categorical('c', [...counts({ a: 20, b: 10 }), null])]);
  const c = categoricalColumn(buildDriftReport(reference, current), 'c');
  assert.equal(c.kind, 'categorical');
  assert.equal(c.chiSquare.statistic, 6.666666666666667);
  assert.ok(Math.abs(c.chiSquare.pValue - 0.009823274507519235) < 1e-15);
  assert.equal(c.chiSquare.dof, 1);
  assert.equal(c.psi, categoricalPsi({ a: 10, b: 20 }, { a: 20, b: 10 }).value);
  assert.ok(Math.abs(c.psi - (2 / 3) * Math.log(2)) < 1e-15);
  assert.deepEqual(c.psiCategories.map((k) => k.category).sort(), ['a', 'b']);
  assert.deepEqual(c.psiCategories.find((k) => k.category === 'a'), {
    category: 'a',
    referenceShare: 1 / 3,
    currentShare: 2 / 3,
    contribution: (2 / 3 - 1 / 3) * Math.log(2 / 3 / (1 / 3)),
  });
  assert.deepEqual(c.current, { count: 30, missing: 1, categories: 2 });
  assert.equal(c.status, 'drift');
  assert.deepEqual(c.triggers, ['psi-drift', 'chi-square']);
});

test('categorical PSI, new and vanished categories, and the category list cap', () => {
  const reference = table('ref.csv', [categorical('c', counts({ a: 40, b: 40, gone: 20 }))]);
  const current = table('cur.csv', [categorical('c', counts({ a: 50, b: 30, fresh: 15, new2: 5 }))]);
  const report = buildDriftReport(reference, current, { maxCategories: 2 });
  const c = categoricalColumn(report, 'c');
  assert.equal(c.newCategories, 2);
  assert.equal(c.vanishedCategories, 1);
  assert.equal(c.psiCategories.length, 2);
  assert.equal(c.omittedCategories, 3);
  const contributions = c.psiCategories.map((k) => k.contribution);
  assert.ok(contributions[0] >= contributions[1], 'largest contribution first');
  assert.equal(c.chiSquare.dof, 4);
  assert.deepEqual(chiSquareHomogeneity({ a: 40, b: 40, gone: 20 }, { a: 50, b: 30, fresh: 15, new2: 5 }).statistic, c.chiSquare.statistic);
});

test('PSI thresholds are strict: PSI equal to psiWarning is ok, above it a warning; equal to psiDrift a warning, above it drift', () => {
  const reference = table('ref.csv', [numeric('x', range(200))]);
  const current = table('cur.csv', [numeric('x', range(200, 15))]);
  const base = numericColumn(buildDriftReport(reference, current, { alpha: 1e-12 }), 'x');
  const psi = base.psi;
  assert.ok(psi > 0.01 && psi < 1, `a usable PSI (${psi})`);
  assert.ok(base.ks.pValue > 1e-12, 'the KS test does not decide these statuses');
  const statusWith = (psiWarning: number, psiDrift: number) =>
    numericColumn(buildDriftReport(reference, current, { alpha: 1e-12, psiWarning, psiDrift }), 'x').status;
  const below = psi * (1 - 1e-12);
  assert.equal(statusWith(psi, psi * 2), 'ok', 'PSI == psiWarning');
  assert.equal(statusWith(below, psi * 2), 'warning', 'PSI > psiWarning');
  assert.equal(statusWith(below, psi), 'warning', 'PSI == psiDrift');
  assert.equal(statusWith(below / 2, below), 'drift', 'PSI > psiDrift');
  assert.deepEqual(numericColumn(buildDriftReport(reference, current, { alpha: 1e-12, psiWarning: below / 2, psiDrift: below }), 'x').triggers, ['psi-drift']);
});

test('the seed thresholds by default: PSI > 0.1 warns, PSI > 0.25 drifts, p <= 0.01 drifts', () => {
  const settings = resolveDriftOptions();
  assert.deepEqual(settings, DRIFT_DEFAULTS);
  assert.equal(settings.psiWarning, 0.1);
  assert.equal(settings.psiDrift, 0.25);
  assert.equal(settings.alpha, 0.01);
  assert.equal(settings.psiBins, 10);
  assert.equal(settings.psiStrategy, 'quantile');
  assert.equal(settings.extremeSigmas, 4);
  assert.equal(settings.correction, 'none');
});

test('the p-value rule is p <= alpha (the seed asserts p > 0.01 to pass)', () => {
  const reference = table('ref.csv', [numeric('x', [1, 2, 3, 4, 5])]);
  const current = table('cur.csv', [numeric('x', [3, 4, 5, 6, 7, 8])]);
  const p = 0.35714285714285715;
  const at = numericColumn(buildDriftReport(reference, current, { alpha: p, psiWarning: 100, psiDrift: 100 }), 'x');
  assert.equal(at.status, 'drift');
  assert.deepEqual(at.triggers, ['ks']);
  const above = numericColumn(buildDriftReport(reference, current, { alpha: p * (1 - 1e-9), psiWarning: 100, psiDrift: 100 }), 'x');
  assert.equal(above.status, 'ok');
  assert.deepEqual(above.triggers, []);
});

test('a multiple-testing correction adjusts the p-values across columns, reports both, and judges by the adjusted one', () => {
  const tables = (shift: number) =>
    table(shift === 0 ? 'ref.csv' : 'cur.csv', [
      categorical('c', counts({ a: 5000 + shift, b: 5000 - shift })),
      numeric('x', cycle([1, 2, 3, 4, 5, 6], 10_000)),
      numeric('z', cycle([1, 2, 3], 10_000)),
    ]);
  const reference = tables(0);
  const current = tables(200);
  const none = buildDriftReport(reference, current);
  const raw = none.columns.map((c) => (c.kind === 'numeric' ? c.ks.pValue : c.chiSquare.pValue));
  assert.ok(raw[0] <= 0.01 && raw[0] * 3 > 0.01, `chi-square p ${raw[0]} passes alone, not after adjusting for 3 tests`);
  assert.equal(categoricalColumn(none, 'c').status, 'drift');
  assert.ok(none.columns.every((c) => c.adjustedPValue === undefined), 'no adjusted p without a correction');

  const bonf = buildDriftReport(reference, current, { correction: 'bonferroni' });
  assert.deepEqual(bonf.columns.map((c) => c.adjustedPValue), bonferroni(raw));
  assert.deepEqual(bonf.columns.map((c) => (c.kind === 'numeric' ? c.ks.pValue : c.chiSquare.pValue)), raw, 'raw p-values kept');
  assert.equal(categoricalColumn(bonf, 'c').status, 'ok');
  assert.equal(bonf.summary.verdict, 'No drift: all 3 columns are stable (PSI <= 0.1 and Bonferroni-adjusted p > 0.01).');

  const bh = buildDriftReport(reference, current, { correction: 'bh' });
  assert.deepEqual(bh.columns.map((c) => c.adjustedPValue), benjaminiHochberg(raw));
  assert.equal(categoricalColumn(bh, 'c').status, 'ok');
  assert.equal(bh.options.correction, 'bh');
});

test('columns in only one file, columns without values and the label are reported with a reason, not tested', () => {
  const reference = table('ref.csv', [
    numeric('x', range(20)),
    numeric('legacy', range(20)),
    numeric('empty_both', Array(20).fill(null)),
    categorical('gone_now', cycle(['a', 'b'], 20)),
    numeric('new_then', Array(20).fill(null)),
    categorical('y', cycle(['0', '1'], 20)),
  ]);
  const current = table('cur.csv', [
    numeric('x', range(20, 1)),
    numeric('empty_both', Array(20).fill(null)),
    numeric('gone_now', Array(20).fill(null)),
    numeric('new_then', range(20)),
    numeric('session', range(20)),
    categorical('y', cycle(['0', '1', '1'], 20)),
  ]);
  const report = buildDriftReport(reference, current, { label: 'y' });
  assert.deepEqual(report.columns.map((c) => c.name), ['x']);
  assert.deepEqual(
    report.skipped.map((s) => [s.name, s.reason, s.message]),
    [
      ['legacy', 'only-in-reference', '"legacy" is only in ref.csv'],
      ['empty_both', 'no-data', '"empty_both" has no values in either file'],
      ['gone_now', 'no-current-data', '"gone_now" has no values in cur.csv'],
      ['new_then', 'no-reference-data', '"new_then" has no values in ref.csv'],
      ['session', 'only-in-current', '"session" is only in cur.csv'],
    ],
  );
  assert.deepEqual(report.skipped[0].current, null);
  assert.deepEqual(report.skipped[2].current, { count: 0, missing: 20 });
  assert.equal(report.summary.skipped, 5);
  assert.equal(report.summary.columns, 1);
  assert.match(report.summary.verdict, /; 5 columns skipped\.$/);
  assert.ok(report.label);
  assert.equal(report.label.name, 'y');
  assert.deepEqual(report.label.reference?.classes, [
    { label: '0', count: 10, share: 0.5 },
    { label: '1', count: 10, share: 0.5 },
  ]);
  assert.equal(report.label.current?.classes[0].label, '1');
  assert.equal(report.label.ok, true);
});

test('the label check fails when a class is missing or one class has 90% or more', () => {
  const reference = table('ref.csv', [numeric('x', range(20)), numeric('y', cycle([0, 1, 2, 0], 20))]);
  const current = table('cur.csv', [numeric('x', range(20)), numeric('y', [...Array(19).fill(0), 1])]);
  const label = buildDriftReport(reference, current, { label: 'y' }).label!;
  assert.equal(label.reference!.ok, true);
  assert.equal(label.current!.allPresent, false);
  assert.equal(label.current!.largestShare, 0.95);
  assert.equal(label.ok, false);
  assert.equal(label.message, 'class "2" absent from cur.csv; class "0" is 95% of cur.csv (limit 90%)');
});

test('a label in only one file is reported for that file; a label in neither is an error naming both files', () => {
  const reference = table('train.csv', [numeric('x', range(10)), numeric('y', cycle([0, 1], 10))]);
  const current = table('prod.csv', [numeric('x', range(10))]);
  const label = buildDriftReport(reference, current, { label: 'y' }).label!;
  assert.equal(label.current, null);
  assert.equal(label.reference!.classCount, 2);
  assert.equal(label.message, 'prod.csv has no column "y"');
  assert.throws(
    () => buildDriftReport(reference, current, { label: 'target' }),
    (error: unknown) =>
      error instanceof ReportInputError &&
      error.message === 'Neither train.csv nor prod.csv has a label column "target": check the name (names are case-sensitive), or leave the label out',
  );
});

test('a column of numbers in one file and text in the other is compared as categories on both sides, with a note', () => {
  const reference = table('ref.csv', [numeric('zip', cycle([1000, 1001, 1002], 30))]);
  const current = table('cur.csv', [categorical('zip', [...cycle(['1000', '1001', '1002'], 29), 'unknown'])]);
  const zip = categoricalColumn(buildDriftReport(reference, current), 'zip');
  assert.equal(zip.kind, 'categorical');
  assert.deepEqual(zip.kindMismatch, { reference: 'numeric', current: 'categorical' });
  assert.equal(zip.note, 'numbers in ref.csv but text in cur.csv: compared as categories');
  assert.equal(zip.newCategories, 1);
  assert.equal(zip.chiSquare.dof, 3);
});

test('kindMismatches from loadDriftTables mark columns already read as text from both files', () => {
  const reference = table('ref.csv', [categorical('zip', cycle(['1.0', '2.0'], 10))]);
  const current = table('cur.csv', [categorical('zip', cycle(['1.0', 'n/a'], 10))]);
  const zip = categoricalColumn(
    buildDriftReport(reference, current, { kindMismatches: [{ name: 'zip', reference: 'numeric', current: 'categorical' }] }),
    'zip',
  );
  assert.deepEqual(zip.kindMismatch, { reference: 'numeric', current: 'categorical' });
  assert.equal(zip.note, 'numbers in ref.csv but text in cur.csv: compared as categories');
});

test('numericAsCategorical writes numbers as JavaScript does and keeps missing values missing', () => {
  const column = numericAsCategorical({ kind: 'numeric', name: 'n', values: Float64Array.of(2, NaN, 10, 2, 0.5), missing: 1, nonFinite: 0 });
  assert.deepEqual(column.categories, ['0.5', '10', '2']);
  assert.deepEqual([...column.codes], [2, -1, 1, 2, 0]);
  assert.equal(column.missing, 1);
});

test('a table without rows, and two tables with nothing to compare, are input errors naming the files', () => {
  const empty = table('header-only.csv', [numeric('x', [])]);
  const full = table('cur.csv', [numeric('x', [1, 2])]);
  assert.throws(
    () => buildDriftReport(empty, full),
    (e: unknown) => e instanceof ReportInputError && e.message === 'header-only.csv has a header but no data rows: export the data again, or pick another file',
  );
  assert.throws(
    () => buildDriftReport(table('a.csv', [numeric('x', [1])]), table('b.csv', [numeric('y', [1])])),
    (e: unknown) =>
      e instanceof ReportInputError &&
      e.message ===
        'a.csv and b.csv have no column in common with values in both (2 skipped: "x" is only in a.csv; "y" is only in b.csv): check that both files hold the same features',
  );
});

test('extreme values: current values beyond 4 reference sd and outside the reference range are counted', () => {
  const referenceValues = range(100);
  const reference = table('ref.csv', [numeric('x', referenceValues)]);
  const current = table('cur.csv', [numeric('x', [...range(98), 500, -1])]);
  const x = numericColumn(buildDriftReport(reference, current), 'x');
  const sd = x.reference.std!;
  assert.equal(x.extremeValues!.sigmas, 4);
  assert.equal(x.extremeValues!.upperLimit, 49.5 + 4 * sd);
  assert.equal(x.extremeValues!.beyondSigmas, 1, '500 only');
  assert.equal(x.extremeValues!.outsideRange, 2, '500 and -1');
  const single = numericColumn(buildDriftReport(table('r.csv', [numeric('x', [1, null])]), table('c.csv', [numeric('x', [1, 2])])), 'x');
  assert.equal(single.extremeValues, null, 'no sd from one reference value');
});

test('the summary counts statuses, takes the worst, and says it in one sentence', () => {
  const reference = table('ref.csv', [numeric('a', range(100)), numeric('b', range(100)), numeric('c', range(100))]);
  const drifted = table('cur.csv', [numeric('a', range(100, 80)), numeric('b', range(100, 8)), numeric('c', range(100))]);
  const report = buildDriftReport(reference, drifted, { alpha: 1e-300 });
  assert.deepEqual(report.columns.map((c) => c.status), ['drift', 'warning', 'ok']);
  assert.deepEqual(
    { ...report.summary },
    {
      columns: 3,
      drifted: 1,
      warnings: 1,
      ok: 1,
      skipped: 0,
      status: 'drift',
      shareDrifted: 1 / 3,
      verdict: '1 of 3 columns drifted (PSI > 0.25 or p <= 1e-300); 1 more warns (PSI > 0.1).',
    },
  );
  const warnOnly = buildDriftReport(reference, table('cur.csv', [numeric('a', range(100, 8)), numeric('b', range(100)), numeric('c', range(100))]), { alpha: 1e-300 });
  assert.equal(warnOnly.summary.status, 'warning');
  assert.equal(warnOnly.summary.verdict, 'No column drifted; 1 of 3 columns warns (PSI > 0.1).');
  const stable = buildDriftReport(reference, reference);
  assert.equal(stable.summary.status, 'ok');
  assert.equal(stable.summary.verdict, 'No drift: all 3 columns are stable (PSI <= 0.1 and p > 0.01).');
  assert.deepEqual(bySeverity(report.columns).map((c) => c.name), ['a', 'b', 'c']);
});

test('bySeverity puts drift first, then warnings, then ok, larger PSI first within a status', () => {
  const fake = (name: string, status: DriftColumn['status'], psi: number) => ({ name, status, psi }) as DriftColumn;
  const sorted = bySeverity([fake('ok1', 'ok', 0.05), fake('w', 'warning', 0.2), fake('d1', 'drift', 0.3), fake('d2', 'drift', 0.9), fake('ok2', 'ok', 0.07)]);
  assert.deepEqual(sorted.map((c) => c.name), ['d2', 'd1', 'w', 'ok2', 'ok1']);
});

test('the report uses the JSON schema field names of issue 3 and survives JSON unchanged', () => {
  const reference = table('ref.csv', [numeric('x', range(50)), categorical('c', cycle(['a', 'b'], 50))]);
  const current = table('cur.csv', [numeric('x', range(50, 3)), categorical('c', cycle(['a', 'b', 'b'], 50))]);
  const report = buildDriftReport(reference, current);
  assert.equal(report.schemaVersion, 1);
  assert.deepEqual(report.reference, { path: 'ref.csv', rows: 50 });
  assert.deepEqual(report.current, { path: 'cur.csv', rows: 50 });
  for (const c of report.columns) {
    for (const key of ['name', 'kind', 'reference', 'current', 'psi', 'status']) assert.ok(key in c, `columns[].${key}`);
    for (const side of [c.reference, c.current]) {
      assert.equal(typeof side.count, 'number');
      assert.equal(typeof side.missing, 'number');
    }
    assert.equal(typeof c.psi, 'number');
    assert.ok(['ok', 'warning', 'drift'].includes(c.status));
  }
  const x = numericColumn(report, 'x');
  assert.deepEqual(Object.keys(x.ks).sort(), ['method', 'pValue', 'statistic']);
  assert.ok(['exact', 'asymptotic'].includes(x.ks.method));
  assert.equal(typeof x.wasserstein, 'number');
  assert.equal(typeof x.jensenShannon, 'number');
  assert.ok(!('chiSquare' in x));
  const c = categoricalColumn(report, 'c');
  assert.deepEqual(Object.keys(c.chiSquare).sort(), ['dof', 'pValue', 'statistic']);
  assert.ok(!('ks' in c) && !('wasserstein' in c) && !('jensenShannon' in c));
  for (const key of ['columns', 'drifted', 'warnings', 'status']) assert.ok(key in report.summary, `summary.${key}`);
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report, 'no Infinity, NaN or typed arrays');
  assert.ok(JSON.stringify(report).length < 10_000, 'no raw data in the report');
});

test('presorted columns give the same report without sorting again', () => {
  const reference = table('ref.csv', [numeric('x', [5, 3, null, 9, 1, 7]), categorical('c', ['a', 'b', 'a', 'a', 'b', 'b'])]);
  const current = table('cur.csv', [numeric('x', [4, 8, 2, 6, null, 10]), categorical('c', ['a', 'a', 'b', 'a', 'b', null])]);
  const plain = buildDriftReport(reference, current);
  const presorted = buildDriftReport(reference, current, {
    presorted: {
      reference: new Map([['x', sortedFinite(reference.columns[0].kind === 'numeric' ? reference.columns[0].values : [])]]),
      current: new Map([['x', sortedFinite(current.columns[0].kind === 'numeric' ? current.columns[0].values : [])]]),
    },
  });
  assert.deepEqual(presorted, plain);
});

test('option values out of range are rejected with the option named', () => {
  const t = table('t.csv', [numeric('x', [1, 2])]);
  assert.throws(() => buildDriftReport(t, t, { psiBins: 0 }), /psiBins must be a positive integer/);
  assert.throws(() => buildDriftReport(t, t, { alpha: 1 }), /alpha must be between 0 and 1/);
  assert.throws(() => buildDriftReport(t, t, { psiWarning: 0.3, psiDrift: 0.2 }), /psiDrift must be at least psiWarning/);
  assert.throws(() => buildDriftReport(t, t, { correction: 'holm' as never }), /correction must be one of none, bonferroni, bh/);
});

test('KS is exact up to 10,000 values per side and asymptotic above, as scipy method=auto', () => {
  const small = numericColumn(buildDriftReport(table('r', [numeric('x', range(300))]), table('c', [numeric('x', range(250, 5))])), 'x');
  assert.equal(small.ks.method, 'exact');
  assert.deepEqual({ statistic: small.ks.statistic, pValue: small.ks.pValue }, (({ statistic, pValue }) => ({ statistic, pValue }))(ksTwoSample(range(300), range(250, 5))));
  const large = numericColumn(buildDriftReport(table('r', [numeric('x', range(10_001))]), table('c', [numeric('x', range(10_001, 0.5))])), 'x');
  assert.equal(large.ks.method, 'asymptotic');
});

// ---------------------------------------------------------------------------------------------
// loadDriftTables: the two files together.

const scratch = mkdtempSync(join(tmpdir(), 'gradient-reports-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
function file(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

test('loadDriftTables reads a column of numbers in one file and text in the other as text from both, keeping the spelling', async () => {
  const reference = file('zip-ref.csv', 'zip,x\n1.0,1\n2.0,2\n1.0,3\n');
  const current = file('zip-cur.csv', 'zip,x\n1.0,1\nunknown,2\n2.0,3\n');
  const tables = await loadDriftTables(reference, current);
  const zip = tables.reference.columns.find((c) => c.name === 'zip')!;
  assert.equal(zip.kind, 'categorical');
  assert.deepEqual(zip.kind === 'categorical' && zip.categories, ['1.0', '2.0'], '"1.0" stays "1.0"');
  assert.deepEqual(tables.kindMismatches, [{ name: 'zip', reference: 'numeric', current: 'categorical' }]);
  assert.equal(tables.reference.columns.find((c) => c.name === 'x')!.kind, 'numeric');
  const report = buildDriftReport(tables.reference, tables.current, { kindMismatches: tables.kindMismatches });
  assert.equal(categoricalColumn(report, 'zip').psiCategories.find((c) => c.category === '1.0')?.referenceShare, 2 / 3);
});

test('loadDriftTables drops a requested name missing from one file (reported as skipped) but not from both', async () => {
  const reference = file('names-ref.csv', 'a,b,only_ref\n1,2,3\n4,5,6\n');
  const current = file('names-cur.csv', 'a,b\n1,2\n4,7\n');
  const tables = await loadDriftTables(reference, current, { columns: ['a', 'only_ref'], categorical: ['only_ref'] });
  assert.deepEqual(tables.reference.columns.map((c) => `${c.name}:${c.kind}`), ['a:numeric', 'only_ref:categorical']);
  assert.deepEqual(tables.current.columns.map((c) => c.name), ['a']);
  const report = buildDriftReport(tables.reference, tables.current);
  assert.deepEqual(report.skipped.map((s) => s.reason), ['only-in-reference']);
  await assert.rejects(
    loadDriftTables(reference, current, { columns: ['a', 'nowhere'] }),
    (e: unknown) => e instanceof DataError && e.code === 'unknown-column' && e.file === reference && e.column === 'nowhere',
  );
  const withLabel = await loadDriftTables(reference, current, { columns: ['a'], label: 'b' });
  assert.deepEqual(withLabel.current.columns.map((c) => c.name), ['a', 'b'], 'the label is read along with --columns');
});
