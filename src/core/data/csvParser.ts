/**
 * Incremental CSV / TSV parser (RFC 4180) over raw bytes: feed it chunks of any size with
 * `push`, then call `finish`. Fields go straight from the bytes into typed-array column
 * builders; no array per row and no string per numeric cell is ever made.
 *
 * RFC 4180 plus what pandas' C parser accepts: quoted fields with `""` escapes and embedded
 * newlines, LF / CRLF / lone CR line ends, a UTF-8 byte order mark, blank lines skipped, a
 * final line without a line end. A quote inside an unquoted field is an ordinary character
 * (`ab"c`), as in pandas. https://www.rfc-editor.org/rfc/rfc4180
 *
 * Pure: no Node APIs, so the extension host, a worker thread and the CLI share it.
 */

import { decodeUtf8 } from './categoryDictionary';
import { uniqueHeaderNames, planColumns } from './columnPlan';
import { DataError, throwIfAborted, tooManyColumnsError } from './dataError';
import { MAX_COLUMNS, PROGRESS_EVERY_ROWS, type ByteSource, type DataWarning, type LoadControl, type LoadOptions, type Table } from './table';
import { decimalScan, scanDecimal } from './parseNumber';
import { TextColumnBuilder } from './textColumnBuilder';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Delimiters tried by detection, in tie-breaking order. */
export const DETECTED_DELIMITERS = [',', '\t', ';', '|'] as const;

/** Detection samples the rows in this many bytes after the header line, at most `SAMPLE_ROWS` of them. */
const SAMPLE_BYTES = 64 * 1024;
const SAMPLE_ROWS = 100;

/**
 * The delimiter of a delimited file from its first lines. Each candidate among `, \t ; |` splits
 * the header and up to 100 rows (or 64 kB) after it as the parser would (quotes respected, blank
 * lines skipped), and is judged by the share of rows with as many fields as its header:
 * 1. among candidates that split the header and fit at least 90% of the rows, the one giving the
 *    most header fields (ties to the earlier);
 * 2. else a comma in the header (in a CSV header a comma is a delimiter, and the parser names the
 *    rows that do not fit);
 * 3. else a candidate fitting at least half the rows, the same way (its ragged rows are named);
 * 4. else one column, read with `,`.
 * So a one-column file headed `price; EUR` or `name|alias` stays one column, and a `;` file with a
 * stray ragged row is still split on `;`. Returns -1 while the header line, or the sample after
 * it, is not complete and more may come (every chunking gives the same answer).
 *
 * @example
 * detectDelimiter(new TextEncoder().encode('a;b;"c,d"\n1;2;3\n'), 0, 17, true) // 0x3b (';')
 */
export function detectDelimiter(bytes: Uint8Array, start: number, end: number, final: boolean): number {
  let inQuotes = false;
  let i = start;
  for (; i < end; i++) {
    const c = bytes[i];
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && (c === LF || c === CR)) break;
  }
  if (i === end && !final) return -1;
  const sampleEnd = i + SAMPLE_BYTES;
  if (end < sampleEnd && !final) return -1;
  const windowEnd = Math.min(end, sampleEnd);
  const splits = DETECTED_DELIMITERS.map((d) => sampleSplit(bytes, start, windowEnd, final && windowEnd === end, d.charCodeAt(0)));
  const best = (minimumFit: number): number => {
    let chosen = -1;
    splits.forEach((split, k) => {
      if (split.header >= 2 && split.fitting >= minimumFit * split.rows && (chosen < 0 || split.header > splits[chosen].header)) chosen = k;
    });
    return chosen;
  };
  let k = best(0.9);
  if (k < 0 && splits[0].header >= 2) k = 0;
  if (k < 0) k = best(0.5);
  return DETECTED_DELIMITERS[Math.max(0, k)].charCodeAt(0);
}

/**
 * The header's field count under `delimiter`, and how many of the sampled rows in `[start, end)`
 * there are and have that count. A record cut by `end` is not sampled unless `complete` (the
 * input ends there).
 */
