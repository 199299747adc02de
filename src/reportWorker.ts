/**
 * The report worker (`dist/reportWorker.js`): loads the data files and computes one report over
 * `src/core` in a `worker_threads` thread, so that a million-row pair never blocks the extension
 * host. One worker per job: the host terminates it to cancel, which stops the work at once, even
 * inside a long sort.
 *
 * The job arrives as `workerData`; the worker posts `progress` messages (throttled) and then
 * exactly one `report`, `columns` or `error` message. Types only are shared with the host
 * (`src/reportRunner.ts`), so the host never loads this file's code.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { open } from 'node:fs/promises';
import { parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import {
  DataError,
  formatFromPath,
  loadTable,
  readDelimitedTable,
  readJsonlTable,
  type Column,
  type LoadControl,
  type LoadOptions,
  type Table,
} from './core/data/index';
import {
  ReportInputError,
  buildCalibrationReport,
  buildCusumReport,
  buildDriftReport,
  loadCalibrationTable,
  loadCusumTable,
  loadDriftTables,
  type CalibrationReportOptions,
  type CusumReport,
  type DriftReportOptions,
  type GradientReport,
  type TableLoader,
} from './core/reports/index';
import type { CusumSettings } from './settings';

/** A data file: where it is on disk, and the name messages and the report show for it. */
export interface JobFile {
  readonly path: string;
  readonly label: string;
}

export type WorkerJob =
  | { readonly kind: 'drift'; readonly reference: JobFile; readonly current: JobFile; readonly options: DriftReportOptions }
  | { readonly kind: 'calibration'; readonly file: JobFile; readonly options: CalibrationReportOptions }
  | {
      readonly kind: 'cusum';
      readonly file: JobFile;
      readonly column: string;
      /** Sort the series by this column first (time order); absent: file order. */
      readonly timeColumn?: string;
      readonly settings: CusumSettings;
    }
  /** The columns of a file, from its first rows only (for the column pickers). */
  | { readonly kind: 'columns'; readonly file: JobFile };

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
  | { readonly type: 'progress'; readonly phase: 'loading'; readonly file: string; readonly rows: number; readonly bytes: number; readonly totalBytes: number }
  | { readonly type: 'progress'; readonly phase: 'computing'; readonly columns: number; readonly rows: number }
  | { readonly type: 'report'; readonly report: GradientReport }
  | { readonly type: 'columns'; readonly columns: readonly ColumnPreview[]; readonly sampledRows: number }
  /** `input`: the data cannot make the report (the message names file and column); `internal`: a bug. */
  | { readonly type: 'error'; readonly category: 'input' | 'internal'; readonly message: string; readonly stack?: string };

const PROGRESS_INTERVAL_MS = 100;
/** Bytes read from the head of a text file for the column pickers. */
const PREVIEW_BYTES = 256 * 1024;
/** Rows read from a Parquet file for the column pickers. */
const PREVIEW_ROWS = 1000;

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

/** Replaces the on-disk paths in a message by the files' labels (workspace-relative names). */
function relabel(text: string, files: readonly JobFile[]): string {
  let out = text;
  for (const file of [...files].sort((a, b) => b.path.length - a.path.length)) {
    if (file.path !== file.label) out = out.split(file.path).join(file.label);
  }
  return out;
}

/** `loadTable` under the files' labels: the table's `source` and its warnings name the label. */
function labelledLoader(files: readonly JobFile[]): TableLoader {
  const byLabel = new Map(files.map((f) => [f.label, f]));
  return async (label: string, options: LoadOptions, control: LoadControl): Promise<Table> => {
    const file = byLabel.get(label) ?? { path: label, label };
    try {
      const table = await loadTable(file.path, options, control);
      return {
        ...table,
        source: file.label,
        warnings: table.warnings.map((w) => ({ ...w, message: relabel(w.message, files) })),
      };
    } catch (error) {
      if (error instanceof DataError) {
        throw new DataError(
          { code: error.code, file: file.label, column: error.column, line: error.line, row: error.row, message: relabel(error.message, files) },
          { cause: error },
        );
      }
      throw error;
    }
  };
}

/** Progress of a file's load, at most every 100 ms per file (and the last one always). */
function progressFor(label: string): LoadControl {
  let last = 0;
  return {
    onProgress(rows, bytes, totalBytes) {
      const now = Date.now();
      if (now - last < PROGRESS_INTERVAL_MS && bytes < totalBytes) return;
      last = now;
      post({ type: 'progress', phase: 'loading', file: label, rows, bytes, totalBytes });
    },
  };
}

async function drift(job: Extract<WorkerJob, { kind: 'drift' }>): Promise<GradientReport> {
  const files = [job.reference, job.current];
  const controls = { reference: progressFor(job.reference.label), current: progressFor(job.current.label) };
  const tables = await loadDriftTables(
    job.reference.label,
    job.current.label,
    { ...(job.options.label !== undefined ? { label: job.options.label } : {}) },
    { onProgress: (role, rows, bytes, total) => controls[role].onProgress?.(rows, bytes, total) },
    labelledLoader(files),
  );
  post({ type: 'progress', phase: 'computing', columns: tables.reference.columns.length, rows: tables.reference.rowCount + tables.current.rowCount });
  return buildDriftReport(tables.reference, tables.current, { ...job.options, kindMismatches: tables.kindMismatches });
}

