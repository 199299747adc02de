/**
 * The loader checks of the fuzz tier, in-process: what every outcome of `loadTable` must satisfy
 * (a well-formed `Table`, or a `DataError` naming the file), what a generated file must load as
 * (`Expectation`), and that the CSV / JSON Lines parsers give the same outcome whatever the
 * chunks their bytes arrive in.
 */
import { DataError, MISSING_TOKENS, checkTextHead, readDelimitedTable, readJsonlTable, textSource, type ByteSource, type Column, type Table } from '../../src/core/data/index';
import type { Expectation } from './expectation';
import type { FuzzFormat } from './generatedFile';
import { Random } from './random';

export type Outcome = { readonly table: Table } | { readonly error: unknown };

const ERROR_CODES = new Set(['missing-file', 'unreadable-file', 'empty-file', 'no-header', 'ragged-row', 'not-numeric', 'binary-file', 'unknown-column', 'unsupported-format', 'parse-error', 'invalid-option', 'not-utf8', 'too-wide']);
const WARNING_CODES = new Set(['non-finite', 'duplicate-column', 'unnamed-column', 'numeric-then-text', 'mixed-types', 'skipped-column', 'out-of-range-time']);
const missingTokens = new Set(MISSING_TOKENS);

export async function outcomeOf(load: () => Promise<Table>): Promise<Outcome> {
  try {
    return { table: await load() };
  } catch (error) {
    return { error };
  }
}

/** One line naming an error: its class, code and message. */
export function describeError(error: unknown): string {
  if (error instanceof DataError) return `DataError ${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}${error.stack ? ` @ ${error.stack.split('\n').slice(1, 3).map((s) => s.trim()).join(' < ')}` : ''}`;
  return `thrown ${typeof error}: ${String(error)}`;
}

/** Compares strings by code point, as Python's `sorted` (README "Categories"). */
function codePointOrder(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether the file holds U+FFFD itself (as UTF-8 bytes, or a JSON `\ufffd` escape). */
function holdsReplacementCharacter(bytes: Uint8Array): boolean {
  for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) return true;
  return /\\ufffd/i.test(new TextDecoder().decode(bytes));
}

/**
 * What is wrong with a loaded table (empty when nothing): every column as long as the table,
 * codes inside their dictionary or -1, numbers finite or NaN, counts that match, names unique,
 * categories distinct and in code-point order, warnings that name the file and a real column,
 * and no text silently changed (U+FFFD that the file does not hold).
 */
