/**
 * Incremental JSON Lines parser: one JSON object per line, columns are the union of the keys
 * (in first-seen order), a key absent from a line is missing there.
 *
 * Typing follows the JSON value, not its text: numbers are numeric, strings and booleans
 * (`"true"` / `"false"`) are categorical, `null` is missing. A string is never a missing token
 * here (JSON can say null). A key holding both numbers and strings is categorical, the numbers
 * written as JavaScript prints them, with a `mixed-types` warning. A nested object or array
 * is an error naming its line, unless the key is left out with `columns`.
 * https://jsonlines.org/
 *
 * Pure: no Node APIs.
 */

import { DataError, checkColumnNames, checkKindOverrides, throwIfAborted, tooManyColumnsError } from './dataError';
import { MAX_COLUMNS, PROGRESS_EVERY_ROWS, type ByteSource, type Column, type DataWarning, type LoadControl, type LoadOptions, type Table } from './table';
import { ValueColumnBuilder, describeLocation } from './valueColumnBuilder';

const LF = 0x0a;

/**
 * Reads a JSON Lines table from `bytes`.
 *
 * @param file the path shown in messages and stored as `Table.source`
 * @example
 * const bytes = new TextEncoder().encode('{"a": 1}\n{"a": 2, "b": "x"}\n');
 * const table = await readJsonlTable('mem.jsonl', { size: bytes.length, chunks: () => [bytes] });
 * table.columns.map((c) => `${c.name}:${c.kind}:${c.missing}`) // ['a:numeric:0', 'b:categorical:1']
 */
export async function readJsonlTable(
  file: string,
  bytes: ByteSource,
  setup: Omit<JsonlParserSetup, 'file' | 'totalBytes' | 'sourceOffset'> = {},
): Promise<Table> {
  const control = setup.control;
  const fileOffset = bytes.sourceOffset ?? ((consumed: number) => consumed);
  const parser = new JsonlParser({ ...setup, file, totalBytes: bytes.size, sourceOffset: fileOffset });
  let read = 0;
  for await (const chunk of bytes.chunks()) {
    throwIfAborted(file, control?.signal);
    read += chunk.length;
    parser.push(chunk);
    control?.onProgress?.(parser.rowsRead, fileOffset(read), bytes.size);
  }
  throwIfAborted(file, control?.signal);
  const result = parser.finish();
  control?.onProgress?.(result.rowCount, bytes.size, bytes.size);
  return { source: file, ...result };
}

export interface JsonlParserSetup {
  readonly file: string;
  readonly options?: LoadOptions;
  readonly control?: LoadControl;
  readonly totalBytes?: number;
  /** File bytes behind the first n bytes pushed, when they differ (`ByteSource.sourceOffset`). */
  readonly sourceOffset?: (consumed: number) => number;
}

export interface JsonlParseResult {
  readonly rowCount: number;
  readonly columns: readonly Column[];
  readonly warnings: readonly DataWarning[];
}

export class JsonlParser {
  private readonly file: string;
  private readonly decoder = new TextDecoder('utf-8');
  /** The unfinished last line: `pending[0, pendingLength)`. */
  private pending: Uint8Array = new Uint8Array(0);
  private pendingLength = 0;
  private bytesDone = 0;
  private line = 0;
  private rows = 0;
  private readonly builders = new Map<string, ValueColumnBuilder>();
  /** Every key seen, selected or not, in first-seen order (for unknown-column messages). */
  private readonly seenKeys = new Set<string>();
  private readonly selected: ReadonlySet<string> | undefined;
  private readonly numeric: ReadonlySet<string>;
  private readonly categorical: ReadonlySet<string>;

  constructor(private readonly setup: JsonlParserSetup) {
    this.file = setup.file;
    const options = setup.options ?? {};
    checkKindOverrides(this.file, options.numeric, options.categorical);
    this.selected = options.columns ? new Set(options.columns) : undefined;
    this.numeric = new Set(options.numeric ?? []);
    this.categorical = new Set(options.categorical ?? []);
  }

  get rowsRead(): number {
    return this.rows;
  }