async function calibration(job: Extract<WorkerJob, { kind: 'calibration' }>): Promise<GradientReport> {
  const table = await loadCalibrationTable(job.file.label, job.options, progressFor(job.file.label), labelledLoader([job.file]));
  post({ type: 'progress', phase: 'computing', columns: 2, rows: table.rowCount });
  return buildCalibrationReport(table, job.options);
}

/** `table` with every column's rows in the order of `order` (row indices). */
function reorder(table: Table, order: Int32Array): Table {
  const columns: Column[] = table.columns.map((column) =>
    column.kind === 'numeric'
      ? { ...column, values: Float64Array.from(order, (i) => column.values[i]) }
      : { ...column, codes: Int32Array.from(order, (i) => column.codes[i]) },
  );
  return { ...table, columns };
}

/**
 * Row indices sorted by the time column, stably; rows without a time go last. Text times are
 * compared as dates when every one parses as a date, else as text (ISO dates sort either way).
 */
function timeOrder(table: Table, timeColumn: string): Int32Array {
  const column = table.columns.find((c) => c.name === timeColumn);
  if (!column) {
    throw new ReportInputError({ file: table.source, column: timeColumn, message: `${table.source} has no column ${JSON.stringify(timeColumn)} (the time column): pick another one, or keep the file order` });
  }
  const keys = new Float64Array(table.rowCount);
  if (column.kind === 'numeric') {
    keys.set(column.values);
  } else {
    const asDates = column.categories.map((text) => Date.parse(text));
    const useDates = asDates.every((t) => Number.isFinite(t));
    // Categories are sorted by code point, so a code is the text's rank.
    for (let i = 0; i < keys.length; i++) {
      const code = column.codes[i];
      keys[i] = code < 0 ? NaN : useDates ? asDates[code] : code;
    }
  }
  const order = Int32Array.from({ length: table.rowCount }, (_, i) => i);
  order.sort((a, b) => {
    const ka = keys[a];
    const kb = keys[b];
    if (ka !== ka) return kb !== kb ? a - b : 1;
    if (kb !== kb) return -1;
    return ka - kb || a - b;
  });
  return order;
}

async function cusumReport(job: Extract<WorkerJob, { kind: 'cusum' }>): Promise<GradientReport> {
  const loader = labelledLoader([job.file]);
  const columns = job.timeColumn !== undefined && job.timeColumn !== job.column ? [job.column, job.timeColumn] : [job.column];
  let table =
    columns.length === 1
      ? await loadCusumTable(job.file.label, { column: job.column }, progressFor(job.file.label), loader)
      : await loader(job.file.label, { columns }, progressFor(job.file.label));
  post({ type: 'progress', phase: 'computing', columns: 1, rows: table.rowCount });
  if (job.timeColumn !== undefined) table = reorder(table, timeOrder(table, job.timeColumn));
  const { kSigmas, hSigmas, warmup } = job.settings;
  const first = buildCusumReport(table, { column: job.column, warmup });
  if (kSigmas === 0.5 && hSigmas === 5) return first;
  // k and h are set in sigmas: the sigma comes from the warm-up, so the first pass finds it.
  const second = buildCusumReport(table, {
    column: job.column,
    target: first.target,
    sigma: first.sigma,
    k: kSigmas * first.sigma,
    h: hSigmas * first.sigma,
  });
  const report: CusumReport = { ...second, warmup: first.warmup, estimated: first.estimated, sigmaClamped: first.sigmaClamped };
  return report;
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
async function columns(job: Extract<WorkerJob, { kind: 'columns' }>): Promise<WorkerMessage> {
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
    const source = { size: bytes.length, chunks: () => [bytes] };
    const table =
      format === 'jsonl'
        ? await readJsonlTable(job.file.label, source)
        : await readDelimitedTable(job.file.label, source, format === 'tsv' ? { delimiter: '\t' } : {});
    return { type: 'columns', sampledRows: table.rowCount, columns: table.columns.map(describe) };
  } finally {
    await handle.close();
  }
}

async function run(job: WorkerJob): Promise<WorkerMessage> {
  switch (job.kind) {
    case 'drift':
      return { type: 'report', report: await drift(job) };
    case 'calibration':
      return { type: 'report', report: await calibration(job) };
    case 'cusum':
      return { type: 'report', report: await cusumReport(job) };
    case 'columns':
      return columns(job);
  }
}

function jobFiles(job: WorkerJob): JobFile[] {
  return job.kind === 'drift' ? [job.reference, job.current] : [job.file];
}

if (parentPort) {
  const job = workerData as WorkerJob;
  run(job).then(post, (error: unknown) => {
    const input = error instanceof DataError || error instanceof ReportInputError;
    const message = error instanceof Error ? error.message : String(error);
    post({
      type: 'error',
      category: input ? 'input' : 'internal',
      message: relabel(message, jobFiles(job)),
      ...(!input && error instanceof Error && error.stack ? { stack: error.stack } : {}),
    });
  });
}
