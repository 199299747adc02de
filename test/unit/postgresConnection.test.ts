// describeConnection: the only way a PostgreSQL connection is named in messages and reports, so
// it must never carry a password, whatever form the string takes. No server needed (the
// database tier, test/database, connects for real).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeConnection } from '../../src/core/sources/postgresExecutor';

describe('describeConnection (postgresExecutor.ts)', () => {
  test('drops the password of the URI: postgresql://gradient:s3cret@127.0.0.1:5433/postgres -> postgresql://gradient@127.0.0.1:5433/postgres', () => {
    assert.equal(describeConnection('postgresql://gradient:s3cret@127.0.0.1:5433/postgres'), 'postgresql://gradient@127.0.0.1:5433/postgres');
  });

  test('drops a password given as a parameter, and every other parameter but the service', () => {
    assert.equal(describeConnection('postgres://u@db.example.com/sales?password=s3cret&sslmode=require&service=dw'), 'postgresql://u@db.example.com/sales?service=dw');
  });

  test('passwords holding @, :, / (percent-encoded) or nothing at all', () => {
    assert.equal(describeConnection('postgresql://u:p%40ss%3Aw%2Ford@h:1/d'), 'postgresql://u@h:1/d');
    assert.equal(describeConnection('postgresql://u:p@ss@h/d'), 'postgresql://u@h/d');
    assert.equal(describeConnection('postgresql://u:@h/d'), 'postgresql://u@h/d');
  });

  test('IPv6 hosts keep their brackets; a socket directory goes in ?host=', () => {
    assert.equal(describeConnection('postgresql://u:pw@[::1]:5432/d'), 'postgresql://u@[::1]:5432/d');
    assert.equal(describeConnection('postgresql://u:pw@%2Fvar%2Frun%2Fpostgresql/d'), 'postgresql://u@/d?host=/var/run/postgresql');
  });

  test('with the environment: the host, port, user and database the connection will use, never PGPASSWORD', () => {
    const env = { PGHOST: 'warehouse', PGPORT: '6543', PGUSER: 'analyst', PGPASSWORD: 'env-s3cret', HOME: '/nonexistent' };
    assert.equal(describeConnection('', env), 'postgresql://analyst@warehouse:6543/analyst');
    assert.equal(describeConnection('postgresql:///sales', env), 'postgresql://analyst@warehouse:6543/sales');
    assert.ok(!describeConnection('postgresql://x:uri-s3cret@h/d', env).includes('s3cret'));
  });

  test('a string that is not a URI is not echoed (it may hold a password)', () => {
    assert.equal(describeConnection('host=h password=s3cret'), 'an unreadable PostgreSQL connection string');
    assert.equal(describeConnection('postgresql://u:s3cret@h/d?x=%zz'), 'an unreadable PostgreSQL connection string');
  });
});
