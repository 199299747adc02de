// The renderers, checked as exact text on small reports: a terminal table, a pull-request
// comment, and JSON that parses back to the report. Every word comes from the vocabulary.
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
import { alignedTable } from '../../src/core/reports/renderText';
import { escapeControls, formatCount, formatInstant, formatMeasure, formatPValue } from '../../src/core/reports/vocabulary';
import { categorical, cycle, numeric, range, table } from './reportTables';

/** 400 rows: age shifted by 6 (drift), plan|tier unchanged (ok), user_id an identifier, legacy only in the reference, y the label. */
function smallDriftReport(correction: 'none' | 'bh' = 'bh') {
  const n = 400;
  const ages = (shift: number) => range(n).map((i) => 20 + ((i * 37) % 400) / 10 + shift);
  const reference = table('data/train.csv', [
    numeric('age', ages(0)),
    categorical('plan|tier', cycle(['basic', 'pro'], n)),
    numeric('user_id', range(n).map((i) => 1000 + 7 * i)),
    numeric('legacy', ages(0)),
    categorical('y', cycle(['0', '1'], n)),
  ]);
  const current = table('data/prod.csv', [
    numeric('age', [...ages(6).slice(0, n - 4), null, null, null, null]),
    categorical('plan|tier', cycle(['basic', 'pro'], n)),
    numeric('user_id', range(n).map((i) => 1400 + 7 * i)),
    categorical('y', cycle(['0', '1', '1'], n)),
  ]);
  return buildDriftReport(reference, current, { label: 'y', correction });
}

/** 300 predictions at 0.2 that are right 20% of the time (calibrated), 300 at 0.9 right 70% (off). */
function smallCalibrationReport() {
  const predictions = table('preds.csv', [
    numeric('p', [...Array(300).fill(0.2), ...Array(300).fill(0.9), null]),
    numeric('ok', [...Array(60).fill(1), ...Array(240).fill(0), ...Array(210).fill(1), ...Array(90).fill(0), 1]),
  ]);
  return buildCalibrationReport(predictions, { confidence: 'p', correct: 'ok', bins: 2 });
}

function smallCusumReport() {
  return buildCusumReport(table('acc.csv', [numeric('acc', [1, 1, 1, null, 0, 0, 0, 1])]), { column: 'acc', target: 0.9, k: 0.5, h: 4 });
}

test('renderText: the verdict, the table severity-first, why each column has its status, what was not tested, the label and the rules', () => {
  assert.equal(
    renderText(smallDriftReport()),
    [
      'GRADIENT drift: DRIFT',
      '1 of 2 tested columns drifted; 2 columns not tested (1 identifier, 1 in one file only).',
      '',
      'reference: data/train.csv (400 rows)',
      'current:   data/prod.csv (400 rows)',
      '',
      'status  column     kind            PSI  PSI - noise  test     statistic  p-value  BH-adjusted p  n ref  n cur  missing ref -> cur  W / sd  > 4 sd / new',
      'drift   age        numeric      0.8576       0.8124  KS          0.1500   2.2e-4         4.4e-4    400    396  0.0% -> 1.0%        0.5095             0',
      'ok      plan|tier  categorical  0.0000       0.0000  chi2(1)          0   1.0000         1.0000    400    400  0.0% -> 0.0%             -         0 new',
      '',
      'why:',
      '  age: drift: KS BH-adjusted p 4.4e-4 ≤ 0.01 and PSI 0.8576 (0.8124 beyond the 0.0452 expected from noise), above the 0.25 rollback level',
      '  plan|tier: ok: no change beyond noise: chi-square BH-adjusted p 1.0000, PSI 0.0000 (0.0000 beyond the 0.0050 expected from noise)',
      '',
      'not tested (2):',
      '  "user_id" is an identifier (detected: its name reads as an identifier and 400 of its 400 values are distinct), not a feature; 100.0% of data/prod.csv\'s identifiers never occur in data/train.csv',
      '  "legacy" is only in data/train.csv',
      '',
      'label "y" ok: every class present, none above 90% in data/train.csv and data/prod.csv',
      '',
      'rules: drift when the column\'s test (KS for numbers, chi-square for categories) has BH-adjusted p ≤ 0.01 and PSI, less its expected noise, is at least 0.01 (smaller: detectable but small), or PSI beyond its noise is above 0.25, or the missing share moves that much; warning when PSI beyond its noise is above 0.1, or the missing share rises above 5.0%; insufficient data when these sample sizes cannot detect a PSI of 0.25; PSI over 10 quantile bins of the reference (one bin per value when a column has no more distinct values; rare categories and values pooled; empty bins 0.0001); correction bh; extreme values beyond 4 reference sd',
      '',
    ].join('\n'),
  );
});

