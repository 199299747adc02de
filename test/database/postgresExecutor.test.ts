// The database tier (TESTING.md §6): a throwaway PostgreSQL server on loopback, the executor the
// PostgreSQL source runs its SQL with, and the test data loaded from the same files the
// file-based tests read. Asserts what a user depends on: values come back bit for bit, counts
// exactly or not at all, every failure names the connection and what to do and never the
// password, and a cancelled query stops on the server.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Table } from '../../src/core/data/index';
import { PostgresError, describeConnection, openPostgres, type PostgresExecutor } from '../../src/core/sources/postgresExecutor';
import { freePort, startPostgres, type PostgresServer } from '../support/postgresServer';
import { ROW_COLUMN, createTable, loadFileIntoPostgres, quoteIdentifier } from '../support/postgresTables';

const root = resolve(__dirname, '../..');
const FILES = {
  train: join(root, 'examples/data/train.csv'),
  production: join(root, 'examples/data/production.csv'),
  random: join(root, 'test/fixtures/data/random.csv'),
  missing: join(root, 'test/fixtures/data/missing.csv'),
};
// Long and unusual enough that finding it in a message cannot be a coincidence.
const PASSWORD = 'Corr3ct-h0rse:b@ttery/staple?';
const WRONG = 'wr0ng-Pa55w0rd-n0t-this-one';

let server: PostgresServer;
let executor: PostgresExecutor;
const loaded = new Map<string, Table>();
let scratch: string;

before(async () => {
  server = await startPostgres();
  executor = await openPostgres(server.url, {});
  for (const [table, path] of Object.entries(FILES)) loaded.set(table, await loadFileIntoPostgres(executor, table, path));
  scratch = mkdtempSync(join(tmpdir(), 'gradient-pg-test-'));
});

