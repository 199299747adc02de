/**
 * Runs SQL on a PostgreSQL server and returns the rows as plain objects: the executor under the
 * PostgreSQL drift source. Pure JavaScript (the `pg` package), no libpq on the machine.
 *
 * Credentials come from where libpq looks for them, in libpq's order: the connection string,
 * then the service file entry (`?service=NAME` or PGSERVICE, read from PGSERVICEFILE or
 * ~/.pg_service.conf, then PGSYSCONFDIR/pg_service.conf), then PGHOST / PGPORT / PGUSER /
 * PGDATABASE / PGPASSWORD, then the password file (PGPASSFILE or ~/.pgpass). `pg` itself
 * reads no service file and reads the password file only through a deprecated path, so this
 * module resolves everything once, from the `env` it is given.
 *
 * A password never leaves this module: every message names the connection as
 * `describeConnection` writes it (no password), and every message built from a server or
 * driver error is scrubbed of the password as well.
 *
 * Numbers are read exactly: float8 text is the shortest text that reads back as the same double
 * (PostgreSQL 12 and later), so `Number` gives the server's double bit for bit; int8 (what
 * `count(*)` returns) arrives as text and becomes a number only when it is a safe integer
 * (|v| < 2^53), else the query fails rather than round a count.
 */
import { readFileSync, statSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SourceInputError } from './sourceInputError';

/** The environment the connection defaults come from (process.env in the editor and the CLI). */
export type Environment = Readonly<Record<string, string | undefined>>;

export type PostgresErrorCode =
  /** the connection string could not be read */
  | 'connection-string'
  /** nothing answers at the host and port, or the name does not resolve */
  | 'unreachable'
  /** the server refused the login: wrong or missing password, unknown role, pg_hba.conf */
  | 'authentication'
  /** the database named does not exist */
  | 'no-database'
  /** the server rejected or failed the query (syntax, unknown column or table, division by zero, ...) */
  | 'query'
  /** a result number cannot be read exactly as a JavaScript number */
  | 'number-range'
  /** the connection broke, or the server ended it */
  | 'connection-lost';

/** A failure worded for users: names the connection without its password and says what to do. */
export class PostgresError extends SourceInputError {
  constructor(
    readonly code: PostgresErrorCode,
    message: string,
    /** The server's SQLSTATE, when the server sent one. */
    readonly sqlState?: string,
  ) {
    super(message, code === 'authentication' ? { reason: 'credentials' } : {});
    this.name = 'PostgresError';
  }
}

export interface PostgresExecutor {
  /** The connection, safe to print (no password). */
  readonly description: string;
  /**
   * Runs one statement; the rows come back as plain objects keyed by column name. Statements run
   * one at a time, in call order. Aborting `signal` rejects promptly with an `AbortError` and
   * cancels the statement on the server (pg_cancel_backend).
   */
  query(sql: string, signal?: AbortSignal): Promise<Record<string, unknown>[]>;
  /**
   * The columns a SELECT returns, in order, with their PostgreSQL type OIDs (`pg.types.builtins`),
   * without reading its rows (the SELECT runs with LIMIT 0).
   */
  columns(select: string, signal?: AbortSignal): Promise<{ readonly name: string; readonly dataTypeId: number }[]>;
  close(): Promise<void>;
}

/** What a connection string and the environment resolve to. */
interface ConnectionSettings {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  readonly password: string | undefined;
  /** Where the password came from, for the message when the server refuses it. */
  readonly passwordFrom: string | undefined;
  readonly ssl: false | { rejectUnauthorized: boolean; ca?: string; checkServerIdentity?: () => undefined };
  readonly applicationName: string;
  readonly connectTimeoutSeconds: number;
  /** Something the user should hear when the login fails (a password file ignored, ...). */
  readonly notes: readonly string[];
}

const URI_PARAMETERS = new Set(['host', 'hostaddr', 'port', 'dbname', 'user', 'password', 'sslmode', 'sslrootcert', 'service', 'application_name', 'connect_timeout']);
const SSL_MODES = new Set(['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full']);

