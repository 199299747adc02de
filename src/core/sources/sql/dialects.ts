/**
 * The four SQL dialects the drift questions are written in, and only what differs between them.
 *
 * `driftSql.ts` writes every query once, in the SQL the four share (CTEs, CASE, COUNT, window
 * functions with ROWS frames, LEAD, UNION ALL, LEAST / GREATEST); whatever one of them spells
 * differently is a method here. Each method returns SQL text; none of them touches a database.
 */

export type SqlDialectName = 'duckdb' | 'postgresql' | 'spark' | 'bigquery';

export type CteStorage = 'engine' | 'kept' | 'recomputed';

export interface SqlDialect {
  readonly name: SqlDialectName;
  /** The types of the long-format result's columns. */
  readonly textType: string;
  readonly doubleType: string;
  readonly bigintType: string;
  /** A column, table or CTE name, quoted so that any text is a valid name. */
  quoteIdentifier(name: string): string;
  /** A string literal holding exactly `text`. */
  stringLiteral(text: string): string;
  /**
   * A finite double literal that reads back as exactly `value`: the shortest round-trip text
   * cast from a string, because a bare `0.1` is a DECIMAL in DuckDB and PostgreSQL, and a
   * 17-digit DECIMAL is not always converted to the nearest double.
   */
  doubleLiteral(value: number): string;
  castToDouble(expression: string): string;
  castToBigint(expression: string): string;
  castToText(expression: string): string;
  /** True for a finite double, false for ±Infinity and NaN, NULL for NULL. */
  isFinite(expression: string): string;
  /** Integer division of two non-negative integers. */
  integerDivide(dividend: string, divisor: string): string;
  /**
   * A sum of doubles, compensated where the engine has one (DuckDB's Kahan-Babuska `fsum`), so
   * it agrees with GRADIENT's pairwise sums to about one rounding; elsewhere the plain SUM.
   * With `over` (an OVER clause) it is that window's running sum.
   */
  compensatedSum(expression: string, over?: string): string;
  /**
   * Whether rows sorted by a subquery's ORDER BY keep that order through the SELECTs, WHEREs and
   * frame-only window functions (no PARTITION BY, no ORDER BY) above it, so that one sort serves
   * every window of an ordered walk. DuckDB documents this ("Order Preservation") and runs such
   * windows as a stream behind a sort that spills to disk, where its window operator with ORDER BY
   * holds per-row state outside `memory_limit` (1.1 GB for 2 × 100M rows). Standard SQL promises
   * no order there: in the other dialects each window orders its own rows.
   */
  readonly keepsSubqueryOrder: boolean;
  /**
   * How to declare a CTE: left to the engine, `kept` (computed once and kept, spilling if need
   * be) or `recomputed` (each reader computes it again). DuckDB keeps every CTE read twice: a copy
   * of a column when reading the file again is cheaper (a 10M-row comparison: 1.65 s and 119 MiB
   * recomputed, 2.06 s and 355 MiB kept); yet it ran out of 400 MB sorting a UNION ALL of two
   * Parquet scans, and sorts the same rows kept. The other engines decide for themselves.
   */
  cteAs(storage: CteStorage): string;
  /** The text of the one capture group of `pattern` (a POSIX-compatible regex) in `text`, or NULL / ''. */
  regexpGroup(text: string, pattern: string): string;
  /** `text` without the leading (trailing) `character`s. */
  trimLeading(text: string, character: string): string;
  trimTrailing(text: string, character: string): string;
  /** `text` repeated `count` times ('' for 0). */
  repeatText(text: string, count: string): string;
  /** The length of `text` in characters. */
  textLength(text: string): string;
  /** The characters of `text` from 1-based `start`, `length` of them (to the end when omitted). */
  substring(text: string, start: string, length?: string): string;
}

/** JavaScript's shortest round-trip text of a finite number (`String(x)`), e.g. `1e-7`, `0.1`. */
function shortestText(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`doubleLiteral requires a finite number, got ${value}`);
  return Object.is(value, -0) ? '-0' : String(value);
}