function sampleSplit(bytes: Uint8Array, start: number, end: number, complete: boolean, delimiter: number): { header: number; rows: number; fitting: number } {
  let header = 0;
  let rows = 0;
  let fitting = 0;
  let pos = start;
  while (pos < end && rows < SAMPLE_ROWS) {
    const c = bytes[pos];
    if (c === LF || c === CR) {
      pos++;
      continue;
    }
    let fields = 1;
    let p = pos;
    let inQuotes = false;
    let atFieldStart = true;
    for (; p < end; p++) {
      const b = bytes[p];
      if (inQuotes) {
        if (b === QUOTE) {
          if (p + 1 < end && bytes[p + 1] === QUOTE) p++;
          else inQuotes = false;
        }
        continue;
      }
      if (b === QUOTE && atFieldStart) {
        inQuotes = true;
        atFieldStart = false;
        continue;
      }
      if (b === LF || b === CR) break;
      if (b === delimiter) {
        fields++;
        atFieldStart = true;
      } else atFieldStart = false;
    }
    if (p >= end && !complete) break;
    if (header === 0) header = fields;
    else {
      rows++;
      if (fields === header) fitting++;
    }
    pos = p + 1;
  }
  return { header, rows, fitting };
}

/**
 * Reads a delimited table from `bytes`: one pass, plus a second pass over the first rows when a
 * column turned categorical after holding numbers (its earlier values are needed as text).
 *
 * @param file the path shown in messages and stored as `Table.source`
 * @example
 * const bytes = new TextEncoder().encode('a,b\n1,x\n');
 * const table = await readDelimitedTable('mem.csv', { size: bytes.length, chunks: () => [bytes] });
 * table.columns.map((c) => c.kind) // ['numeric', 'categorical']
 */
export async function readDelimitedTable(
  file: string,
  bytes: ByteSource,
  setup: Omit<CsvParserSetup, 'file' | 'rescan' | 'totalBytes' | 'sourceOffset'> = {},
): Promise<Table> {
  const control = setup.control;
  const parser = new CsvParser({ ...setup, file, totalBytes: bytes.size, sourceOffset: bytes.sourceOffset });
  for await (const chunk of bytes.chunks()) {
    throwIfAborted(file, control?.signal);
    parser.push(chunk);
    control?.onProgress?.(parser.rowsRead, parser.fileBytesRead, bytes.size);
  }
  throwIfAborted(file, control?.signal);
  const result = parser.finish();
  if (result.needsRescan.length > 0) {
    const rescan = new CsvParser({ file, delimiter: result.delimiter, control, rescan: result.needsRescan });
    for await (const chunk of bytes.chunks()) {
      throwIfAborted(file, control?.signal);
      rescan.push(chunk);
      if (rescan.done) break;
    }
    if (!rescan.done) rescan.finish();
  }
  const columns = result.builders.map((builder) => builder.finish());
  control?.onProgress?.(result.rowCount, bytes.size, bytes.size);
  return { source: file, rowCount: result.rowCount, columns, warnings: result.warnings };
}

/**
 * The longest header line read: a header names the columns in a few kB (100,000 names of 160
 * bytes fit), so a first line without a line end after 16 MB is not a header (not CSV text, or
 * an unclosed quote), and reading on would only fill memory.
 */
const MAX_HEADER_BYTES = 16 * 2 ** 20;

/** Rows every column makes room for before the first row: enough that small files never grow. */
const INITIAL_ROWS = 16_384;

/**
 * The rows each column makes room for at the start: 16,384, or fewer when the file cannot hold
 * that many. A row of `columns` fields takes at least `columns` bytes (the delimiters and its
 * line end), so `remainingBytes / columns` bounds the row count: a 100,000-column file of 0.8 MB
 * reserves 9 rows per column, not 16,384 (1.3 GB per 10,000 columns). Unknown size: start small
 * and double. Long files are sized once after their first 1,000 rows (`reserveFromEstimate`).
 */
function initialRows(remainingBytes: number, columns: number): number {
  if (!(remainingBytes > 0)) return 16;
  return Math.max(16, Math.min(INITIAL_ROWS, Math.floor(remainingBytes / Math.max(1, columns)) + 1));
}