/** The parts of a `postgresql://` URI, percent-decoded; undefined where the URI says nothing. */
interface UriParts {
  readonly host?: string;
  readonly port?: string;
  readonly user?: string;
  readonly password?: string;
  readonly database?: string;
  readonly parameters: ReadonlyMap<string, string>;
}

/** Parses `postgresql://[user[:password]@][host][:port][/dbname][?param=value&...]` (also `postgres://`); empty: everything from the environment. */
function parseUri(connection: string): UriParts {
  const text = connection.trim();
  if (text === '') return { parameters: new Map() };
  const scheme = /^(postgres(?:ql)?):\/\//i.exec(text);
  if (!scheme) {
    throw new PostgresError('connection-string', 'a PostgreSQL connection must be a URI like postgresql://user@host:5432/dbname (the password in PGPASSWORD or ~/.pgpass, not in the URI)');
  }
  // The authority is read by hand: WHATWG URL would reject an empty host (`postgresql://?service=x`) and drop some ports.
  const afterScheme = text.slice(scheme[0].length);
  const authority = /^[^/?#]*/.exec(afterScheme)![0];
  let url: URL;
  try {
    url = new URL(`http://host${afterScheme.slice(authority.length)}`);
  } catch {
    throw new PostgresError('connection-string', 'the PostgreSQL connection string is not a valid URI: write it as postgresql://user@host:5432/dbname');
  }
  const decode = (value: string) => {
    try {
      return decodeURIComponent(value);
    } catch {
      throw new PostgresError('connection-string', 'the PostgreSQL connection string has a malformed %-escape');
    }
  };
  const parameters = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    if (!URI_PARAMETERS.has(key)) throw new PostgresError('connection-string', `the PostgreSQL connection string has an unknown parameter "${key}": GRADIENT reads ${[...URI_PARAMETERS].join(', ')}`);
    parameters.set(key, value);
  }
  const at = authority.lastIndexOf('@');
  const credentials = at >= 0 ? authority.slice(0, at) : undefined;
  const hostPort = authority.slice(at + 1);
  const portMatch = /:(\d*)$/.exec(hostPort);
  const host = portMatch ? hostPort.slice(0, portMatch.index) : hostPort;
  const colon = credentials?.indexOf(':') ?? -1;
  const user = credentials === undefined ? undefined : colon >= 0 ? credentials.slice(0, colon) : credentials;
  return {
    host: host ? decode(host.replace(/^\[(.*)\]$/, '$1')) : undefined,
    port: portMatch?.[1] || undefined,
    user: user ? decode(user) : undefined,
    password: credentials !== undefined && colon >= 0 ? decode(credentials.slice(colon + 1)) : undefined,
    database: url.pathname.length > 1 ? decode(url.pathname.slice(1)) : undefined,
    parameters,
  };
}

/**
 * The connection as it is safe to print: `postgresql://user@host:port/dbname`, with the
 * service named and without any password. With `env`, the parts the string leaves out are filled
 * in as the connection will use them (host, port, user, database; never the password).
 *
 * @example describeConnection('postgresql://gradient:s3cret@127.0.0.1:5433/postgres') // 'postgresql://gradient@127.0.0.1:5433/postgres'
 */
export function describeConnection(connection: string, env?: Environment): string {
  let parts: UriParts;
  try {
    parts = parseUri(connection);
  } catch {
    return 'an unreadable PostgreSQL connection string';
  }
  if (env) {
    try {
      return describeSettings(resolveSettings(parts, env));
    } catch {
      // Fall through to what the string itself says.
    }
  }
  const host = parts.parameters.get('host') ?? parts.host ?? '';
  const port = parts.parameters.get('port') ?? parts.port;
  const user = parts.parameters.get('user') ?? parts.user;
  const database = parts.parameters.get('dbname') ?? parts.database;
  const service = parts.parameters.get('service');
  return formatDescription(host, port, user, database, service);
}

function describeSettings(settings: ConnectionSettings): string {
  return formatDescription(settings.host, String(settings.port), settings.user, settings.database, undefined);
}