  /**
   * Feeds the next bytes of the file. Only the new chunk is searched for a line end, and an
   * unfinished line grows in a buffer that doubles: a line of any length costs linear time.
   */
  push(chunk: Uint8Array): void {
    const lastNewline = chunk.lastIndexOf(LF);
    if (lastNewline < 0) {
      this.keep(chunk);
      return;
    }
    const lines = chunk.subarray(0, lastNewline + 1);
    if (this.pendingLength === 0) {
      this.processText(this.decoder.decode(lines, { stream: true }), lines.length);
    } else {
      this.keep(lines);
      const length = this.pendingLength;
      this.pendingLength = 0;
      this.processText(this.decoder.decode(this.pending.subarray(0, length), { stream: true }), length);
    }
    this.keep(chunk.subarray(lastNewline + 1));
  }

  /** Appends `bytes` (copied: a chunk may be a reused buffer) to the unfinished line. */
  private keep(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const needed = this.pendingLength + bytes.length;
    if (needed > this.pending.length) {
      const grown = new Uint8Array(Math.max(needed, 2 * this.pending.length, 1024));
      grown.set(this.pending.subarray(0, this.pendingLength));
      this.pending = grown;
    }
    this.pending.set(bytes, this.pendingLength);
    this.pendingLength = needed;
  }

  /** Ends the input and returns the table's columns. */
  finish(): JsonlParseResult {
    const rest = this.decoder.decode(this.pending.subarray(0, this.pendingLength));
    if (rest.length > 0) this.processText(rest, this.pendingLength);
    this.pending = new Uint8Array(0);
    this.pendingLength = 0;
    const options = this.setup.options ?? {};
    const available = [...this.seenKeys];
    if (this.line === 0 || (available.length === 0 && this.rows === 0)) {
      throw new DataError({
        code: 'empty-file',
        file: this.file,
        message: `${this.file} holds no JSON records, only blank lines: export the data again`,
      });
    }
    checkColumnNames(this.file, available, options.columns, 'columns');
    checkColumnNames(this.file, available, options.categorical, 'categorical');
    checkColumnNames(this.file, available, options.numeric, 'numeric');
    const order = options.columns ? [...new Set(options.columns)] : [...this.builders.keys()];
    const warnings: DataWarning[] = [];
    const columns = order.map((name) => {
      const builder = this.builders.get(name)!;
      this.addWarnings(builder, warnings);
      return builder.finish(this.rows);
    });
    return { rowCount: this.rows, columns, warnings };
  }