export function tableProblems(table: Table, path: string, format: FuzzFormat, bytes: Uint8Array): string[] {
  const problems: string[] = [];
  const say = (text: string) => {
    if (problems.length < 8) problems.push(text);
  };
  if (table.source !== path) say(`source is ${JSON.stringify(table.source)}, not the path`);
  if (!Number.isInteger(table.rowCount) || table.rowCount < 0) say(`rowCount ${table.rowCount}`);
  const names = table.columns.map((c) => c.name);
  if (new Set(names).size !== names.length) say(`column names are not unique: ${JSON.stringify(names.filter((n, i) => names.indexOf(n) !== i).slice(0, 5))}`);
  const byName = new Map<string, Column>(table.columns.map((c) => [c.name, c]));
  let replacement = names.some((n) => n.includes('\uFFFD'));
  for (const column of table.columns) {
    const label = `column ${JSON.stringify(column.name)}`;
    if (typeof column.name !== 'string') say(`${label}: name is not a string`);
    if (column.kind === 'numeric') {
      if (!(column.values instanceof Float64Array)) say(`${label}: values is not a Float64Array`);
      if (column.values.length !== table.rowCount) say(`${label}: ${column.values.length} values for ${table.rowCount} rows`);
      let nan = 0;
      for (const v of column.values) {
        if (v !== v) nan++;
        else if (v === Infinity || v === -Infinity) {
          say(`${label}: holds ${v}`);
          break;
        }
      }
      if (column.missing !== nan) say(`${label}: missing ${column.missing} but ${nan} NaN`);
      if (!Number.isInteger(column.nonFinite) || column.nonFinite < 0 || column.nonFinite > column.missing) say(`${label}: nonFinite ${column.nonFinite} with missing ${column.missing}`);
      if (column.unit !== undefined && (column.unit !== 'epoch-ms' || format !== 'parquet')) say(`${label}: unit ${column.unit} in a ${format} file`);
      if (column.sortedFinite !== undefined) say(`${label}: sortedFinite set by the loader`);
    } else if (column.kind === 'categorical') {
      if (!(column.codes instanceof Int32Array)) say(`${label}: codes is not an Int32Array`);
      if (column.codes.length !== table.rowCount) say(`${label}: ${column.codes.length} codes for ${table.rowCount} rows`);
      const used = new Uint8Array(column.categories.length);
      let minus = 0;
      for (const code of column.codes) {
        if (code === -1) minus++;
        else if (!(code >= 0 && code < column.categories.length)) {
          say(`${label}: code ${code} outside 0..${column.categories.length - 1}`);
          break;
        } else used[code] = 1;
      }
      if (column.missing !== minus) say(`${label}: missing ${column.missing} but ${minus} codes are -1`);
      const unused = used.indexOf(0);
      if (unused >= 0) say(`${label}: category ${JSON.stringify(column.categories[unused])} is never used`);
      for (let i = 0; i < column.categories.length; i++) {
        const category = column.categories[i];
        if (typeof category !== 'string') say(`${label}: category ${i} is not a string`);
        if (category.includes('\uFFFD')) replacement = true;
        // Lone surrogates (JSON "\ud800" escapes) are left out: their order is not Python's, a known nit.
        if (i > 0 && !LONE_SURROGATE.test(category) && !LONE_SURROGATE.test(column.categories[i - 1]) && codePointOrder(column.categories[i - 1], category) >= 0) {
          say(`${label}: categories ${JSON.stringify(column.categories[i - 1])} and ${JSON.stringify(category)} are ${column.categories[i - 1] === category ? 'the same' : 'not in code-point order'}`);
          break;
        }
        if (format === 'csv' && (category === '' || missingTokens.has(category))) say(`${label}: the missing token ${JSON.stringify(category)} is a category`);
      }
    } else say(`${label}: kind ${(column as Column).kind}`);
  }
  for (const warning of table.warnings) {
    const label = `warning ${warning.code} ${JSON.stringify(warning.column)}`;
    if (!WARNING_CODES.has(warning.code)) say(`${label}: unknown code`);
    if (typeof warning.message !== 'string' || !warning.message.includes(path)) say(`${label}: message does not name the file`);
    if (typeof warning.column !== 'string') say(`${label}: column is not a string`);
    for (const key of ['line', 'row', 'count'] as const) {
      const v = warning[key];
      if (v !== undefined && !(Number.isInteger(v) && v >= 1)) say(`${label}: ${key} ${v}`);
    }
    const column = byName.get(warning.column);
    if (warning.code === 'non-finite' && !(column?.kind === 'numeric' && column.nonFinite > 0 && column.nonFinite === warning.count)) {
      say(`${label}: count ${warning.count} but the column is ${column ? `${column.kind}${column.kind === 'numeric' ? ` with nonFinite ${column.nonFinite}` : ''}` : 'absent'}`);
    }
    if ((warning.code === 'numeric-then-text' || warning.code === 'mixed-types') && column?.kind !== 'categorical') say(`${label}: the column is ${column?.kind ?? 'absent'}`);
    if (warning.code === 'skipped-column' && format !== 'parquet') say(`${label}: in a ${format} file`);
  }
  if (replacement && !holdsReplacementCharacter(bytes) && !table.warnings.some((w) => /UTF-8/.test(w.message))) {
    say('text holds U+FFFD that the file does not: bytes that are not UTF-8 were replaced silently (distinct values may have merged)');
  }
  for (const column of table.columns) if (column.kind === 'numeric' && column.nonFinite > 0 && !table.warnings.some((w) => w.code === 'non-finite' && w.column === column.name)) say(`column ${JSON.stringify(column.name)}: ${column.nonFinite} infinite values without a non-finite warning`);
  return problems;
}

/** What is wrong with a rejection (empty when nothing): it must be a DataError naming the file. */
export function errorProblems(error: unknown, path: string): string[] {
  if (!(error instanceof DataError)) return [`not a DataError: ${describeError(error)}`];
  const problems: string[] = [];
  if (!ERROR_CODES.has(error.code)) problems.push(`unknown code ${error.code}`);
  if (error.file !== path) problems.push(`file is ${JSON.stringify(error.file)}`);
  if (!error.message.includes(path)) problems.push(`message does not name the file: ${error.message}`);
  return problems;
}