function formatDescription(host: string, port: string | undefined, user: string | undefined, database: string | undefined, service: string | undefined): string {
  // A socket directory cannot sit in the authority: it goes in ?host= as libpq writes it.
  const socket = host.startsWith('/');
  const authority = `${user ? `${encodeURIComponent(user)}@` : ''}${socket ? '' : host.includes(':') ? `[${host}]` : host}${port ? `:${port}` : ''}`;
  const query = [socket ? `host=${host}` : '', service ? `service=${encodeURIComponent(service)}` : ''].filter(Boolean).join('&');
  return `postgresql://${authority}${database ? `/${encodeURIComponent(database)}` : ''}${query ? `?${query}` : ''}`;
}

/** libpq's order: connection string, then the service entry, then the environment, then defaults. */
function resolveSettings(parts: UriParts, env: Environment): ConnectionSettings {
  const notes: string[] = [];
  const service = parts.parameters.get('service') ?? env.PGSERVICE;
  const fromService = service ? readService(service, env) : new Map<string, string>();
  const pick = (uri: string | undefined, key: string, variable: string) => parts.parameters.get(key) ?? uri ?? fromService.get(key) ?? (env[variable] || undefined);

  const host = pick(parts.host, 'host', 'PGHOST') ?? parts.parameters.get('hostaddr') ?? fromService.get('hostaddr') ?? env.PGHOSTADDR ?? 'localhost';
  const portText = pick(parts.port, 'port', 'PGPORT') ?? '5432';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new PostgresError('connection-string', `the PostgreSQL port "${portText}" is not a port number (1-65535)`);
  const user = pick(parts.user, 'user', 'PGUSER') ?? env.USER ?? safeUserName();
  const database = pick(parts.database, 'dbname', 'PGDATABASE') ?? user;

  let password = parts.parameters.get('password') ?? parts.password;
  let passwordFrom = password !== undefined ? 'the connection string' : undefined;
  if (password === undefined && fromService.has('password')) [password, passwordFrom] = [fromService.get('password'), `service "${service}"`];
  if (password === undefined && env.PGPASSWORD !== undefined) [password, passwordFrom] = [env.PGPASSWORD, 'PGPASSWORD'];
  if (password === undefined) {
    const file = env.PGPASSFILE || join(env.HOME || homedir(), '.pgpass');
    const found = readPasswordFile(file, host, port, database, user, notes);
    if (found !== undefined) [password, passwordFrom] = [found, file];
  }

  const sslmode = pick(undefined, 'sslmode', 'PGSSLMODE') ?? 'disable';
  if (!SSL_MODES.has(sslmode)) throw new PostgresError('connection-string', `sslmode "${sslmode}" is not one of ${[...SSL_MODES].join(', ')}`);
  const rootCertificate = pick(undefined, 'sslrootcert', 'PGSSLROOTCERT');
  // `pg` has no fallback between plain and TLS: prefer and allow connect without TLS, as libpq's allow does.
  const ssl: ConnectionSettings['ssl'] =
    sslmode === 'require'
      ? { rejectUnauthorized: false }
      : sslmode === 'verify-ca' || sslmode === 'verify-full'
        ? {
            rejectUnauthorized: true,
            ...(rootCertificate ? { ca: readFileSync(rootCertificate, 'utf8') } : {}),
            ...(sslmode === 'verify-ca' ? { checkServerIdentity: () => undefined } : {}),
          }
        : false;
  const timeoutText = pick(undefined, 'connect_timeout', 'PGCONNECT_TIMEOUT');
  const connectTimeoutSeconds = timeoutText !== undefined && Number(timeoutText) > 0 ? Number(timeoutText) : 30;
  const applicationName = pick(undefined, 'application_name', 'PGAPPNAME') ?? 'gradient';
  return { host, port, user, database, password, passwordFrom, ssl, applicationName, connectTimeoutSeconds, notes };
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'postgres';
  }
}