after(async () => {
  await executor?.close();
  server?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Asserts that `promise` rejects with a PostgresError of `code`, and returns it. */
async function rejectsWith(promise: Promise<unknown>, code: PostgresError['code']): Promise<PostgresError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof PostgresError, `expected a PostgresError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

/** Everything an error carries that could end up in a log or a report. */
function everything(error: unknown): string {
  const e = error as Error & { cause?: unknown };
  return [e.message, e.stack, JSON.stringify(e), String(e.cause ?? ''), JSON.stringify(Object.entries(e))].join('\n');
}

function assertNoPassword(error: unknown, ...passwords: string[]): void {
  const text = everything(error);
  for (const password of passwords) {
    assert.ok(!text.includes(password), `the password appears in: ${text}`);
    assert.ok(!text.includes(encodeURIComponent(password)), `the encoded password appears in: ${text}`);
  }
}

describe('the throwaway server and the executor', () => {
  test('the server runs PostgreSQL on loopback and the executor names it without a password', async () => {
    assert.match(server.url, /^postgresql:\/\/gradient@127\.0\.0\.1:\d+\/postgres$/);
    assert.equal(executor.description, server.url);
    const [row] = await executor.query("SELECT current_setting('server_version_num')::int AS version, inet_server_addr()::text AS address");
    assert.ok((row.version as number) >= 120000, 'float8 text is exact (shortest round trip) from PostgreSQL 12 on');
    assert.equal(row.address, '127.0.0.1/32');
  });

  test('smoke: counts and extremes of examples/data/train.csv equal what GRADIENT loaded', async () => {
    const train = loaded.get('train')!;
    const [row] = await executor.query('SELECT count(*) AS n, count(age) AS ages, min(income) AS low, max(income) AS high, count(DISTINCT country) AS countries FROM train');
    const age = train.columns.find((c) => c.name === 'age')!;
    const income = train.columns.find((c) => c.name === 'income')!;
    const country = train.columns.find((c) => c.name === 'country')!;
    assert.ok(age.kind === 'numeric' && income.kind === 'numeric' && country.kind === 'categorical');
    const incomes = Array.from(income.values).filter((v) => !Number.isNaN(v));
    assert.deepEqual(row, {
      n: train.rowCount,
      ages: train.rowCount - age.missing,
      low: Math.min(...incomes),
      high: Math.max(...incomes),
      countries: country.categories.length,
    });
    assert.equal(typeof row.n, 'number', 'count(*) is int8: read as a number, not a string');
  });

  test('every loaded file reads back value for value: doubles bit for bit, text unchanged, missing as NULL', async () => {
    for (const [name, table] of loaded) {
      const rows = await executor.query(`SELECT * FROM ${quoteIdentifier(name)} ORDER BY ${ROW_COLUMN}`);
      assert.equal(rows.length, table.rowCount, name);
      for (const column of table.columns) {
        const back = rows.map((row) => row[column.name]);
        const expected =
          column.kind === 'numeric' ? Array.from(column.values, (v) => (Number.isNaN(v) ? null : v)) : Array.from(column.codes, (c) => (c < 0 ? null : column.categories[c]));
        for (let i = 0; i < expected.length; i += 1) {
          if (!Object.is(back[i], expected[i])) assert.fail(`${name}.${column.name} row ${i + 1}: PostgreSQL gave ${String(back[i])}, the loader ${String(expected[i])}`);
        }
      }
    }
  });

  test('doubles at the edges come back bit for bit: subnormals, the largest, -0, 0.1 + 0.2, ±Infinity, NaN', async () => {
    const values = [5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -1.7976931348623157e308, -0, 0, 0.1 + 0.2, 1 / 3, Math.PI * 1e-200, 123456789.12345679, Infinity, -Infinity, Number.NaN];
    // A seeded sweep over the whole exponent range as well.
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 2000; i += 1) {
      const bits = new DataView(new ArrayBuffer(8));
      bits.setUint32(0, next());
      bits.setUint32(4, next());
      const value = bits.getFloat64(0);
      if (Number.isFinite(value)) values.push(value);
    }
    await createTable(executor, 'edges', [{ name: 'x', kind: 'numeric', values }]);
    const rows = await executor.query(`SELECT x FROM edges ORDER BY ${ROW_COLUMN}`);
    rows.forEach((row, i) => assert.ok(Object.is(row.x, values[i]), `row ${i + 1}: wrote ${values[i]}, read ${String(row.x)}`));
    // float4 is read as the float32 it is, not as the nearest double of its shortest text (0.1 would become 0.1).
    const singles = [0.1, 1 / 3, 16777217, 3.4e38, -1e-30];
    const [single] = await executor.query(`SELECT ${singles.map((v, i) => `${v}::float4 AS s${i}`).join(', ')}`);
    assert.deepEqual(Object.values(single), singles.map(Math.fround));
  });

  test('int8 and numeric results: exact numbers below 2^53, and a clear refusal above it instead of a rounded count', async () => {
    const [row] = await executor.query("SELECT 9007199254740991::int8 AS largest, -9007199254740991::int8 AS smallest, 12::int8 AS small, sum(x)::numeric AS total, 'NaN'::numeric AS nan, 0.1::numeric AS tenth FROM (VALUES (1), (2)) AS v(x)");
    assert.deepEqual(row, { largest: 2 ** 53 - 1, smallest: -(2 ** 53 - 1), small: 12, total: 3, nan: Number.NaN, tenth: 0.1 });
    const error = await rejectsWith(executor.query('SELECT 9007199254740993::int8 AS too_big'), 'number-range');
    assert.equal(error.message, `PostgreSQL at ${server.url}: a bigint result (9007199254740993) is beyond 2^53 and cannot be read exactly as a JavaScript number. Cast it to float8 or numeric in the query`);
    const [still] = await executor.query('SELECT 1 AS one');
    assert.deepEqual(still, { one: 1 }, 'the connection is still usable after the refusal');
  });

  test('the columns of a SELECT with their type OIDs, without reading its rows', async () => {
    const { builtins } = (await import('pg')).default.types;
    assert.deepEqual(await executor.columns('SELECT age, country, timestamp FROM train;'), [
      { name: 'age', dataTypeId: builtins.FLOAT8 },
      { name: 'country', dataTypeId: builtins.TEXT },
      { name: 'timestamp', dataTypeId: builtins.TEXT },
    ]);
    const started = Date.now();
    assert.deepEqual(await executor.columns('SELECT 1::int8 AS n, now() AS t, pg_sleep(30) AS never'), [
      { name: 'n', dataTypeId: builtins.INT8 },
      { name: 't', dataTypeId: builtins.TIMESTAMPTZ },
      { name: 'never', dataTypeId: 2278 /* void: not in pg's builtins */ },
    ]);
    assert.ok(Date.now() - started < 5000, 'no row was computed');
  });

  test('several statements in one call: the rows of the last one', async () => {
    assert.deepEqual(await executor.query('CREATE TEMP TABLE t AS SELECT 1 AS a; SELECT a + 1 AS b FROM t'), [{ b: 2 }]);
  });
});

describe('failures name the connection and what to do', () => {
  test('an unknown column, an unknown table, a syntax error: the server message, its SQLSTATE, the connection', async () => {
    const column = await rejectsWith(executor.query('SELECT agee FROM train'), 'query');
    assert.equal(column.sqlState, '42703');
    assert.equal(column.message, `PostgreSQL at ${server.url} rejected the query: column "agee" does not exist (SQLSTATE 42703). Check the column and table names in the query`);
    const table = await rejectsWith(executor.query('SELECT 1 FROM no_such_table'), 'query');
    assert.equal(table.sqlState, '42P01');
    assert.match(table.message, /relation "no_such_table" does not exist/);
    const syntax = await rejectsWith(executor.query('SELEC 1'), 'query');
    assert.equal(syntax.sqlState, '42601');
    await executor.query('SELECT 1');
  });

  test('server down: says nothing accepts connections there, names host and port, never the password', async () => {
    const port = await freePort();
    const url = `postgresql://gradient:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/postgres`;
    const error = await rejectsWith(openPostgres(url, {}), 'unreachable');
    assert.equal(error.message, `PostgreSQL at postgresql://gradient@127.0.0.1:${port}/postgres: nothing accepts connections at 127.0.0.1 port ${port}. Start the server, or correct the host and port`);
    assertNoPassword(error, PASSWORD);
  });

  test('a database that does not exist is named', async () => {
    const error = await rejectsWith(openPostgres(server.url.replace(/\/postgres$/, '/warehouse'), {}), 'no-database');
    assert.equal(error.message, `PostgreSQL at postgresql://gradient@127.0.0.1:${server.port}/warehouse: database "warehouse" does not exist. Correct the database name in the connection`);
  });

  test('a connection string that is not a postgresql:// URI is refused without echoing it', async () => {
    const error = await rejectsWith(openPostgres(`host=127.0.0.1 password=${PASSWORD}`, {}), 'connection-string');
    assertNoPassword(error, PASSWORD);
    const unknown = await rejectsWith(openPostgres(`postgresql://u:${encodeURIComponent(PASSWORD)}@127.0.0.1/db?sslmod=require`, {}), 'connection-string');
    assert.match(unknown.message, /unknown parameter "sslmod"/);
    assertNoPassword(unknown, PASSWORD);
  });
});