export interface CsvParserSetup {
  /** The path shown in messages. */
  readonly file: string;
  /** A single character; undefined: detect from the header line. */
  readonly delimiter?: string;
  readonly options?: LoadOptions;
  readonly control?: LoadControl;
  /** The file size, for progress and for sizing the column arrays once. */
  readonly totalBytes?: number;
  /** File bytes behind the first n bytes pushed, when they differ (`ByteSource.sourceOffset`). */
  readonly sourceOffset?: (consumed: number) => number;
  /** Second pass: only re-read the text of these builders' first `rescanRows` rows. */
  readonly rescan?: readonly TextColumnBuilder[];
}

export interface CsvParseResult {
  /** Every header name, made unique. */
  readonly header: readonly string[];
  readonly rowCount: number;
  /** The builders of the selected columns, in output order. */
  readonly builders: readonly TextColumnBuilder[];
  readonly warnings: readonly DataWarning[];
  /** Builders whose first rows must be read again as text (a column that turned categorical). */
  readonly needsRescan: readonly TextColumnBuilder[];
  readonly delimiter: string;
}

export class CsvParser {
  /** True once a second pass has read every row it needs: stop pushing. */
  done = false;

  private readonly file: string;
  private readonly control: LoadControl | undefined;
  private readonly totalBytes: number;
  private delimiter: number;
  private buffer: Uint8Array = new Uint8Array(0);
  /** Do not scan again before the unfinished bytes reach this many. */
  private rescanAfter = 0;
  private bufferLength = 0;
  /** Where scanning resumes in `buffer`. */
  private position = 0;
  /** Bytes of the file before `buffer[0]`. */
  private bufferBase = 0;
  private bomChecked = false;
  /** Line number (1-based) of the next record. */
  private line = 1;
  /** Lines inside the record just scanned beyond its first (embedded newlines). */
  private embeddedLines = 0;
  private rows = 0;

  // Field boundaries of the record being scanned: start, end (exclusive), 0 plain / 1 quoted / 2 quoted with "".
  private fieldStarts = new Int32Array(64);
  private fieldEnds = new Int32Array(64);
  private fieldQuoting = new Uint8Array(64);
  /** The number parsed while scanning a field of a numeric column, or NaN (general path). */
  private fieldNumbers = new Float64Array(64);
  /** 1 at the header positions of columns still numeric: their fields are parsed while scanned. */
  private numericFields = new Uint8Array(64);
  /** 1 for the bytes that end an unquoted field: the delimiter, LF and CR. */
  private readonly fieldStops = new Uint8Array(256);
  private fieldCount = 0;
  private scratch = new Uint8Array(256);
  private scratchLength = 0;

  private header: string[] | null = null;
  private readonly warnings: DataWarning[] = [];
  private outputBuilders: TextColumnBuilder[] = [];
  /** Header positions of the columns read, in file order, with their builders. */
  private targetIndexes = new Int32Array(0);
  private targetBuilders: TextColumnBuilder[] = [];
  private readonly rescanBuilders: readonly TextColumnBuilder[] | undefined;
  private rescanLimit = 0;
  private reserved = false;

  constructor(private readonly setup: CsvParserSetup) {
    this.file = setup.file;
    this.control = setup.control;
    this.totalBytes = setup.totalBytes ?? 0;
    this.delimiter = setup.delimiter === undefined ? -1 : setup.delimiter.charCodeAt(0);
    this.rescanBuilders = setup.rescan;
    if (setup.rescan) this.rescanLimit = Math.max(0, ...setup.rescan.map((b) => b.rescanRows));
  }

  /** Data rows read so far. */
  get rowsRead(): number {
    return this.rows;
  }

  /** Bytes pushed and consumed so far (the unfinished last record not included). */
  get bytesRead(): number {
    return this.bufferBase + this.position;
  }

  /** `bytesRead` in bytes of the file (they differ when the text was transcoded). */
  get fileBytesRead(): number {
    return this.setup.sourceOffset ? this.setup.sourceOffset(this.bytesRead) : this.bytesRead;
  }

