/**
 * The drift questions answered by DuckDB over Parquet, CSV / TSV and JSON Lines files: the same
 * SQL as every warehouse (sql/driftSql.ts, DuckDB dialect), run multi-threaded and out of core
 * (a memory limit, and a temporary directory DuckDB spills to), so files larger than memory work.
 *
 * The files are read the way GRADIENT's loaders read them (src/core/data/README.md), as closely
 * as DuckDB allows: the CSV header and delimiter come from GRADIENT's own parser, every field is
 * read as text (`all_varchar`), and the loaders' missing tokens, number grammar and kind rule are
 * applied in SQL. What still differs is listed in sql/README.md.
 */

import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DETECTED_DELIMITERS, detectDelimiter, readDelimitedTable } from '../data/csvParser';
import { MISSING_TOKENS } from '../data/missingValues';
import { formatFromPath } from '../data/loadTable';
import type { Comparison, ComparisonQuestion, DriftSource, Profile, ProfileQuestion } from './driftQuestions';
import { SourceInputError } from './sourceInputError';
import { duckdb as dialect } from './sql/dialects';
import { comparisonSql, javascriptNumberTextSelect, profileSql, type SqlColumn, type SqlRelation } from './sql/driftSql';
import { comparisonFromRows, profileFromRows, readLongRows, type ResultRecord } from './sql/resultRows';

export interface DuckdbSourceOptions {
  readonly reference: string;
  readonly current: string;
  /** Read only these columns, in this order (each file must have them). */
  readonly columns?: readonly string[];
  /** Read these columns as text even when every value is a number. */
  readonly categorical?: readonly string[];
  /** Read these columns as numbers; a value that is not one is an error. */
  readonly numeric?: readonly string[];
  /** DuckDB's `memory_limit` (default 400MB): past it, DuckDB spills to `tempDirectory`. */
  readonly memoryLimit?: string;
  /** Where DuckDB spills (default: the system's temporary directory). */
  readonly tempDirectory?: string;
  /** Worker threads (default: DuckDB's, one per core). */
  readonly threads?: number;
}

/**
 * The limit of DuckDB's buffer manager: its sorts and windows spill to disk past it. What DuckDB
 * allocates besides (Parquet decoding, window state) and Node's own memory come on top; the
 * bench measures the total on 2 x 100M rows (README, "Large data and databases").
 */
const DEFAULT_MEMORY_LIMIT = '400MB';

/** DuckDB's kinds of error that come from the data or the machine, not from the SQL GRADIENT wrote. */
const INPUT_FAILURE = /^(Invalid Input|Conversion|IO|Out of Memory|Invalid) Error/;

/** A DuckDB failure reading the data becomes a message for the user; anything else stays a bug. */
function asInputError(error: unknown): unknown {
  if (!(error instanceof Error) || !INPUT_FAILURE.test(error.message)) return error;
  const first = error.message.split('\n')[0];
  if (first.startsWith('Out of Memory')) {
    return new SourceInputError(`DuckDB ran out of its memory limit (${first}): free memory on this machine, or use --engine memory if the files fit in memory`);
  }
  return new SourceInputError(`DuckDB could not read the data (${first}): check the file, or use --engine memory, whose messages name the line`);
}

const q = dialect.quoteIdentifier;
const literal = dialect.stringLiteral;

/** The loaders' number grammar (parseNumber.ts), as RE2 patterns over a whole field. */
const DECIMAL_PATTERN = '[ \\t]*[+-]?(?:[0-9]+[.]?[0-9]*|[.][0-9]+)(?:[eE][+-]?[0-9]+)?[ \\t]*';
const INFINITY_PATTERN = '(?i)[ \\t]*[+-]?inf(?:inity)?[ \\t]*';

function isNumberText(text: string): string {
  return `(regexp_full_match(${text}, ${literal(DECIMAL_PATTERN)}) OR regexp_full_match(${text}, ${literal(INFINITY_PATTERN)}))`;
}

/** A CSV field as the loaders read it: NULL for a missing token, else the text. */
function presentText(field: string): string {
  return `CASE WHEN ${field} IN (${MISSING_TOKENS.map(literal).join(', ')}) THEN NULL ELSE ${field} END`;
}

