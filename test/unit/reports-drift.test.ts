// The drift report: its numbers (against scipy and the core/stats functions checked against
// scipy), its roles, and its verdicts. What the verdicts claim at scale is measured by
// `npm run verdicts` (test/verdicts/regimes.ts); here each rule is pinned on small, exact cases.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DataError, loadTable, type CategoricalColumn } from '../../src/core/data/index';
import {
  REPORT_SCHEMA_VERSION,
  ReportInputError,
  buildDriftReport,
  bySeverity,
  distributionSummary,
  loadDriftTables,
  numericAsCategorical,
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
  seededRandom,
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

/** A reproducible normal sample. */
function normals(seed: number, n: number, mean = 0, sd = 1): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => mean + sd * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

// ---------------------------------------------------------------------------------------------
// Numbers

test('a numeric column gets KS (scipy: statistic 0.5, p 0.012298612583953778), PSI over deciles, Wasserstein and Jensen-Shannon', () => {
  // ks_2samp(1.5 * np.arange(1, 21), 1.5 * np.arange(11, 31)): D 0.5, p 0.012298612583953778 (exact, scipy 1.10);
  // 20 distinct values > 10 bins; not whole numbers, so not mistaken for a row number.
  const ref = range(20, 1).map((v) => v * 1.5);
  const cur = range(20, 11).map((v) => v * 1.5);
  const x = numericColumn(buildDriftReport(table('ref.csv', [numeric('x', [...ref, null])]), table('cur.csv', [numeric('x', cur)])), 'x');
  assert.deepEqual(x.ks, { statistic: 0.5, pValue: ksTwoSample(ref, cur).pValue, method: 'exact' });
  assert.ok(Math.abs(x.ks.pValue - 0.012298612583953778) < 1e-15);
  const psi = populationStabilityIndex(ref, cur);
  assert.equal(x.binning, 'quantile');
  assert.equal(x.psi, psi.value);
  assert.deepEqual(
    x.psiBins.map((b) => [b.lower, b.upper, b.referenceCount, b.currentCount, b.contribution]),
    psi.bins.map((b) => [Number.isFinite(b.lower) ? b.lower : null, Number.isFinite(b.upper) ? b.upper : null, b.referenceCount, b.currentCount, b.contribution]),
  );
  assert.equal(x.wasserstein, wassersteinDistance(ref, cur));
  assert.equal(x.wassersteinNormalized, x.wasserstein / x.reference.std!);
  assert.equal(x.jensenShannon, jensenShannonDistance(psi.bins.map((b) => b.referenceShare), psi.bins.map((b) => b.currentShare)));
  assert.deepEqual(x.reference, { count: 20, missing: 1, nonFinite: 0, mean: 15.75, std: 1.5 * Math.sqrt(35), min: 1.5, median: 15.75, max: 30, distinct: 20 });
  assert.deepEqual(x.distribution, distributionSummary(sortedFinite(ref), sortedFinite(cur)), 'the charts get the distribution summary');
});

test('a numeric column with no more distinct values than bins gets one bin per value: binary 5% → 50% is PSI 1.33, not 0 (issue 7)', () => {
  const reference = table('ref.csv', [numeric('flag', [...Array(950).fill(0), ...Array(50).fill(1)])]);
  const current = table('cur.csv', [numeric('flag', [...Array(500).fill(0), ...Array(500).fill(1)])]);
  const flag = numericColumn(buildDriftReport(reference, current), 'flag');
  assert.equal(flag.binning, 'values');
  assert.deepEqual(flag.psiBins.map((b) => [b.lower, b.upper, b.referenceCount, b.currentCount]), [[0, 0, 950, 500], [1, 1, 50, 500]]);
  assert.equal(flag.psi, categoricalPsi({ 0: 950, 1: 50 }, { 0: 500, 1: 500 }).value);
  assert.ok(Math.abs(flag.psi - 1.3254) < 1e-3);
  assert.equal(flag.status, 'drift');
  // {0, 1, 2}: 30% of the mass moves from 1 to 2.
  const three = numericColumn(
    buildDriftReport(
      table('r.csv', [numeric('n', [...Array(300).fill(0), ...Array(500).fill(1), ...Array(200).fill(2)])]),
      table('c.csv', [numeric('n', [...Array(300).fill(0), ...Array(200).fill(1), ...Array(500).fill(2)])]),
    ),
    'n',
  );
  assert.equal(three.psi, categoricalPsi({ 0: 300, 1: 500, 2: 200 }, { 0: 300, 1: 200, 2: 500 }).value);
  assert.ok(three.psi > 0.5, `PSI ${three.psi}, not 0.00002 as deciles gave`);
  assert.equal(three.status, 'drift');
});

test('per-value bins pool rare values into one bin, after the common ones', () => {
  const reference = table('r.csv', [numeric('v', [...Array(60).fill(1), ...Array(60).fill(2), 3, 4])]);
  const current = table('c.csv', [numeric('v', [...Array(55).fill(1), ...Array(63).fill(2), 5])]);
  const v = numericColumn(buildDriftReport(reference, current), 'v');
  assert.deepEqual(v.psiBins.map((b) => [b.lower, b.referenceCount, b.currentCount, b.pooled]), [[1, 60, 55, undefined], [2, 60, 63, undefined], [null, 2, 1, 3]]);
});

test('a categorical column gets chi-square (scipy: 6.666666666666667, p 0.009823274507519235) and categorical PSI', () => {
  // chi2_contingency([[10, 20], [20, 10]], correction=False)
  const reference = table('ref.csv', [categorical('c', counts({ a: 10, b: 20 }))]);
  const current = table('cur.csv', [categorical('c', [...counts({ a: 20, b: 10 }), null])]);
  const c = categoricalColumn(buildDriftReport(reference, current), 'c');
  assert.equal(c.chiSquare.statistic, 6.666666666666667);
  assert.ok(Math.abs(c.chiSquare.pValue - 0.009823274507519235) < 1e-15);
  assert.equal(c.chiSquare.dof, 1);
  assert.equal(c.psi, categoricalPsi({ a: 10, b: 20 }, { a: 20, b: 10 }).value);
  assert.deepEqual(c.psiCategories.find((k) => k.category === 'a'), {
    category: 'a',
    referenceCount: 10,
    currentCount: 20,
    referenceShare: 1 / 3,
    currentShare: 2 / 3,
    contribution: (2 / 3 - 1 / 3) * Math.log(2),
  });
  assert.deepEqual(c.current, { count: 30, missing: 1, categories: 2 });
  assert.equal(c.binning, 'categories');
});

test('two categories with one name are an internal error, never an overwrite of one count by the other (issue 8)', () => {
  // caf\xE9 and caf\xE8 once both decoded to "caf\uFFFD": 100 of 400 rows vanished and the report said drift.
  const merged: CategoricalColumn = { kind: 'categorical', name: 'city', codes: Int32Array.of(0, 1, 1, 2), categories: ['caf\ufffd', 'caf\ufffd', 'plain'], missing: 0 };
  const reference = table('ref.csv', [merged]);
  assert.throws(() => buildDriftReport(reference, table('cur.csv', [categorical('city', ['plain', 'plain', 'x', 'x'])])), (error: unknown) => {
    assert.ok(error instanceof Error && !(error instanceof DataError) && !(error instanceof ReportInputError));
    assert.equal(error.message, 'ref.csv column "city" has two categories named "caf\ufffd" (codes 0 and 1): a loader broke the invariant that categories are distinct');
    return true;
  });
});

test('rare categories are pooled before chi-square and PSI; new and vanished categories are counted on the raw levels', () => {
  const reference = table('ref.csv', [categorical('c', counts({ a: 400, b: 400, gone: 2, r1: 1 }))]);
  const current = table('cur.csv', [categorical('c', counts({ a: 350, b: 350, fresh: 100, new2: 1 }))]);
  const c = categoricalColumn(buildDriftReport(reference, current), 'c');
  assert.equal(c.newCategories, 2);
  assert.equal(c.vanishedCategories, 2);
  const pooled = c.psiCategories.find((k) => k.pooled !== undefined)!;
  assert.equal(pooled.pooled, 3, 'gone, r1 and new2 are rare');
  assert.equal(pooled.category, '3 rare categories (pooled)');
  assert.deepEqual([pooled.referenceCount, pooled.currentCount], [3, 1]);
  assert.equal(c.chiSquare.dof, 3, 'a, b, fresh and the pooled bucket');
  assert.equal(c.chiSquare.statistic, chiSquareHomogeneity({ a: 400, b: 400, fresh: 0, other: 3 }, { a: 350, b: 350, fresh: 100, other: 1 }).statistic);
  assert.equal(c.status, 'drift', 'the new category at 12% is kept and drives the change');
});

test('1,000 equally likely categories, the same on both sides, are insufficient data, not drift (issue 7)', () => {
  const random = seededRandom(3);
  const draw = () => Array.from({ length: 2000 }, () => `c${Math.floor(random() * 1000)}`);
  const c = categoricalColumn(buildDriftReport(table('r.csv', [categorical('c', draw())]), table('c.csv', [categorical('c', draw())])), 'c');
  assert.notEqual(c.status, 'drift');
  assert.ok(c.psi < 0.1, `pooled PSI ${c.psi}`);
});

// ---------------------------------------------------------------------------------------------
// Verdicts

test('rule 1, the test rule: p <= alpha with a PSI at least the floor is drift, and the reason says both', () => {
  const x = numericColumn(buildDriftReport(table('r.csv', [numeric('x', normals(1, 1000))]), table('c.csv', [numeric('x', normals(2, 1000, 0.5))])), 'x');
  assert.equal(x.status, 'drift');
  assert.ok(x.triggers.includes('ks'), JSON.stringify(x.triggers));
  assert.ok(x.pValue <= 0.01);
  assert.ok(x.psiDebiased >= 0.01);
  assert.match(x.reason, /^KS p [\d.e-]+ ≤ 0\.01 and PSI [\d.]+ \([\d.]+ beyond the [\d.]+ expected from noise\), above the 0\.\d+ (rollback|alert) level/);
});

test('detectable but small: a 0.02 sd shift at 100,000 rows per side is significant yet negligible (issue 7)', () => {
  const x = numericColumn(
    buildDriftReport(table('r.csv', [numeric('x', normals(4, 100_000))]), table('c.csv', [numeric('x', normals(5, 100_000, 0.02))])),
    'x',
  );
  assert.ok(x.ks.pValue <= 0.01, `KS p ${x.ks.pValue}`);
  assert.equal(x.status, 'small');
  assert.deepEqual(x.triggers, ['ks']);
  assert.ok(x.psiDebiased < 0.01);
  assert.match(x.reason, /^detectable but small: KS p [\d.e-]+ ≤ 0\.01, but PSI .* is below the 0\.01 effect-size floor, a shift of 0\.0\d+ standard deviations$/);
});

test('the effect-size floor is an option: with minEffect 0 the same small shift is drift', () => {
  const reference = table('r.csv', [numeric('x', normals(4, 100_000))]);
  const current = table('c.csv', [numeric('x', normals(5, 100_000, 0.02))]);
  assert.equal(numericColumn(buildDriftReport(reference, current, { minEffect: 0 }), 'x').status, 'drift');
});

test('insufficient data: 20 rows per side cannot detect a rollback-level PSI, and the reason gives the smallest detectable change', () => {
  const x = numericColumn(buildDriftReport(table('r.csv', [numeric('x', normals(6, 20))]), table('c.csv', [numeric('x', normals(7, 20))])), 'x');
  assert.equal(x.status, 'insufficient');
  assert.deepEqual(x.triggers, []);
  assert.ok(x.detectable.psi! > 0.25);
  assert.ok(x.detectable.ks! > 0.4);
  assert.match(x.reason, /^too few values to judge \(20 and 20 values\): the smallest change they can detect is PSI [\d.]+ \(KS distance [\d.]+\), above the 0\.25 rollback level$/);
  assert.equal(x.psiNoise.expected, 9 * (1 / 20 + 1 / 20));
});

test('ok: no change beyond noise, with the PSI set against its expected noise', () => {
  const x = numericColumn(buildDriftReport(table('r.csv', [numeric('x', normals(8, 2000))]), table('c.csv', [numeric('x', normals(9, 2000))])), 'x');
  assert.equal(x.status, 'ok');
  assert.equal(x.psiNoise.expected, 9 * (2 / 2000));
  assert.equal(x.psiDebiased, Math.max(0, x.psi - x.psiNoise.expected));
  assert.equal(x.psiBeyondNoise, false);
  assert.match(x.reason, /^no change beyond noise: KS p [\d.]+, PSI [\d.]+/);
});

test('rules 2 and 4: PSI beyond its noise above 0.25 is drift, above 0.1 a warning, even when KS does not confirm it', () => {
  // The same mean, a wider spread: KS is weak at scale changes, the decile PSI sees the tails.
  const reference = table('r.csv', [numeric('x', normals(10, 400))]);
  const wide = numericColumn(buildDriftReport(reference, table('c.csv', [numeric('x', normals(11, 400, 0, 1.8))]), { alpha: 0.001 }), 'x');
  assert.equal(wide.psiBeyondNoise, true);
  assert.ok(wide.triggers.includes('psi-drift'), JSON.stringify(wide.triggers));
  assert.equal(wide.status, 'drift');
  const psi = wide.psi;
  const warned = numericColumn(buildDriftReport(reference, table('c.csv', [numeric('x', normals(11, 400, 0, 1.8))]), { alpha: 0.001, psiDrift: 10, minEffect: 10 }), 'x');
  assert.equal(warned.status, 'warning');
  assert.deepEqual(warned.triggers.filter((t) => t !== 'ks'), ['psi-warning']);
  assert.ok(psi > 0.1);
});

test('the PSI noise check needs 10 reference values per bin: quantile bins of a small reference are not judged by it', () => {
  const x = numericColumn(buildDriftReport(table('r.csv', [numeric('x', normals(12, 60))]), table('c.csv', [numeric('x', normals(13, 2000))])), 'x');
  assert.equal(x.psiBeyondNoise, null);
});

test('missing values count: 0.6% → 97.5% missing is drift, 1% → 10% a warning, and the summary never says stable (issue 7)', () => {
  const values = normals(14, 1000);
  const withMissing = (share: number) => values.map((v, i) => (i < share * 1000 ? null : v));
  const broken = numericColumn(buildDriftReport(table('r.csv', [numeric('age', withMissing(0.006))]), table('c.csv', [numeric('age', withMissing(0.975))])), 'age');
  assert.equal(broken.status, 'drift');
  assert.ok(broken.triggers.includes('missing-drift'));
  assert.match(broken.reason, /missing values 0\.6% → 97\.5% \(PSI [\d.]+, above the 0\.25 rollback level\)/);
  const report = buildDriftReport(table('r.csv', [numeric('age', withMissing(0.01))]), table('c.csv', [numeric('age', withMissing(0.1))]));
  const rising = numericColumn(report, 'age');
  assert.equal(rising.status, 'warning');
  assert.deepEqual(rising.triggers, ['missing-budget']);
  assert.deepEqual([rising.missing.reference, rising.missing.current], [0.01, 0.1]);
  assert.match(rising.reason, /^missing values rose 1\.0% → 10\.0%, above the 5\.0% budget$/);
  assert.equal(report.summary.status, 'warning');
  assert.doesNotMatch(report.summary.verdict, /stable/);
});

test('a constant column, the same in both files, is ok; a multiple-testing correction judges by the adjusted p-value', () => {
  const constant = numericColumn(buildDriftReport(table('r.csv', [numeric('k', Array(50).fill(3))]), table('c.csv', [numeric('k', Array(40).fill(3))])), 'k');
  assert.equal(constant.status, 'ok');
  assert.equal(constant.reason, 'one and the same value in both files');

  const tables = (shift: number) =>
    table(shift === 0 ? 'ref.csv' : 'cur.csv', [
      categorical('c', counts({ a: 5000 + shift, b: 5000 - shift })),
      numeric('x', cycle([1, 2, 3, 4, 5, 6], 10_000)),
      numeric('z', cycle([1, 2, 3], 10_000)),
    ]);
  const none = buildDriftReport(tables(0), tables(200));
  const raw = none.columns.map((c) => (c.kind === 'numeric' ? c.ks.pValue : c.chiSquare.pValue));
  assert.ok(raw[0] <= 0.01 && raw[0] * 3 > 0.01, `chi-square p ${raw[0]} passes alone, not after adjusting for 3 tests`);
  assert.equal(none.columns.every((c) => c.adjustedPValue === undefined), true);
  const bonf = buildDriftReport(tables(0), tables(200), { correction: 'bonferroni' });
  assert.deepEqual(bonf.columns.map((c) => c.adjustedPValue), bonferroni(raw));
  assert.deepEqual(bonf.columns.map((c) => c.pValue), bonferroni(raw));
  assert.match(categoricalColumn(bonf, 'c').reason, /Bonferroni-adjusted p/);
  const bh = buildDriftReport(tables(0), tables(200), { correction: 'bh' });
  assert.deepEqual(bh.columns.map((c) => c.adjustedPValue), benjaminiHochberg(raw));
});

test("text that reads 'inf' before other text is a category on both sides: inf,inf,low against low,inf,inf is not drift (issue 7)", async () => {
  const reference = file('inf-ref.csv', 'c\ninf\ninf\nlow\n');
  const current = file('inf-cur.csv', 'c\nlow\ninf\ninf\n');
  const report = buildDriftReport(await loadTable(reference), await loadTable(current));
  const c = categoricalColumn(report, 'c');
  assert.equal(c.psi, 0);
  assert.notEqual(c.status, 'drift');
});

// ---------------------------------------------------------------------------------------------
// Roles

test('identifier and time columns are not tested: the report lists their role and what it compared instead', () => {
  const n = 200;
  const reference = table('train.csv', [
    numeric('user_id', range(n).map((i) => 100_000 + i * 37)),
    categorical('timestamp', range(n).map((i) => `2024-01-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00`)),
    numeric('x', normals(20, n)),
  ]);
  const current = table('prod.csv', [
    numeric('user_id', range(n).map((i) => 100_000 + i * 37 + (i < n / 2 ? 0 : 1))),
    categorical('timestamp', range(n).map((i) => `2024-04-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00`)),
    numeric('x', normals(21, n)),
  ]);
  const report = buildDriftReport(reference, current);
  assert.deepEqual(report.columns.map((c) => c.name), ['x']);
  const id = report.skipped.find((s) => s.name === 'user_id')!;
  assert.deepEqual([id.status, id.reason, id.role, id.roleSource], ['skipped', 'identifier', 'identifier', 'detected']);
  assert.deepEqual(id.comparison, { kind: 'unseen-identifiers', unseenShare: 0.5 });
  assert.match(id.message, /^"user_id" is an identifier \(detected: .*\), not a feature; 50\.0% of prod\.csv's identifiers never occur in train\.csv$/);
  const time = report.skipped.find((s) => s.name === 'timestamp')!;
  assert.deepEqual([time.reason, time.role], ['time', 'time']);
  assert.deepEqual(time.comparison, {
    kind: 'time-range',
    reference: { min: '2024-01-01T10:00:00.000Z', max: '2024-01-28T10:00:00.000Z' },
    current: { min: '2024-04-01T10:00:00.000Z', max: '2024-04-28T10:00:00.000Z' },
  });
  assert.match(report.summary.verdict, /2 columns not tested \(1 identifier, 1 time\)/);
});

test('a role given by the user wins: an identifier forced to feature is tested, a feature set to ignore is not', () => {
  const reference = table('r.csv', [numeric('user_id', range(100)), numeric('x', normals(22, 100)), numeric('noise', normals(23, 100))]);
  const current = table('c.csv', [numeric('user_id', range(100, 50)), numeric('x', normals(24, 100)), numeric('noise', normals(25, 100))]);
  const report = buildDriftReport(reference, current, { columnRoles: { user_id: 'feature', noise: 'ignore' } });
  assert.deepEqual(report.columns.map((c) => c.name), ['user_id', 'x']);
  assert.deepEqual(report.skipped.map((s) => [s.name, s.reason, s.roleSource]), [['noise', 'ignored', 'given']]);
  assert.equal(report.skipped[0].message, '"noise" is ignored (set by the user)');
  assert.deepEqual(report.options.columnRoles, { user_id: 'feature', noise: 'ignore' });
});

test('the label is found by its name when none is given, and keeps its class-balance check', () => {
  const reference = table('train.csv', [numeric('x', normals(26, 40)), numeric('label', cycle([0, 1], 40))]);
  const current = table('prod.csv', [numeric('x', normals(27, 40))]);
  const report = buildDriftReport(reference, current);
  assert.deepEqual(report.columns.map((c) => c.name), ['x']);
  assert.equal(report.options.label, 'label');
  assert.equal(report.label?.source, 'detected');
  assert.equal(report.label?.reference?.classCount, 2);
  assert.equal(report.label?.current, null);
  assert.throws(
    () => buildDriftReport(reference, current, { label: 'y', columnRoles: { label: 'label' } }),
    (e: unknown) => e instanceof ReportInputError && /more than one label column \("y", "label"\)/.test(e.message),
  );
});

test('the label check fails when a class is missing or one class has 90% or more', () => {
  const reference = table('ref.csv', [numeric('x', normals(28, 20)), numeric('y', cycle([0, 1, 2, 0], 20))]);
  const current = table('cur.csv', [numeric('x', normals(29, 20)), numeric('y', [...Array(19).fill(0), 1])]);
  const label = buildDriftReport(reference, current, { label: 'y' }).label!;
  assert.equal(label.source, 'given');
  assert.equal(label.current!.allPresent, false);
  assert.equal(label.current!.largestShare, 0.95);
  assert.equal(label.ok, false);
  assert.equal(label.message, 'class "2" absent from cur.csv; class "0" is 95% of cur.csv (limit 90%)');
  assert.throws(
    () => buildDriftReport(reference, current, { label: 'target' }),
    (error: unknown) => error instanceof ReportInputError && error.message === 'Neither ref.csv nor cur.csv has a label column "target": check the name (names are case-sensitive), or leave the label out',
  );
});

// ---------------------------------------------------------------------------------------------
// Columns not tested, kinds, summary, schema

test('columns in only one file and columns without values are reported with a reason, not tested', () => {
  const reference = table('ref.csv', [
    numeric('x', normals(30, 40)),
    numeric('legacy', normals(31, 40)),
    numeric('empty_both', Array(40).fill(null)),
    categorical('gone_now', cycle(['a', 'b'], 40)),
  ]);
  const current = table('cur.csv', [numeric('x', normals(32, 40)), numeric('empty_both', Array(40).fill(null)), numeric('gone_now', Array(40).fill(null)), numeric('session', normals(33, 40))]);
  const report = buildDriftReport(reference, current);
  assert.deepEqual(
    report.skipped.map((s) => [s.name, s.status, s.reason, s.message]),
    [
      ['legacy', 'skipped', 'only-in-reference', '"legacy" is only in ref.csv'],
      ['empty_both', 'skipped', 'no-data', '"empty_both" has no values in either file'],
      ['gone_now', 'skipped', 'no-current-data', '"gone_now" has no values in cur.csv'],
      ['session', 'skipped', 'only-in-current', '"session" is only in cur.csv'],
    ],
  );
  assert.deepEqual(report.skipped[2].current, { count: 0, missing: 40 });
  assert.equal(report.summary.skipped, 4);
});

test('a column of numbers in one file and text in the other is compared as categories on both sides, with a note', () => {
  const reference = table('ref.csv', [numeric('zip', cycle([1000, 1001, 1002], 30))]);
  const current = table('cur.csv', [categorical('zip', [...cycle(['1000', '1001', '1002'], 29), 'unknown'])]);
  const zip = categoricalColumn(buildDriftReport(reference, current), 'zip');
  assert.deepEqual(zip.kindMismatch, { reference: 'numeric', current: 'categorical' });
  assert.equal(zip.note, 'numbers in ref.csv but text in cur.csv: compared as categories');
  assert.equal(zip.newCategories, 1);
});

test('numericAsCategorical writes numbers as JavaScript does and keeps missing values missing', () => {
  const c = numericAsCategorical({ kind: 'numeric', name: 'n', values: Float64Array.of(2, NaN, 10, 2, 0.5), missing: 1, nonFinite: 0 });
  assert.deepEqual(c.categories, ['0.5', '10', '2']);
  assert.deepEqual([...c.codes], [2, -1, 1, 2, 0]);
});

test('a table without rows, and two tables with nothing to compare, are input errors naming the files', () => {
  assert.throws(
    () => buildDriftReport(table('header-only.csv', [numeric('x', [])]), table('cur.csv', [numeric('x', [1, 2])])),
    (e: unknown) => e instanceof ReportInputError && e.message === 'header-only.csv has a header but no data rows: export the data again, or pick another file',
  );
  assert.throws(
    () => buildDriftReport(table('a.csv', [numeric('x', [1.5])]), table('b.csv', [numeric('z', [1.5])])),
    (e: unknown) =>
      e instanceof ReportInputError &&
      e.message ===
        'a.csv and b.csv have no feature column in common with values in both (2 not tested: "x" is only in a.csv; "z" is only in b.csv): check that both files hold the same features, or set a column\'s role to feature',
  );
});

test('extreme values: current values beyond 4 reference sd and outside the reference range are counted', () => {
  const ref = range(100).map((v) => v / 2);
  const x = numericColumn(buildDriftReport(table('ref.csv', [numeric('x', ref)]), table('cur.csv', [numeric('x', [...ref.slice(0, 98), 500, -1])])), 'x');
  assert.equal(x.extremeValues!.upperLimit, 24.75 + 4 * x.reference.std!);
  assert.equal(x.extremeValues!.beyondSigmas, 1, '500 only');
  assert.equal(x.extremeValues!.outsideRange, 2, '500 and -1');
});

test('the summary counts every status, takes the worst, and says it in one sentence', () => {
  const reference = table('ref.csv', [numeric('a', normals(40, 1000)), numeric('b', normals(41, 1000).map((v, i) => (i < 10 ? null : v))), numeric('c', normals(42, 1000))]);
  const current = table('cur.csv', [numeric('a', normals(43, 1000, 1)), numeric('b', normals(44, 1000).map((v, i) => (i < 100 ? null : v))), numeric('c', normals(45, 1000))]);
  const report = buildDriftReport(reference, current);
  assert.deepEqual(report.columns.map((c) => c.status), ['drift', 'warning', 'ok']);
  assert.deepEqual(
    { ...report.summary, verdict: undefined },
    { columns: 3, drifted: 1, warnings: 1, small: 0, insufficient: 0, ok: 1, skipped: 0, status: 'drift', shareDrifted: 1 / 3, verdict: undefined },
  );
  assert.equal(report.summary.verdict, '1 of 3 tested columns drifted; 1 more warns.');
  const small = buildDriftReport(table('r.csv', [numeric('x', normals(46, 30))]), table('c.csv', [numeric('x', normals(47, 30))]));
  assert.equal(small.summary.status, 'insufficient');
  assert.equal(small.summary.verdict, 'No drift found, but 1 of 1 tested column has too few values to judge.');
  const stable = buildDriftReport(reference, reference);
  assert.equal(stable.summary.verdict, 'No drift: all 3 tested columns are stable at these sample sizes.');
  assert.deepEqual(bySeverity(report.columns).map((c) => c.name), ['a', 'b', 'c']);
});

test('bySeverity: drift, warning, insufficient, small, ok; larger PSI first within a status', () => {
  const fake = (name: string, status: DriftColumn['status'], psi: number) => ({ name, status, psi }) as DriftColumn;
  const sorted = bySeverity([fake('ok', 'ok', 0.05), fake('s', 'small', 0.001), fake('i', 'insufficient', 0.9), fake('w', 'warning', 0.2), fake('d1', 'drift', 0.3), fake('d2', 'drift', 0.9)]);
  assert.deepEqual(sorted.map((c) => c.name), ['d2', 'd1', 'w', 'i', 's', 'ok']);
});

test('the report keeps the JSON contract (field names, status values), raises schemaVersion, and survives JSON unchanged', () => {
  const reference = table('ref.csv', [numeric('x', normals(50, 80)), categorical('c', cycle(['a', 'b'], 80)), numeric('id', range(80))]);
  const current = table('cur.csv', [numeric('x', normals(51, 80, 0.3)), categorical('c', cycle(['a', 'b', 'b'], 80)), numeric('id', range(80, 80))]);
  assert.deepEqual(buildDriftReport(reference, current).skipped.map((s) => s.reason), ['identifier'], 'a row number is an identifier');
  const report = buildDriftReport(reference, current);
  assert.equal(report.schemaVersion, 2);
  assert.equal(REPORT_SCHEMA_VERSION, 2);
  for (const c of report.columns) {
    for (const key of ['name', 'kind', 'reference', 'current', 'psi', 'status', 'reason', 'pValue', 'psiDebiased', 'missing', 'detectable']) assert.ok(key in c, `columns[].${key}`);
    assert.ok(['ok', 'small', 'insufficient', 'warning', 'drift'].includes(c.status));
  }
  assert.deepEqual(Object.keys(numericColumn(report, 'x').ks).sort(), ['method', 'pValue', 'statistic']);
  assert.deepEqual(Object.keys(categoricalColumn(report, 'c').chiSquare).sort(), ['dof', 'pValue', 'statistic']);
  assert.ok(report.skipped.every((s) => s.status === 'skipped'));
  for (const key of ['columns', 'drifted', 'warnings', 'status']) assert.ok(key in report.summary, `summary.${key}`);
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report, 'no Infinity, NaN or typed arrays');
  assert.ok(JSON.stringify(report).length < 40_000, 'no raw data in the report');
});

test('columns the loader already sorted (a worker thread) give the same report without sorting again', () => {
  const x = [5, 3, null, 9, 1, 7, 11, 2, 4, 6, 8, 10, 12];
  const reference = table('ref.csv', [numeric('x', x), categorical('c', cycle(['a', 'b'], 13))]);
  const current = table('cur.csv', [numeric('x', x.map((v) => (v === null ? null : v + 1))), categorical('c', cycle(['a', 'b', 'b'], 13))]);
  const plain = buildDriftReport(reference, current);
  const withSorted = (t: typeof reference) => ({ ...t, columns: t.columns.map((c) => (c.kind === 'numeric' ? { ...c, sortedFinite: sortedFinite(c.values) } : c)) });
  assert.deepEqual(buildDriftReport(withSorted(reference), withSorted(current)), plain);
});

test('option values out of range are rejected with the option named', () => {
  const t = table('t.csv', [numeric('x', [1, 2])]);
  assert.throws(() => buildDriftReport(t, t, { psiBins: 1 }), /psiBins must be a whole number from 2 to 1000/);
  assert.throws(() => buildDriftReport(t, t, { alpha: 1 }), /alpha must be a number greater than 0 and less than 1/);
  assert.throws(() => buildDriftReport(t, t, { psiWarning: 0.3, psiDrift: 0.2 }), /psiDrift \(0.2\) must be at least psiWarning \(0.3\)/);
  assert.throws(() => buildDriftReport(t, t, { correction: 'holm' as never }), /correction must be none, bonferroni or bh/);
});

test('KS is exact up to 10,000 values per side and asymptotic above, as scipy method=auto', () => {
  const small = numericColumn(buildDriftReport(table('r', [numeric('x', range(300))]), table('c', [numeric('x', range(250, 5))]), { columnRoles: { x: 'feature' } }), 'x');
  assert.equal(small.ks.method, 'exact');
  const large = numericColumn(buildDriftReport(table('r', [numeric('x', range(10_001).map((v) => v * 1.5))]), table('c', [numeric('x', range(10_001, 0.5).map((v) => v * 1.5))]), { columnRoles: { x: 'feature' } }), 'x');
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
  assert.deepEqual(zip.kind === 'categorical' && zip.categories, ['1.0', '2.0'], '"1.0" stays "1.0"');
  assert.deepEqual(tables.kindMismatches, [{ name: 'zip', reference: 'numeric', current: 'categorical' }]);
});

test('loadDriftTables drops a requested name missing from one file (reported as skipped) but not from both', async () => {
  const reference = file('names-ref.csv', 'a,b,only_ref\n1,2,3\n4,5,6\n');
  const current = file('names-cur.csv', 'a,b\n1,2\n4,7\n');
  const tables = await loadDriftTables(reference, current, { columns: ['a', 'only_ref'], categorical: ['only_ref'] });
  assert.deepEqual(tables.reference.columns.map((c) => `${c.name}:${c.kind}`), ['a:numeric', 'only_ref:categorical']);
  assert.deepEqual(buildDriftReport(tables.reference, tables.current).skipped.map((s) => s.reason), ['only-in-reference']);
  await assert.rejects(loadDriftTables(reference, current, { columns: ['a', 'nowhere'] }), (e: unknown) => e instanceof DataError && e.code === 'unknown-column' && e.column === 'nowhere');
  const withLabel = await loadDriftTables(reference, current, { columns: ['a'], label: 'b' });
  assert.deepEqual(withLabel.current.columns.map((c) => c.name), ['a', 'b'], 'the label is read along with --columns');
});

test('loadDriftTables: when both files are bad, the error is the reference\'s, however fast each load fails', async () => {
  const bad = (file: string) => new DataError({ code: 'not-utf8', file, message: `${file} is not UTF-8` });
  for (const [referenceDelay, currentDelay] of [[30, 0], [0, 30]]) {
    const load = async (path: string): Promise<never> => {
      await new Promise((done) => setTimeout(done, path === 'ref.csv' ? referenceDelay : currentDelay));
      throw bad(path);
    };
    await assert.rejects(loadDriftTables('ref.csv', 'cur.csv', {}, {}, load), { message: 'ref.csv is not UTF-8' });
  }
  // Only the current file bad: its error, once the reference has loaded.
  const good = table('ref.csv', [numeric('x', [1, 2, 3])]);
  await assert.rejects(
    loadDriftTables('ref.csv', 'cur.csv', {}, {}, async (path: string) => {
      if (path === 'cur.csv') throw bad(path);
      return good;
    }),
    { message: 'cur.csv is not UTF-8' },
  );
});