  private processText(text: string, byteLength: number): void {
    let start = 0;
    if (this.line === 0 && this.bytesDone === 0 && text.charCodeAt(0) === 0xfeff) start = 1;
    const signal = this.setup.control?.signal;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      this.line++;
      this.readLine(text.slice(start, end));
      start = end + 1;
      if ((this.rows & (PROGRESS_EVERY_ROWS - 1)) === 0 && this.rows > 0) {
        throwIfAborted(this.file, signal);
        this.setup.control?.onProgress?.(this.rows, this.setup.sourceOffset?.(this.bytesDone) ?? this.bytesDone, this.setup.totalBytes ?? 0);
        throwIfAborted(this.file, signal);
      }
    }
    this.bytesDone += byteLength;
  }

  private readLine(text: string): void {
    if (text.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      throw new DataError(
        {
          code: 'parse-error',
          file: this.file,
          line: this.line,
          message:
            `${this.file} line ${this.line} is not valid JSON (${(error as Error).message}): ` +
            `each line must hold exactly one JSON object`,
        },
        { cause: error },
      );
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      const what = record === null ? 'null' : Array.isArray(record) ? 'an array' : `a ${typeof record}`;
      throw new DataError({
        code: 'parse-error',
        file: this.file,
        line: this.line,
        message:
          `${this.file} line ${this.line} holds ${what}, not a JSON object: ` +
          `each line must be one object such as {"age": 31, "city": "Oslo"}`,
      });
    }
    const row = this.rows;
    const where = { line: this.line };
    const fields = record as Record<string, unknown>;
    // `for...in` gives the line's order except for array-index keys ("2", "10"), which JavaScript
    // enumerates first in numeric order (and so first of all): then the text says the order.
    let firstKey: string | undefined;
    for (const key in fields) {
      firstKey = key;
      break;
    }
    if (firstKey !== undefined && isArrayIndex(firstKey)) {
      for (const key of topLevelKeys(text)) this.readField(key, fields[key], row, where);
    } else {
      for (const key in fields) this.readField(key, fields[key], row, where);
    }
    this.rows++;
  }

  /** Stores one field of row `row`, creating its column the first time the key is seen. */
  private readField(key: string, value: unknown, row: number, where: { line: number }): void {
    let builder = this.builders.get(key);
    if (builder === undefined) {
      if (!this.seenKeys.has(key) && this.seenKeys.size === MAX_COLUMNS) {
        throw tooManyColumnsError(this.file, MAX_COLUMNS, { line: this.line, what: `line ${this.line} brings key number ${(MAX_COLUMNS + 1).toLocaleString('en-US')}` });
      }
      this.seenKeys.add(key);
      if (this.selected && !this.selected.has(key)) return;
      const forced = this.numeric.has(key) ? 'numeric' : this.categorical.has(key) ? 'categorical' : undefined;
      builder = new ValueColumnBuilder(key, forced, this.file);
      this.builders.set(key, builder);
    }
    switch (typeof value) {
      case 'number':
        builder.setNumber(row, value, where);
        break;
      case 'string':
        builder.setText(row, value, where);
        break;
      case 'boolean':
        builder.setText(row, value ? 'true' : 'false', where);
        break;
      default:
        if (value === null) break;
        throw new DataError({
          code: 'parse-error',
          file: this.file,
          line: this.line,
          column: key,
          message:
            `${this.file} line ${this.line}, field ${JSON.stringify(key)} holds ${Array.isArray(value) ? 'an array' : 'a nested object'}: ` +
            `GRADIENT reads flat records; flatten it (pandas.json_normalize) or leave the field out (--columns ${this.columnsHint(key)})`,
        });
    }
  }

  private columnsHint(exclude: string): string {
    return [...this.builders.keys()].filter((k) => k !== exclude).slice(0, 4).join(',') || 'NAME';
  }

  private addWarnings(builder: ValueColumnBuilder, warnings: DataWarning[]): void {
    const name = JSON.stringify(builder.name);
    // A mixed column is categorical: its infinities are labels, not missing values.
    if (builder.nonFinite > 0 && builder.firstNonFinite && !builder.mixed) {
      warnings.push({
        code: 'non-finite',
        column: builder.name,
        ...builder.firstNonFinite,
        count: builder.nonFinite,
        message:
          `${this.file} field ${name} has ${builder.nonFinite} infinite value(s) (first at ` +
          `${describeLocation(builder.firstNonFinite)}); they are counted as missing because drift statistics are not defined for infinity`,
      });
    }
    if (builder.mixed && builder.firstText && builder.firstNumber) {
      warnings.push({
        code: 'mixed-types',
        column: builder.name,
        ...builder.firstText,
        message:
          `${this.file} field ${name} holds numbers (first at ${describeLocation(builder.firstNumber)}) and text ` +
          `(${JSON.stringify(builder.firstTextValue)} at ${describeLocation(builder.firstText)}), so it is read as categorical: ` +
          `write every value as a number, or pass --categorical ${builder.name} to keep it categorical`,
      });
    }
  }
}

/** Whether `key` is an array index, which JavaScript enumerates before every other key, in numeric order. */
function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 2 ** 32 - 1;
}

/**
 * The distinct top-level keys of the JSON object `text` (already parsed, so valid), in the order
 * the text writes them: the order pandas gives the columns.
 *
 * @example
 * topLevelKeys('{"b": 1, "2": {"x": 3}, "10": "}"}') // ['b', '2', '10']
 */
function topLevelKeys(text: string): string[] {
  const keys = new Set<string>();
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: find its closing quote, skipping escapes.
      let end = i + 1;
      while (text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c ? 2 : 1;
      if (depth === 1 && expectKey) keys.add(JSON.parse(text.slice(i, end + 1)) as string);
      expectKey = false;
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      expectKey = depth === 1;
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x2c && depth === 1) expectKey = true;
  }
  return [...keys];
}