/** The value of a field in the number grammar: spaces and tabs around are not part of it. */
function numberValue(text: string): string {
  return `CAST(trim(${text}, ${literal(' \t')}) AS DOUBLE)`;
}

/** The names of the root's children in `parquet_schema` rows (depth-first, each with its child count). */
function topLevelNames(schema: readonly ResultRecord[]): string[] {
  const names: string[] = [];
  let at = 1;
  const skip = (): void => {
    const children = Number(schema[at++]?.num_children ?? 0);
    for (let k = 0; k < children; k++) skip();
  };
  const rootChildren = Number(schema[0]?.num_children ?? 0);
  for (let k = 0; k < rootChildren && at < schema.length; k++) {
    names.push(String(schema[at].name));
    skip();
  }
  return names;
}

/**
 * Columns per query: one. A numeric column's questions are a GROUP BY and a window over its
 * distinct values, and each aggregate, window or twice-read CTE of a query holds its buffers
 * until the query ends; one column at a time keeps memory bounded (a 1M x 20 CSV pair ran out of
 * a 640 MB limit at eight), for the price of one more scan of the loaded table per column.
 */
const COLUMNS_PER_QUERY = 1;

/** The question split into questions of at most `size` columns each, in order. */
function batchQuestion(question: ComparisonQuestion, size: number): ComparisonQuestion[] {
  const parts: ComparisonQuestion[] = [];
  const empty: ComparisonQuestion = { numeric: [], identifiers: [], valueCounts: [], asCategories: [] };
  for (const field of ['numeric', 'identifiers', 'valueCounts', 'asCategories'] as const) {
    const items: readonly unknown[] = question[field];
    for (let i = 0; i < items.length; i += size) parts.push({ ...empty, [field]: items.slice(i, i + size) });
  }
  return parts.length > 0 ? parts : [empty];
}

interface LoadedFile {
  readonly table: string;
  readonly relation: SqlRelation;
}

/** Reads up to `limit` bytes from the start of a file. */
async function readHead(path: string, limit: number): Promise<{ bytes: Uint8Array; whole: boolean }> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(limit);
    const { bytesRead } = await handle.read(buffer, 0, limit, 0);
    const size = (await handle.stat()).size;
    return { bytes: buffer.subarray(0, bytesRead), whole: bytesRead >= size };
  } finally {
    await handle.close();
  }
}

/** The end of the first record (the header): the first line end outside quotes. */
function headerEnd(bytes: Uint8Array, start: number): number {
  let quoted = false;
  for (let i = start; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 0x22) quoted = !quoted;
    else if (!quoted && (c === 0x0a || c === 0x0d)) return i;
  }
  return bytes.length;
}

function selectColumns(path: string, available: readonly string[], options: DuckdbSourceOptions): string[] {
  const selected = options.columns ? [...new Set(options.columns)] : [...available];
  for (const name of [...selected, ...(options.categorical ?? []), ...(options.numeric ?? [])]) {
    if (!available.includes(name)) throw new SourceInputError(`${path} has no column ${JSON.stringify(name)}: check the name (names are case-sensitive)`, { column: name });
  }
  return selected;
}

function forcedKind(name: string, options: DuckdbSourceOptions): 'numeric' | 'categorical' | undefined {
  if (options.numeric?.includes(name)) return 'numeric';
  if (options.categorical?.includes(name)) return 'categorical';
  return undefined;
}

export class DuckdbDriftSource implements DriftSource {
  private loaded: Promise<{ reference: LoadedFile; current: LoadedFile }> | null = null;
  private instance: DuckDBInstance | null = null;
  private connection: DuckDBConnection | null = null;
  /** Where DuckDB spills when `tempDirectory` is not given: a folder of this source's own (two reports at once never share one), removed by `close()`. */
  private spillDirectory: string | null = null;

  constructor(private readonly options: DuckdbSourceOptions) {}