  /** Feeds the next bytes of the file. `chunk` is copied, never modified, and may be reused. */
  push(chunk: Uint8Array): void {
    if (this.done || chunk.length === 0) return;
    // Always scanning our own Uint8Array keeps the hot loops monomorphic (a Node Buffer has
    // another hidden class); the copy costs far less than a slower scan.
    const leftover = this.bufferLength - this.position;
    const size = leftover + chunk.length;
    if (size <= this.buffer.length) {
      if (this.position > 0) this.buffer.copyWithin(0, this.position, this.bufferLength);
    } else {
      // Doubling keeps a record longer than many chunks linear to assemble.
      const grown = new Uint8Array(Math.max(size, 2 * leftover, chunk.length + (chunk.length >>> 2)));
      grown.set(this.buffer.subarray(this.position, this.bufferLength));
      this.buffer = grown;
    }
    this.buffer.set(chunk, leftover);
    this.bufferBase += this.position;
    this.bufferLength = size;
    this.position = 0;
    // An unfinished record is scanned again from its start: wait until it can have doubled.
    if (size < this.rescanAfter) return;
    this.process(false);
    const unfinished = this.bufferLength - this.position;
    this.rescanAfter = unfinished > 0 ? 2 * unfinished : 0;
  }

  /** Ends the input and returns what was read. */
  finish(): CsvParseResult {
    if (!this.done) this.process(true);
    if (this.header === null) {
      throw new DataError({
        code: 'no-header',
        file: this.file,
        message: `${this.file} has no header line, only blank lines: the first line must name the columns`,
      });
    }
    const needsRescan = this.rescanBuilders ? [] : this.outputBuilders.filter((b) => b.rescanRows > 0);
    for (const builder of this.outputBuilders) this.addBuilderWarnings(builder);
    return {
      header: this.header,
      rowCount: this.rows,
      builders: this.outputBuilders,
      warnings: this.warnings,
      needsRescan,
      delimiter: String.fromCharCode(this.delimiter),
    };
  }

  private process(final: boolean): void {
    const bytes = this.buffer;
    const end = this.bufferLength;
    let pos = this.position;
    if (!this.bomChecked) {
      if (end - pos < 3 && !final) return;
      if (end - pos >= 3 && bytes[pos] === 0xef && bytes[pos + 1] === 0xbb && bytes[pos + 2] === 0xbf) pos += 3;
      this.bomChecked = true;
    }
    while (pos < end) {
      const c = bytes[pos];
      if (c === LF) {
        pos++;
        this.line++;
        continue;
      }
      if (c === CR) {
        if (pos + 1 >= end && !final) break;
        pos += pos + 1 < end && bytes[pos + 1] === LF ? 2 : 1;
        this.line++;
        continue;
      }
      if (this.delimiter < 0) {
        this.delimiter = detectDelimiter(bytes, pos, end, final);
        if (this.delimiter < 0) break;
      }
      if (this.fieldStops[LF] === 0) {
        this.fieldStops[this.delimiter] = 1;
        this.fieldStops[LF] = 1;
        this.fieldStops[CR] = 1;
      }
      const next = this.scanRecord(bytes, pos, end, final);
      if (next < 0) break;
      if (this.header === null && next - pos > MAX_HEADER_BYTES) throw this.headerTooLong();
      if (this.header === null) this.readHeader(bytes, this.bufferBase + next);
      else this.readRecord(bytes);
      this.line += 1 + this.embeddedLines;
      pos = next;
      if ((this.rows & (PROGRESS_EVERY_ROWS - 1)) === 0 && this.rows > 0) {
        this.position = pos;
        this.reportProgress();
      }
      if (this.done) break;
    }
    this.position = pos;
    if (this.header === null && end - pos > MAX_HEADER_BYTES) throw this.headerTooLong();
    if (!this.reserved && this.rows >= 1000 && !this.rescanBuilders) this.reserveFromEstimate();
  }

