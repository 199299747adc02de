// `gradient drift` on every engine: DuckDB (--engine, and auto above a size), and the warehouse
// workflow (--print-sql, run elsewhere, --from-aggregates) with DuckDB standing in for the
// warehouse. Each report must equal the memory engine's to 1e-12; the usage errors are one line.
// PostgreSQL (--connection) is tested against a real server in test/database/.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { assertRejected, gradient, root, temporaryFolder } from './cliHarness';

const TRAIN = join(root, 'examples/data/train.csv');
const PRODUCTION = join(root, 'examples/data/production.csv');
/** Every column of the example pair but the label, which only train.csv has. */
const COLUMNS = 'user_id,timestamp,features_as_of,age,income,sessions_7d,country,device';
const KINDS = ['--numeric', 'user_id,age,income,sessions_7d', '--categorical', 'timestamp,features_as_of,country,device'];

interface Report {
  readonly engine: string;
  readonly columns: readonly unknown[];
  readonly skipped: readonly unknown[];
  readonly summary: { readonly status: string; readonly verdict: string };
}

/** The JSON report of `gradient drift ARGS`; `names` replaces text in it (the paths exported results know as reference and current). */
async function report(args: readonly string[], names: ReadonlyMap<string, string> = new Map()): Promise<Report> {
  const result = await gradient(['drift', ...args, '--format', 'json', '--fail-on', 'never']);
  assert.equal(result.code, 0, result.stderr);
  let text = result.stdout;
  for (const [from, to] of names) text = text.split(from).join(to);
  return JSON.parse(text) as Report;
}

/** The largest relative difference between two reports' columns (text and counts must be equal), and where. */
function largestDifference(a: unknown, b: unknown, path = 'columns'): { readonly relative: number; readonly at: string } {
  if (typeof a === 'number' && typeof b === 'number') {
    const relative = a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    return { relative, at: path };
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    assert.deepEqual(Object.keys(a).sort(), Object.keys(b).sort(), `the fields of ${path}`);
    let worst = { relative: 0, at: path };
    for (const key of Object.keys(a)) {
      const inner = largestDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (inner.relative > worst.relative) worst = inner;
    }
    return worst;
  }
  assert.equal(a, b, path);
  return { relative: 0, at: path };
}

function assertSameReport(actual: Report, expected: Report): void {
  assert.equal(actual.summary.verdict, expected.summary.verdict);
  const worst = largestDifference([actual.columns, actual.skipped], [expected.columns, expected.skipped]);
  assert.ok(worst.relative <= 1e-12, `largest difference ${worst.relative} at ${worst.at}`);
}

test('--engine duckdb gives the memory engine\'s report, to 1e-12, and says which engine counted', async () => {
  const memory = await report([TRAIN, PRODUCTION, '--engine', 'memory']);
  const duckdb = await report([TRAIN, PRODUCTION, '--engine', 'duckdb']);
  assert.equal(memory.engine, 'memory');
  assert.equal(duckdb.engine, 'duckdb');
  assertSameReport(duckdb, memory);
  const text = await gradient(['drift', TRAIN, PRODUCTION, '--engine', 'duckdb', '--fail-on', 'never']);
  assert.match(text.stdout, /^counted: {3}DuckDB \(every statistic exact\)$/m);
});

test('--engine auto takes DuckDB above --duckdb-above-mb and memory below it', async () => {
  assert.equal((await report([TRAIN, PRODUCTION])).engine, 'memory', 'the examples are far below the default 1,000 MB');
  assert.equal((await report([TRAIN, PRODUCTION, '--duckdb-above-mb', '0'])).engine, 'duckdb');
  // DuckDB reads UTF-8 with its delimiter detected: another encoding keeps auto on memory.
  assert.equal((await report([TRAIN, PRODUCTION, '--duckdb-above-mb', '0', '--encoding', 'latin-1'])).engine, 'memory');
});