describe('passwords (a role that must log in with SCRAM-SHA-256)', () => {
  let analyst: string;
  const withPassword = (password: string) => analyst.replace('analyst@', `analyst:${encodeURIComponent(password)}@`);
  before(() => {
    analyst = server.requirePassword('analyst', PASSWORD);
  });

  test('the right password, from the URI, PGPASSWORD, PGPASSFILE or a service file, logs in; the description never shows it', async () => {
    const passFile = join(scratch, 'pgpass');
    writeFileSync(passFile, `# host:port:database:user:password\n127.0.0.1:${server.port}:*:analyst:${PASSWORD.replace(/\\/g, '\\\\').replace(/:/g, '\\:')}\n`);
    chmodSync(passFile, 0o600);
    const serviceFile = join(scratch, 'pg_service.conf');
    writeFileSync(serviceFile, `[warehouse]\nhost=127.0.0.1\nport=${server.port}\ndbname=postgres\nuser=analyst\npassword=${PASSWORD}\n`);
    const ways: [string, string, Record<string, string>][] = [
      ['URI', withPassword(PASSWORD), {}],
      ['PGPASSWORD', analyst, { PGPASSWORD: PASSWORD }],
      ['PGPASSFILE', analyst, { PGPASSFILE: passFile }],
      ['service in the URI', 'postgresql://?service=warehouse', { PGSERVICEFILE: serviceFile }],
      ['PGSERVICE', '', { PGSERVICE: 'warehouse', PGSERVICEFILE: serviceFile }],
    ];
    for (const [way, connection, env] of ways) {
      const session = await openPostgres(connection, env);
      try {
        assert.deepEqual(await session.query('SELECT current_user AS who'), [{ who: 'analyst' }], way);
        assert.equal(session.description, analyst, way);
      } finally {
        await session.close();
      }
    }
    assert.equal(describeConnection(withPassword(PASSWORD)), analyst);
    assert.ok(!describeConnection(withPassword(PASSWORD), { PGPASSWORD: WRONG }).includes(WRONG));
  });

  test('a wrong password: the login is refused with where the password came from, and neither password appears', async () => {
    const fromUri = await rejectsWith(openPostgres(withPassword(WRONG), {}), 'authentication');
    assert.equal(
      fromUri.message,
      `PostgreSQL at ${analyst} refused the login of user "analyst" (password authentication failed for user "analyst"): the password from the connection string was refused. ` +
        'Give the right password in PGPASSWORD or ~/.pgpass, or ask the administrator to allow this user in pg_hba.conf',
    );
    assert.equal(fromUri.sqlState, '28P01');
    assertNoPassword(fromUri, WRONG, PASSWORD);
    const fromEnv = await rejectsWith(openPostgres(analyst, { PGPASSWORD: WRONG }), 'authentication');
    assert.match(fromEnv.message, /the password from PGPASSWORD was refused/);
    assertNoPassword(fromEnv, WRONG, PASSWORD);
  });

  test('no password anywhere: says where it looked; a password file others can read is ignored, as libpq does, and the message says so', async () => {
    const none = await rejectsWith(openPostgres(analyst, { HOME: scratch }), 'authentication');
    assert.equal(
      none.message,
      `PostgreSQL at ${analyst} asks for a password for user "analyst", and none was found in the connection string, PGPASSWORD, a service file or the password file. Set PGPASSWORD or add a line to ~/.pgpass`,
    );
    const open = join(scratch, 'pgpass-readable');
    writeFileSync(open, `*:*:*:analyst:${PASSWORD}\n`);
    chmodSync(open, 0o644);
    const ignored = await rejectsWith(openPostgres(analyst, { PGPASSFILE: open }), 'authentication');
    assert.match(ignored.message, /the password file .*pgpass-readable was ignored because others can read it: chmod 0600 it/);
    assertNoPassword(ignored, PASSWORD);
  });

  test('an error on a session that logged in with a password does not carry it', async () => {
    const session = await openPostgres(withPassword(PASSWORD), {});
    try {
      const error = await rejectsWith(session.query('SELECT missing_column FROM pg_class'), 'query');
      assertNoPassword(error, PASSWORD);
      assert.ok(error.message.includes(analyst));
    } finally {
      await session.close();
    }
  });
});