  /**
   * Scans one record from `pos`, filling the field arrays. Returns the position after its line
   * end, or -1 when the data ends inside the record and more may come.
   */
  private scanRecord(bytes: Uint8Array, start: number, end: number, final: boolean): number {
    const delimiter = this.delimiter;
    const stops = this.fieldStops;
    let pos = start;
    let count = 0;
    let embedded = 0;
    for (;;) {
      if (count === this.fieldStarts.length) this.growFields();
      if (pos < end && bytes[pos] === QUOTE) {
        let p = pos + 1;
        let escaped = false;
        for (;;) {
          if (p >= end) {
            if (!final) return -1;
            throw this.unclosedQuote(count);
          }
          const c = bytes[p];
          if (c === QUOTE) {
            if (p + 1 >= end && !final) return -1;
            if (p + 1 < end && bytes[p + 1] === QUOTE) {
              escaped = true;
              p += 2;
              continue;
            }
            break;
          }
          if (c === LF || (c === CR && (p + 1 >= end || bytes[p + 1] !== LF))) embedded++;
          p++;
        }
        this.fieldStarts[count] = pos + 1;
        this.fieldEnds[count] = p;
        this.fieldQuoting[count] = escaped ? 2 : 1;
        count++;
        pos = p + 1;
        if (pos >= end) {
          if (!final) return -1;
          this.endRecord(count, embedded);
          return end;
        }
        const c = bytes[pos];
        if (c === delimiter) {
          pos++;
          continue;
        }
        if (c === LF) {
          this.endRecord(count, embedded);
          return pos + 1;
        }
        if (c === CR) {
          if (pos + 1 >= end && !final) return -1;
          this.endRecord(count, embedded);
          return pos + 1 < end && bytes[pos + 1] === LF ? pos + 2 : pos + 1;
        }
        throw this.textAfterQuote(count - 1, embedded);
      }
      let p = pos;
      if (this.numericFields[count] === 1) {
        // Parse while scanning: a number ends exactly where the field ends.
        const value = scanDecimal(bytes, pos, end);
        p = decimalScan.end;
        this.fieldNumbers[count] = p < end && stops[bytes[p]] === 0 ? NaN : value;
      }
      while (p < end && stops[bytes[p]] === 0) p++;
      this.fieldStarts[count] = pos;
      this.fieldEnds[count] = p;
      this.fieldQuoting[count] = 0;
      count++;
      if (p >= end) {
        if (!final) return -1;
        this.endRecord(count, embedded);
        return end;
      }
      const c = bytes[p];
      if (c === delimiter) {
        pos = p + 1;
        continue;
      }
      if (c === LF) {
        this.endRecord(count, embedded);
        return p + 1;
      }
      if (p + 1 >= end && !final) return -1;
      this.endRecord(count, embedded);
      return p + 1 < end && bytes[p + 1] === LF ? p + 2 : p + 1;
    }
  }

  private endRecord(count: number, embedded: number): void {
    this.fieldCount = count;
    this.embeddedLines = embedded;
  }

  /**
   * Hands field `k` to `use` as bytes: straight from the buffer, or, for a quoted field with
   * doubled quotes, unescaped into a scratch buffer (the input is never modified, so a caller
   * may push the same bytes again for a second pass).
   */
  private unescaped(bytes: Uint8Array, k: number): Uint8Array {
    const start = this.fieldStarts[k];
    const end = this.fieldEnds[k];
    if (this.scratch.length < end - start) this.scratch = new Uint8Array(Math.max(end - start, 2 * this.scratch.length));
    const scratch = this.scratch;
    let write = 0;
    for (let read = start; read < end; read++) {
      const c = bytes[read];
      scratch[write++] = c;
      if (c === QUOTE) read++;
    }
    this.scratchLength = write;
    return scratch;
  }