/** Doubled single quotes: the string-literal escape of DuckDB, PostgreSQL (standard strings) and BigQuery. */
function singleQuoted(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Doubled double quotes: the identifier escape of standard SQL (DuckDB, PostgreSQL). */
function doubleQuotedIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Spark and BigQuery quote names with backticks, a backtick inside doubled (Spark) or escaped (BigQuery). */
function backtickIdentifier(name: string, escape: (tick: string) => string): string {
  return '`' + name.replaceAll('`', escape('`')) + '`';
}

export const duckdb: SqlDialect = {
  name: 'duckdb',
  textType: 'VARCHAR',
  doubleType: 'DOUBLE',
  bigintType: 'BIGINT',
  quoteIdentifier: doubleQuotedIdentifier,
  stringLiteral: singleQuoted,
  doubleLiteral: (value) => `CAST('${shortestText(value)}' AS DOUBLE)`,
  castToDouble: (e) => `CAST(${e} AS DOUBLE)`,
  castToBigint: (e) => `CAST(${e} AS BIGINT)`,
  castToText: (e) => `CAST(${e} AS VARCHAR)`,
  isFinite: (e) => `isfinite(${e})`,
  integerDivide: (a, b) => `(${a}) // (${b})`,
  // Kahan-Babuska turns an overflow into NaN (inf − inf in the compensation); the plain sum then
  // gives the ±Infinity GRADIENT's pairwise sum gives.
  compensatedSum: (e, over) => {
    const window = over === undefined ? '' : ` ${over}`;
    return `CASE WHEN isfinite(fsum(${e})${window}) THEN fsum(${e})${window} ELSE sum(${e})${window} END`;
  },
  keepsSubqueryOrder: true,
  cteAs: (storage) => ({ engine: 'AS', kept: 'AS MATERIALIZED', recomputed: 'AS NOT MATERIALIZED' })[storage],
  regexpGroup: (s, p) => `regexp_extract(${s}, ${singleQuoted(p)}, 1)`,
  trimLeading: (s, c) => `ltrim(${s}, ${singleQuoted(c)})`,
  trimTrailing: (s, c) => `rtrim(${s}, ${singleQuoted(c)})`,
  repeatText: (s, n) => `repeat(${s}, CAST(${n} AS BIGINT))`,
  textLength: (s) => `length(${s})`,
  substring: (s, start, length) => (length === undefined ? `substr(${s}, ${start})` : `substr(${s}, ${start}, ${length})`),
};

export const postgresql: SqlDialect = {
  name: 'postgresql',
  textType: 'TEXT',
  doubleType: 'DOUBLE PRECISION',
  bigintType: 'BIGINT',
  quoteIdentifier: doubleQuotedIdentifier,
  stringLiteral: singleQuoted,
  doubleLiteral: (value) => `CAST('${shortestText(value)}' AS DOUBLE PRECISION)`,
  castToDouble: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
  castToBigint: (e) => `CAST(${e} AS BIGINT)`,
  // float8 -> text is the shortest round-trip text since PostgreSQL 12 (extra_float_digits = 1).
  castToText: (e) => `CAST(${e} AS TEXT)`,
  // PostgreSQL has no isfinite(float8) before 16; NaN = NaN is true there, so NOT IN catches it.
  isFinite: (e) =>
    `(${e} NOT IN (CAST('Infinity' AS DOUBLE PRECISION), CAST('-Infinity' AS DOUBLE PRECISION), CAST('NaN' AS DOUBLE PRECISION)))`,
  // SUM over bigint is numeric in PostgreSQL, where / does not round down: div() is integer division for both.
  integerDivide: (a, b) => `div(${a}, ${b})`,
  compensatedSum: (e, over) => `SUM(${e})${over === undefined ? '' : ` ${over}`}`,
  keepsSubqueryOrder: false,
  cteAs: () => 'AS',
  regexpGroup: (s, p) => `substring(${s} from ${singleQuoted(p)})`,
  trimLeading: (s, c) => `ltrim(${s}, ${singleQuoted(c)})`,
  trimTrailing: (s, c) => `rtrim(${s}, ${singleQuoted(c)})`,
  repeatText: (s, n) => `repeat(${s}, CAST(${n} AS INTEGER))`,
  textLength: (s) => `length(${s})`,
  substring: (s, start, length) =>
    length === undefined ? `substr(${s}, CAST(${start} AS INTEGER))` : `substr(${s}, CAST(${start} AS INTEGER), CAST(${length} AS INTEGER))`,
};

export const spark: SqlDialect = {
  name: 'spark',
  textType: 'STRING',
  doubleType: 'DOUBLE',
  bigintType: 'BIGINT',
  quoteIdentifier: (name) => backtickIdentifier(name, () => '``'),
  // Spark reads backslash escapes in string literals by default, so a backslash is escaped too.
  stringLiteral: (text) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`,
  doubleLiteral: (value) => `CAST('${shortestText(value)}' AS DOUBLE)`,
  castToDouble: (e) => `CAST(${e} AS DOUBLE)`,
  castToBigint: (e) => `CAST(${e} AS BIGINT)`,
  // Java's Double.toString: shortest round-trip digits since JDK 19, one digit more in rare cases before.
  castToText: (e) => `CAST(${e} AS STRING)`,
  isFinite: (e) => `(NOT isnan(${e}) AND abs(${e}) != double('inf'))`,
  // Spark's `div` operator is not in every Spark-SQL parser (node-sql-parser's hive grammar lacks
  // it); a − pmod(a, b) is a multiple of b, so dividing it is exact while the quotient < 2^53.
  integerDivide: (a, b) => `CAST(((${a}) - pmod(${a}, ${b})) / (${b}) AS BIGINT)`,
  compensatedSum: (e, over) => `SUM(${e})${over === undefined ? '' : ` ${over}`}`,
  keepsSubqueryOrder: false,
  cteAs: () => 'AS',
  regexpGroup: (s, p) => `regexp_extract(${s}, ${spark.stringLiteral(p)}, 1)`,
  // TRIM(LEADING … FROM …) is Spark SQL too, but regexp_replace is what every Spark parser reads.
  trimLeading: (s, c) => `regexp_replace(${s}, ${spark.stringLiteral(`^[${c}]+`)}, '')`,
  trimTrailing: (s, c) => `regexp_replace(${s}, ${spark.stringLiteral(`[${c}]+$`)}, '')`,
  repeatText: (s, n) => `repeat(${s}, CAST(${n} AS INT))`,
  textLength: (s) => `length(${s})`,
  substring: (s, start, length) =>
    length === undefined ? `substr(${s}, CAST(${start} AS INT))` : `substr(${s}, CAST(${start} AS INT), CAST(${length} AS INT))`,
};

export const bigquery: SqlDialect = {
  name: 'bigquery',
  textType: 'STRING',
  doubleType: 'FLOAT64',
  bigintType: 'INT64',
  quoteIdentifier: (name) => backtickIdentifier(name, () => '\\`'),
  stringLiteral: (text) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`,
  doubleLiteral: (value) => `CAST('${shortestText(value)}' AS FLOAT64)`,
  castToDouble: (e) => `CAST(${e} AS FLOAT64)`,
  castToBigint: (e) => `CAST(${e} AS INT64)`,
  castToText: (e) => `CAST(${e} AS STRING)`,
  isFinite: (e) => `(NOT IS_NAN(${e}) AND NOT IS_INF(${e}))`,
  integerDivide: (a, b) => `DIV(${a}, ${b})`,
  compensatedSum: (e, over) => `SUM(${e})${over === undefined ? '' : ` ${over}`}`,
  keepsSubqueryOrder: false,
  cteAs: () => 'AS',
  regexpGroup: (s, p) => `REGEXP_EXTRACT(${s}, ${bigquery.stringLiteral(p)})`,
  trimLeading: (s, c) => `LTRIM(${s}, ${bigquery.stringLiteral(c)})`,
  trimTrailing: (s, c) => `RTRIM(${s}, ${bigquery.stringLiteral(c)})`,
  repeatText: (s, n) => `REPEAT(${s}, ${n})`,
  textLength: (s) => `LENGTH(${s})`,
  substring: (s, start, length) => (length === undefined ? `SUBSTR(${s}, ${start})` : `SUBSTR(${s}, ${start}, ${length})`),
};

export const SQL_DIALECTS: Readonly<Record<SqlDialectName, SqlDialect>> = { duckdb, postgresql, spark, bigquery };
