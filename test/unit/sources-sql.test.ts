// The drift SQL of every dialect: Spark and BigQuery must parse (node-sql-parser's `hive` and
// `bigquery` grammars; no engine of theirs runs here), and the dialect-neutral pieces must give
// on DuckDB exactly what GRADIENT computes in JavaScript. duckdbSource's agreement with
// memorySource over whole files is sources-duckdb.test.ts.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import sqlParser from 'node-sql-parser';
import type { ComparisonQuestion, ProfileQuestion } from '../../src/core/sources/driftQuestions';
import { SQL_DIALECTS, duckdb } from '../../src/core/sources/sql/dialects';
import { comparisonSql, javascriptNumberTextSelect, profileSql, relationFromQuery, type SqlRelations } from '../../src/core/sources/sql/driftSql';
import {
  comparisonFromRows,
  parseResultCsv,
  parseResultJsonl,
  profileFromRows,
  readLongRows,
  type ResultRecord,
} from '../../src/core/sources/sql/resultRows';

const relations = (from: (side: string) => string): SqlRelations => {
  const columns = [
    { name: 'price', kind: 'numeric' as const },
    // A backtick inside a name is escaped by each dialect's rule, which node-sql-parser does not read.
    { name: "it's \"odd\" name", kind: 'categorical' as const },
    { name: 'user_id', kind: 'numeric' as const },
    { name: 'mixed', kind: 'categorical' as const },
  ];
  return {
    reference: { from: from('reference'), columns },
    current: { from: from('current'), columns: columns.map((c) => (c.name === 'mixed' ? { ...c, kind: 'numeric' as const } : c)) },
  };
};

const PROFILE: ProfileQuestion = { quantileProbabilities: [0.1, 0.5, 0.9], maxCategories: 3 };
const COMPARISON: ComparisonQuestion = {
  numeric: [
    { name: 'price', psiEdges: [null, 1.5, 3, null], histogramEdges: [0, 2, 4, 6], ecdfPoints: 4, extremes: { mean: 3, limit: 2, min: 0, max: 6 }, pooledDistinct: 12, finiteCounts: { reference: 60, current: 45 } },
    { name: 'user_id', psiEdges: null, histogramEdges: [0, 50, 100], ecdfPoints: 200, extremes: null, pooledDistinct: Number.MAX_SAFE_INTEGER, finiteCounts: { reference: 60, current: 45 } },
  ],
  identifiers: ['user_id', 'mixed'],
  valueCounts: ['price'],
  asCategories: ['mixed'],
};

const { Parser } = sqlParser as unknown as { Parser: new () => { astify(sql: string, options: { database: string }): unknown } };
for (const [dialect, database] of [
  ['spark', 'hive'],
  ['bigquery', 'bigquery'],
] as const) {
  test(`${dialect} profile and comparison SQL parse as ${database}`, () => {
    const parser = new Parser();
    const tables = relations((side) => SQL_DIALECTS[dialect].quoteIdentifier(`${side}_table`));
    assert.doesNotThrow(() => parser.astify(profileSql(PROFILE, tables, SQL_DIALECTS[dialect]), { database }));
    assert.doesNotThrow(() => parser.astify(comparisonSql(COMPARISON, tables, SQL_DIALECTS[dialect]), { database }));
  });
}