  /** Reads the header record, which ends at file offset `headerEnd`, and sets up the columns. */
  private readHeader(bytes: Uint8Array, headerEnd: number): void {
    if (this.fieldCount > MAX_COLUMNS) throw this.tooManyColumns();
    const raw: string[] = [];
    for (let k = 0; k < this.fieldCount; k++) {
      raw.push(
        this.fieldQuoting[k] === 2
          ? decodeUtf8(this.unescaped(bytes, k), 0, this.scratchLength)
          : decodeUtf8(bytes, this.fieldStarts[k], this.fieldEnds[k]),
      );
    }
    const { names, renamed } = uniqueHeaderNames(raw);
    this.header = names;
    for (const [original, name] of renamed) {
      this.warnings.push({
        code: 'duplicate-column',
        column: name,
        line: this.line,
        message:
          `${this.file}: the header names ${JSON.stringify(original)} more than once; a later one is read as ` +
          `${JSON.stringify(name)} (as pandas does): rename it in the file to choose the name`,
      });
    }
    for (const [k, name] of names.entries()) {
      if (raw[k] === '') {
        this.warnings.push({
          code: 'unnamed-column',
          column: name,
          line: this.line,
          message: `${this.file}: header column ${k + 1} has no name; it is read as ${JSON.stringify(name)} (as pandas does)`,
        });
      }
    }
    if (this.rescanBuilders) {
      const byName = new Map(this.rescanBuilders.map((b) => [b.name, b]));
      const indexes: number[] = [];
      this.targetBuilders = [];
      names.forEach((name, i) => {
        const builder = byName.get(name);
        if (builder) {
          indexes.push(i);
          this.targetBuilders.push(builder);
        }
      });
      this.targetIndexes = Int32Array.from(indexes);
      if (this.rescanLimit === 0) this.done = true;
      return;
    }
    const plan = planColumns(this.file, names, this.setup.options ?? {});
    const capacity = initialRows(this.totalBytes - headerEnd, names.length);
    const bySelected = new Map<string, TextColumnBuilder>();
    for (const name of plan.selected) bySelected.set(name, new TextColumnBuilder(name, plan.kindOf(name), this.file, capacity));
    this.outputBuilders = plan.selected.map((name) => bySelected.get(name)!);
    const indexes: number[] = [];
    this.targetBuilders = [];
    names.forEach((name, i) => {
      const builder = bySelected.get(name);
      if (builder) {
        indexes.push(i);
        this.targetBuilders.push(builder);
      }
    });
    this.targetIndexes = Int32Array.from(indexes);
    while (this.numericFields.length < names.length) this.growFields();
    for (const [t, k] of indexes.entries()) this.numericFields[k] = this.targetBuilders[t].categorical ? 0 : 1;
  }

  private readRecord(bytes: Uint8Array): void {
    const expected = this.header!.length;
    if (this.fieldCount !== expected) throw this.raggedRow(expected);
    const indexes = this.targetIndexes;
    const builders = this.targetBuilders;
    const line = this.line;
    if (this.rescanBuilders) {
      const row = this.rows;
      for (let t = 0; t < indexes.length; t++) {
        const builder = builders[t];
        if (row >= builder.rescanRows) continue;
        const k = indexes[t];
        if (this.fieldQuoting[k] === 2) builder.rescanAdd(this.unescaped(bytes, k), 0, this.scratchLength, row);
        else builder.rescanAdd(bytes, this.fieldStarts[k], this.fieldEnds[k], row);
      }
      this.rows++;
      if (this.rows >= this.rescanLimit) this.done = true;
      return;
    }
    const starts = this.fieldStarts;
    const ends = this.fieldEnds;
    const quoting = this.fieldQuoting;
    const numbers = this.fieldNumbers;
    const numeric = this.numericFields;
    for (let t = 0; t < indexes.length; t++) {
      const k = indexes[t];
      const builder = builders[t];
      if (numeric[k] === 1 && quoting[k] === 0) {
        const value = numbers[k];
        if (value - value === 0) {
          builder.addNumber(value);
          continue;
        }
      }
      if (quoting[k] === 2) builder.add(this.unescaped(bytes, k), 0, this.scratchLength, line);
      else builder.add(bytes, starts[k], ends[k], line);
      if (numeric[k] === 1 && builder.categorical) numeric[k] = 0;
    }
    this.rows++;
  }

  private reportProgress(): void {
    throwIfAborted(this.file, this.control?.signal);
    if (!this.rescanBuilders) {
      this.control?.onProgress?.(this.rows, this.fileBytesRead, this.totalBytes);
      throwIfAborted(this.file, this.control?.signal);
    }
  }

  /** Sizes every column once from the average record length so far. */
  private reserveFromEstimate(): void {
    this.reserved = true;
    const consumed = this.fileBytesRead;
    if (this.totalBytes <= consumed) return;
    const estimate = Math.ceil((this.totalBytes / consumed) * this.rows * 1.02) + 16;
    for (const builder of this.outputBuilders) builder.reserve(estimate);
  }

