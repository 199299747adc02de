/**
 * The report engine's one entry point: a `ReportJob` (which report, which files and columns,
 * which options) in, a typed report out. The CLI calls it in its own process; the editor calls it
 * in the report worker thread (`src/reportWorker.ts`). Both hand over the same job for the same
 * inputs, so the editor and CI can never disagree.
 *
 * A job is plain data (it crosses `postMessage`). Files carry a `label`, the name the report and
 * every message use for them (the CLI: the path as typed; the editor: the workspace-relative
 * path), while `path` is only ever read from.
 */

import { stat } from 'node:fs/promises';
import { DataError, formatFromPath, loadTable, type LoadControl, type LoadOptions, type Table } from '../data/index';
import { buildCalibrationReport, loadCalibrationTable } from './calibrationReport';
import { buildCusumReport, loadCusumTable } from './cusumReport';
import { buildDriftReport, driftReportFromSource } from './driftReport';
import { duckdbAvailable, openDuckdbSource, openOriginSource, withProgress, type DriftOrigin } from '../sources/openDriftSource';
import type { DriftSource } from '../sources/driftQuestions';
import { SourceInputError } from '../sources/sourceInputError';
import { ReportInputError } from './reportInputError';
import { loadDriftTables, type DriftLoadOptions, type TableLoader } from './loadDriftTables';
import { LOAD_OPTIONS, resolveOptions, type CALIBRATION_OPTIONS, type CUSUM_OPTIONS, type DRIFT_OPTIONS, type OptionInput } from './options';
import type { GradientReport } from './types';

/** A data file: where it is read from, and the name the report shows for it. */
export interface ReportFile {
  readonly path: string;
  readonly label: string;
}

/**
 * How every file of a job is read (`LOAD_OPTIONS`: encoding, delimiter), from the editor's
 * settings or the CLI's flags; absent options take the schema's defaults.
 */
export type ReportDataOptions = OptionInput<typeof LOAD_OPTIONS>;

export type ReportJob = (
  | {
      readonly kind: 'drift';
      readonly reference: ReportFile;
      readonly current: ReportFile;
      readonly options: OptionInput<typeof DRIFT_OPTIONS> & { readonly label?: string | null };
      /** Which columns to read and how to type them (the CLI's --columns, --categorical, --numeric). */
      readonly load?: Omit<DriftLoadOptions, 'label'>;
      /**
       * Where the rows are when they are not in the two files: two SELECTs on a database
       * (`reference` and `current` then only name them in messages), or the exported results
       * of the drift SQL (`gradient drift --from-aggregates`).
       */
      readonly from?: DriftOrigin;
    }
  | {
      readonly kind: 'calibration';
      readonly file: ReportFile;
      readonly confidence: string;
      readonly correct: string;
      readonly options: OptionInput<typeof CALIBRATION_OPTIONS>;
    }
  | {
      readonly kind: 'cusum';
      readonly file: ReportFile;
      readonly column: string;
      /** Sort the rows by this column first (time order); absent or null: file order. */
      readonly timeColumn?: string | null;
      readonly options: OptionInput<typeof CUSUM_OPTIONS>;
    }
) & { readonly data?: ReportDataOptions };

export type ReportProgress =
  | { readonly phase: 'loading'; readonly file: string; readonly rows: number; readonly bytes: number; readonly totalBytes: number }
  /** An engine that holds the data (DuckDB, a database) answering round 1 (profile) or 2 (comparison) of the drift questions. */
  | { readonly phase: 'querying'; readonly engine: string; readonly round: 'profile' | 'comparison' }
  | { readonly phase: 'computing'; readonly columns: number; readonly rows: number };

export interface RunReportControl {
  /** Reads a table (default `loadTable`; the CLI and the worker pass one that uses worker threads for big files). */
  readonly load?: TableLoader;
  /** Progress of each file's load (at most every 100 ms per file, and its end), then the computing phase. */
  readonly onProgress?: (progress: ReportProgress) => void;
  /** Aborting rejects with a `DOMException` named `AbortError` at the next load chunk or phase. */
  readonly signal?: AbortSignal;
}

const PROGRESS_INTERVAL_MS = 100;

