// The PostgreSQL source against the memory source on the same data (TESTING.md §6): the files
// the file-based tests read, loaded into PostgreSQL, asked the same two rounds of questions.
// Counts must be equal; floating-point answers equal within 1e-12 relative (PostgreSQL sums in
// row order, GRADIENT pairwise, so means and deviations may differ in the last bits).
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Table } from '../../src/core/data/index';
import type { ComparisonQuestion, Profile, ProfileQuestion } from '../../src/core/sources/driftQuestions';
import { memorySource } from '../../src/core/sources/memorySource';
import { openPostgres, type PostgresExecutor } from '../../src/core/sources/postgresExecutor';
import { postgresSource } from '../../src/core/sources/postgresSource';
import { startPostgres, type PostgresServer } from '../support/postgresServer';
import { ROW_COLUMN, createTable, loadFileIntoPostgres, quoteIdentifier } from '../support/postgresTables';

const root = resolve(__dirname, '../..');
const RELATIVE = 1e-12;

let server: PostgresServer;
let executor: PostgresExecutor;
const tables = new Map<string, Table>();

before(async () => {
  server = await startPostgres();
  executor = await openPostgres(server.url, {});
  tables.set('train', await loadFileIntoPostgres(executor, 'train', join(root, 'examples/data/train.csv')));
  tables.set('production', await loadFileIntoPostgres(executor, 'production', join(root, 'examples/data/production.csv')));
  tables.set('random', await loadFileIntoPostgres(executor, 'random', join(root, 'test/fixtures/data/random.csv')));
});

after(async () => {
  await executor?.close();
  server?.stop();
});

/** Every column of a loaded table, in file order, without the row-number column. */
function selectAll(table: string): string {
  const names = tables.get(table)!.columns.map((c) => quoteIdentifier(c.name));
  return `SELECT ${names.join(', ')} FROM ${quoteIdentifier(table)} ORDER BY ${ROW_COLUMN}`;
}

/** Disagreements between two answers: exact for integers and text, 1e-12 relative for other numbers. */
function differences(actual: unknown, expected: unknown, path = '', found: string[] = [], worst = { relative: 0, at: '' }): string[] {
  if (typeof expected === 'number' && typeof actual === 'number') {
    // Plain JSON has no -0 (the SQL normalizes it to 0, the memory source may keep it): equal as ===.
    if (actual === expected || (Number.isNaN(actual) && Number.isNaN(expected))) return found;
    if (Number.isInteger(expected) && Number.isInteger(actual) && Math.abs(expected) < 2 ** 31) {
      found.push(`${path}: ${actual} != ${expected}`);
      return found;
    }
    const relative = Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
    if (relative > worst.relative) Object.assign(worst, { relative, at: path });
    if (!(relative <= RELATIVE)) found.push(`${path}: ${actual} vs ${expected} (relative ${relative.toExponential(2)})`);
    return found;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (actual.length !== expected.length) found.push(`${path}: ${actual.length} entries vs ${expected.length}`);
    else expected.forEach((e, i) => differences(actual[i], e, `${path}[${i}]`, found, worst));
    return found;
  }
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object') {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) differences((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`, found, worst);
    return found;
  }
  if (!Object.is(actual, expected)) found.push(`${path}: ${JSON.stringify(actual)?.slice(0, 80)} vs ${JSON.stringify(expected)?.slice(0, 80)}`);
  return found;
}

/** The largest relative difference found, for the report of measured disagreements. */
function largestRelative(actual: unknown, expected: unknown): { relative: number; at: string } {
  const worst = { relative: 0, at: '' };
  differences(actual, expected, '', [], worst);
  return worst;
}

/**
 * The memory source lists every category (it holds them anyway); the contract lets a source stop
 * above `maxCategories` with null, which is what SQL does.
 */
function asContract(profiles: Profile['reference']): Profile['reference'] {
  return profiles.map((p) => (p.kind === 'categorical' && p.distinct > PROFILE.maxCategories ? { ...p, categories: null } : p));
}

const PROFILE: ProfileQuestion = { quantileProbabilities: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], maxCategories: 50 };

