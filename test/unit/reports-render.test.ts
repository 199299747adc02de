// The renderers, checked as exact text on small reports: a terminal table, a pull-request
// comment, and JSON that parses back to the report.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buildCalibrationReport,
  buildCusumReport,
  buildDriftReport,
  renderJson,
  renderMarkdown,
  renderText,
} from '../../src/core/reports/index';
import { code } from '../../src/core/reports/renderMarkdown';
import { alignedTable, formatCount, formatMeasure, formatPValue } from '../../src/core/reports/format';
import { categorical, cycle, numeric, range, table } from './reportTables';

function smallDriftReport(correction: 'none' | 'bh' = 'bh') {
  const reference = table('data/train.csv', [
    numeric('age', range(40)),
    categorical('plan|tier', cycle(['basic', 'pro'], 40)),
    numeric('legacy_id', range(40)),
    categorical('y', cycle(['0', '1'], 40)),
  ]);
  const current = table('data/prod.csv', [
    numeric('age', [...range(39, 12), null]),
    categorical('plan|tier', cycle(['basic', 'pro', 'pro'], 40)),
    categorical('y', cycle(['0', '1', '1', '1'], 40)),
  ]);
  return buildDriftReport(reference, current, { label: 'y', correction });
}

test('renderText: verdict, aligned table severity-first, skipped, label and thresholds', () => {
  assert.equal(
    renderText(smallDriftReport()),
    [
      'GRADIENT drift: DRIFT',
      '1 of 2 columns drifted (PSI > 0.25 or BH-adjusted p <= 0.01); 1 column skipped.',
      '',
      'reference: data/train.csv (40 rows)',
      'current:   data/prod.csv (40 rows)',
      '',
      'status  column     kind            PSI  test     statistic  p-value  adjusted p  Wasserstein      JS  missing ref -> cur  > 4 sd / new',
      'drift   age        numeric      2.4540  KS          0.3000   0.0380      0.0759         11.5  0.4631  0.0% -> 2.5%                   0',
      'ok      plan|tier  categorical  0.0929  chi2(1)      1.841   0.1748      0.1748            -       -  0.0% -> 0.0%               0 new',
      '',
      'skipped (1):',
      '  "legacy_id" is only in data/train.csv',
      '',
      'label "y" ok: every class present, none above 90%',
      '',
      'thresholds: drift when PSI > 0.25 or BH-adjusted p <= 0.01 (KS for numeric columns, chi-square for categorical); ' +
        'warning when PSI > 0.1; PSI over 10 quantile bins of the reference (empty bins 0.0001); correction bh; ' +
        'extreme values beyond 4 reference sd',
      '',
    ].join('\n'),
  );
});

test('renderText leaves out the adjusted p column without a correction', () => {
  const lines = renderText(smallDriftReport('none')).split('\n');
  assert.equal(lines[6], 'status  column     kind            PSI  test     statistic  p-value  Wasserstein      JS  missing ref -> cur  > 4 sd / new');
  assert.equal(lines[1], '1 of 2 columns drifted (PSI > 0.25 or p <= 0.01); 1 column skipped.');
});

test('renderMarkdown: a pull-request comment with the status, the verdict, the table and the thresholds', () => {
  assert.equal(
    renderMarkdown(smallDriftReport()),
    [
      '### GRADIENT drift report: 🔴 drift',
      '',
      '**1 of 2 columns drifted (PSI \\> 0.25 or BH-adjusted p \\<= 0.01); 1 column skipped.**',
      '',
      'Reference `data/train.csv` (40 rows) · current `data/prod.csv` (40 rows)',
      '',
      '| status | column | kind | PSI | test | statistic | p-value | adjusted p | Wasserstein | JS | missing ref → cur | > 4 sd / new |',
      '|---|---|---|---:|---|---:|---:|---:|---:|---:|---|---:|',
      '| 🔴 drift | `age` | numeric | 2.4540 | KS | 0.3000 | 0.0380 | 0.0759 | 11.5 | 0.4631 | 0.0% → 2.5% | 0 |',
      '| 🟢 ok | `plan\\|tier` | categorical | 0.0929 | chi2(1) | 1.841 | 0.1748 | 0.1748 | - | - | 0.0% → 0.0% | 0 new |',
      '',
      '**Skipped (1)**',
      '',
      '- `legacy_id`: "legacy\\_id" is only in data/train.csv',
      '',
      '**Label** `y`: ✅ every class present, none above 90%',
      '',
      'Thresholds: drift when PSI \\> 0.25 or BH-adjusted p \\<= 0.01 (KS for numeric columns, chi-square for categorical); ' +
        'warning when PSI \\> 0.1; PSI over 10 quantile bins of the reference (empty bins 0.0001); correction bh; ' +
        'extreme values beyond 4 reference sd.',
      '',
    ].join('\n'),
  );
});

test('renderMarkdown keeps a column name with a pipe, backticks or a newline inside its table cell', () => {
  assert.equal(code('a|b'), '`a\\|b`');
  assert.equal(code('x`y'), '`` x`y ``');
  assert.equal(code('two\nlines'), '`two lines`');
  const reference = table('r.csv', [numeric('we`ird|name', range(10))]);
  const current = table('c.csv', [numeric('we`ird|name', range(10))]);
  const row = renderMarkdown(buildDriftReport(reference, current)).split('\n').find((line) => line.startsWith('| 🟢'));
  assert.ok(row?.startsWith('| 🟢 ok | `` we`ird\\|name `` | numeric |'), row);
});