/** The entry `[name]` of the per-user service file, else of the system one (libpq's order). */
function readService(name: string, env: Environment): Map<string, string> {
  const files = [env.PGSERVICEFILE || join(env.HOME || homedir(), '.pg_service.conf'), join(env.PGSYSCONFDIR || '/etc/postgresql-common', 'pg_service.conf')];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    let inside = false;
    const entry = new Map<string, string>();
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const section = /^\[(.*)\]$/.exec(line);
      if (section) {
        if (inside) break;
        inside = section[1] === name;
        continue;
      }
      const equals = line.indexOf('=');
      if (inside && equals > 0) entry.set(line.slice(0, equals).trim(), line.slice(equals + 1).trim());
    }
    if (inside) return entry;
  }
  throw new PostgresError('connection-string', `PostgreSQL service "${name}" is not defined in ${files.join(' or ')}: add a [${name}] section, or give the host and database in the connection`);
}

/**
 * The password of the first matching line of a libpq password file
 * (`host:port:database:user:password`, `*` matches anything, `\:` and `\\` escape). Like libpq,
 * a file others can read is ignored, with a note for the login error.
 */
function readPasswordFile(file: string, host: string, port: number, database: string, user: string, notes: string[]): string | undefined {
  let text: string;
  try {
    if ((statSync(file).mode & 0o077) !== 0 && process.platform !== 'win32') {
      notes.push(`the password file ${file} was ignored because others can read it: chmod 0600 it`);
      return undefined;
    }
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  // libpq matches a socket connection against `localhost`.
  const hostName = host.startsWith('/') ? 'localhost' : host;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const fields: string[] = [''];
    for (let i = 0; i < line.length; i += 1) {
      const c = line[i];
      if (c === '\\' && i + 1 < line.length) fields[fields.length - 1] += line[++i];
      else if (c === ':' && fields.length < 5) fields.push('');
      else fields[fields.length - 1] += c;
    }
    if (fields.length < 5) continue;
    const wanted = [hostName, String(port), database, user];
    if (wanted.every((value, i) => fields[i] === '*' || fields[i] === value)) return fields[4];
  }
  return undefined;
}

// The OIDs of the number types whose text `pg` would leave as strings or read loosely.
const INT8 = 20;
const FLOAT4 = 700;
const FLOAT8 = 701;
const NUMERIC = 1700;

/** int8 text to a number, refused when it is not a safe integer (|v| ≥ 2^53 would round). */
function readInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new PostgresError('number-range', `a bigint result (${text}) is beyond 2^53 and cannot be read exactly as a JavaScript number`);
  }
  return value;
}

/** numeric text: PostgreSQL writes NaN and ±Infinity by name, every other value as a decimal that `Number` rounds correctly. */
function readNumeric(text: string): number {
  return text === 'NaN' ? Number.NaN : text === 'Infinity' ? Infinity : text === '-Infinity' ? -Infinity : Number(text);
}

const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format === undefined || format === 'text') {
      if (oid === INT8) return readInt8;
      if (oid === FLOAT8) return Number;
      // float4 text is the shortest text of the float32: round to float32 again to get that value, not the nearest double.
      if (oid === FLOAT4) return (text: string) => Math.fround(Number(text));
      if (oid === NUMERIC) return readNumeric;
    }
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

function abortError(description: string, reason: unknown): DOMException {
  const error = new DOMException(`The query on ${description} was cancelled`, 'AbortError');
  if (reason !== undefined) Object.defineProperty(error, 'cause', { value: reason });
  return error;
}

/** Removes the password from a message, whatever its source. */
function scrub(text: string, password: string | undefined): string {
  if (!password) return text;
  let result = text.split(password).join('****');
  const encoded = encodeURIComponent(password);
  if (encoded !== password) result = result.split(encoded).join('****');
  return result;
}

