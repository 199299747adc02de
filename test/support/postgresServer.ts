/**
 * A throwaway PostgreSQL server for the database tier (TESTING.md §6): a fresh cluster in a
 * temporary folder, listening on loopback on a free port, with a superuser `gradient` that
 * logs in without a password (trust), stopped and deleted when the tests end.
 *
 * PostgreSQL refuses to run as root, and CI runs as root: then every server program runs as the
 * `postgres` user (created by Debian's `postgresql` package) through `runuser`; otherwise as the
 * current user. The programs are found under `/usr/lib/postgresql/<version>/bin` (the newest
 * version there), or on PATH.
 *
 * Stopping is guaranteed three ways: `stop()` (call it from `after`), a process `exit` / signal
 * hook, and a detached watchdog shell that stops the cluster once this process is gone, even
 * when it was killed with SIGKILL. A test run never leaves a server behind.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresServer {
  /** Connection string of the trusted superuser: `postgresql://gradient@127.0.0.1:PORT/postgres`. */
  readonly url: string;
  readonly port: number;
  /** The PostgreSQL major version the cluster runs (`15`). */
  readonly version: string;
  /** Runs SQL as the superuser through `psql`; returns its standard output (unaligned, tuples only). */
  psql(sql: string): string;
  /**
   * Creates a login role that must give `password` over TCP (SCRAM-SHA-256: a line in front of
   * pg_hba.conf's trust line, then a reload). Returns its connection string without the password.
   */
  requirePassword(role: string, password: string): string;
  /** Stops the server and deletes its folder; safe to call more than once. */
  stop(): void;
}

/** The folder holding initdb, pg_ctl, psql: the newest `/usr/lib/postgresql/<version>/bin`, else PATH. */
export function postgresBinDirectory(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((name) => existsSync(join(base, name, 'bin', 'initdb')))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  if (versions.length > 0) return join(base, versions[0], 'bin');
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (found.status === 0 && found.stdout.trim()) return join(found.stdout.trim(), '..');
  throw new Error(
    'the database tier needs the PostgreSQL server programs (initdb, pg_ctl), found neither under /usr/lib/postgresql/*/bin nor on PATH: ' +
      'install Debian\'s postgresql package (`sudo apt-get install -y postgresql`; `node scripts/system-packages.mjs test` does it as root)',
  );
}

/** A port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** How server programs run: as `postgres` through runuser when we are root, else as ourselves. */
function programRunner(): { readonly wrap: (program: string, args: readonly string[]) => [string, string[]]; readonly owner: { uid: number; gid: number } | null } {
  if (process.getuid?.() !== 0) return { wrap: (program, args) => [program, [...args]], owner: null };
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error('running as root, PostgreSQL must run as the `postgres` user, and there is none: install Debian\'s postgresql package, which creates it');
  }
  return {
    wrap: (program, args) => ['runuser', ['-u', 'postgres', '--', program, ...args]],
    owner: { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) },
  };
}