  async profile(question: ProfileQuestion, signal?: AbortSignal): Promise<Profile> {
    const { reference, current } = await this.load(signal);
    const relations = { reference: reference.relation, current: current.relation };
    const widest = Math.max(relations.reference.columns.length, relations.current.columns.length, 1);
    const parts: ResultRecord[][] = [];
    for (let from = 0; from < widest; from += COLUMNS_PER_QUERY) {
      parts.push(await this.query(profileSql(question, relations, dialect, { from, to: from + COLUMNS_PER_QUERY }), signal));
    }
    // Not push(...part): a part can hold a row per distinct value, more than a call's arguments.
    const rows = parts.flat();
    return profileFromRows(readLongRows(rows, 'duckdb profile'), question, { engine: 'duckdb', reference: this.options.reference, current: this.options.current }, 'duckdb profile');
  }

  async compare(question: ComparisonQuestion, signal?: AbortSignal): Promise<Comparison> {
    const { reference, current } = await this.load(signal);
    // DuckDB binds each CTE inside the previous ones, so one query for hundreds of columns passes
    // its depth limit: the columns are asked in batches, each one query.
    const batches = batchQuestion(question, COLUMNS_PER_QUERY);
    const parts: ResultRecord[][] = [];
    for (const batch of batches) {
      parts.push(await this.query(comparisonSql(batch, { reference: reference.relation, current: current.relation }, dialect), signal));
    }
    const rows = parts.flat();
    return comparisonFromRows(readLongRows(rows, 'duckdb comparison'), question, 'duckdb comparison');
  }

  async close(): Promise<void> {
    this.connection?.closeSync();
    this.instance?.closeSync();
    this.connection = null;
    this.instance = null;
    if (this.spillDirectory) await rm(this.spillDirectory, { recursive: true, force: true });
    this.spillDirectory = null;
  }

  private async connect(): Promise<DuckDBConnection> {
    if (this.connection) return this.connection;
    const settings: Record<string, string> = {
      memory_limit: this.options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
      temp_directory: this.options.tempDirectory ?? (this.spillDirectory = await mkdtemp(join(tmpdir(), 'gradient-duckdb-'))),
      // DuckDB's default, stated because the ordered walk depends on it (dialects.ts, keepsSubqueryOrder).
      preserve_insertion_order: 'true',
    };
    if (this.options.threads !== undefined) settings.threads = String(this.options.threads);
    this.instance = await DuckDBInstance.create(':memory:', settings);
    this.connection = await this.instance.connect();
    return this.connection;
  }

  private async query(sql: string, signal?: AbortSignal): Promise<ResultRecord[]> {
    const connection = await this.connect();
    signal?.throwIfAborted();
    const interrupt = () => connection.interrupt();
    signal?.addEventListener('abort', interrupt, { once: true });
    try {
      const reader = await connection.runAndReadAll(sql);
      return reader.getRowObjects() as ResultRecord[];
    } catch (error) {
      signal?.throwIfAborted();
      throw asInputError(error);
    } finally {
      signal?.removeEventListener('abort', interrupt);
    }
  }

  private load(signal?: AbortSignal): Promise<{ reference: LoadedFile; current: LoadedFile }> {
    this.loaded ??= (async () => ({
      reference: await this.loadFile(this.options.reference, 'reference_file', signal),
      current: await this.loadFile(this.options.current, 'current_file', signal),
    }))();
    return this.loaded;
  }

  private async loadFile(path: string, table: string, signal?: AbortSignal): Promise<LoadedFile> {
    const format = formatFromPath(path);
    if (format === 'parquet') return this.loadParquet(path, table, signal);
    if (format === 'jsonl') return this.loadJsonl(path, table, signal);
    return this.loadDelimited(path, table, format === 'tsv', signal);
  }