  private addBuilderWarnings(builder: TextColumnBuilder): void {
    const name = JSON.stringify(builder.name);
    if (builder.nonFinite > 0) {
      this.warnings.push({
        code: 'non-finite',
        column: builder.name,
        line: builder.firstNonFiniteLine,
        count: builder.nonFinite,
        message:
          `${this.file} column ${name} has ${builder.nonFinite} infinite value(s) (first: ` +
          `${JSON.stringify(builder.firstNonFiniteText)} at line ${builder.firstNonFiniteLine}); ` +
          `they are counted as missing because drift statistics are not defined for infinity`,
      });
    }
    if (builder.switchLine > 0) {
      this.warnings.push({
        code: 'numeric-then-text',
        column: builder.name,
        line: builder.switchLine,
        message:
          `${this.file} column ${name} holds numbers but line ${builder.switchLine} has ` +
          `${JSON.stringify(builder.switchText)}, so the column is read as categorical: fix the value, ` +
          `or pass --numeric ${builder.name} to stop at every such line, or --categorical ${builder.name} to keep it categorical`,
      });
    }
  }

  private growFields(): void {
    // A header is refused once it has more fields than allowed, before they fill memory.
    if (this.header === null && this.fieldStarts.length > MAX_COLUMNS) throw this.tooManyColumns();
    const size = this.fieldStarts.length * 2;
    const starts = new Int32Array(size);
    starts.set(this.fieldStarts);
    const ends = new Int32Array(size);
    ends.set(this.fieldEnds);
    const quoting = new Uint8Array(size);
    quoting.set(this.fieldQuoting);
    const numbers = new Float64Array(size);
    numbers.set(this.fieldNumbers);
    const numeric = new Uint8Array(size);
    numeric.set(this.numericFields);
    this.fieldStarts = starts;
    this.fieldEnds = ends;
    this.fieldQuoting = quoting;
    this.fieldNumbers = numbers;
    this.numericFields = numeric;
  }

  private columnLabel(field: number): string {
    const name = this.header?.[field];
    return name === undefined ? `field ${field + 1}` : `column ${JSON.stringify(name)}`;
  }

  private unclosedQuote(field: number): DataError {
    return new DataError({
      code: 'parse-error',
      file: this.file,
      line: this.line,
      column: this.header?.[field],
      message:
        `${this.file} line ${this.line}, ${this.columnLabel(field)}: a quoted field is never closed: ` +
        `add the closing quote ("), and double every quote inside a quoted field ("")`,
    });
  }

  private textAfterQuote(field: number, embedded: number): DataError {
    const line = this.line + embedded;
    return new DataError({
      code: 'parse-error',
      file: this.file,
      line,
      column: this.header?.[field],
      message:
        `${this.file} line ${line}, ${this.columnLabel(field)}: text follows the closing quote of a quoted field: ` +
        `quote the whole field, and double every quote inside it ("")`,
    });
  }

  private tooManyColumns(): DataError {
    return tooManyColumnsError(this.file, MAX_COLUMNS, { line: this.line, what: `line ${this.line}, the header` });
  }

  private headerTooLong(): DataError {
    return new DataError({
      code: 'too-wide',
      file: this.file,
      line: this.line,
      message:
        `${this.file} line ${this.line} (the header) is longer than ${MAX_HEADER_BYTES / 2 ** 20} MB: a header names the columns in a few kB; ` +
        `check that the file is CSV or TSV text and that every quote in its first line is closed`,
    });
  }

  private raggedRow(expected: number): DataError {
    const count = this.fieldCount;
    const advice =
      count > expected
        ? 'fix the row or quote the field that contains the delimiter'
        : 'fix the row or add the missing fields (an empty field is read as missing)';
    return new DataError({
      code: 'ragged-row',
      file: this.file,
      line: this.line,
      message: `${this.file} line ${this.line} has ${count} field${count === 1 ? '' : 's'} but the header has ${expected}: ${advice}`,
    });
  }
}