test('renderText leaves out the adjusted p column without a correction', () => {
  const lines = renderText(smallDriftReport('none')).split('\n');
  assert.equal(lines[6], 'status  column     kind            PSI  PSI - noise  test     statistic  p-value  n ref  n cur  missing ref -> cur  W / sd  > 4 sd / new');
});

test('renderMarkdown: a pull-request comment with the status, the verdict, the table, the reasons and the rules', () => {
  assert.equal(
    renderMarkdown(smallDriftReport()),
    [
      '### GRADIENT drift report: 🔴 drift',
      '',
      '**1 of 2 tested columns drifted; 2 columns not tested (1 identifier, 1 in one file only).**',
      '',
      'Reference `data/train.csv` (400 rows) · current `data/prod.csv` (400 rows)',
      '',
      '| status | column | kind | PSI | PSI - noise | test | statistic | p-value | BH-adjusted p | n ref | n cur | missing ref → cur | W / sd | > 4 sd / new |',
      '|---|---|---|---:|---:|---|---:|---:|---:|---:|---:|---|---:|---:|',
      '| 🔴 drift | `age` | numeric | 0.8576 | 0.8124 | KS | 0.1500 | 2.2e-4 | 4.4e-4 | 400 | 396 | 0.0% → 1.0% | 0.5095 | 0 |',
      '| 🟢 ok | `plan\\|tier` | categorical | 0.0000 | 0.0000 | chi2(1) | 0 | 1.0000 | 1.0000 | 400 | 400 | 0.0% → 0.0% | - | 0 new |',
      '',
      '**Why**',
      '',
      '- `age`: KS BH-adjusted p 4.4e-4 ≤ 0.01 and PSI 0.8576 (0.8124 beyond the 0.0452 expected from noise), above the 0.25 rollback level',
      '- `plan\\|tier`: no change beyond noise: chi-square BH-adjusted p 1.0000, PSI 0.0000 (0.0000 beyond the 0.0050 expected from noise)',
      '',
      '**Not tested (2)**',
      '',
      '- `user_id`: "user\\_id" is an identifier (detected: its name reads as an identifier and 400 of its 400 values are distinct), not a feature; 100.0% of data/prod.csv\'s identifiers never occur in data/train.csv',
      '- `legacy`: "legacy" is only in data/train.csv',
      '',
      '**Label** `y`: ✅ every class present, none above 90% in data/train.csv and data/prod.csv',
      '',
      'Rules: drift when the column\'s test (KS for numbers, chi-square for categories) has BH-adjusted p ≤ 0.01 and PSI, less its expected noise, is at least 0.01 (smaller: detectable but small), or PSI beyond its noise is above 0.25, or the missing share moves that much; warning when PSI beyond its noise is above 0.1, or the missing share rises above 5.0%; insufficient data when these sample sizes cannot detect a PSI of 0.25; PSI over 10 quantile bins of the reference (one bin per value when a column has no more distinct values; rare categories and values pooled; empty bins 0.0001); correction bh; extreme values beyond 4 reference sd.',
      '',
    ].join('\n'),
  );
});

test('renderMarkdown keeps a column name with a pipe, backticks or a newline inside its table cell', () => {
  assert.equal(code('a|b'), '`a\\|b`');
  assert.equal(code('x`y'), '`` x`y ``');
  assert.equal(code('two\nlines'), '`two lines`');
  const values = range(40).map((v) => v * 1.5);
  const reference = table('r.csv', [numeric('we`ird|name', values)]);
  const row = renderMarkdown(buildDriftReport(reference, reference)).split('\n').find((line) => line.startsWith('| ⚪') || line.startsWith('| 🟢'));
  assert.ok(row?.includes('| `` we`ird\\|name `` | numeric |'), row);
});

test('escapeControls writes control characters as \\u escapes: C0, DEL, C1 and bidi controls; tabs and line breaks become spaces (issue 8)', () => {
  assert.equal(escapeControls('a\x1b[31mb\u009b2Jc\u202ed\u2066e\u200ff\u0000g\x7fh'), 'a\\u001b[31mb\\u009b2Jc\\u202ed\\u2066e\\u200ff\\u0000g\\u007fh');
  assert.equal(escapeControls('two\nlines\tand\r\nmore'), 'two lines and  more');
  assert.equal(escapeControls('two\nlines\u2028x', 'keep'), 'two\nlines\\u2028x');
  assert.equal(escapeControls('plain café, 日本, emoji 🟢, math ≤ σ'), 'plain café, 日本, emoji 🟢, math ≤ σ');
});