  /**
   * A table of typed columns from a table of text fields: numeric where every present value is in
   * the number grammar (or forced), text otherwise; the present/missing rule is `present`.
   */
  private async typeTextColumns(
    path: string,
    table: string,
    textTable: string,
    names: readonly string[],
    slots: readonly string[],
    present: (field: string) => string,
    signal?: AbortSignal,
  ): Promise<LoadedFile> {
    const checks = slots.map((slot, i) => `COUNT(CASE WHEN ${present(slot)} IS NOT NULL AND NOT ${isNumberText(present(slot))} THEN 1 END) AS k${i}`);
    const [counts] = checks.length > 0 ? await this.query(`SELECT ${checks.join(', ')} FROM ${textTable}`, signal) : [{}];
    const columns: SqlColumn[] = [];
    const projections = names.map((name, i) => {
      const notNumbers = Number(counts[`k${i}`] ?? 0);
      const forced = forcedKind(name, this.options);
      if (forced === 'numeric' && notNumbers > 0) {
        throw new SourceInputError(`${path} column ${JSON.stringify(name)} has ${notNumbers} value(s) that are not numbers: read it as categories, or fix the file (--engine memory names the first line)`, { column: name });
      }
      const kind = forced ?? (notNumbers === 0 ? 'numeric' : 'categorical');
      columns.push({ name, kind });
      const field = present(slots[i]);
      return `${kind === 'numeric' ? numberValue(field) : field} AS ${q(name)}`;
    });
    await this.query(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT ${projections.join(', ') || '1 AS no_columns'} FROM ${textTable}`, signal);
    await this.query(`DROP TABLE ${textTable}`, signal);
    return { table, relation: { from: table, columns } };
  }

  private async loadDelimited(path: string, table: string, tab: boolean, signal?: AbortSignal): Promise<LoadedFile> {
    // GRADIENT's parser decides the delimiter and the header names (pandas' renaming of
    // duplicate and empty names); DuckDB reads the rows.
    const { bytes, whole } = await readHead(path, 1 << 20);
    let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    // Blank lines before the header are skipped, as the loader skips them.
    let blankLines = 0;
    while (start < bytes.length && (bytes[start] === 0x0a || bytes[start] === 0x0d)) {
      if (!(bytes[start] === 0x0d && bytes[start + 1] === 0x0a)) blankLines++;
      start++;
    }
    const delimiterCode = tab ? 9 : detectDelimiter(bytes, start, bytes.length, true);
    const delimiter = String.fromCharCode(delimiterCode < 0 ? 44 : delimiterCode);
    if (!DETECTED_DELIMITERS.includes(delimiter as (typeof DETECTED_DELIMITERS)[number])) throw new SourceInputError(`${path}: its delimiter is not one DuckDB is given here: use --engine memory`);
    const end = headerEnd(bytes, start);
    if (end === bytes.length && !whole) throw new SourceInputError(`${path}: the header line is longer than 1 MiB: is it really a CSV file?`);
    const header = bytes.slice(start, end);
    const headerTable = await readDelimitedTable(path, { size: header.length, chunks: () => [header] }, { delimiter });
    const available = headerTable.columns.map((c) => c.name);
    const selected = selectColumns(path, available, this.options);
    const fileSlots = available.map((_, i) => `f${i}`);
    const columnsStruct = `{${fileSlots.map((slot) => `${literal(slot)}: 'VARCHAR'`).join(', ')}}`;
    const textTable = `${table}_text`;
    await this.query(
      `CREATE OR REPLACE TEMP TABLE ${textTable} AS SELECT ${selected.map((name) => fileSlots[available.indexOf(name)]).join(', ') || '1 AS no_columns'} ` +
        `FROM read_csv(${literal(path)}, delim = ${literal(delimiter)}, quote = '"', escape = '"', header = true, skip = ${blankLines}, auto_detect = false, ` +
        `columns = ${columnsStruct}, null_padding = false, strict_mode = true, allow_quoted_nulls = false, encoding = 'utf-8')` +
        // DuckDB skips blank lines only when a row has two or more fields; in a one-column file a
        // blank line is a NULL row (a quoted empty field is '' here), and the loader skips it.
        (available.length === 1 ? ` WHERE ${fileSlots[0]} IS NOT NULL` : ''),
      signal,
    );
    const slots = selected.map((name) => fileSlots[available.indexOf(name)]);
    return this.typeTextColumns(path, table, textTable, selected, slots, (field) => `(${presentText(field)})`, signal);
  }

  private async loadJsonl(path: string, table: string, signal?: AbortSignal): Promise<LoadedFile> {
    const linesTable = `${table}_lines`;
    await this.query(
      `CREATE OR REPLACE TEMP TABLE ${linesTable} AS SELECT json AS line, row_number() OVER () AS line_number ` +
        `FROM read_ndjson_objects(${literal(path)})`,
      signal,
    );
    // Columns are the union of the keys in first-seen order.
    const keys = await this.query(
      `SELECT key FROM (SELECT unnest(json_keys(line)) AS key, line_number, generate_subscripts(json_keys(line), 1) AS position FROM ${linesTable}) AS k ` +
        `GROUP BY key ORDER BY MIN(line_number), MIN_BY(position, line_number)`,
      signal,
    );
    const available = keys.map((row) => String(row.key));
    const selected = selectColumns(path, available, this.options);
    const path$ = (name: string) => `json_extract(line, ${literal(`$.${JSON.stringify(name)}`)})`;
    const typeOf = (name: string) => `json_type(${path$(name)})`;
    const kindCounts = selected.map(
      (name, i) =>
        `COUNT(CASE WHEN ${typeOf(name)} IN ('BIGINT', 'UBIGINT', 'DOUBLE', 'HUGEINT') THEN 1 END) AS numbers${i}, ` +
        `COUNT(CASE WHEN ${typeOf(name)} IN ('VARCHAR', 'BOOLEAN') THEN 1 END) AS texts${i}, ` +
        `COUNT(CASE WHEN ${typeOf(name)} IN ('OBJECT', 'ARRAY') THEN 1 END) AS nested${i}`,
    );
    const [counts] = selected.length > 0 ? await this.query(`SELECT ${kindCounts.join(', ')} FROM ${linesTable}`, signal) : [{}];
    const columns: SqlColumn[] = [];
    const projections = selected.map((name, i) => {
      if (Number(counts[`nested${i}`]) > 0) throw new SourceInputError(`${path}: field ${JSON.stringify(name)} holds nested objects or arrays: leave it out with --columns`, { column: name });
      const texts = Number(counts[`texts${i}`]);
      const forced = forcedKind(name, this.options);
      const kind = forced ?? (texts === 0 ? 'numeric' : 'categorical');
      columns.push({ name, kind });
      const raw = `json_extract_string(line, ${literal(`$.${JSON.stringify(name)}`)})`;
      const isNumber = `${typeOf(name)} IN ('BIGINT', 'UBIGINT', 'DOUBLE', 'HUGEINT')`;
      if (kind === 'numeric') {
        // A forced-numeric string is read with the number grammar; other JSON numbers as they are.
        return `CASE WHEN ${isNumber} THEN CAST(${raw} AS DOUBLE) WHEN ${typeOf(name)} = 'VARCHAR' AND ${isNumberText(raw)} THEN ${numberValue(raw)} END AS ${q(name)}`;
      }
      // Numbers among text are written as JavaScript prints them.
      const printed = `(${javascriptNumberTextSelect(dialect, 'TRY_CAST(json_value AS DOUBLE)', `(SELECT ${raw} AS json_value) AS one_value`)})`;
      return `CASE WHEN ${isNumber} THEN ${printed} WHEN ${typeOf(name)} IN ('VARCHAR', 'BOOLEAN') THEN ${raw} END AS ${q(name)}`;
    });
    await this.query(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT ${projections.join(', ') || '1 AS no_columns'} FROM ${linesTable}`, signal);
    await this.query(`DROP TABLE ${linesTable}`, signal);
    return { table, relation: { from: table, columns } };
  }