function cellOf(column: Column, row: number): number | string | null {
  if (column.kind === 'numeric') {
    const v = column.values[row];
    return v !== v ? null : v;
  }
  const code = column.codes[row];
  return code < 0 ? null : column.categories[code];
}

function show(value: unknown): string {
  return typeof value === 'number' ? (Object.is(value, -0) ? '-0' : String(value)) : JSON.stringify(value);
}

/** Where an outcome differs from the generator's expectation (empty when it does not). */
export function expectationProblems(outcome: Outcome, expect: Expectation): string[] {
  if (expect.type === 'unknown') return [];
  const rule = expect.rule ? ` [${expect.rule}]` : '';
  if (expect.type === 'error') {
    if ('table' in outcome) return [`loaded ${outcome.table.rowCount} rows x ${outcome.table.columns.length} columns, expected a ${expect.code} error${rule}`];
    const error = outcome.error;
    if (error instanceof DataError && error.code === expect.code) return [];
    return [`expected a ${expect.code} error, got ${describeError(error)}${rule}`];
  }
  if ('error' in outcome) return [`expected ${expect.rows} rows x ${expect.columns.length} columns, got ${describeError(outcome.error)}${rule}`];
  const table = outcome.table;
  const problems: string[] = [];
  const names = table.columns.map((c) => c.name);
  const expectedNames = expect.columns.map((c) => c.name);
  if (JSON.stringify(names) !== JSON.stringify(expectedNames)) {
    return [`columns ${JSON.stringify(names.slice(0, 12))}${names.length > 12 ? `... (${names.length})` : ''}, expected ${JSON.stringify(expectedNames.slice(0, 12))}${expectedNames.length > 12 ? `... (${expectedNames.length})` : ''}${rule}`];
  }
  if (table.rowCount !== expect.rows) problems.push(`${table.rowCount} rows, expected ${expect.rows}${rule}`);
  for (const [k, want] of expect.columns.entries()) {
    const column = table.columns[k];
    const label = `column ${JSON.stringify(want.name)}`;
    if (want.kind !== undefined && column.kind !== want.kind) {
      problems.push(`${label} is ${column.kind}, expected ${want.kind}${rule}`);
      continue;
    }
    if (table.rowCount === expect.rows) {
      for (let row = 0; row < want.cells.length; row++) {
        const cell = want.cells[row];
        if (cell === undefined) continue;
        const got = cellOf(column, row);
        if (!Object.is(got, cell)) {
          problems.push(`${label} row ${row + 1}: ${show(got)}, expected ${show(cell)}${rule}`);
          break;
        }
      }
    }
    if (want.nonFinite !== undefined && column.kind === 'numeric' && column.nonFinite !== want.nonFinite) problems.push(`${label}: nonFinite ${column.nonFinite}, expected ${want.nonFinite}`);
    if (column.kind === 'numeric' && column.unit !== want.unit) problems.push(`${label}: unit ${column.unit}, expected ${want.unit}`);
  }
  if (expect.warnings) {
    const got = table.warnings.map((w) => `${w.code} ${w.column}`).sort();
    if (JSON.stringify(got) !== JSON.stringify(expect.warnings)) problems.push(`warnings ${JSON.stringify(got.slice(0, 6))}, expected ${JSON.stringify(expect.warnings.slice(0, 6))}${rule}`);
  }
  return problems.slice(0, 4);
}

function sameColumn(a: Column, b: Column): string | undefined {
  if (a.name !== b.name || a.kind !== b.kind || a.missing !== b.missing) return `${JSON.stringify(a.name)} ${a.kind} (${a.missing} missing) vs ${JSON.stringify(b.name)} ${b.kind} (${b.missing} missing)`;
  if (a.kind === 'numeric' && b.kind === 'numeric') {
    if (a.nonFinite !== b.nonFinite || a.unit !== b.unit || a.values.length !== b.values.length) return `${JSON.stringify(a.name)}: nonFinite/unit/length differ`;
    for (let i = 0; i < a.values.length; i++) if (!Object.is(a.values[i], b.values[i])) return `${JSON.stringify(a.name)} row ${i + 1}: ${show(a.values[i])} vs ${show(b.values[i])}`;
  }
  if (a.kind === 'categorical' && b.kind === 'categorical') {
    if (a.codes.length !== b.codes.length) return `${JSON.stringify(a.name)}: ${a.codes.length} vs ${b.codes.length} codes`;
    for (let i = 0; i < a.codes.length; i++) {
      const x = cellOf(a, i);
      const y = cellOf(b, i);
      if (x !== y) return `${JSON.stringify(a.name)} row ${i + 1}: ${show(x)} vs ${show(y)}`;
    }
    if (a.categories.length !== b.categories.length) return `${JSON.stringify(a.name)}: ${a.categories.length} vs ${b.categories.length} categories`;
  }
  return undefined;
}

