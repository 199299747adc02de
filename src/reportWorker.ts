/**
 * The report worker (`dist/reportWorker.js`), GRADIENT's one worker implementation. It does one
 * of three things, as `workerData.type` says:
 * - `report`: runs `runReport` on a `ReportJob` off the extension host's thread, posting
 *   `progress` messages and then exactly one `report` or `error`. The host terminates the worker
 *   to cancel, which stops the work at once, even inside a long sort.
 * - `load`: loads one table for a `threadedLoader` (the CLI's, or this worker's own when it runs
 *   a report on big files), sending everything back by transfer.
 * - `columns`: the columns of a file from its first rows, for the column pickers.
 * Types only are shared with the host (`src/reportRunner.ts`), so the host never loads this code.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { open } from 'node:fs/promises';
import { parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { DataError, formatFromPath, loadTable, readDelimitedTable, readJsonlTable, textSource, type Column, type DataErrorDetails } from './core/data/index';
import { LOAD_OPTIONS, ReportInputError, jobFiles, relabel, resolveOptions, runReport, type GradientReport, type ReportDataOptions, type ReportFile, type ReportJob, type ReportProgress } from './core/reports/index';
import { threadedLoader, type LoadReply, type LoadRequest } from './threadedLoader';

export type WorkerRequest =
  | { readonly type: 'report'; readonly job: ReportJob }
  | LoadRequest
  /** The columns of a file, from its first rows only (for the column pickers). */
  | { readonly type: 'columns'; readonly file: ReportFile; readonly data?: ReportDataOptions };

/** A column as the pickers show it, from a sample of the first rows. */
export interface ColumnPreview {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical' | 'unknown';
  /** Sampled rows with a value. */
  readonly present: number;
  readonly min?: number;
  readonly max?: number;
  /** Every sampled value is 0 or 1 (or true/false, yes/no). */
  readonly binary: boolean;
  /** A few distinct sampled values, as text. */
  readonly examples: readonly string[];
}

export type WorkerMessage =
  | { readonly type: 'progress'; readonly progress: ReportProgress }
  | { readonly type: 'report'; readonly report: GradientReport }
  | { readonly type: 'columns'; readonly columns: readonly ColumnPreview[]; readonly sampledRows: number }
  /**
   * `input`: the data cannot make the report (the message names file and column); `credentials`:
   * a database refused the login (the editor asks for the password); `internal`: a bug.
   */
  | { readonly type: 'error'; readonly category: 'input' | 'credentials' | 'internal'; readonly message: string; readonly stack?: string };

/** Bytes read from the head of a text file for the column pickers. */
const PREVIEW_BYTES = 256 * 1024;
/** Rows read from a Parquet file for the column pickers. */
const PREVIEW_ROWS = 1000;

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

/** This very file, for the loads of big files (under tsx from source, with tsx's hook). */
const SELF = { file: __filename, execArgv: __filename.endsWith('.ts') ? ['--require', 'tsx/cjs'] : [] };

/**
 * Loads a table (sorting its numeric columns here when the options ask for `numericOrder:
 * 'sorted'`, so each file's sort runs on its own core) and sends it back by transfer.
 */
async function serveLoad(request: LoadRequest): Promise<void> {
  const send = (reply: LoadReply, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(reply, transfer);
  try {
    const table = await loadTable(request.path, request.options, {
      onProgress: (rows, bytes, total) => send({ type: 'progress', rows, bytes, total }),
    });
    const buffers = new Set<ArrayBuffer>();
    for (const c of table.columns) {
      buffers.add((c.kind === 'numeric' ? c.values : c.codes).buffer as ArrayBuffer);
      if (c.kind === 'numeric' && c.sortedFinite) buffers.add(c.sortedFinite.buffer as ArrayBuffer);
    }
    try {
      send({ type: 'table', table }, [...buffers]);
    } catch {
      send({ type: 'table', table }); // a buffer that cannot move (e.g. Node's Buffer pool): copy instead
    }
  } catch (error) {
    if (error instanceof DataError) {
      const { code, file, column, line, row, message } = error;
      const details: DataErrorDetails = { code, file, message, ...(column !== undefined ? { column } : {}), ...(line !== undefined ? { line } : {}), ...(row !== undefined ? { row } : {}) };
      send({ type: 'data-error', details });
    } else {
      const e = error instanceof Error ? error : new Error(String(error));
      send({ type: 'error', name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) });
    }
  }
}

/** The byte offset just past the last line end outside quotes (CSV) in `bytes`, or -1. */
function lastCompleteLine(bytes: Uint8Array, quoted: boolean): number {
  let inQuotes = false;
  let last = -1;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (quoted && c === 0x22) inQuotes = !inQuotes;
    else if (c === 0x0a && !inQuotes) last = i + 1;
  }
  return last;
}

function describe(column: Column): ColumnPreview {
  if (column.kind === 'numeric') {
    let min = Infinity;
    let max = -Infinity;
    let binary = true;
    let present = 0;
    const examples = new Set<string>();
    for (const v of column.values) {
      if (v !== v) continue;
      present++;
      if (v < min) min = v;
      if (v > max) max = v;
      if (v !== 0 && v !== 1) binary = false;
      if (examples.size < 4) examples.add(String(v));
    }
    return present === 0
      ? { name: column.name, kind: 'numeric', present, binary: false, examples: [] }
      : { name: column.name, kind: 'numeric', present, min, max, binary, examples: [...examples] };
  }
  const words = new Set(['true', 'false', 'yes', 'no', '0', '1']);
  const present = column.codes.length - column.missing;
  const binary = present > 0 && column.categories.every((c) => words.has(c.trim().toLowerCase()));
  return { name: column.name, kind: 'categorical', present, binary, examples: column.categories.slice(0, 4) };
}