test('names and values with ESC, C1 and bidi controls never reach the output raw: text and Markdown show them escaped, JSON parses back the same (issue 8)', () => {
  const n = 400;
  const name = 'a\x1b[31mred\u009b2J\u202eevil';
  const value = 'no\u009b\x1b[2J\u202e';
  const reference = table('data/\u202etrain.csv', [numeric(name, range(n).map((i) => 20 + ((i * 37) % 400) / 10)), categorical('y', cycle(['yes', value], n))]);
  const current = table('data/prod.csv', [numeric(name, range(n).map((i) => 26 + ((i * 37) % 400) / 10)), categorical('y', cycle(['yes'], n))]);
  const report = buildDriftReport(reference, current, { label: 'y' });
  // C0 but the newline, DEL, C1, and the bidi controls.
  // eslint-disable-next-line no-control-regex -- the characters under test
  const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
  const text = renderText(report);
  assert.doesNotMatch(text, raw);
  assert.ok(text.includes('\nreference: data/\\u202etrain.csv (400 rows)\n'), text);
  assert.ok(text.includes('\n  a\\u001b[31mred\\u009b2J\\u202eevil: drift: '), text);
  assert.ok(text.includes('\nlabel "y" FAILED: class "no\\u009b\\u001b[2J\\u202e" absent from data/prod.csv'), text);
  const markdown = renderMarkdown(report);
  assert.doesNotMatch(markdown, raw);
  assert.ok(markdown.includes('\n- `a\\u001b[31mred\\u009b2J\\u202eevil`: '), markdown);
  const json = renderJson(report);
  assert.doesNotMatch(json, raw);
  assert.ok(json.includes('"name": "a\\u001b[31mred\\u009b2J\\u202eevil"'), 'JSON escapes them as \\u, which parses back to the same string');
  assert.deepEqual(JSON.parse(json), report);
});

test('renderText and renderMarkdown of a calibration report', () => {
  assert.equal(
    renderText(smallCalibrationReport()),
    [
      'GRADIENT calibration: MISCALIBRATED',
      'Miscalibrated: 1 of 2 bins is more than 5 points off, beyond its 99% interval (worst: 0.50–1.00, 300 predictions, confidence 0.9000, accuracy 0.7000 [99% interval 0.6273–0.7661]); ECE 0.100.',
      '',
      'file preds.csv: confidence "p", outcome "ok"; 600 rows used, 1 skipped (missing values)',
      '',
      'bin        count  confidence  accuracy   99% interval     gap  within 5 points',
      '0.00-0.50    300      0.2000    0.2000  0.1440-0.2658  0.0000  yes (too few to confirm)',
      '0.50-1.00    300      0.9000    0.7000  0.6273-0.7661  0.2000  NO',
      '',
      'ECE 0.1000  MCE 0.2000  ACE 0.1000  Brier 0.2050',
      'rule: 2 uniform bins (empty bins dropped); a bin is off when its 99% Clopper-Pearson interval lies wholly outside 5 points of its confidence; calibrated when no bin is off and every bin is within 5 points',
      '',
    ].join('\n'),
  );
  assert.equal(
    renderMarkdown(smallCalibrationReport()),
    [
      '### GRADIENT calibration report: 🔴 miscalibrated',
      '',
      '**Miscalibrated: 1 of 2 bins is more than 5 points off, beyond its 99% interval (worst: 0.50–1.00, 300 predictions, confidence 0.9000, accuracy 0.7000 \\[99% interval 0.6273–0.7661\\]); ECE 0.100.**',
      '',
      'File `preds.csv`: confidence `p`, outcome `ok`; 600 rows used, 1 skipped (missing values).',
      '',
      '| bin | count | confidence | accuracy | 99% interval | gap | within 5 points |',
      '|---|---:|---:|---:|---:|---:|---|',
      '| 0.00–0.50 | 300 | 0.2000 | 0.2000 | 0.1440–0.2658 | 0.0000 | ✅ (too few to confirm) |',
      '| 0.50–1.00 | 300 | 0.9000 | 0.7000 | 0.6273–0.7661 | 0.2000 | ❌ |',
      '',
      'ECE 0.1000 · MCE 0.2000 · ACE 0.1000 · Brier 0.2050',
      '',
      'Rule: 2 uniform bins (empty bins dropped); a bin is off when its 99% Clopper-Pearson interval lies wholly outside 5 points of its confidence; calibrated when no bin is off and every bin is within 5 points.',
      '',
    ].join('\n'),
  );
});