/**
 * Starts a fresh cluster and waits until it accepts TCP connections on 127.0.0.1. Throws (after
 * cleaning up) with the server log when it cannot.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDirectory();
  const version = bin.split('/').at(-2) ?? '?';
  const runner = programRunner();
  const directory = mkdtempSync(join(tmpdir(), 'gradient-pg-'));
  if (runner.owner) chownSync(directory, runner.owner.uid, runner.owner.gid);
  const data = join(directory, 'data');
  const log = join(directory, 'server.log');
  const run = (program: string, args: readonly string[], input?: string) => {
    const [command, argv] = runner.wrap(join(bin, program), args);
    return spawnSync(command, argv, { encoding: 'utf8', input, timeout: 120_000 });
  };
  const readLog = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').slice(-15).join('\n') : '(no server log)');

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', stop);
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
    // Immediate: the data is thrown away anyway, and a test still holding a connection must not keep it up.
    if (existsSync(join(data, 'postmaster.pid'))) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    rmSync(directory, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    process.kill(process.pid, signal);
  };
  process.once('exit', stop);
  for (const signal of SIGNALS) process.once(signal, onSignal);

  try {
    // C locale: text sorts by byte, which in UTF-8 is Unicode code point order (the order the drift report uses).
    const init = run('initdb', ['-D', data, '-A', 'trust', '-U', 'gradient', '-E', 'UTF8', '--no-locale', '--no-sync']);
    if (init.status !== 0) throw new Error(`initdb failed (exit ${init.status}): ${(init.stderr || init.stdout || String(init.error)).trim()}`);

    // A port can be taken between choosing it and binding it: try a few.
    let port = 0;
    for (let attempt = 0; attempt < 5 && port === 0; attempt += 1) {
      const candidate = await freePort();
      const options = `-k ${directory} -p ${candidate} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
      const started = run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start']);
      if (started.status === 0) port = candidate;
      else if (!/could not bind|address already in use/i.test(readLog())) throw new Error(`pg_ctl start failed (exit ${started.status}): ${started.stderr.trim()}\n${readLog()}`);
    }
    if (port === 0) throw new Error(`no free port for PostgreSQL after 5 attempts:\n${readLog()}`);
    watchdog(runner.wrap(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']), directory);

    // pg_ctl -w waits on the socket; wait for TCP too, since that is what the tests use.
    const ready = await waitUntil(() => spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-d', 'postgres', '-U', 'gradient'], { stdio: 'ignore' }).status === 0, 30_000);
    if (!ready) throw new Error(`PostgreSQL started but does not accept connections on 127.0.0.1:${port} after 30 s:\n${readLog()}`);

    const psql = (sql: string) => {
      const result = spawnSync(join(bin, 'psql'), ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'gradient', '-d', 'postgres', '-f', '-'], {
        encoding: 'utf8',
        input: sql,
      });
      if (result.status !== 0) throw new Error(`psql failed: ${result.stderr.trim()}`);
      return result.stdout;
    };
    return {
      url: `postgresql://gradient@127.0.0.1:${port}/postgres`,
      port,
      version,
      psql,
      requirePassword(role, password) {
        if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`role name ${role}: letters, digits and _ only`);
        psql(`CREATE ROLE ${role} LOGIN PASSWORD '${password.replace(/'/g, "''")}';`);
        const hba = join(data, 'pg_hba.conf');
        // Written in place: as root, writing keeps the owner (postgres) and the mode.
        writeFileSync(hba, `host all ${role} 127.0.0.1/32 scram-sha-256\n${readFileSync(hba, 'utf8')}`);
        psql('SELECT pg_reload_conf();');
        return `postgresql://${role}@127.0.0.1:${port}/postgres`;
      },
      stop,
    };
  } catch (error) {
    stop();
    throw error;
  }
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * A detached shell that waits for this process to end, then stops the cluster and deletes its
 * folder: the one guard that still works when the test process is killed with SIGKILL. When
 * stop() ran first, the pid file is gone and the shell only removes an already removed folder.
 */
function watchdog([command, args]: [string, string[]], directory: string): void {
  const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;
  const script =
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ` +
    `if [ -e ${quote(join(directory, 'data', 'postmaster.pid'))} ]; then ${[command, ...args].map(quote).join(' ')} >/dev/null 2>&1; fi; ` +
    `rm -rf ${quote(directory)}`;
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/**
 * The server of a tier whose suite runs inside VS Code (test/integration): started here, in the
 * runner, and described to the suite through the environment the extension host inherits — the
 * trusted superuser's URL, and a role that must give a password only the suite is told.
 */
export async function startTierPostgres(): Promise<{ readonly server: PostgresServer; readonly env: Readonly<Record<string, string>> }> {
  const server = await startPostgres();
  const password = `pw-${process.pid}-${Date.now().toString(36)}`;
  return {
    server,
    env: {
      GRADIENT_TEST_POSTGRES_URL: server.url,
      GRADIENT_TEST_POSTGRES_PASSWORD_URL: server.requirePassword('analyst', password),
      GRADIENT_TEST_POSTGRES_PASSWORD: password,
    },
  };
}