/** A driver or server error as a PostgresError worded for users. */
function explain(error: unknown, settings: ConnectionSettings, description: string, during: 'connect' | 'query'): PostgresError | DOMException {
  if (error instanceof PostgresError) {
    // A type parser's error knows the value, not the connection: name it here.
    const message = error.code === 'number-range' ? `PostgreSQL at ${description}: ${error.message}. Cast it to float8 or numeric in the query` : error.message;
    return new PostgresError(error.code, scrub(message, settings.password), error.sqlState);
  }
  if (error instanceof DOMException && error.name === 'AbortError') return error;
  const raw = error as { code?: string; message?: string; errors?: { code?: string }[] } | undefined;
  const code = raw?.code ?? raw?.errors?.[0]?.code;
  const serverText = scrub(String(raw?.message ?? error), settings.password);
  const make = (kind: PostgresErrorCode, message: string) => new PostgresError(kind, scrub(message, settings.password), /^[0-9A-Z]{5}$/.test(code ?? '') ? code : undefined);

  switch (code) {
    case 'ECONNREFUSED':
      return make('unreachable', `PostgreSQL at ${description}: nothing accepts connections at ${settings.host} port ${settings.port}. Start the server, or correct the host and port`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return make('unreachable', `PostgreSQL at ${description}: the host name ${settings.host} does not resolve. Correct the host`);
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return make('unreachable', `PostgreSQL at ${description}: the server does not answer (${code}). Check the host, port, network and firewall`);
    case 'ECONNRESET':
    case 'EPIPE':
      return make('connection-lost', `PostgreSQL at ${description}: the connection broke (${code}). Run the report again; if it persists, check the server log`);
    case '28P01':
    case '28000': {
      const tried = settings.passwordFrom ? `the password from ${settings.passwordFrom} was refused` : 'no password was found in the connection string, PGPASSWORD, a service file or the password file';
      return make(
        'authentication',
        `PostgreSQL at ${description} refused the login of user "${settings.user}" (${serverText}): ${tried}${settings.notes.length ? `; ${settings.notes.join('; ')}` : ''}. ` +
          'Give the right password in PGPASSWORD or ~/.pgpass, or ask the administrator to allow this user in pg_hba.conf',
      );
    }
    case '3D000':
      return make('no-database', `PostgreSQL at ${description}: database "${settings.database}" does not exist. Correct the database name in the connection`);
    case '57P01':
    case '57P02':
    case '57P03':
      return make('connection-lost', `PostgreSQL at ${description} is shutting down or starting up (${serverText}). Run the report again when the server is available`);
    case '53300':
      return make('unreachable', `PostgreSQL at ${description} has too many connections (${serverText}). Close some, or ask the administrator to raise max_connections`);
    case '57014':
      return make('query', `PostgreSQL at ${description} cancelled the query (${serverText}): a statement_timeout or an administrator stopped it. Raise the timeout, or run the report on fewer rows`);
  }
  if (during === 'connect') {
    return make('unreachable', `PostgreSQL at ${description}: could not connect (${serverText}). Check the connection and that the server runs`);
  }
  if (code && /^[0-9A-Z]{5}$/.test(code)) {
    return make('query', `PostgreSQL at ${description} rejected the query: ${serverText} (SQLSTATE ${code}). Check the column and table names in the query`);
  }
  return make('connection-lost', `PostgreSQL at ${description}: ${serverText}`);
}

/**
 * Connects to PostgreSQL (see the module comment for where the settings come from) and returns
 * an executor; rejects with a `PostgresError` when the server cannot be reached or refuses the
 * login, or an `AbortError` when `signal` fires first.
 */
export async function openPostgres(connection: string, env: Environment = process.env, signal?: AbortSignal): Promise<PostgresExecutor> {
  let settings: ConnectionSettings;
  try {
    settings = resolveSettings(parseUri(connection), env);
  } catch (error) {
    // Nothing resolved yet: scrub with whatever password the string itself holds.
    const password = (() => {
      try {
        return parseUri(connection).password;
      } catch {
        return undefined;
      }
    })();
    if (error instanceof PostgresError) throw new PostgresError(error.code, scrub(error.message, password));
    throw new PostgresError('connection-string', scrub(`the PostgreSQL connection could not be set up: ${String((error as Error)?.message ?? error)}`, password));
  }
  const description = describeSettings(settings);
  if (signal?.aborted) throw abortError(description, signal.reason);

  const config: pg.ClientConfig = {
    host: settings.host,
    port: settings.port,
    user: settings.user,
    database: settings.database,
    // A function, so `pg` never looks for a password itself (in process.env or its deprecated pgpass path).
    password: async () => {
      if (settings.password === undefined) {
        throw new PostgresError(
          'authentication',
          `PostgreSQL at ${description} asks for a password for user "${settings.user}", and none was found in the connection string, PGPASSWORD, a service file or the password file${settings.notes.length ? ` (${settings.notes.join('; ')})` : ''}. Set PGPASSWORD or add a line to ~/.pgpass`,
        );
      }
      return settings.password;
    },
    ssl: settings.ssl,
    application_name: settings.applicationName,
    connectionTimeoutMillis: settings.connectTimeoutSeconds * 1000,
    types: TYPES,
  };

  const client = new pg.Client(config);
  // Set when the connection breaks while idle; without a listener `pg` would crash the process.
  let broken: PostgresError | undefined;
  client.on('error', (error) => {
    broken = explain(error, settings, description, 'query') as PostgresError;
  });

  const connecting = client.connect();
  try {
    await raceAbort(connecting, signal, description, () => void client.end().catch(() => undefined));
  } catch (error) {
    await client.end().catch(() => undefined);
    throw explain(error, settings, description, 'connect');
  }
  let backendPid: number;
  try {
    backendPid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw explain(error, settings, description, 'connect');
  }

  /** Asks the server to cancel what this session runs, from a second short connection (libpq's PQcancel needs the secret key, which `pg` keeps private). */
  const cancelOnServer = async () => {
    const canceller = new pg.Client({ ...config, application_name: `${settings.applicationName} (cancel)` });
    canceller.on('error', () => undefined);
    try {
      await canceller.connect();
      await canceller.query('SELECT pg_cancel_backend($1)', [backendPid]);
    } catch {
      // The query then runs to its end on the server; its result is dropped.
    } finally {
      await canceller.end().catch(() => undefined);
    }
  };

  // Statements run one at a time, so a cancel sent to the backend can only hit the statement it was meant for.
  let queue: Promise<unknown> = Promise.resolve();
  // A cancel still on its way must land before the next statement starts, or it would cancel that one.
  let cancelling: Promise<void> = Promise.resolve();
  let closed = false;

  /** One statement (or several: the last result counts) in the queue, abortable. */
  const execute = (sql: string, querySignal?: AbortSignal): Promise<pg.QueryResult | undefined> => {
    if (closed) return Promise.reject(new PostgresError('connection-lost', `PostgreSQL at ${description}: the connection was closed`));
    if (querySignal?.aborted) return Promise.reject(abortError(description, querySignal.reason));
    let started = false;
    let abandoned = false;
    const run = queue.then(async () => {
      await cancelling;
      if (abandoned) return undefined;
      if (broken) throw broken;
      started = true;
      try {
        // Without parameters `pg` uses the simple protocol: several statements give several results, the last one counts.
        const result: pg.QueryResult | pg.QueryResult[] = await client.query(sql);
        return Array.isArray(result) ? result.at(-1) : result;
      } catch (error) {
        throw explain(error, settings, description, 'query');
      }
    });
    queue = run.catch(() => undefined);
    if (!querySignal) return run;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        abandoned = true;
        reject(abortError(description, querySignal.reason));
        if (started) cancelling = cancelOnServer();
      };
      querySignal.addEventListener('abort', onAbort, { once: true });
      run.then(
        (result) => {
          querySignal.removeEventListener('abort', onAbort);
          resolve(result);
        },
        (error) => {
          querySignal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  };

  const query = async (sql: string, signal?: AbortSignal) => ((await execute(sql, signal))?.rows ?? []) as Record<string, unknown>[];
  const columns = async (select: string, signal?: AbortSignal) => {
    const result = await execute(`SELECT * FROM (${select.trim().replace(/;\s*$/, '')}) AS gradient_columns LIMIT 0`, signal);
    return (result?.fields ?? []).map((field) => ({ name: field.name, dataTypeId: field.dataTypeID }));
  };

  return {
    description,
    query,
    columns,
    async close() {
      if (closed) return;
      closed = true;
      await client.end().catch(() => undefined);
    },
  };
}

/** `promise`, or an AbortError as soon as `signal` fires (then `onAbort` cleans up). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, description: string, onAbort: () => void): Promise<T> {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const abort = () => {
      onAbort();
      reject(abortError(description, signal.reason));
    };
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}
