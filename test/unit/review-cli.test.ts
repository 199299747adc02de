// `gradient review` run as a user runs it (the bundled CLI in a child process, cliHarness.ts):
// usage errors, the folder walk, paths relative to the current folder, exit codes, the JSON and
// SARIF outputs, unreadable notebooks, --out, --disable and the labelled-corpus mode --expect.
// The files reviewed here are clean for any analyzer (no fit, no split, no seed), so what is
// asserted does not depend on the rules' findings.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import packageJson from '../../package.json';
import { REVIEW_RULE_IDS, REVIEW_RULES, type ReviewReport } from '../../src/core/review/index';
import type { CorpusScore } from '../../src/core/review/index';
import { assertRejected, gradient, temporaryFolder } from './cliHarness';
import { sarifErrors } from './sarifSchema';

const CLEAN_SCRIPT = 'x = 1\nprint(x)\n';
const notebook = (...cells: string[][]) =>
  JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: cells.map((source, i) => (i === 0 ? { cell_type: 'markdown', metadata: {}, source } : { cell_type: 'code', metadata: {}, outputs: [], execution_count: i, source })) }, null, 1);
const CLEAN_NOTEBOOK = notebook(['# Notes\n'], ['total = 1 + 2\n', 'print(total)']);

/** Files under a new temporary folder, `{ 'a/b.py': text }`; returns the folder. */
function project(files: Readonly<Record<string, string>>): string {
  const dir = temporaryFolder('gradient-review-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const reportOf = (stdout: string) => JSON.parse(stdout) as ReviewReport;

describe('gradient review', { concurrency: 4 }, () => {
  test('--help lists every rule with its severity, the flags and the exit codes; the main help names the command', async () => {
    const help = await gradient(['review', '--help']);
    assert.equal(help.code, 0);
    assert.ok(help.stdout.startsWith('Usage: gradient review PATH... [options]\n'), help.stdout);
    for (const rule of REVIEW_RULES) assert.match(help.stdout, new RegExp(`^  ${rule.id} +${rule.severity} +${rule.title}$`, 'm'));
    for (const flag of ['--format text|json|sarif', '--out FILE', '--disable RULE,...', '--expect FILE']) assert.ok(help.stdout.includes(`  ${flag}`), flag);
    assert.match(help.stdout, /^Exit codes: 0 no error-level finding, 1 an error-level finding, 2 bad usage/m);
    const main = await gradient(['--help']);
    assert.match(main.stdout, /^ {2}gradient review PATH\.\.\. \[options\] +ML code review/m);
  });

  test('bad usage: exit 2 and one line saying what to do', async () => {
    const dir = project({ 'a.py': CLEAN_SCRIPT, 'notes.txt': 'not python' });
    const inDir = { cwd: dir };
    await assertRejected(['review'], 'review needs at least one PATH, a Python file, a notebook or a folder: see gradient review --help', inDir);
    await assertRejected(['review', 'a.py', 'missing.py'], 'missing.py does not exist: give Python files, notebooks or folders to review', inDir);
    await assertRejected(['review', 'a.py', '--format', 'markdown'], '--format must be text, json or sarif, not "markdown"', inDir);
    await assertRejected(['review', 'a.py', '--bogus'], 'unknown option --bogus for review: see gradient review --help', inDir);
    await assertRejected(['review', 'a.py', '--disable', 'unseeded-randomness,leakage'], `--disable: "leakage" is not a rule; the rules are ${REVIEW_RULE_IDS.join(', ')}`, inDir);
    await assertRejected(['review', 'a.py', '--format', 'json', '--format', 'sarif'], '--format is given 2 times ("json", "sarif"): give it once', inDir);
    await assertRejected(['review', 'a.py', '--out', 'a.py'], '--out a.py is the input file a.py: write the report to another file', inDir);
    await assertRejected(['review', '.', '--out', './a.py'], '--out ./a.py is the input file a.py: write the report to another file', inDir);
    await assertRejected(['review', 'a.py', '--expect', 'labels.json', '--format', 'sarif'], '--expect prints a score, not findings: use --format text or json', inDir);
    mkdirSync(join(dir, 'empty'));
    await assertRejected(['review', 'empty'], 'no Python file (.py) or notebook (.ipynb) in empty: give the files or folders to review', inDir);
    assert.equal(readFileSync(join(dir, 'a.py'), 'utf8'), CLEAN_SCRIPT, 'the input is never overwritten');
  });

  test('a clean file: exit 0, the summary line alone, nothing on stderr', async () => {
    const dir = project({ 'clean.py': CLEAN_SCRIPT });
    const run = await gradient(['review', 'clean.py'], { cwd: dir });
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, '0 errors, 0 warnings, 0 notes in 1 file\n');
    assert.equal(run.code, 0);
  });

  test('folders are searched for .py and .ipynb, skipping dependencies, caches, virtualenvs and links; paths relative to the current folder with /', async () => {
    const dir = project({
      'train.py': CLEAN_SCRIPT,
      'notebooks/explore data.ipynb': CLEAN_NOTEBOOK,
      'src/pkg/model.py': CLEAN_SCRIPT,
      'src/pkg/README.md': '# not code',
      'src/pkg/__pycache__/model.cpython-311.py': CLEAN_SCRIPT,
      'notebooks/.ipynb_checkpoints/explore data-checkpoint.ipynb': CLEAN_NOTEBOOK,
      '.git/hooks/hook.py': CLEAN_SCRIPT,
      'node_modules/x/y.py': CLEAN_SCRIPT,
      '.venv/lib/python3.11/site-packages/z.py': CLEAN_SCRIPT,
      'venv/bin/activate_this.py': CLEAN_SCRIPT,
      'lib/site-packages/w.py': CLEAN_SCRIPT,
      'tools/env311/pyvenv.cfg': 'home = /usr/bin\n',
      'tools/env311/lib/v.py': CLEAN_SCRIPT,
    });
    symlinkSync(join(dir, 'train.py'), join(dir, 'src/linked.py'));
    const expected = ['notebooks/explore data.ipynb', 'src/pkg/model.py', 'train.py'];
    const here = await gradient(['review', '.', '--format', 'json'], { cwd: dir });
    assert.equal(here.stderr, '');
    assert.equal(here.code, 0);
    assert.deepEqual(reportOf(here.stdout).files, expected);
    const fromParent = await gradient(['review', join(dir, 'src'), join(dir, 'notebooks/'), '--format', 'json'], { cwd: dirname(dir) });
    const name = dir.split('/').pop();
    assert.deepEqual(reportOf(fromParent.stdout).files, [`${name}/src/pkg/model.py`, `${name}/notebooks/explore data.ipynb`], 'in the order given');
    const fromInside = await gradient(['review', '..', '--format', 'json'], { cwd: join(dir, 'src') });
    assert.deepEqual(reportOf(fromInside.stdout).files, ['../notebooks/explore data.ipynb', 'pkg/model.py', '../train.py']);
  });

  test('a file named twice, or both alone and in its folder, is reviewed once; a file given by name is reviewed whatever its extension', async () => {
    const dir = project({ 'a.py': CLEAN_SCRIPT, 'job.pyw': CLEAN_SCRIPT });
    const run = await gradient(['review', 'a.py', './a.py', '.', 'job.pyw', '--format', 'json'], { cwd: dir });
    assert.deepEqual(reportOf(run.stdout).files, ['a.py', 'job.pyw']);
  });

  test('--format json is the ReviewReport: schemaVersion, files, findings, errors', async () => {
    const dir = project({ 'a.py': CLEAN_SCRIPT, 'b.ipynb': CLEAN_NOTEBOOK });
    const run = await gradient(['review', '.', '--format', 'json'], { cwd: dir });
    const report = reportOf(run.stdout);
    assert.deepEqual(Object.keys(report), ['schemaVersion', 'files', 'findings', 'errors']);
    assert.equal(report.schemaVersion, 1);
    assert.deepEqual(report.files, ['a.py', 'b.ipynb']);
    assert.deepEqual(report.findings, []);
    assert.deepEqual(report.errors, []);
  });

  test('--format sarif is valid SARIF 2.1.0 with every rule and GRADIENT\'s version; --out FILE.sarif picks the format and says what it wrote', async () => {
    const dir = project({ 'a.py': CLEAN_SCRIPT, 'nb/b.ipynb': CLEAN_NOTEBOOK, 'nb/broken.ipynb': '{"cells": [' });
    const run = await gradient(['review', '.', '--format', 'sarif'], { cwd: dir });
    const log = JSON.parse(run.stdout);
    assert.deepEqual(sarifErrors(log), []);
    assert.equal(log.runs[0].tool.driver.version, packageJson.version);
    assert.deepEqual(
      log.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id),
      REVIEW_RULE_IDS,
    );
    assert.deepEqual(log.runs[0].results, []);
    assert.equal(log.runs[0].invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri, 'nb/broken.ipynb');
    const written = await gradient(['review', '.', '--out', 'review.sarif'], { cwd: dir });
    assert.equal(written.stdout, '');
    assert.equal(written.code, 0);
    assert.ok(written.stderr.endsWith('gradient: wrote review.sarif: 0 errors, 0 warnings, 0 notes in 2 files\n'), written.stderr);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'review.sarif'), 'utf8')), log);
  });

  test('a notebook that is not JSON is listed and does not stop the others (exit 0); when no file can be reviewed, exit 2', async () => {
    const dir = project({ 'a.py': CLEAN_SCRIPT, 'broken.ipynb': '{"cells": [', 'old.ipynb': '{"worksheets": []}' });
    const text = await gradient(['review', '.'], { cwd: dir });
    assert.equal(text.code, 0);
    assert.equal(text.stderr, '');
    const lines = text.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 2), ['0 errors, 0 warnings, 0 notes in 1 file', '2 files could not be reviewed:']);
    assert.match(lines[2], /^ {2}broken\.ipynb is not a notebook: its JSON does not parse \(.+\)\. Open it in Jupyter or VS Code and save it again\.$/);
    assert.match(lines[3], /^ {2}old\.ipynb is not an nbformat 4 notebook: it has no "cells" list\./);
    const json = await gradient(['review', '.', '--format', 'json'], { cwd: dir });
    assert.deepEqual(
      reportOf(json.stdout).errors.map((error) => error.file),
      ['broken.ipynb', 'old.ipynb'],
    );
    assert.deepEqual(
      json.stderr.split('\n').map((line) => line.slice(0, 30)),
      ['gradient: broken.ipynb is not ', 'gradient: old.ipynb is not an ', ''],
      'beside JSON or SARIF, each unreadable file has a line on stderr',
    );
    const none = await gradient(['review', 'broken.ipynb', '--format', 'json'], { cwd: dir });
    assert.equal(none.code, 2);
    assert.deepEqual(reportOf(none.stdout).files, []);
  });

  test('--disable takes rule ids, comma-separated or repeated', async () => {
    const dir = project({ 'a.py': CLEAN_SCRIPT });
    const run = await gradient(['review', 'a.py', '--disable', 'unseeded-randomness,no-early-stopping', '--disable', ' label-in-features'], { cwd: dir });
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
  });
});

