// duckdbSource must answer the drift questions as memorySource does over the same files: every
// count equal, every other number within 1e-12 relative (a mean: relative to its column's largest
// |value|). Files: the data fixtures, the CLI fixtures, the role corpus, examples/data, the
// committed fuzz fixtures, and Parquet / CSV / JSON Lines files the fuzz generators make here.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadTable } from '../../src/core/data/index';
import { duckdbSource } from '../../src/core/sources/duckdbSource';
import type { Profile } from '../../src/core/sources/driftQuestions';
import { generateCsv } from '../fuzz/generateCsv';
import { generateJsonl } from '../fuzz/generateJsonl';
import { generateParquet } from '../fuzz/generateParquet';
import { Random, caseSeed } from '../fuzz/random';
import { bothAnswers, compareAnswers, meanScales } from './sources-agreement';

const TOLERANCE = 1e-12;
const root = resolve(__dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'gradient-duckdb-agreement-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function filesIn(dir: string, pattern: RegExp): string[] {
  return readdirSync(resolve(root, dir))
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => resolve(root, dir, name));
}

const DATA = /\.(csv|tsv|tab|jsonl|ndjson|parquet)$/;
const generated: string[] = [];
for (let index = 0; generated.length < 24 && index < 400; index++) {
  const kind = (['csv', 'jsonl', 'parquet'] as const)[index % 3];
  const random = new Random(caseSeed(20261203, kind, index));
  const profile = { maxColumns: 8, maxCells: 4000, maxField: 200, maxBytes: 60_000 };
  const file = kind === 'csv' ? generateCsv(random, profile) : kind === 'jsonl' ? generateJsonl(random, profile) : generateParquet(random, profile);
  if (file.expect.type !== 'table') continue;
  const path = join(scratch, `${kind}-${index}${file.ext}`);
  writeFileSync(path, file.bytes);
  generated.push(path);
}

/** File pairs compared: every file with itself, and the fixtures' real reference / current pairs. */
const pairs: [string, string][] = [
  ...['test/fixtures/data', 'test/fixtures/cli', 'test/fixtures/roles', 'examples/data', 'test/fixtures/fuzz'].flatMap((dir) =>
    filesIn(dir, DATA).map((path): [string, string] => [path, path]),
  ),
  ...generated.map((path): [string, string] => [path, path]),
  [resolve(root, 'test/fixtures/cli/reference.csv'), resolve(root, 'test/fixtures/cli/current.csv')],
  [resolve(root, 'examples/data/train.csv'), resolve(root, 'examples/data/production.csv')],
  [resolve(root, 'examples/data/train.csv'), resolve(root, 'examples/data/test.csv')],
  [resolve(root, 'test/fixtures/data/typed.snappy.parquet'), resolve(root, 'test/fixtures/data/typed.gzip.parquet')],
];

/**
 * Why DuckDB cannot read a file the loaders read: each is a documented difference
 * (src/core/sources/sql/README.md). A failure for any other reason fails the test.
 */
const KNOWN_UNREADABLE: readonly RegExp[] = [
  /CSV Parser state machine reached an invalid state/, // mixed LF / CRLF / CR line ends
  /Malformed JSON.*(surrogate|byte order mark)/, // lone UTF-16 surrogates in \u escapes; a BOM after line 1
  /unterminated quoted identifier/, // a NUL character in a JSON key
];

/** JSON Lines with a repeated key: JSON.parse keeps the last value, DuckDB the first. */
function hasRepeatedJsonKey(path: string): boolean {
  if (!/\.(jsonl|ndjson)$/.test(path)) return false;
  return readFileSync(path, 'utf8')
    .split(/\r\n|\n|\r/)
    .some((line) => {
      const keys = [...line.matchAll(/[{,]\s*"((?:[^"\\]|\\.)*)"\s*:/g)].map((m) => m[1]);
      return new Set(keys).size !== keys.length;
    });
}

let largest = 0;
let largestAt = '';
let compared = 0;
const unreadable: string[] = [];