test('renderText, renderMarkdown and renderJson of a CUSUM report', () => {
  const report = smallCusumReport();
  assert.equal(
    renderText(report),
    [
      'GRADIENT cusum: ALARM',
      '1 alarm: "acc" dropped below its target (target 0.9, k 0.15 (0.5 σ), h 1.2 (4 σ)); first at position 5 in file order. A stable series alarms once per 61 values on average.',
      '',
      'file acc.csv: column "acc" (0/1 outcomes), 7 values, file order (1 row without a value skipped)',
      'design: target 0.9, sigma 0.3 (√(p(1 − p)) of a 0/1 series), k 0.15 (0.5 σ), h 1.2 (4 σ), as given; in-control ARL 61 (10.9% chance of a false alarm over this series); a drop of 0.3 is caught after 6 values on average',
      'alarms at positions (0-based, file order): 5',
      '',
    ].join('\n'),
  );
  assert.equal(
    renderMarkdown(report),
    [
      '### GRADIENT CUSUM report: 🔴 alarm',
      '',
      '**1 alarm: "acc" dropped below its target (target 0.9, k 0.15 (0.5 σ), h 1.2 (4 σ)); first at position 5 in file order. A stable series alarms once per 61 values on average.**',
      '',
      'File `acc.csv`, column `acc` (0/1 outcomes): 7 values, file order (1 row without a value skipped).',
      '',
      'Alarms at positions (0-based, file order): 5.',
      '',
      'Design: target 0.9, sigma 0.3 (√(p(1 − p)) of a 0/1 series), k 0.15 (0.5 σ), h 1.2 (4 σ), as given; in-control ARL 61 (10.9% chance of a false alarm over this series); a drop of 0.3 is caught after 6 values on average; highest statistic 1.5.',
      '',
    ].join('\n'),
  );
  const json = renderJson(report);
  assert.ok(json.includes('\n  "values": [1, 1, 1, null, 0, 0, 0, 1],\n'), 'number arrays on one line');
  assert.ok(json.includes('\n  "alarms": [5],\n'));
  assert.deepEqual(JSON.parse(json), report);
});

test('renderJson parses back to the same report, two-space indented, ending with a newline', () => {
  const report = smallDriftReport();
  const json = renderJson(report);
  assert.deepEqual(JSON.parse(json), report);
  assert.ok(json.startsWith('{\n  "schemaVersion": 2,\n  "report": "drift",\n  "reference": {\n    "path": "data/train.csv",\n    "rows": 400\n  },'));
  assert.ok(json.endsWith('}\n'));
  assert.ok(json.includes('"triggers": ["ks"'), 'short arrays inline');
  assert.ok(json.includes('"triggers": []'));
  assert.ok(!json.includes('undefined'));
});

test('number formats: p-values, measures and counts', () => {
  assert.deepEqual([0, 1, 0.41, 0.001, 0.00099, 3.5e-48].map(formatPValue), ['0', '1.0000', '0.4100', '0.0010', '9.9e-4', '3.5e-48']);
  assert.deepEqual([0, 12.3456, 3499.2, 0.0012345, 1234567, 1e-7, -2.5, 51740.4, -13160.2, 9999.4].map(formatMeasure), ['0', '12.35', '3499', '0.001234', '1,234,567', '1e-7', '-2.5', '51,740', '-13,160', '9999']);
  assert.deepEqual([0, 999, 1000, 1234567].map(formatCount), ['0', '999', '1,000', '1,234,567']);
});

test('instants read as UTC date and time, milliseconds only when there are some', () => {
  assert.deepEqual(
    ['2024-04-01T00:00:24.000Z', '2024-04-01T00:00:24.250Z', '+275760-09-13T00:00:00.000Z', 'not a time'].map(formatInstant),
    ['2024-04-01 00:00:24 UTC', '2024-04-01 00:00:24.250 UTC', '+275760-09-13T00:00:00.000Z', 'not a time'],
  );
});

test('an exponent keeps its own zeros: 5e-10 is "5e-10", not "5.000e-1" (issue 7)', () => {
  assert.deepEqual([5e-10, 1.5e-10, 2e20, -3e-100, 1e16].map(formatMeasure), ['5e-10', '1.5e-10', '2e+20', '-3e-100', '1e+16']);
});

test('alignedTable pads every column to its widest cell and trims trailing spaces', () => {
  assert.deepEqual(alignedTable(['a', 'num', 'z'], [['long text', '1', ''], ['é', '12345', 'x']], ['left', 'right', 'left']), [
    'a            num  z',
    'long text      1',
    'é          12345  x',
  ]);
});

test('alignedTable pads a 20,000-character column name (fuzz: a regex quadratic in padding took 11 s for 1,500 columns)', (t) => {
  const long = 'n'.repeat(20_000);
  const rows = [[long, '1'], ...Array.from({ length: 5 }, (_, i) => [`c${i}`, String(i)])];
  const started = performance.now();
  const lines = alignedTable(['column', 'PSI'], rows, ['left', 'right']);
  t.diagnostic(`${(performance.now() - started).toFixed(0)} ms`);
  assert.equal(lines[2], `c0${' '.repeat(19_998)}    0`);
  assert.equal(lines[0], `column${' '.repeat(19_994)}  PSI`);
});

