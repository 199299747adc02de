// The `gradient` command line, run as a user runs it, in a child process: exit codes, the
// one-line messages for bad input, every subcommand in every format, the --fail-on gate, --out,
// worker-thread loading, and the numbers of one drift run against scipy. The CLI is bundled by
// esbuild into a temporary folder first (cliHarness.ts; no `npm run build` needed); one test runs
// the sources through tsx as well.
//
// Fixtures: test/fixtures/cli/, written by test/golden/make_cli.py together with the expected
// numbers in test/golden/cli.json (scipy 1.10 / scikit-learn 1.2; each value records its call).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { describeFailure } from '../../src/cli';
import { assertRejected, cliBundle, gradient, root, run, temporaryFolder } from './cliHarness';
import { DataError } from '../../src/core/data/index';
import { CALIBRATION_OPTIONS, CUSUM_OPTIONS, DRIFT_OPTIONS, LOAD_OPTIONS, type CalibrationReport, type CusumReport, type DriftReport, type NumericDriftColumn, type OptionSpec } from '../../src/core/reports/index';

const F = 'test/fixtures/cli';
const golden = JSON.parse(readFileSync(join(root, 'test/golden/cli.json'), 'utf8'));

/** STATS.md: statistics 1e-12 absolute, distances 1e-9 relative, p-values 1e-9 absolute or 1e-6 relative. */
function assertNear(actual: number, expected: number, what: string, tolerance: { abs?: number; rel?: number }): void {
  const abs = Math.abs(actual - expected);
  const rel = abs === 0 ? 0 : abs / Math.max(Math.abs(actual), Math.abs(expected));
  const ok = (tolerance.abs !== undefined && abs <= tolerance.abs) || (tolerance.rel !== undefined && rel <= tolerance.rel);
  assert.ok(ok, `${what}: ${actual} vs scipy ${expected} (abs ${abs}, rel ${rel})`);
}
const STATISTIC = { abs: 1e-12 };
const DISTANCE = { rel: 1e-9, abs: 1e-15 };
const P_VALUE = { abs: 1e-9, rel: 1e-6 };

const DRIFT = ['drift', `${F}/reference.csv`, `${F}/current.csv`];