  private async loadParquet(path: string, table: string, signal?: AbortSignal): Promise<LoadedFile> {
    const schema = await this.query(`DESCRIBE SELECT * FROM read_parquet(${literal(path)})`, signal);
    // A TIME column stays the number the file stores (a time of day, not an instant): its unit
    // is in the Parquet schema, not in DuckDB's TIME type.
    const parquetTypes = await this.query(`SELECT name, converted_type, logical_type, num_children FROM parquet_schema(${literal(path)})`, signal);
    const timeMillis = new Set(parquetTypes.filter((row) => row.converted_type === 'TIME_MILLIS').map((row) => String(row.name)));
    // A DATE declared only as a logical type: DuckDB reads the day numbers; the loader multiplies them out.
    const logicalDays = new Set(
      parquetTypes.filter((row) => row.converted_type === null && String(row.logical_type ?? '').startsWith('DateType')).map((row) => String(row.name)),
    );
    // DuckDB renames a column with an empty name (to `C<i>`); the file's own top-level names, in
    // order, are the children of the schema's root.
    const fileNames = topLevelNames(parquetTypes);
    const duckdbName = new Map(schema.map((row, i) => [fileNames[i] ?? String(row.column_name), String(row.column_name)]));
    const types = new Map(schema.map((row, i) => [fileNames[i] ?? String(row.column_name), String(row.column_type)]));
    // Nested columns are skipped, as the loader skips them (with a warning there).
    const available = [...types.keys()].filter((name) => !/[[\]]|^(STRUCT|MAP|UNION)\(/.test(types.get(name)!));
    const selected = selectColumns(path, available, this.options);
    const columns: SqlColumn[] = [];
    const projections = selected.map((name) => {
      const type = types.get(name)!;
      const column = q(duckdbName.get(name)!);
      // The table's columns are named by position: DuckDB cannot name a column ''.
      const output = `p${columns.length}`;
      const forced = forcedKind(name, this.options);
      if (logicalDays.has(name) && /^(INTEGER|BIGINT)$/.test(type)) {
        columns.push({ name, kind: 'numeric', unit: 'epoch-ms', sourceName: output });
        return `CAST(${column} AS DOUBLE) * 86400000 AS ${output}`;
      }
      if (/^(DATE)$/.test(type)) {
        columns.push({ name, kind: 'numeric', unit: 'epoch-ms', sourceName: output });
        return `CAST(date_diff('day', DATE '1970-01-01', ${column}) AS DOUBLE) * 86400000 AS ${output}`;
      }
      if (/^TIMESTAMP/.test(type)) {
        columns.push({ name, kind: 'numeric', unit: 'epoch-ms', sourceName: output });
        // The loader truncates instants to whole milliseconds toward zero (hyparquet's parsers).
        return `trunc(CAST(epoch_us(${column}) AS DOUBLE) / 1000) AS ${output}`;
      }
      if (/^TIME( |$)/.test(type)) {
        columns.push({ name, kind: 'numeric', sourceName: output });
        return `CAST(date_diff('microsecond', TIME '00:00:00', CAST(${column} AS TIME)) AS DOUBLE) / ${timeMillis.has(name) ? 1000 : 1} AS ${output}`;
      }
      const numericType = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/.test(type);
      const kind = forced ?? (numericType ? 'numeric' : 'categorical');
      columns.push({ name, kind, sourceName: output });
      if (kind === 'numeric') {
        if (numericType) return `CAST(${column} AS DOUBLE) AS ${output}`;
        return `CASE WHEN ${isNumberText(`CAST(${column} AS VARCHAR)`)} THEN ${numberValue(`CAST(${column} AS VARCHAR)`)} END AS ${output}`;
      }
      if (numericType) {
        return `(${javascriptNumberTextSelect(dialect, 'parquet_value', `(SELECT CAST(${column} AS DOUBLE) AS parquet_value) AS one_value`)}) AS ${output}`;
      }
      return `CAST(${column} AS VARCHAR) AS ${output}`;
    });
    // NaN is missing for the loader, not a non-finite value: it becomes NULL here.
    const cleaned = columns.map(({ kind, sourceName }) =>
      kind === 'numeric' ? `CASE WHEN isnan(${sourceName}) THEN NULL ELSE ${sourceName} END AS ${sourceName}` : sourceName!,
    );
    // A view, not a table: Parquet is columnar and cheap to read again, and a copy of a file bigger
    // than memory would be written to DuckDB's spill folder in full before the first question.
    await this.query(
      `CREATE OR REPLACE TEMP VIEW ${table} AS SELECT ${cleaned.join(', ') || '1 AS no_columns'} FROM (SELECT ${projections.join(', ') || '1 AS no_columns'} FROM read_parquet(${literal(path)})) AS typed`,
      signal,
    );
    return { table, relation: { from: table, columns } };
  }
}

/** A DuckDB source over two data files; call `close()` when done. */
export function duckdbSource(options: DuckdbSourceOptions): DriftSource {
  return new DuckdbDriftSource(options);
}