describe('cancellation', () => {
  const running = async () => Number((await executor.query("SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%' AND state = 'active'"))[0].n);

  test('aborting a running query rejects promptly with an AbortError, stops it on the server, and the session stays usable', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const query = executor.query('SELECT pg_sleep(30) AS slept', controller.signal);
    setTimeout(() => controller.abort(), 300);
    await assert.rejects(query, (error: unknown) => error instanceof DOMException && error.name === 'AbortError' && error.message === `The query on ${server.url} was cancelled`);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    // The next statement runs once the cancelled one has ended on the server.
    assert.deepEqual(await executor.query('SELECT 2 AS two'), [{ two: 2 }]);
    assert.ok(Date.now() - started < 5000, 'the server stopped the sleep instead of finishing it');
    assert.equal(await running(), 0);
  });

  test('a query aborted while it waits for the one before never runs; one aborted before the call is never sent', async () => {
    const controller = new AbortController();
    const first = executor.query('SELECT pg_sleep(0.3) AS slept');
    const second = executor.query('CREATE TABLE never_created (x int)', controller.signal);
    controller.abort();
    await assert.rejects(second, { name: 'AbortError' });
    await first;
    await assert.rejects(executor.query('CREATE TABLE never_created (x int)', AbortSignal.abort()), { name: 'AbortError' });
    assert.deepEqual(await executor.query("SELECT to_regclass('never_created') IS NULL AS absent"), [{ absent: true }]);
  });

  test('aborting while connecting rejects with an AbortError', async () => {
    await assert.rejects(openPostgres(server.url, {}, AbortSignal.abort()), { name: 'AbortError' });
  });
});