describe('gradient CLI', { concurrency: 4 }, () => {
  test('runs from source: node --import tsx src/cli.ts --help prints the usage and exits 0', async () => {
    const run = await gradient(['--help'], { fromSource: true });
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^gradient \d+\.\d+\.\d+: drift, calibration and concept-drift reports/);
    const drift = await gradient([...DRIFT, '--format', 'json', '--label', 'y'], { env: { GRADIENT_THREADS: 'on' }, fromSource: true });
    assert.equal(drift.code, 1, 'worker threads work from source too');
    assert.equal(drift.stdout, (await gradient([...DRIFT, '--format', 'json', '--label', 'y'])).stdout);
  });

  test('GRADIENT_REPORT_RSS reports the CLI\'s own peak memory, not what its parent held when it forked', async () => {
    // getrusage's maxRSS keeps the forking parent's resident memory across exec: hold 400 MB here.
    const ballast = Buffer.alloc(400 * 2 ** 20, 1);
    const run = await gradient(['--help'], { env: { GRADIENT_REPORT_RSS: '1' } });
    assert.equal(ballast[ballast.length - 1], 1);
    const reported = Number(/^gradient: peak RSS (\d+) MiB$/m.exec(run.stderr)?.[1]);
    assert.ok(reported > 10 && reported < 200, `reported ${reported} MiB`);
  });

  test('the bundle prints the usage with --help and exits 0', async () => {
    const run = await gradient(['--help']);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^gradient \d+\.\d+\.\d+: drift, calibration and concept-drift reports/);
    assert.match(run.stdout, /gradient drift REFERENCE CURRENT \[options\]/);
    assert.equal(run.stderr, '');
  });

  test('each command has --help', async () => {
    for (const command of ['drift', 'calibration', 'cusum']) {
      const run = await gradient([command, '--help']);
      assert.equal(run.code, 0);
      assert.ok(run.stdout.startsWith(`Usage: gradient ${command} `), run.stdout);
      assert.match(run.stdout, /--fail-on/);
    }
  });

  test('bad usage: exit 2 and one line saying what to do', async () => {
    await assertRejected([], 'missing command: gradient drift, gradient calibration, gradient cusum, gradient readiness or gradient review (see gradient --help)');
    await assertRejected(['dirft'], '"dirft" is not a command: use gradient drift, gradient calibration, gradient cusum, gradient readiness or gradient review (see gradient --help)');
    await assertRejected(['drift', `${F}/reference.csv`], 'drift needs two files, REFERENCE and CURRENT (got 1): see gradient drift --help');
    await assertRejected([...DRIFT, '--bogus'], 'unknown option --bogus for drift: see gradient drift --help');
    await assertRejected([...DRIFT, '--alpha', '2'], '--alpha must be a number greater than 0 and less than 1, not "2"');
    await assertRejected([...DRIFT, '--psi-bins', '1'], '--psi-bins must be a whole number from 2 to 1000, not "1"');
    await assertRejected([...DRIFT, '--role', 'age'], '--role takes column=role pairs with a role among feature, identifier, time, label, ignore (e.g. --role user_id=feature), not "age"');
    await assertRejected([...DRIFT, '--psi-strategy', 'deciles'], '--psi-strategy must be quantile, uniform or sturges, not "deciles"');
    await assertRejected([...DRIFT, '--format', 'xml'], '--format must be text, json or markdown, not "xml"');
    await assertRejected([...DRIFT, '--fail-on', 'always'], '--fail-on must be never, warning or drift, not "always"');
    await assertRejected([...DRIFT, '--psi-warning', '0.3'], '--psi-drift (0.25) must be at least --psi-warning (0.3)');
    await assertRejected(['calibration', `${F}/predictions.csv`, '--correct', 'correct'], 'calibration needs --confidence COL (the predicted probability): see gradient calibration --help');
    await assertRejected(['cusum', `${F}/accuracy.csv`, '--column'], '--column needs a value: see gradient cusum --help');
  });

  test('a negative number is a value, for every option that takes one (issue 8)', async () => {
    const cusum = ['cusum', `${F}/accuracy.csv`, '--column', 'accuracy', '--sigma', '0.02', '--format', 'json'];
    for (const spelled of [['--target', '-0.5'], ['--target=-0.5'], ['--target', '-.5'], ['--target', '-5e-1']]) {
      const run = await gradient([...cusum, ...spelled]);
      assert.equal(run.stderr, '', spelled.join(' '));
      assert.equal(run.code, 0);
      assert.equal((JSON.parse(run.stdout) as CusumReport).target, -0.5, spelled.join(' '));
    }
    // A negative number reaches the option's own check, which names the range.
    await assertRejected([...DRIFT, '--alpha', '-1'], '--alpha must be a number greater than 0 and less than 1, not "-1"');
    await assertRejected([...DRIFT, '--psi-bins', '-3'], '--psi-bins must be a whole number from 2 to 1000, not "-3"');
    await assertRejected(['cusum', `${F}/accuracy.csv`, '--column', 'accuracy', '--k', '-0.5'], '--k must be a number from 0 to 100, not "-0.5"');
    // Not a number: still ambiguous (it may be a forgotten value), and unknown options stay errors.
    await assertRejected(['cusum', `${F}/accuracy.csv`, '--column', '-x'], '--column needs a value (one that starts with "-" is written --column=-x): see gradient cusum --help');
    await assertRejected([...DRIFT, '--bogus', '-1'], 'unknown option --bogus for drift: see gradient drift --help');
    await assertRejected([...DRIFT, '-1'], 'unknown option -1 for drift: see gradient drift --help');
  });

  test('a single-valued flag given twice is an error naming it, not "the last one wins" (issue 8)', async () => {
    const dir = temporaryFolder('gradient-repeat-');
    const [first, second] = [join(dir, 'a.json'), join(dir, 'b.json')];
    await assertRejected([...DRIFT, '--out', first, '--out', second], `--out is given 2 times (${JSON.stringify(first)}, ${JSON.stringify(second)}): give it once`);
    assert.deepEqual(readdirSync(dir), [], 'nothing written');
    await assertRejected([...DRIFT, '--alpha=0.05', '--alpha', '0.01'], '--alpha is given 2 times ("0.05", "0.01"): give it once');
    await assertRejected([...DRIFT, '--format', 'json', '--format', 'json', '--format', 'text'], '--format is given 3 times ("json", "json", "text"): give it once');
    await assertRejected(['cusum', `${F}/accuracy.csv`, '--column', 'accuracy', '--column', 'batch'], '--column is given 2 times ("accuracy", "batch"): give it once');
    // Repeatable flags stay repeatable, and --help twice is still help.
    const roles = await gradient(['drift', `${F}/reference.csv`, `${F}/reference.csv`, '--format', 'json', '--role', 'legacy_id=feature', '--role', 'plan=ignore', '--columns', 'age', '--columns', 'plan,legacy_id']);
    assert.equal(roles.stderr, '');
    assert.deepEqual((JSON.parse(roles.stdout) as DriftReport).options.columnRoles, { legacy_id: 'feature', plan: 'ignore' });
    assert.equal((await gradient(['drift', '--help', '-h'])).code, 0);
  });

  test('ESC, C1 and bidi controls in names and values print escaped on stdout and stderr, never raw (issue 8)', async () => {
    const dir = temporaryFolder('gradient-controls-');
    const name = 'acc\x1b[31m\u009b2J\u202e';
    const file = join(dir, 'stream\u202e.csv');
    writeFileSync(file, `"${name}",other\n${Array.from({ length: 40 }, (_, i) => `${0.9 + (i % 3) / 100},1`).join('\n')}\n0.5,\x1b[2J\u009b31m\u202ebad\n`);
    // eslint-disable-next-line no-control-regex -- the characters under test
    const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    const shownFile = join(dir, 'stream\\u202e.csv');
    const text = await gradient(['cusum', file, '--column', name]);
    assert.equal(text.stderr, '');
    assert.doesNotMatch(text.stdout, raw);
    assert.ok(text.stdout.includes(`\nfile ${shownFile}: column "acc\\u001b[31m\\u009b2J\\u202e" (numbers), 41 values, file order\n`), text.stdout);
    const markdown = await gradient(['cusum', file, '--column', name, '--format', 'markdown']);
    assert.doesNotMatch(markdown.stdout, raw);
    const run = await gradient(['calibration', file, '--confidence', 'other', '--correct', name]);
    assert.doesNotMatch(run.stderr, raw);
    assert.equal(run.stderr, `gradient: ${shownFile} line 42, column "other": "\\u001b[2J\\u009b31m\\u202ebad" is not a number: the confidence column must hold probabilities between 0 and 1\n`);
    assert.equal(run.code, 2);
    const out = join(dir, 'report\u202e.txt');
    const written = await gradient(['cusum', file, '--column', name, '--out', out]);
    assert.equal(written.code, 0);
    assert.doesNotMatch(written.stderr, raw);
    assert.ok(written.stderr.startsWith(`gradient: wrote ${join(dir, 'report\\u202e.txt')}: `), written.stderr);
  });

  test('options whose derived numbers would not compute: exit 2 naming the option, never exit 3 (issue 8)', async () => {
    const cusum = ['cusum', `${F}/accuracy.csv`, '--column', 'accuracy'];
    await assertRejected([...cusum, '--sigma', '1e308'], `${F}/accuracy.csv, column "accuracy": sigma 1e+308 is too large to compute with: h = 8.053 σ overflows; give a sigma below 1e+307`);
    await assertRejected([...cusum, '--h', '1000'], `${F}/accuracy.csv, column "accuracy": h 1000 σ is above 128 σ, the most a series of numbers (not 0/1) can use: give an h of at most 128`);
    await assertRejected([...cusum, '--sigma', '1e999'], '--sigma must be a number greater than 0, not "1e999"');
    const calibration = ['calibration', `${F}/predictions.csv`, '--confidence', 'confidence', '--correct', 'correct'];
    await assertRejected([...calibration, '--alpha', '1e-17'], '--alpha must be a number at least 1e-12 and less than 1, not "1e-17"');
    assert.equal((await gradient([...calibration, '--alpha', '1e-12'])).code, 0);
  });

  test('a missing file: exit 2, the path and what to do', async () => {
    await assertRejected(['drift', `${F}/reference.csv`, `${F}/no-such-file.csv`], `${F}/no-such-file.csv does not exist: check the path, or pick the file again`);
  });

  test('an empty file: exit 2', async () => {
    await assertRejected(['drift', `${F}/empty.csv`, `${F}/current.csv`], `${F}/empty.csv is empty (0 bytes): export the data again, or pick another file`);
  });

  test('a file with a header only: exit 2', async () => {
    await assertRejected(['drift', `${F}/reference.csv`, `${F}/header-only.csv`], `${F}/header-only.csv has a header but no data rows: export the data again, or pick another file`);
  });

  test('an unknown column: exit 2, naming the file, the column, its role and the columns there are', async () => {
    await assertRejected(
      ['calibration', `${F}/predictions.csv`, '--confidence', 'Confidence', '--correct', 'correct'],
      `${F}/predictions.csv has no column "Confidence" (the confidence column): did you mean "confidence"? its columns are "id", "confidence", "correct"; names are case-sensitive`,
    );
    await assertRejected(
      ['cusum', `${F}/accuracy.csv`, '--column', 'acc'],
      `${F}/accuracy.csv has no column "acc" (the series column): its columns are "batch", "accuracy"; names are case-sensitive`,
    );
    await assertRejected([...DRIFT, '--columns', 'age,nowhere'], `${F}/reference.csv has no column "nowhere" (asked for by columns): its columns are "age", "income", "tenure", "city", "plan", "zip", "promo", "legacy_id", "y"; names are case-sensitive`);
  });

  test('text in a numeric column (--confidence): exit 2 with the line and the value', async () => {
    await assertRejected(
      ['calibration', `${F}/predictions-text.csv`, '--confidence', 'confidence', '--correct', 'correct'],
      `${F}/predictions-text.csv line 4, column "confidence": "high" is not a number: the confidence column must hold probabilities between 0 and 1`,
    );
  });

  test('ragged rows: exit 2 with the line', async () => {
    await assertRejected(['drift', `${F}/ragged.csv`, `${F}/current.csv`], `${F}/ragged.csv line 3 has 2 fields but the header has 3: fix the row or add the missing fields (an empty field is read as missing)`);
  });

  test('a binary file: exit 2', async () => {
    await assertRejected(['drift', `${F}/reference.csv`, `${F}/binary.csv`], `${F}/binary.csv looks like a binary file (byte 0 is NUL): pick a CSV, TSV, JSON Lines or Parquet file`);
  });

  test("issue 8's Latin-1 reproduction: exit 2 naming line, offset and both fixes; --encoding reads it and the report says so", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradient-cli-encoding-'));
    try {
      const rows = (from: number, to: number, city: string) => Array.from({ length: to - from }, (_, i) => `${from + i},${city}\n`).join('');
      const head = `id,city\n${rows(0, 200, 'plain')}`;
      writeFileSync(join(dir, 'ref.csv'), Buffer.from(head + rows(200, 400, 'caf\xe9'), 'latin1'));
      writeFileSync(join(dir, 'cur.csv'), Buffer.from(head + rows(200, 300, 'caf\xe9') + rows(300, 400, 'caf\xe8'), 'latin1'));
      const ref = join(dir, 'ref.csv');
      const cur = join(dir, 'cur.csv');
      const utf8 = await gradient(['drift', ref, cur, '--columns', 'city']);
      assert.equal(utf8.code, 2);
      assert.equal(utf8.stdout, '');
      assert.match(utf8.stderr, /^gradient: .*ref\.csv line 202 is not UTF-8 at byte offset 1905: "200,caf\\xE9" .*--encoding windows-1252.*\n$/);
      const latin = await gradient(['drift', ref, cur, '--columns', 'city', '--encoding', 'windows-1252', '--format', 'json']);
      const report = JSON.parse(latin.stdout) as DriftReport;
      assert.equal(report.reference.encoding, 'windows-1252');
      assert.equal(report.reference.rows, 400);
      // café and cafè stay two categories: all 400 rows of each file are compared, none merged away.
      const city = report.columns.find((c) => c.name === 'city');
      assert.ok(city && city.kind === 'categorical');
      assert.deepEqual(city.psiCategories.map((c) => [c.category, c.referenceCount, c.currentCount]).sort(), [['cafè', 0, 100], ['café', 200, 100], ['plain', 200, 200]]);
      assert.match((await gradient(['drift', ref, cur, '--columns', 'city', '--encoding', 'latin-1'])).stdout, /ref\.csv \(400 rows, read as Latin-1\)/);
      await assertRejected(['drift', ref, cur, '--encoding', 'ebcdic'], '--encoding must be utf-8, windows-1252 or latin-1, not "ebcdic"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--delimiter splits where detection would not, and a FIFO input is read whole (issue 8)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradient-cli-delimiter-'));
    try {
      const semi = join(dir, 'semi.csv');
      writeFileSync(semi, 'a;b\n1;2\n3;4\n5;6\n');
      const asComma = JSON.parse((await gradient(['drift', semi, semi, '--delimiter', ',', '--format', 'json'])).stdout) as DriftReport;
      assert.deepEqual(asComma.columns.map((c) => c.name), ['a;b']);
      const detected = JSON.parse((await gradient(['drift', semi, semi, '--format', 'json'])).stdout) as DriftReport;
      assert.deepEqual(detected.columns.map((c) => c.name).sort(), ['a', 'b']);
      const fifo = join(dir, 'pipe.csv');
      assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
      const writer = spawn('sh', ['-c', `cat "${semi}" > "${fifo}"`]);
      const piped = await gradient(['drift', fifo, semi, '--format', 'json']);
      writer.kill();
      assert.equal(piped.code, 0, piped.stderr);
      const fromPipe = JSON.parse(piped.stdout) as DriftReport;
      assert.equal(fromPipe.reference.rows, 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--delimiter takes a literal tab or space as well as the word tab (fuzz: a tab "needs a value")', async () => {
    const dir = temporaryFolder('gradient-cli-blank-delimiter-');
    const tabbed = join(dir, 'tabbed.csv');
    writeFileSync(tabbed, 'a\tb c\n1\t2 3\n4\t5 6\n');
    const names = async (delimiter: string) => {
      const run = await gradient(['drift', tabbed, tabbed, '--delimiter', delimiter, '--format', 'json']);
      assert.equal(run.code, 0, run.stderr);
      return (JSON.parse(run.stdout) as DriftReport).columns.map((c) => c.name).sort();
    };
    assert.deepEqual(await names('\t'), ['a', 'b c']);
    assert.deepEqual(await names('tab'), ['a', 'b c']);
    assert.deepEqual(await names(' '), ['a\tb', 'c']);
    await assertRejected(['drift', tabbed, tabbed, '--delimiter='], '--delimiter needs a value');
  });

  test('mismatched columns between the two files: a report that says what it skipped, exit 0', async () => {
    const run = await gradient([...DRIFT, '--format', 'json', '--fail-on', 'never']);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
    const report = JSON.parse(run.stdout) as DriftReport;
    assert.deepEqual(
      report.skipped.map((s) => [s.name, s.status, s.reason, s.message]),
      [
        ['promo', 'skipped', 'no-current-data', `"promo" has no values in ${F}/current.csv`],
        ['legacy_id', 'skipped', 'only-in-reference', `"legacy_id" is only in ${F}/reference.csv`],
        ['session_len', 'skipped', 'only-in-current', `"session_len" is only in ${F}/current.csv`],
      ],
    );
    assert.equal(report.label?.name, 'y', 'the label is found by its name');
    assert.equal(report.label?.source, 'detected');
    const zip = report.columns.find((c) => c.name === 'zip')!;
    assert.equal(zip.kind, 'categorical');
    assert.equal(zip.note, `numbers in ${F}/reference.csv but text in ${F}/current.csv: compared as categories`);
    const text = await gradient([...DRIFT, '--fail-on', 'never']);
    assert.match(text.stdout, /\nnot tested \(3\):\n {2}"promo" has no values in test\/fixtures\/cli\/current.csv\n {2}"legacy_id" is only in test\/fixtures\/cli\/reference.csv\n {2}"session_len" is only in test\/fixtures\/cli\/current.csv\n/);
  });

  test('drift --format json: the numbers of scipy on the same files (test/golden/make_cli.py)', async () => {
    const run = await gradient([...DRIFT, '--format', 'json', '--label', 'y']);
    assert.equal(run.code, 1, 'age and city drifted: the default gate is --fail-on drift');
    const report = JSON.parse(run.stdout) as DriftReport;
    assert.deepEqual([report.reference.rows, report.current.rows], golden.drift.rows);
    const expectedNames = Object.keys(golden.drift.columns).sort();
    assert.deepEqual(report.columns.map((c) => c.name).sort(), expectedNames);
    for (const column of report.columns) {
      const expected = golden.drift.columns[column.name];
      assert.equal(column.kind, expected.kind, column.name);
      assert.deepEqual([column.reference.count, column.current.count], expected.count, `${column.name} counts`);
      assertNear(column.psi, expected.psi, `${column.name} PSI`, STATISTIC);
      if (column.kind === 'numeric') {
        assert.equal(column.binning, expected.binning, `${column.name} binning`);
        assert.deepEqual([column.reference.missing, column.current.missing], expected.missing, `${column.name} missing`);
        assertNear(column.ks.statistic, expected.ks.statistic, `${column.name} KS statistic`, STATISTIC);
        assertNear(column.ks.pValue, expected.ks.pValue, `${column.name} KS p`, P_VALUE);
        assert.equal(column.ks.method, 'exact');
        assertNear(column.wasserstein, expected.wasserstein, `${column.name} Wasserstein`, DISTANCE);
        assertNear(column.jensenShannon, expected.jensenShannon, `${column.name} Jensen-Shannon`, DISTANCE);
        assert.equal(column.extremeValues?.beyondSigmas, expected.beyondSigmas, `${column.name} beyond 4 sd`);
        assert.equal(column.extremeValues?.outsideRange, expected.outsideRange, `${column.name} outside range`);
      } else {
        assertNear(column.chiSquare.statistic, expected.chiSquare.statistic, `${column.name} chi-square`, DISTANCE);
        assertNear(column.chiSquare.pValue, expected.chiSquare.pValue, `${column.name} chi-square p`, P_VALUE);
        assert.equal(column.chiSquare.dof, expected.chiSquare.dof, `${column.name} dof`);
      }
    }
    assert.deepEqual(
      Object.fromEntries(report.label!.reference!.classes.map((c) => [c.label, c.share])),
      golden.drift.label.reference,
    );
    assert.deepEqual(Object.fromEntries(report.label!.current!.classes.map((c) => [c.label, c.share])), golden.drift.label.current);
    assert.deepEqual(
      report.columns.filter((c) => c.status === 'drift').map((c) => c.name),
      ['age', 'city'],
    );
    assert.equal((report.columns.find((c) => c.name === 'age') as NumericDriftColumn).extremeValues?.beyondSigmas, 1);
  });

  test('drift in text and markdown', async () => {
    const text = await gradient([...DRIFT, '--label', 'y']);
    assert.equal(text.code, 1);
    assert.ok(text.stdout.startsWith('GRADIENT drift: DRIFT\n2 of 6 tested columns drifted; 3 columns not tested (1 without values on a side, 2 in one file only).\n'), text.stdout);
    assert.match(text.stdout, /\nwhy:\n {2}city: drift: chi-square p 1\.4e-17 ≤ 0\.01 and PSI 1\.8622/);
    const markdown = await gradient([...DRIFT, '--label', 'y', '--format', 'markdown', '--correction', 'bonferroni']);
    assert.equal(markdown.code, 1);
    assert.ok(markdown.stdout.startsWith('### GRADIENT drift report: 🔴 drift\n\n**2 of 6 tested columns drifted;'), markdown.stdout);
    assert.match(markdown.stdout, /\n\| 🔴 drift \| `city` \| categorical \|/);
    assert.match(markdown.stdout, /\| Bonferroni-adjusted p \|/);
  });

  test('--role overrides a detected role, and the editor\'s setting of the same name means the same', async () => {
    const run = await gradient(['drift', `${F}/reference.csv`, `${F}/reference.csv`, '--format', 'json', '--role', 'legacy_id=feature', '--role', 'plan=ignore']);
    const report = JSON.parse(run.stdout) as DriftReport;
    assert.ok(report.columns.some((c) => c.name === 'legacy_id'), 'legacy_id is tested as a feature');
    assert.deepEqual(report.skipped.map((s) => [s.name, s.reason, s.roleSource]), [['plan', 'ignored', 'given']]);
    assert.deepEqual(report.options.columnRoles, { legacy_id: 'feature', plan: 'ignore' });
  });

  test('--fail-on: drift (the default) and warning exit 1 on this drift, never exits 0', async () => {
    assert.equal((await gradient(DRIFT)).code, 1);
    assert.equal((await gradient([...DRIFT, '--fail-on', 'drift'])).code, 1);
    assert.equal((await gradient([...DRIFT, '--fail-on', 'warning'])).code, 1);
    assert.equal((await gradient([...DRIFT, '--fail-on', 'never'])).code, 0);
    const stable = await gradient(['drift', `${F}/reference.csv`, `${F}/reference.csv`]);
    assert.equal(stable.code, 0, 'a file against itself never trips the gate');
    assert.match(stable.stdout, /^GRADIENT drift: OK\nNo drift: all 7 tested columns are stable at these sample sizes; 1 column not tested \(1 identifier\)\.\n/);
  });

  test('calibration in every format, with the numbers of scikit-learn', async () => {
    const args = ['calibration', `${F}/predictions.csv`, '--confidence', 'confidence', '--correct', 'correct'];
    const json = await gradient([...args, '--format', 'json']);
    assert.equal(json.code, 0, 'calibration gates only with --fail-on miscalibrated');
    const report = JSON.parse(json.stdout) as CalibrationReport;
    const expected = golden.calibration;
    assert.equal(report.schemaVersion, 2);
    assert.equal(report.rows, expected.rows);
    assert.deepEqual(report.bins.map((b) => b.count), expected.count);
    report.bins.forEach((b, i) => {
      assertNear(b.accuracy, expected.accuracy[i], `bin ${i} accuracy`, STATISTIC);
      assertNear(b.confidence, expected.confidence[i], `bin ${i} confidence`, STATISTIC);
    });
    for (const key of ['ece', 'mce', 'ace', 'brier'] as const) assertNear(report[key], expected[key], key, STATISTIC);
    assert.equal(report.withinTolerance, expected.withinTolerance);
    assert.equal(report.status, 'insufficient', '400 predictions in 10 bins: the off bins are not yet evidence');
    const text = await gradient(args);
    assert.ok(text.stdout.startsWith('GRADIENT calibration: INSUFFICIENT DATA\nNot enough evidence: 7 of 10 bins look more than 5 points off'), text.stdout);
    const markdown = await gradient([...args, '--format', 'markdown', '--fail-on', 'miscalibrated', '--bins', '2', '--tolerance', '0.01', '--alpha', '0.5']);
    assert.equal(markdown.code, 1, 'two bins of 200, 5 points off, against a 1-point tolerance and 50% intervals');
    assert.ok(markdown.stdout.startsWith('### GRADIENT calibration report: 🔴 miscalibrated\n'), markdown.stdout);
  });

  test('cusum in every format, with the alarms of STATS.md cusum_lower', async () => {
    const args = ['cusum', `${F}/accuracy.csv`, '--column', 'accuracy'];
    const json = await gradient([...args, '--format', 'json']);
    assert.equal(json.code, 0);
    const report = JSON.parse(json.stdout) as CusumReport;
    assert.equal(report.schemaVersion, 2);
    assertNear(report.target, golden.cusum.target, 'target', STATISTIC);
    assertNear(report.sigma, golden.cusum.sigma, 'sigma', STATISTIC);
    assertNear(report.hSigmas, golden.cusum.hSigmas, 'h in sigmas', { rel: 1e-9 });
    assert.deepEqual(report.alarms, golden.cusum.alarms);
    for (const [row, value] of Object.entries(golden.cusum.statistic)) {
      assertNear(report.statistic[Number(row)]!, value as number, `statistic at row ${row}`, STATISTIC);
    }
    assert.equal(report.statistic[50], null, 'the row without a value');
    const text = await gradient([...args, '--fail-on', 'alarm']);
    assert.equal(text.code, 1);
    assert.ok(text.stdout.startsWith('GRADIENT cusum: ALARM\n'), text.stdout);
    const markdown = await gradient([...args, '--format', 'markdown', '--target', '0.9', '--sigma', '0.02']);
    assert.ok(markdown.stdout.startsWith('### GRADIENT CUSUM report: 🔴 alarm\n'), markdown.stdout);
    await assertRejected([...args, '--warmup', '200'], `${F}/accuracy.csv, column "accuracy": 119 values, fewer than the 200-point warm-up that estimates the target: give the target and sigma, or a shorter warm-up`);
  });

  test('cusum: k and h are in standard deviations, a 0/1 series with --target needs no warm-up, and --time-column orders the rows (issue 7)', async () => {
    const dir = temporaryFolder('gradient-cusum-');
    const stream = join(dir, 'stream.csv');
    writeFileSync(stream, 'day,correct\n2024-01-05,0\n2024-01-01,1\n2024-01-02,1\n2024-01-03,0\n2024-01-04,0\n');
    const run = await gradient(['cusum', stream, '--column', 'correct', '--target', '0.9', '--k', '0.5', '--h', '4', '--format', 'json']);
    assert.equal(run.stderr, '');
    const report = JSON.parse(run.stdout) as CusumReport;
    assert.deepEqual([report.series, report.warmup, report.kSigmas, report.hSigmas, report.sortedBy], ['bernoulli', 0, 0.5, 4, null]);
    assert.equal(report.k, 0.5 * Math.sqrt(0.9 * (1 - 0.9)));
    const sorted = JSON.parse((await gradient(['cusum', stream, '--column', 'correct', '--target', '0.9', '--h', '4', '--time-column', 'day', '--format', 'json'])).stdout) as CusumReport;
    assert.equal(sorted.sortedBy, 'day');
    assert.deepEqual(sorted.values, [1, 1, 0, 0, 0]);
    assert.deepEqual(sorted.alarms, [3]);
    await assertRejected(['cusum', stream, '--column', 'correct', '--time-column', 'when'], `${stream} has no column "when" (the time column): its columns are "day", "correct"; names are case-sensitive`);
  });

  test('every option of the schema has its flag and its sentence in --help', async () => {
    for (const [command, group] of [['drift', DRIFT_OPTIONS], ['calibration', CALIBRATION_OPTIONS], ['cusum', CUSUM_OPTIONS]] as const) {
      const help = (await gradient([command, '--help'])).stdout.replace(/\s+/g, ' ');
      for (const spec of [...Object.values(group), ...Object.values(LOAD_OPTIONS)] as OptionSpec[]) {
        if (!spec.flag) continue;
        assert.ok(help.includes(`--${spec.flag} `), `${command} --help lists --${spec.flag}`);
        assert.ok(help.includes(spec.description), `${command} --help explains --${spec.flag}`);
      }
    }
  });

  test('--out refuses to overwrite an input file, however the path is spelled', async () => {
    const before = statSync(join(root, F, 'current.csv')).mtimeMs;
    await assertRejected([...DRIFT, '--out', `${F}/current.csv`], `--out ${F}/current.csv is the input file ${F}/current.csv: write the report to another file`);
    await assertRejected([...DRIFT, '--out', `./${F}/../cli/reference.csv`], `--out ./${F}/../cli/reference.csv is the input file ${F}/reference.csv: write the report to another file`);
    await assertRejected(['cusum', `${F}/accuracy.csv`, '--column', 'accuracy', '--out', `${F}/accuracy.csv`], `--out ${F}/accuracy.csv is the input file ${F}/accuracy.csv: write the report to another file`);
    assert.equal(statSync(join(root, F, 'current.csv')).mtimeMs, before);
  });

  test('--out writes the report atomically, in the format its extension names, and says so on stderr', async () => {
    const dir = temporaryFolder('gradient-cli-');
    const out = join(dir, 'drift.json');
    const run = await gradient([...DRIFT, '--out', out, '--fail-on', 'never']);
    assert.equal(run.code, 0);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `gradient: wrote ${out}: 2 of 6 tested columns drifted; 3 columns not tested (1 without values on a side, 2 in one file only).\n`);
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as DriftReport).schemaVersion, 2);
    assert.deepEqual(readdirSync(dir), ['drift.json'], 'no temporary file left behind');
    const markdown = join(dir, 'comment.md');
    const gated = await gradient([...DRIFT, '--out', markdown]);
    assert.equal(gated.code, 1, 'the gate still applies with --out');
    assert.ok(readFileSync(markdown, 'utf8').startsWith('### GRADIENT drift report'));
    await assertRejected([...DRIFT, '--out', join(dir, 'missing-folder', 'r.json')], `--out ${join(dir, 'missing-folder', 'r.json')} could not be written (ENOENT): check that its folder exists and is writable`);
  });

  test('--out replaces a regular file atomically but keeps what it was: its mode, its owner (as root), a symbolic link, hard links (issue 8)', async () => {
    const dir = temporaryFolder('gradient-out-');
    const cusum = ['cusum', `${F}/accuracy.csv`, '--column', 'accuracy', '--format', 'json'];
    const expected = (await gradient(cusum)).stdout;
    const writes = async (out: string) => {
      const written = await gradient([...cusum, '--out', out]);
      assert.equal(written.stderr, `gradient: wrote ${out}: ${(JSON.parse(expected) as CusumReport).verdict}\n`);
      assert.equal(written.code, 0);
    };
    const secret = join(dir, 'secret.json');
    writeFileSync(secret, 'old');
    chmodSync(secret, 0o600);
    const before = statSync(secret);
    await writes(secret);
    assert.equal(readFileSync(secret, 'utf8'), expected);
    assert.equal(statSync(secret).mode & 0o7777, 0o600, 'a 0600 file stays 0600');
    assert.notEqual(statSync(secret).ino, before.ino, 'replaced by a rename: a reader never sees half a report');
    if (process.getuid?.() === 0) {
      const owned = join(dir, 'owned.json');
      writeFileSync(owned, 'old');
      chownSync(owned, 65534, 65534);
      chmodSync(owned, 0o640);
      await writes(owned);
      const after = statSync(owned);
      assert.deepEqual([after.uid, after.gid, after.mode & 0o7777], [65534, 65534, 0o640], 'root keeps the owner, the group and the mode');
    }
    const target = join(dir, 'target.json');
    writeFileSync(target, 'old');
    chmodSync(target, 0o640);
    const link = join(dir, 'link.json');
    symlinkSync('target.json', link);
    await writes(link);
    assert.ok(lstatSync(link).isSymbolicLink(), 'the link stays a link');
    assert.equal(readlinkSync(link), 'target.json');
    assert.equal(readFileSync(target, 'utf8'), expected, 'its target gets the report');
    assert.equal(statSync(target).mode & 0o7777, 0o640);
    const first = join(dir, 'first.json');
    const second = join(dir, 'second.json');
    writeFileSync(first, 'an old report, longer than nothing');
    linkSync(first, second);
    await writes(second);
    assert.equal(readFileSync(first, 'utf8'), expected, 'every name of a hard-linked file shows the report');
    assert.equal(statSync(first).ino, statSync(second).ino, 'the links are not split');
    assert.equal(statSync(first).nlink, 2);
    assert.deepEqual(readdirSync(dir).filter((name) => name.endsWith('.tmp')), [], 'no temporary file left behind');
  });

  test('--out refuses what it must not replace, before reading the inputs: a read-only file (even as root), a folder, a dangling link, a block device, a socket (issue 8)', async () => {
    const dir = temporaryFolder('gradient-out-');
    const cusum = ['cusum', `${F}/accuracy.csv`, '--column', 'accuracy'];
    const readOnly = join(dir, 'read-only.json');
    writeFileSync(readOnly, 'keep me');
    chmodSync(readOnly, 0o444);
    await assertRejected([...cusum, '--out', readOnly], `--out ${readOnly} is read-only: make it writable (chmod u+w ${readOnly}), or give another path`);
    assert.equal(readFileSync(readOnly, 'utf8'), 'keep me');
    assert.equal(statSync(readOnly).mode & 0o7777, 0o444);
    const folder = join(dir, 'reports');
    mkdirSync(folder);
    await assertRejected([...cusum, '--out', folder], `--out ${folder} is a folder: give a file path, e.g. ${join(folder, 'report.json')}`);
    assert.ok(statSync(folder).isDirectory());
    await assertRejected(['cusum', `${F}/no-such-file.csv`, '--column', 'accuracy', '--out', folder], `--out ${folder} is a folder: give a file path, e.g. ${join(folder, 'report.json')}`);
    const dangling = join(dir, 'dangling.json');
    symlinkSync('nowhere.json', dangling);
    await assertRejected([...cusum, '--out', dangling], `--out ${dangling} is a symbolic link to nowhere.json, which does not exist: create that file first, or give another path`);
    assert.ok(!existsSync(join(dir, 'nowhere.json')), 'nothing is created where a stale link points');
    const socket = join(dir, 'report.sock');
    const server = createServer().listen(socket);
    await new Promise((listening) => server.once('listening', listening));
    try {
      await assertRejected([...cusum, '--out', socket], `--out ${socket} is a socket, which cannot be opened as a file: give a file path, or leave out --out to write to standard output`);
      assert.ok(lstatSync(socket).isSocket());
    } finally {
      server.close();
    }
    if (process.getuid?.() === 0) {
      // A device number no disk has: even a regression could not write to a disk.
      const disk = join(dir, 'disk');
      assert.equal(spawnSync('mknod', [disk, 'b', '259', '999']).status, 0, 'mknod');
      await assertRejected([...cusum, '--out', disk], `--out ${disk} is a block device (a disk): give a file path`);
      assert.ok(lstatSync(disk).isBlockDevice());
    }
  });

  test('--out writes special files in place, never replacing them: a FIFO to its reader, a character device, /dev/stdout as a pipe or a socket (issue 8)', async () => {
    const dir = temporaryFolder('gradient-out-');
    const cusum = ['cusum', `${F}/accuracy.csv`, '--column', 'accuracy', '--format', 'json'];
    const expected = (await gradient(cusum)).stdout;
    const fifo = join(dir, 'report.fifo');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
    const reader = run('cat', [fifo]);
    const toFifo = await gradient([...cusum, '--out', fifo]);
    assert.equal(toFifo.code, 0, toFifo.stderr);
    assert.equal((await reader).stdout, expected, 'the reader gets the report');
    assert.ok(lstatSync(fifo).isFIFO(), 'the FIFO is still a FIFO');
    const toSocket = await gradient([...cusum, '--out', '/dev/stdout']);
    assert.equal(toSocket.code, 0, toSocket.stderr);
    assert.equal(toSocket.stdout, expected, '/dev/stdout when stdout is a socket (Node child processes): written through the descriptor');
    const bundle = await cliBundle();
    const piped = await run('sh', ['-c', '{ "$@"; echo "exit $?" >&2; } | cat', 'sh', process.execPath, bundle, ...cusum, '--out', '/dev/stdout']);
    assert.equal(piped.stdout, expected, '/dev/stdout when stdout is a pipe');
    assert.match(piped.stderr, /^gradient: wrote \/dev\/stdout: .*\nexit 0\n$/);
    const appended = join(dir, 'appended.json');
    writeFileSync(appended, 'kept\n');
    const twice = await run('sh', ['-c', '"$@" >> "$0" && "$@" >> "$0"', appended, process.execPath, bundle, ...cusum, '--out', '/dev/stdout']);
    assert.equal(twice.code, 0, twice.stderr);
    assert.equal(readFileSync(appended, 'utf8'), `kept\n${expected}${expected}`, '/dev/stdout redirected with >> appends: nothing before it is lost');
    if (process.getuid?.() === 0) {
      const device = join(dir, 'null');
      assert.equal(spawnSync('mknod', [device, 'c', '1', '3']).status, 0, 'mknod');
      const made = lstatSync(device);
      assert.equal((await gradient([...cusum, '--out', device])).code, 0);
      assert.ok(lstatSync(device).isCharacterDevice(), 'a character device is written, not replaced');
      assert.deepEqual([lstatSync(device).ino, lstatSync(device).rdev], [made.ino, made.rdev]);
    }
  });

  test('--out /dev/null as root and as a user leaves /dev/null a device; --out /dev/stdout works as a user (issue 8)', async (t) => {
    const cusum = ['cusum', `${F}/accuracy.csv`, '--column', 'accuracy', '--format', 'json'];
    const before = lstatSync('/dev/null');
    assert.ok(before.isCharacterDevice());
    if (process.getuid?.() === 0) {
      // Only after the same path through a device node of our own (the test above) is known to work.
      const scratchDevice = join(temporaryFolder('gradient-out-'), 'null');
      assert.equal(spawnSync('mknod', [scratchDevice, 'c', '1', '3']).status, 0, 'mknod');
      assert.equal((await gradient([...cusum, '--out', scratchDevice])).code, 0);
      assert.ok(lstatSync(scratchDevice).isCharacterDevice(), 'refusing to try /dev/null: a device node in a temporary folder was replaced');
      const asRoot = await gradient([...cusum, '--out', '/dev/null']);
      assert.equal(asRoot.code, 0, asRoot.stderr);
      assert.deepEqual([lstatSync('/dev/null').isCharacterDevice(), lstatSync('/dev/null').ino, lstatSync('/dev/null').rdev], [true, before.ino, before.rdev]);
    }
    const switchUser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find(existsSync);
    const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find(existsSync);
    const asUser = switchUser ? [switchUser, '-u', 'nobody', '--'] : setpriv ? [setpriv, '--reuid=nobody', '--regid=nogroup', '--clear-groups'] : undefined;
    if (process.getuid?.() !== 0 || asUser === undefined) return t.skip('needs root and runuser or setpriv to run as nobody');
    const bundle = await cliBundle();
    const toNull = await run(asUser[0], [...asUser.slice(1), process.execPath, bundle, ...cusum, '--out', '/dev/null']);
    assert.equal(toNull.code, 0, toNull.stderr);
    assert.match(toNull.stderr, /^gradient: wrote \/dev\/null: /);
    const toStdout = await run(asUser[0], [...asUser.slice(1), process.execPath, bundle, ...cusum, '--out', '/dev/stdout']);
    assert.equal(toStdout.code, 0, toStdout.stderr);
    assert.equal(toStdout.stdout, (await gradient(cusum)).stdout);
    assert.deepEqual([lstatSync('/dev/null').isCharacterDevice(), lstatSync('/dev/null').ino], [true, before.ino]);
  });

  test('large files load in worker threads with the same report (GRADIENT_THREADS=on forces it)', async () => {
    const threaded = await gradient([...DRIFT, '--format', 'json', '--label', 'y'], { env: { GRADIENT_THREADS: 'on' } });
    const inline = await gradient([...DRIFT, '--format', 'json', '--label', 'y'], { env: { GRADIENT_THREADS: 'off' } });
    assert.equal(threaded.stderr, '');
    assert.equal(threaded.code, 1);
    assert.equal(threaded.stdout, inline.stdout);
    await assertRejected(['drift', `${F}/ragged.csv`, `${F}/current.csv`], `${F}/ragged.csv line 3 has 2 fields but the header has 3: fix the row or add the missing fields (an empty field is read as missing)`);
    const threadedError = await gradient(['drift', `${F}/ragged.csv`, `${F}/current.csv`], { env: { GRADIENT_THREADS: 'on' } });
    assert.equal(threadedError.code, 2);
    assert.equal(threadedError.stderr, `gradient: ${F}/ragged.csv line 3 has 2 fields but the header has 3: fix the row or add the missing fields (an empty field is read as missing)\n`);
  });
});

test('an unexpected error is exit 3 with one line asking for a report; input errors are exit 2', () => {
  assert.deepEqual(describeFailure(new TypeError('x is undefined')), {
    line: 'gradient: internal error (TypeError: x is undefined): this is a bug in GRADIENT, please report it with the command you ran (GRADIENT_DEBUG=1 shows the stack)',
    code: 3,
  });
  assert.deepEqual(describeFailure(new DataError({ code: 'empty-file', file: 'a.csv', message: 'a.csv is empty\n(0 bytes)' })), {
    line: 'gradient: a.csv is empty (0 bytes)',
    code: 2,
  });
});

test('the fixtures and their golden values are committed', () => {
  for (const name of ['reference.csv', 'current.csv', 'predictions.csv', 'predictions-text.csv', 'accuracy.csv', 'empty.csv', 'header-only.csv', 'ragged.csv', 'binary.csv']) {
    assert.ok(existsSync(join(root, F, name)), `${F}/${name} (run /usr/bin/python3 test/golden/make_cli.py)`);
  }
  assert.equal(golden.command, '/usr/bin/python3 test/golden/make_cli.py');
});