function finiteCount(table: Table, name: string): number {
  const column = table.columns.find((c) => c.name === name);
  return column?.kind === 'numeric' ? column.values.length - column.missing : 0;
}

function comparisonFor(reference: Table, current: Table): ComparisonQuestion {
  const numeric = reference.columns.filter((c) => c.kind === 'numeric' && current.columns.find((d) => d.name === c.name)?.kind === 'numeric');
  return {
    numeric: numeric.map((c, i) => ({
      name: c.name,
      psiEdges: i % 3 === 2 ? null : [null, -1, 0, 0.5, 1, 10, 1000, 50000, null],
      histogramEdges: [-1000, -1, 0, 1, 2, 5, 10, 100, 1e4, 1e6],
      ecdfPoints: 17,
      extremes: { mean: 1, limit: 2, min: -0.5, max: 100 },
      // The walk over counted values, and over the rows.
      pooledDistinct: i % 2 === 0 ? 10 : Number.MAX_SAFE_INTEGER,
      finiteCounts: { reference: finiteCount(reference, c.name), current: finiteCount(current, c.name) },
    })),
    identifiers: reference.columns.filter((c) => c.kind === 'categorical' && current.columns.some((d) => d.name === c.name)).map((c) => c.name),
    valueCounts: numeric.slice(0, 2).map((c) => c.name),
    asCategories: [],
  };
}

describe('postgresSource answers as memorySource does, on the same data', () => {
  const pairs: [string, string][] = [
    ['train', 'production'],
    ['random', 'random'],
  ];
  for (const [referenceName, currentName] of pairs) {
    test(`${referenceName} against ${currentName}: profile and comparison, counts exact, floats within 1e-12 relative`, async () => {
      const reference = tables.get(referenceName)!;
      const current = tables.get(currentName)!;
      const memory = memorySource(reference, current);
      const postgres = postgresSource(server.url, selectAll(referenceName), selectAll(currentName), {});
      try {
        const expectedProfile = memory.profile(PROFILE);
        const actualProfile = await postgres.profile(PROFILE);
        assert.equal(actualProfile.description.engine, 'postgresql');
        assert.equal(actualProfile.description.reference.rows, reference.rowCount);
        const profileDiff = differences(
          { reference: actualProfile.reference, current: actualProfile.current },
          { reference: asContract(expectedProfile.reference), current: asContract(expectedProfile.current) },
        );
        assert.deepEqual(profileDiff, [], profileDiff.slice(0, 20).join('\n'));
        const question = comparisonFor(reference, current);
        const comparisonDiff = differences(await postgres.compare(question), memory.compare(question));
        assert.deepEqual(comparisonDiff, [], comparisonDiff.slice(0, 20).join('\n'));
        const worst = [largestRelative(actualProfile.reference, expectedProfile.reference), largestRelative(await postgres.compare(question), memory.compare(question))];
        console.log(`# ${referenceName}/${currentName}: largest relative difference ${worst.map((w) => `${w.relative.toExponential(2)} at ${w.at}`).join('; ')}`);
      } finally {
        await postgres.close?.();
      }
    });
  }

  test('infinities, NaN and -0 in a float8 column: counted as missing and non-finite, as the loaders count them', async () => {
    const values = [1, 2, -0, 0, Infinity, -Infinity, Number.NaN, null, 3.5, 2];
    await createTable(executor, 'odd', [{ name: 'v', kind: 'numeric', values }]);
    // As the loaders hold it: every non-finite value NaN, counted as missing, ±Infinity (and NaN) also as non-finite.
    const memoryTable: Table = {
      source: 'odd',
      rowCount: values.length,
      columns: [{ kind: 'numeric', name: 'v', values: Float64Array.from(values, (v) => (v === null || !Number.isFinite(v) ? Number.NaN : v)), missing: 4, nonFinite: 3 }],
      warnings: [],
    };
    const postgres = postgresSource(server.url, 'SELECT v FROM odd', 'SELECT v FROM odd', {});
    try {
      const actual = await postgres.profile(PROFILE);
      const expected = memorySource(memoryTable, memoryTable).profile(PROFILE);
      assert.deepEqual(differences(actual.reference, expected.reference), []);
    } finally {
      await postgres.close?.();
    }
  });
});