/** The first difference between two outcomes, or undefined when they are the same. */
export function outcomeDifference(a: Outcome, b: Outcome, columnsOnly = false): string | undefined {
  if ('error' in a || 'error' in b) {
    const x = 'error' in a ? describeError(a.error) : `a table of ${a.table.rowCount} rows`;
    const y = 'error' in b ? describeError(b.error) : `a table of ${b.table.rowCount} rows`;
    return x === y ? undefined : `${x} <> ${y}`;
  }
  const [s, t] = [a.table, b.table];
  if (s.rowCount !== t.rowCount) return `${s.rowCount} vs ${t.rowCount} rows`;
  if (s.columns.length !== t.columns.length) return `${s.columns.length} vs ${t.columns.length} columns`;
  for (let k = 0; k < s.columns.length; k++) {
    const d = sameColumn(s.columns[k], t.columns[k]);
    if (d) return d;
  }
  if (!columnsOnly) {
    const w = JSON.stringify(s.warnings);
    const v = JSON.stringify(t.warnings);
    if (w !== v) return `warnings differ: ${w.slice(0, 200)} vs ${v.slice(0, 200)}`;
  }
  return undefined;
}

/** A chunking of a byte sequence: a fixed chunk size, or sizes drawn from a seed. */
export type Chunking = { readonly size: number } | { readonly seed: number; readonly max: number };

export function describeChunking(chunking: Chunking): string {
  return 'size' in chunking ? `${chunking.size}-byte chunks` : `random chunks up to ${chunking.max} bytes (seed ${chunking.seed})`;
}

/** How many chunks a chunking cuts `length` bytes into (about, for random sizes). */
export function chunkCount(chunking: Chunking, length: number): number {
  return Math.ceil(length / ('size' in chunking ? chunking.size : (chunking.max + 1) / 2));
}

/**
 * `bytes` as a `ByteSource` cut by `chunking`, handed out as `loadTable` hands them out: one reused
 * buffer, overwritten (first with 0xEE) before each chunk, so a parser that keeps a chunk without
 * copying it reads garbage.
 */
export function chunkedSource(bytes: Uint8Array, chunking: Chunking): ByteSource {
  return {
    size: bytes.length,
    *chunks() {
      const random = 'seed' in chunking ? new Random(chunking.seed) : undefined;
      const largest = 'size' in chunking ? chunking.size : chunking.max;
      const buffer = new Uint8Array(Math.max(1, Math.min(largest, bytes.length)));
      for (let at = 0; at < bytes.length; ) {
        const n = Math.min(bytes.length - at, random ? random.int(1, largest) : largest);
        buffer.fill(0xee);
        buffer.set(bytes.subarray(at, at + n));
        yield buffer.subarray(0, n);
        at += n;
      }
    },
  };
}

/**
 * Reads `source` (the bytes `head` cut into chunks) as `loadTable` reads a text file: the binary
 * check on the first KB of the file, the UTF-8 check of `textSource` and the pure parser for this
 * extension. The head is checked whole because `loadTable`'s first read is never shorter than a KB.
 */
export async function parseBytes(format: FuzzFormat, ext: string, path: string, source: ByteSource, head: Uint8Array): Promise<Table> {
  checkTextHead(path, head);
  if (format === 'jsonl') return readJsonlTable(path, textSource(path, source, 'utf-8', 'lf'));
  const tab = ext.toLowerCase() === '.tsv' || ext.toLowerCase() === '.tab';
  return readDelimitedTable(path, textSource(path, source, 'utf-8', 'any'), { delimiter: tab ? '\t' : undefined });
}