for (const dialect of Object.values(SQL_DIALECTS)) {
  test(`${dialect.name} writes every query (no dialect lacks a piece)`, () => {
    const tables = relations((side) => relationFromQuery(`SELECT * FROM ${side}_table;`));
    assert.match(profileSql(PROFILE, tables, dialect), /^WITH/);
    assert.match(comparisonSql(COMPARISON, tables, dialect), /^WITH/);
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'gradient-sql-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

async function withDuckdb<T>(run: (query: (sql: string) => Promise<ResultRecord[]>) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    return await run(async (sql) => (await connection.runAndReadAll(sql)).getRowObjects() as ResultRecord[]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

test('numbers are written as JavaScript writes them (String(x)), through the engine text of the dialect', async () => {
  const values = [0, -0, 1, -1, 0.1, 100, 1e16, 1e21, 1.5e-7, 1e-7, 1e-6, 0.000003, 123456789012345680000, 2 ** 53 + 2, 1.7976931348623157e308, 5e-324, 0.30000000000000004, -12345.678, 1e-300, 2.5e-3];
  for (let k = 0; k < 200; k++) values.push((Math.random() - 0.5) * 10 ** Math.floor(Math.random() * 60 - 30));
  const rows = values.map((v, i) => `SELECT ${i} AS i, ${duckdb.doubleLiteral(v)} AS v`).join(' UNION ALL ');
  const printed = await withDuckdb((query) => query(`SELECT i, text FROM (${javascriptNumberTextSelect(duckdb, 'v', `(${rows}) AS numbers`, ['i'])}) AS t ORDER BY i`));
  assert.deepEqual(
    printed.map((row) => row.text),
    values.map((v) => String(v)),
  );
});

test('a long-format result exported as CSV or JSON Lines reads back to the same profile and comparison', async () => {
  await withDuckdb(async (query) => {
    await query(`CREATE TABLE reference_table AS SELECT (i % 7) * 0.5 AS price, CASE WHEN i % 3 = 0 THEN 'a,"b"' WHEN i % 3 = 1 THEN '' ELSE NULL END AS "it's ""odd"" name", i AS user_id, CAST(i % 4 AS VARCHAR) AS mixed FROM range(60) AS t(i)`);
    await query(`CREATE TABLE current_table AS SELECT (i % 5) * 0.75 AS price, 'x' AS "it's ""odd"" name", i + 30 AS user_id, (i % 6) * 1.0 AS mixed FROM range(45) AS t(i)`);
    const tables = relations((side) => `${side}_table`);
    const description = { engine: 'duckdb', reference: 'reference_table', current: 'current_table' };
    for (const [sql, read] of [
      [profileSql(PROFILE, tables, duckdb), (rows: ResultRecord[], origin: string) => profileFromRows(readLongRows(rows, origin), PROFILE, description, origin)],
      [comparisonSql(COMPARISON, tables, duckdb), (rows: ResultRecord[], origin: string) => comparisonFromRows(readLongRows(rows, origin), COMPARISON, origin)],
    ] as const) {
      const direct = read(await query(sql), 'engine');
      const csv = join(scratch, 'result.csv');
      const jsonl = join(scratch, 'result.jsonl');
      await query(`COPY (${sql}) TO '${csv}' (HEADER, DELIMITER ',')`);
      await query(`COPY (${sql}) TO '${jsonl}' (FORMAT json)`);
      assert.deepEqual(read(parseResultCsv(readFileSync(csv, 'utf8')), csv), direct);
      assert.deepEqual(read(parseResultJsonl(readFileSync(jsonl, 'utf8'), jsonl), jsonl), direct);
    }
    // Rows added between the profile and the comparison: the gaps were computed with the old counts.
    await query('INSERT INTO current_table SELECT 1.5, \'x\', 999, 1.0');
    const rows = readLongRows(await query(comparisonSql(COMPARISON, tables, duckdb)), 'engine');
    assert.throws(() => comparisonFromRows(rows, COMPARISON, 'engine'), /Column "price": the comparison counts 60 reference and 46 current finite values, the profile 60 and 45: the data changed/);
  });
});

test('a malformed result row is an error naming the input and the row', () => {
  const rows = parseResultCsv('column_name,side,stat,key,x,n\nprice,reference,count,,,12\nprice,reference,mean,,abc,\n');
  assert.throws(() => readLongRows(rows, 'export.csv', 2), /export\.csv, row 3: x is "abc", not a number/);
  assert.throws(() => readLongRows([{ column_name: 'a', side: 'reference', stat: 'count' }], 'export.jsonl'), /export\.jsonl, row 1: no "key" field/);
  assert.throws(
    () => profileFromRows(readLongRows(rows.slice(0, 1), 'export.csv'), PROFILE, { engine: 'spark', reference: 'r', current: 'c' }, 'export.csv'),
    /export\.csv: expected one "rows" row for the reference file/,
  );
});