/** The files a job reads. */
export function jobFiles(job: ReportJob): ReportFile[] {
  return job.kind === 'drift' ? [job.reference, job.current] : [job.file];
}

/** Replaces the on-disk paths in a message by the files' labels. */
export function relabel(text: string, files: readonly ReportFile[]): string {
  let out = text;
  for (const file of [...files].sort((a, b) => b.path.length - a.path.length)) {
    if (file.path !== file.label) out = out.split(file.path).join(file.label);
  }
  return out;
}

/**
 * `load` for a job's files: under their labels (the table's `source`, its warnings and its errors
 * name the label), with the job's load options (encoding, delimiter) added to every load, and
 * one cache of pipes for the job (a pipe can be read only once; a file may be loaded twice).
 */
function jobLoader(files: readonly ReportFile[], load: TableLoader, data: ReportDataOptions | undefined, kind: ReportJob['kind']): TableLoader {
  const byLabel = new Map(files.map((f) => [f.label, f]));
  const { encoding, delimiter } = resolveOptions(kind, LOAD_OPTIONS, data ?? {});
  const reading: LoadOptions = { encoding, ...(delimiter !== null ? { delimiter } : {}) };
  const pipes = new Map<string, Uint8Array>();
  return async (label: string, options: LoadOptions, control: LoadControl): Promise<Table> => {
    const file = byLabel.get(label) ?? { path: label, label };
    try {
      const table = await load(file.path, { ...options, ...reading }, { ...control, pipes });
      return { ...table, source: file.label, warnings: table.warnings.map((w) => ({ ...w, message: relabel(w.message, files) })) };
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

/** A load control that reports a file's progress at most every 100 ms (and always its end). */
function progressFor(label: string, control: RunReportControl): LoadControl {
  let last = 0;
  return {
    signal: control.signal,
    onProgress: control.onProgress
      ? (rows, bytes, totalBytes) => {
          const now = Date.now();
          if (now - last < PROGRESS_INTERVAL_MS && bytes < totalBytes) return;
          last = now;
          control.onProgress!({ phase: 'loading', file: label, rows, bytes, totalBytes });
        }
      : undefined,
  };
}

/**
 * Loads the job's files and computes its report.
 *
 * Bad input (a missing file or column, text where numbers belong, no rows, ...) rejects with a
 * `DataError` or `ReportInputError` whose message names the file (by its label), the column and
 * what to do; a bad option value (of the report or of `data`) with a `RangeError` naming it.
 *
 * @example
 * const report = await runReport({ kind: 'drift', reference: { path: 'train.csv', label: 'train.csv' },
 *   current: { path: 'prod.csv', label: 'prod.csv' }, options: {} });
 * report.summary.status; // 'ok' | 'insufficient' | 'warning' | 'drift'
 */
export async function runReport(job: ReportJob, control: RunReportControl = {}): Promise<GradientReport> {
  const load = jobLoader(jobFiles(job), control.load ?? loadTable, job.data, job.kind);
  const computing = (columns: number, rows: number) => {
    control.signal?.throwIfAborted();
    control.onProgress?.({ phase: 'computing', columns, rows });
  };
  switch (job.kind) {
    case 'drift': {
      const engine = await driftEngineFor(job).catch((error: unknown) => {
        throw asReportInputError(error, job.reference.label);
      });
      if (engine) return driftReportFromEngine(engine, job, control);
      const controls = { reference: progressFor(job.reference.label, control), current: progressFor(job.current.label, control) };
      const label = job.options.label ?? undefined;
      const tables = await loadDriftTables(
        job.reference.label,
        job.current.label,
        { ...job.load, ...(label !== undefined ? { label } : {}) },
        { signal: control.signal, onProgress: (role, rows, bytes, total) => controls[role].onProgress?.(rows, bytes, total) },
        load,
      );
      computing(tables.reference.columns.length, tables.reference.rowCount + tables.current.rowCount);
      return buildDriftReport(tables.reference, tables.current, { ...job.options, kindMismatches: tables.kindMismatches });
    }
    case 'calibration': {
      const table = await loadCalibrationTable(job.file.label, job, progressFor(job.file.label, control), load);
      computing(2, table.rowCount);
      return buildCalibrationReport(table, { ...job.options, confidence: job.confidence, correct: job.correct });
    }
    case 'cusum': {
      const table = await loadCusumTable(job.file.label, job, progressFor(job.file.label, control), load);
      computing(1, table.rowCount);
      return buildCusumReport(table, { ...job.options, column: job.column, timeColumn: job.timeColumn ?? null });
    }
  }
}

/** Formats DuckDB reads for the auto engine: the columnar and the delimited ones (JSON Lines stays in memory unless asked). */
const AUTO_DUCKDB_FORMATS = new Set(['parquet', 'csv', 'tsv']);

/**
 * The engine that holds the data of a drift job, or null for memory: the job's origin (a database,
 * exported aggregates), else DuckDB when asked for, or with `auto` when both files are Parquet or
 * CSV and together above `duckdbAboveMb`. This is the one place that choice is made.
 */
async function driftEngineFor(job: Extract<ReportJob, { kind: 'drift' }>): Promise<{ readonly source: DriftSource; readonly name: string } | null> {
  const labels = { reference: job.reference.label, current: job.current.label };
  if (job.from) {
    return { source: await openOriginSource(job.from, { labels }), name: job.from.kind === 'database' ? 'PostgreSQL' : 'the exported aggregates' };
  }
  const { engine, duckdbAboveMb, encoding, delimiter } = resolveOptions('drift', LOAD_OPTIONS, job.data ?? {});
  if (engine === 'memory') return null;
  // DuckDB reads UTF-8 and finds each file's delimiter itself, as the memory loaders do by default.
  const readsAsDuckdb = encoding === 'utf-8' && delimiter === null;
  // Auto never fails for want of DuckDB (a platform without its native library): memory reads everything.
  if (engine === 'auto' && (!readsAsDuckdb || !duckdbAvailable() || !(await largeTabularPair([job.reference.path, job.current.path], duckdbAboveMb)))) return null;
  if (!readsAsDuckdb) {
    throw new SourceInputError(`the DuckDB engine reads UTF-8 files and detects their delimiter: drop --encoding and --delimiter, or use --engine memory`);
  }
  const label = job.options.label ?? undefined;
  const columns = job.load?.columns && label !== undefined && !job.load.columns.includes(label) ? [...job.load.columns, label] : job.load?.columns;
  const source = await openDuckdbSource({ reference: job.reference.path, current: job.current.path }, { ...job.load, ...(columns ? { columns } : {}) }, { labels });
  return { source, name: 'DuckDB' };
}

async function largeTabularPair(paths: readonly string[], aboveMb: number): Promise<boolean> {
  if (!paths.every((path) => AUTO_DUCKDB_FORMATS.has(formatFromPath(path) ?? ''))) return false;
  try {
    const sizes = await Promise.all(paths.map(async (path) => (await stat(path)).size));
    return sizes[0] + sizes[1] > aboveMb * 1e6;
  } catch {
    return false; // a missing file: the memory loader says which, and what to do
  }
}

/** A drift report from a source that holds the data; the source is closed however the report ends. */
async function driftReportFromEngine(engine: { readonly source: DriftSource; readonly name: string }, job: Extract<ReportJob, { kind: 'drift' }>, control: RunReportControl): Promise<GradientReport> {
  try {
    return await driftReportFromSource(withProgress(engine.source, control.onProgress, engine.name), job.options, control.signal);
  } catch (error) {
    throw asReportInputError(error, job.reference.label);
  } finally {
    await engine.source.close?.();
  }
}

/**
 * A source's failure that comes from the data or the connection (a missing column, a file DuckDB
 * cannot parse, a malformed export, a refused login: `SourceInputError` and its kinds) as the
 * report engine's input error: one sentence for the user, never a stack. Anything else is a bug.
 */
function asReportInputError(error: unknown, file: string): unknown {
  if (error instanceof SourceInputError) {
    return new ReportInputError({ file, message: error.message, ...(error.details.column !== undefined ? { column: error.details.column } : {}), ...(error.details.reason ? { reason: error.details.reason } : {}) });
  }
  return error;
}