test('the warehouse workflow: profile SQL, its exported result, the comparison SQL, its result, --from-aggregates — the memory report', async () => {
  const dir = temporaryFolder('gradient-print-sql-');
  const select = (path: string) => `SELECT * FROM read_csv('${path}', all_varchar = true)`;
  const sides = ['--reference-sql', select(TRAIN), '--current-sql', select(PRODUCTION), '--columns', COLUMNS, ...KINDS];
  const printed = await gradient(['drift', '--print-sql', '--dialect', 'duckdb', ...sides]);
  assert.equal(printed.code, 0, printed.stderr);
  assert.match(printed.stdout, /^WITH\n/);

  // DuckDB plays the warehouse: it runs the printed SQL and exports each result, as a user would.
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const profile = join(dir, 'profile.csv');
    await connection.run(`COPY (${printed.stdout.trim()}) TO '${profile}' (HEADER)`);
    const second = await gradient(['drift', '--print-sql', '--dialect', 'duckdb', ...sides, '--from-aggregates', profile]);
    assert.equal(second.code, 0, second.stderr);
    const comparison = join(dir, 'comparison.jsonl');
    await connection.run(`COPY (${second.stdout.trim()}) TO '${comparison}' (FORMAT json)`);

    const finished = await report(['--from-aggregates', profile, '--from-aggregates', comparison]);
    assert.equal(finished.engine, 'exported aggregates');
    const names = new Map([
      [TRAIN, 'reference'],
      [PRODUCTION, 'current'],
    ]);
    assertSameReport(finished, await report([TRAIN, PRODUCTION, '--engine', 'memory', '--columns', COLUMNS], names));

    // A Spark job writes one part file per task: rows may come split over files, in any order.
    const [header, ...lines] = readFileSync(profile, 'utf8').trim().split('\n');
    const parts = [0, 1].map((part) => {
      const path = join(dir, `part-0000${part}.csv`);
      writeFileSync(path, [header, ...lines.filter((_, i) => i % 2 === part)].join('\n') + '\n');
      return path;
    });
    assertSameReport(await report(['--from-aggregates', parts[1], '--from-aggregates', comparison, '--from-aggregates', parts[0]]), finished);

    // Only the profile: the message says how to get the comparison.
    const half = await gradient(['drift', '--from-aggregates', profile]);
    assert.equal(half.code, 2);
    assert.match(half.stderr, /only the profile \(.*profile\.csv\) was given: print the comparison SQL with gradient drift --print-sql --from-aggregates/);
  } finally {
    connection.closeSync();
  }
});

test('a mangled export is a one-line error naming the file and the row', async () => {
  const dir = temporaryFolder('gradient-aggregates-');
  const bad = join(dir, 'profile.csv');
  writeFileSync(bad, 'column_name,side,stat,key,x,n\n,reference,rows,,,twelve\n');
  const result = await gradient(['drift', '--from-aggregates', bad]);
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^gradient: .*profile\.csv, row 1: n is "twelve", not a count\.\n$/);
  assert.ok(readFileSync(bad, 'utf8').includes('twelve'), 'the input is never rewritten');
});

test('the engines\' flags are checked before anything runs', async () => {
  await assertRejected(['drift', '--print-sql', '--reference-sql', 'SELECT 1', '--current-sql', 'SELECT 1'], '--print-sql needs --dialect duckdb|postgresql|spark|bigquery');
  await assertRejected(
    ['drift', '--print-sql', '--dialect', 'spark', '--reference-sql', 'SELECT * FROM a', '--current-sql', 'SELECT * FROM b', '--numeric', 'x', '--columns', 'x,y'],
    '--print-sql does not connect, so it needs every column\'s kind: --numeric a,b --categorical c ("y" is in neither)',
  );
  await assertRejected(
    ['drift', '--reference-sql', 'SELECT 1', '--current-sql', 'SELECT 2'],
    '--reference-sql and --current-sql run on a database: add --connection postgresql://user@host:5432/db (or --print-sql --dialect D to print the SQL)',
  );
  await assertRejected(['drift', '--connection', 'postgresql://u@127.0.0.1/db', '--reference-sql', 'SELECT 1'], '--connection compares two queries: give both --reference-sql and --current-sql');
  await assertRejected(['drift', TRAIN, PRODUCTION, '--from-aggregates', 'p.csv'], `with --from-aggregates give no files (got ${TRAIN} ${PRODUCTION}): the rows come from there`);
  await assertRejected(['drift', TRAIN, PRODUCTION, '--engine', 'duckdb', '--encoding', 'latin-1'], 'the DuckDB engine reads UTF-8 files and detects their delimiter: drop --encoding and --delimiter, or use --engine memory');
  await assertRejected(['drift', TRAIN, PRODUCTION, '--engine', 'spark'], '--engine must be auto, memory or duckdb, not "spark"');
});