for (const [referencePath, currentPath] of pairs) {
  const label = referencePath === currentPath ? referencePath.slice(root.length + 1) : `${referencePath.slice(root.length + 1)} vs ${currentPath.slice(root.length + 1)}`;
  test(`duckdbSource answers as memorySource: ${label.replace(scratch, '<generated>')}`, async (t) => {
    try {
      await loadTable(referencePath);
      await loadTable(currentPath);
    } catch {
      t.skip('the loaders reject this file (its own tests cover that)');
      return;
    }
    if (hasRepeatedJsonKey(referencePath) || hasRepeatedJsonKey(currentPath)) {
      t.skip('a JSON key repeats within a line: JSON.parse keeps the last value, DuckDB the first');
      return;
    }
    const source = duckdbSource({ reference: referencePath, current: currentPath, threads: 2, memoryLimit: '512MB' });
    try {
      let answers;
      try {
        answers = await bothAnswers(referencePath, currentPath, source);
      } catch (error) {
        const message = (error as Error).message;
        assert.ok(KNOWN_UNREADABLE.some((known) => known.test(message)), `DuckDB failed for an unknown reason: ${message}`);
        unreadable.push(label);
        t.diagnostic(`DuckDB cannot read it: ${message.split('\n')[0]}`);
        return;
      }
      // Descriptions differ by design: the engine's name, and loader warnings (SQL has none).
      const plain = (p: Profile) => ({ reference: p.reference, current: p.current, rows: [p.description.reference.rows, p.description.current.rows] });
      const profile = compareAnswers(plain(answers.memoryProfile), plain(answers.otherProfile), TOLERANCE, meanScales(answers.memoryProfile));
      const comparison = compareAnswers(answers.memoryComparison, answers.otherComparison, TOLERANCE);
      for (const [what, result] of [['profile', profile], ['comparison', comparison]] as const) {
        if (result.largest > largest) {
          largest = result.largest;
          largestAt = `${label} ${what}${result.largestAt}`;
        }
      }
      compared++;
      assert.deepEqual(profile.problems, [], 'profile');
      assert.deepEqual(comparison.problems, [], 'comparison');
    } finally {
      await source.close?.();
    }
  });
}

test('duckdbSource answers as memorySource on 150,000 rows a side, read and sorted in parallel (2 threads, many chunks)', async () => {
  // The walk streams the rows in the order of one sort (DuckDB keeps a subquery's order through
  // frame-only windows): here it reads and sorts in parallel, in many chunks.
  const random = new Random(20261201);
  const rows = 150_000;
  const write = (name: string, shift: number) => {
    const lines = ['measured,rounded,counted'];
    for (let i = 0; i < rows; i++) {
      const normal = Math.sqrt(-2 * Math.log(1 - random.float())) * Math.cos(2 * Math.PI * random.float());
      lines.push(`${50 + shift + 10 * normal},${Math.round((normal + shift) * 10) / 10},${random.int(0, 1000)}`);
    }
    const path = join(scratch, name);
    writeFileSync(path, lines.join('\n') + '\n');
    return path;
  };
  const [referencePath, currentPath] = [write('large-reference.csv', 0), write('large-current.csv', 0.05)];
  const source = duckdbSource({ reference: referencePath, current: currentPath, threads: 2, memoryLimit: '64MB' });
  try {
    const answers = await bothAnswers(referencePath, currentPath, source);
    const comparison = compareAnswers(answers.memoryComparison, answers.otherComparison, TOLERANCE);
    assert.deepEqual(comparison.problems, []);
    // The KS gap is the one a drift verdict hangs on: equal to the last bit.
    assert.deepEqual(
      answers.otherComparison.numeric.map((c) => c.ksStatistic),
      answers.memoryComparison.numeric.map((c) => c.ksStatistic),
    );
  } finally {
    await source.close?.();
  }
});

test('DuckDB out of memory is a message saying so, not "could not read the data"', async () => {
  // DuckDB's CSV reader asks for a 30.5 MiB block: a 16 MB limit cannot give it.
  const path = resolve(root, 'examples/data/train.csv');
  const source = duckdbSource({ reference: path, current: path, threads: 1, memoryLimit: '16MB' });
  try {
    await assert.rejects(source.profile({ quantileProbabilities: [0.5], maxCategories: 5 }), /^SourceInputError: DuckDB ran out of its memory limit \(Out of Memory Error: .*\): free memory on this machine, or use --engine memory/);
  } finally {
    await source.close?.();
  }
});

test('a DuckDB query stopped midway rejects with AbortError, and the source still answers afterwards', async () => {
  // 2 x 4M rows of a distinct value each: the profile's sorts take DuckDB a second or more. One
  // column makes the profile one query, so only interrupting DuckDB can stop it (without the
  // interrupt the profile resolves and this test fails).
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const paths = ['stop-reference.parquet', 'stop-current.parquet'].map((name) => join(scratch, name));
  for (const path of paths) await connection.run(`COPY (SELECT random() AS x FROM range(4000000)) TO '${path}' (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();
  const source = duckdbSource({ reference: paths[0], current: paths[1], threads: 2 });
  const question = { quantileProbabilities: [0.5], maxCategories: 5 };
  try {
    const stop = new AbortController();
    const profiling = source.profile(question, stop.signal);
    setTimeout(() => stop.abort(), 300);
    await assert.rejects(profiling, { name: 'AbortError' });
    const profile = await source.profile(question);
    assert.equal(profile.reference[0].count, 4_000_000);
  } finally {
    await source.close?.();
  }
});

test('the largest disagreement between duckdbSource and memorySource', (t) => {
  t.diagnostic(`${compared} file pairs compared; largest relative difference ${largest} at ${largestAt}`);
  t.diagnostic(`unreadable by DuckDB: ${unreadable.length} (${unreadable.join(', ')})`);
  assert.ok(compared > 40, `only ${compared} pairs compared`);
  assert.ok(largest <= TOLERANCE);
});