/** A Parquet column's sampled values (numbers, bigints, booleans, strings, dates, null) as a preview. */
function describeValues(name: string, values: readonly unknown[]): ColumnPreview {
  const present = values.filter((v) => v !== null && v !== undefined);
  const numbers = present.map((v) => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.getTime() : NaN));
  if (present.length > 0 && present.every((v) => typeof v === 'number' || typeof v === 'bigint' || v instanceof Date)) {
    const finite = numbers.filter(Number.isFinite);
    return {
      name,
      kind: 'numeric',
      present: present.length,
      ...(finite.length > 0 ? { min: Math.min(...finite), max: Math.max(...finite) } : {}),
      binary: finite.every((v) => v === 0 || v === 1),
      examples: [...new Set(finite.slice(0, 50).map(String))].slice(0, 4),
    };
  }
  const texts = [...new Set(present.map((v) => String(v)))];
  const words = new Set(['true', 'false', 'yes', 'no', '0', '1']);
  return {
    name,
    kind: present.length === 0 ? 'unknown' : 'categorical',
    present: present.length,
    binary: texts.length > 0 && texts.every((t) => words.has(t.trim().toLowerCase())),
    examples: texts.sort().slice(0, 4),
  };
}

/** The columns of a file from its head: text formats parse the first 256 kB, Parquet its schema and first 1,000 rows. */
async function columns(job: Extract<WorkerRequest, { type: 'columns' }>): Promise<WorkerMessage> {
  const format = formatFromPath(job.file.path);
  const handle = await open(job.file.path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new DataError({ code: error.code === 'ENOENT' ? 'missing-file' : 'unreadable-file', file: job.file.label, message: `${job.file.label} could not be opened (${error.code ?? error.message}): check the path, or pick the file again` });
  });
  try {
    const { size } = await handle.stat();
    if (size === 0) throw new DataError({ code: 'empty-file', file: job.file.label, message: `${job.file.label} is empty (0 bytes): export the data again, or pick another file` });
    if (format === 'parquet') {
      const file = {
        byteLength: size,
        async slice(start: number, end = size): Promise<ArrayBuffer> {
          const bytes = new Uint8Array(Math.max(0, end - start));
          for (let filled = 0; filled < bytes.length; ) {
            const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, start + filled);
            if (bytesRead === 0) break;
            filled += bytesRead;
          }
          return bytes.buffer;
        },
      };
      const metadata = await parquetMetadataAsync(file);
      const names = parquetSchema(metadata)
        .children.filter((child) => child.children.length === 0 && child.element.repetition_type !== 'REPEATED')
        .map((child) => child.element.name);
      const rows = names.length === 0 ? [] : await parquetReadObjects({ file, metadata, columns: names, rowStart: 0, rowEnd: Math.min(Number(metadata.num_rows), PREVIEW_ROWS), compressors });
      return { type: 'columns', sampledRows: rows.length, columns: names.map((name) => describeValues(name, rows.map((row) => row[name]))) };
    }
    const head = new Uint8Array(Math.min(size, PREVIEW_BYTES));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const whole = bytesRead >= size;
    const end = whole ? bytesRead : lastCompleteLine(head.subarray(0, bytesRead), format !== 'jsonl');
    if (end <= 0) {
      throw new DataError({ code: 'no-header', file: job.file.label, message: `${job.file.label}: no line end in its first ${PREVIEW_BYTES / 1024} kB: is it really a ${format} file?` });
    }
    const bytes = head.subarray(0, end);
    // Read as the report will read it: the same encoding (names must match) and delimiter.
    const { encoding, delimiter } = resolveOptions('columns', LOAD_OPTIONS, job.data ?? {});
    const source = textSource(job.file.label, { size: bytes.length, chunks: () => [bytes] }, encoding, format === 'jsonl' ? 'lf' : 'any');
    const table =
      format === 'jsonl'
        ? await readJsonlTable(job.file.label, source)
        : await readDelimitedTable(job.file.label, source, delimiter !== null ? { delimiter } : format === 'tsv' ? { delimiter: '\t' } : {});
    return { type: 'columns', sampledRows: table.rowCount, columns: table.columns.map(describe) };
  } finally {
    await handle.close();
  }
}

async function serve(request: Exclude<WorkerRequest, LoadRequest>): Promise<WorkerMessage> {
  if (request.type === 'columns') return columns(request);
  const report = await runReport(request.job, {
    load: threadedLoader(SELF),
    onProgress: (progress) => post({ type: 'progress', progress }),
  });
  return { type: 'report', report };
}

if (parentPort) {
  const request = workerData as WorkerRequest;
  if (request.type === 'load') {
    void serveLoad(request);
  } else {
    const files = request.type === 'report' ? jobFiles(request.job) : [request.file];
    serve(request).then(post, (error: unknown) => {
      const input = error instanceof DataError || error instanceof ReportInputError;
      const message = error instanceof Error ? error.message : String(error);
      post({
        type: 'error',
        category: error instanceof ReportInputError && error.reason === 'credentials' ? 'credentials' : input ? 'input' : 'internal',
        message: relabel(message, files),
        ...(!input && error instanceof Error && error.stack ? { stack: error.stack } : {}),
      });
    });
  }
}