test('renderText and renderMarkdown of a calibration report', () => {
  const predictions = table('preds.csv', [numeric('p', [0.1, 0.2, 0.8, 0.9, 0.85, 0.3, null]), numeric('ok', [0, 0, 1, 1, 0, 1, 1])]);
  const report = buildCalibrationReport(predictions, { confidence: 'p', correct: 'ok', bins: 2 });
  assert.equal(
    renderText(report),
    [
      'GRADIENT calibration: MISCALIBRATED',
      'Miscalibrated: 2 of 2 bins are more than 5 points off (worst: 0.50-1.00, confidence 0.850, accuracy 0.667); ECE 0.158.',
      '',
      'file preds.csv: confidence "p", outcome "ok"; 6 rows used, 1 skipped (missing values)',
      '',
      'bin        count  confidence  accuracy     gap  within 5 points',
      '0.00-0.50      3      0.2000    0.3333  0.1333  NO',
      '0.50-1.00      3      0.8500    0.6667  0.1833  NO',
      '',
      'ECE 0.1583  MCE 0.1833  ACE 0.1583  Brier 0.2187',
      'bins: 2 uniform (empty bins dropped); tolerance 5 points per bin',
      '',
    ].join('\n'),
  );
  assert.equal(
    renderMarkdown(report),
    [
      '### GRADIENT calibration report: 🔴 miscalibrated',
      '',
      '**Miscalibrated: 2 of 2 bins are more than 5 points off (worst: 0.50-1.00, confidence 0.850, accuracy 0.667); ECE 0.158.**',
      '',
      'File `preds.csv`: confidence `p`, outcome `ok`; 6 rows used, 1 skipped (missing values).',
      '',
      '| bin | count | confidence | accuracy | gap | within 5 points |',
      '|---|---:|---:|---:|---:|---|',
      '| 0.00–0.50 | 3 | 0.2000 | 0.3333 | 0.1333 | ❌ |',
      '| 0.50–1.00 | 3 | 0.8500 | 0.6667 | 0.1833 | ❌ |',
      '',
      'ECE 0.1583 · MCE 0.1833 · ACE 0.1583 · Brier 0.2187',
      '',
      'Thresholds: 2 uniform bins (empty bins dropped); every bin within 5 points of its confidence.',
      '',
    ].join('\n'),
  );
});

test('renderText, renderMarkdown and renderJson of a CUSUM report', () => {
  const report = buildCusumReport(table('acc.csv', [numeric('acc', [1, 1, 1, null, 0, 0, 0, 1])]), { column: 'acc', target: 1, sigma: 0.2 });
  assert.equal(
    renderText(report),
    [
      'GRADIENT cusum: ALARM',
      '1 alarm: "acc" drifted below target 1 (k 0.1, h 1); first at row index 5.',
      '',
      'file acc.csv: column "acc", 7 values (1 row without a value skipped)',
      'parameters: target 1, sigma 0.2, k 0.1, h 1',
      'alarms at rows (0-based): 5',
      '',
    ].join('\n'),
  );
  assert.equal(
    renderMarkdown(report),
    [
      '### GRADIENT CUSUM report: 🔴 alarm',
      '',
      '**1 alarm: "acc" drifted below target 1 (k 0.1, h 1); first at row index 5.**',
      '',
      'File `acc.csv`, column `acc`: 7 values (1 row without a value skipped).',
      '',
      'Alarms at rows (0-based): 5.',
      '',
      'Parameters: target 1, sigma 0.2, k 0.1, h 1; highest statistic 1.8.',
      '',
    ].join('\n'),
  );
  const json = renderJson(report);
  assert.ok(json.includes('\n  "statistic": [0, 0, 0, null, 0.9, 1.7999999999999998, 0.9, 0.8],\n'), 'number arrays on one line');
  assert.ok(json.includes('\n  "alarms": [5],\n'));
  assert.deepEqual(JSON.parse(json), report);
});

test('renderJson parses back to the same report, two-space indented, ending with a newline', () => {
  const report = smallDriftReport();
  const json = renderJson(report);
  assert.deepEqual(JSON.parse(json), report);
  assert.ok(json.startsWith('{\n  "schemaVersion": 1,\n  "report": "drift",\n  "reference": {\n    "path": "data/train.csv",\n    "rows": 40\n  },'));
  assert.ok(json.endsWith('}\n'));
  assert.ok(json.includes('"triggers": ["psi-drift"]'), 'short arrays inline');
  assert.ok(json.includes('"triggers": []'));
  assert.ok(!json.includes('"adjustedPValue": undefined'));
});

test('number formats: p-values, measures and counts', () => {
  assert.deepEqual([0, 1, 0.41, 0.001, 0.00099, 3.5e-48].map(formatPValue), ['0', '1.0000', '0.4100', '0.0010', '9.9e-4', '3.5e-48']);
  assert.deepEqual([0, 12.3456, 3499.2, 0.0012345, 1234567, 1e-7, -2.5].map(formatMeasure), ['0', '12.35', '3499', '0.001234', '1.235e+6', '1e-7', '-2.5']);
  assert.deepEqual([0, 999, 1000, 1234567].map(formatCount), ['0', '999', '1,000', '1,234,567']);
});

test('an exponent keeps its own zeros: 5e-10 is "5e-10", not "5.000e-1" (issue 7)', () => {
  assert.deepEqual([5e-10, 1.5e-10, 2e20, -3e-100, 1e10].map(formatMeasure), ['5e-10', '1.5e-10', '2e+20', '-3e-100', '1e+10']);
});

test('alignedTable pads every column to its widest cell and trims trailing spaces', () => {
  assert.deepEqual(alignedTable(['a', 'num', 'z'], [['long text', '1', ''], ['é', '12345', 'x']], ['left', 'right', 'left']), [
    'a            num  z',
    'long text      1',
    'é          12345  x',
  ]);
});