describe('gradient review --expect', { concurrency: 4 }, () => {
  const corpus = () =>
    project({
      'corpus/clean.py': CLEAN_SCRIPT,
      'corpus/nb.ipynb': CLEAN_NOTEBOOK,
      'corpus/labels/expected.json': JSON.stringify({
        files: { '../clean.py': [{ rule: 'test-rows-in-fit', line: 2 }], '../nb.ipynb': [{ rule: 'unseeded-randomness', cell: 2, line: 1 }, { rule: 'no-early-stopping', cell: 2, line: 2 }] },
      }),
    });

  test('labels no finding matches are false negatives, named relative to the current folder; a measurement exits 0', async () => {
    const dir = corpus();
    const run = await gradient(['review', 'corpus', '--expect', 'corpus/labels/expected.json'], { cwd: dir });
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    const lines = run.stdout.split('\n');
    assert.match(lines[0], /^rule +TP +FP +FN +precision +recall$/);
    assert.equal(lines.length, 1 + REVIEW_RULE_IDS.length + 1 + 2 + 1 + 5);
    assert.match(run.stdout, /^overall +0 +0 +3 +— +0\.00$/m);
    assert.ok(
      run.stdout.endsWith(
        ['False positives (0):', '', 'False negatives (3):', '  corpus/clean.py:2 test-rows-in-fit', '  corpus/nb.ipynb [cell 3]:1 unseeded-randomness', '  corpus/nb.ipynb [cell 3]:2 no-early-stopping', ''].join('\n'),
      ),
      run.stdout,
    );
  });

  test('--format json prints the score; disabled rules neither match nor miss', async () => {
    const dir = corpus();
    const run = await gradient(['review', 'corpus', '--expect', 'corpus/labels/expected.json', '--format', 'json', '--disable', 'no-early-stopping'], { cwd: dir });
    assert.equal(run.code, 0);
    const score = JSON.parse(run.stdout) as CorpusScore;
    assert.deepEqual(score.overall, { rule: 'overall', truePositives: 0, falsePositives: 0, falseNegatives: 2, precision: null, recall: 0 });
    assert.ok(!score.rules.some((rule) => rule.rule === 'no-early-stopping'));
    assert.deepEqual(score.falseNegatives, [
      { file: 'corpus/clean.py', rule: 'test-rows-in-fit', line: 2 },
      { file: 'corpus/nb.ipynb', rule: 'unseeded-randomness', line: 1, cell: 2 },
    ]);
    const written = await gradient(['review', 'corpus', '--expect', 'corpus/labels/expected.json', '--out', 'score.json'], { cwd: dir });
    assert.equal(written.stderr, 'gradient: wrote score.json: precision n/a, recall 0.00\n');
    assert.equal((JSON.parse(readFileSync(join(dir, 'score.json'), 'utf8')) as CorpusScore).overall.falseNegatives, 3);
  });

  test('a corpus file that cannot be reviewed is named on stderr; its labels are missed', async () => {
    const dir = project({ 'a.py': CLEAN_SCRIPT, 'broken.ipynb': '{"cells": [', 'labels.json': '{"files": {"a.py": [], "broken.ipynb": [{"rule": "test-rows-in-fit", "cell": 2, "line": 1}]}}' });
    const run = await gradient(['review', '.', '--expect', 'labels.json'], { cwd: dir });
    assert.equal(run.code, 0);
    assert.match(run.stderr, /^gradient: broken\.ipynb is not a notebook: its JSON does not parse \(.+\)\. Open it in Jupyter or VS Code and save it again\.\n$/);
    assert.match(run.stdout, /^overall +0 +0 +1 +— +0\.00$/m);
  });

  test('a bad labels file: exit 2 naming it and what to write', async () => {
    const dir = project({ 'a.py': CLEAN_SCRIPT, 'sub/labels.json': '{"files": {"a.py": []}}', 'bad.json': '{"files": ', 'rule.json': '{"files": {"a.py": [{"rule": "leak", "line": 1}]}}' });
    const inDir = { cwd: dir };
    await assertRejected(['review', 'a.py', '--expect', 'none.json'], '--expect none.json cannot be read (ENOENT): give the labelled findings as {"files": {"path.py": [{"rule": "test-rows-in-fit", "line": 12}]}}', inDir);
    const notJson = await gradient(['review', 'a.py', '--expect', 'bad.json'], inDir);
    assert.match(notJson.stderr, /^gradient: --expect bad\.json is not JSON \(.+\): give the labelled findings as \{"files": /);
    assert.equal(notJson.code, 2);
    await assertRejected(['review', 'a.py', '--expect', 'sub/labels.json'], '--expect sub/labels.json labels a.py (sub/a.py from here), which is not among the files reviewed: paths in FILE are relative to its folder', inDir);
    await assertRejected(['review', 'a.py', '--expect', 'rule.json'], `--expect rule.json: "a.py" entry 1: "leak" is not a rule: the rules are ${REVIEW_RULE_IDS.join(', ')}`, inDir);
  });
});

describe('gradient review on the labelled corpus (test/fixtures/review/corpus)', () => {
  const root = join(__dirname, '../..');

  test('the score holds: precision at least 0.9 overall and per rule, recall at least 0.8 overall', async () => {
    const run = await gradient(['review', 'test/fixtures/review/corpus', '--expect', 'test/fixtures/review/corpus/expected.json', '--format', 'json'], { cwd: root });
    assert.equal(run.code, 0, run.stderr);
    const score = JSON.parse(run.stdout) as CorpusScore;
    assert.ok(score.overall.precision !== null && score.overall.precision >= 0.9, `overall precision ${score.overall.precision}`);
    assert.ok(score.overall.recall !== null && score.overall.recall >= 0.8, `overall recall ${score.overall.recall}`);
    for (const rule of score.rules) if (rule.precision !== null) assert.ok(rule.precision >= 0.9, `${rule.rule}: precision ${rule.precision}`);
  });

  test('its findings exit 1 (errors among them), and their SARIF, notebooks and fixes included, validates against SARIF 2.1.0', async () => {
    const run = await gradient(['review', 'test/fixtures/review/corpus', '--format', 'sarif'], { cwd: root });
    assert.equal(run.code, 1, run.stderr);
    const log = JSON.parse(run.stdout);
    assert.deepEqual(sarifErrors(log), []);
    const results = log.runs[0].results as { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; fixes?: unknown[] }[];
    assert.ok(results.length >= 50, `${results.length} results`);
    assert.ok(results.some((result) => result.level === 'error'));
    assert.ok(results.some((result) => result.locations[0].physicalLocation.artifactLocation.uri.endsWith('.ipynb')), 'notebook findings are located in their .ipynb');
    assert.ok(results.some((result) => (result.fixes?.length ?? 0) > 0), 'fixes are carried');
  });
});
