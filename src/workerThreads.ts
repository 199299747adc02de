/**
 * The worker threads the CLI and the report worker hand to `runReport` (each runs
 * `dist/reportWorker.js`, the one worker implementation):
 * - `threadedLoader`: big files are parsed in a worker thread of their own, so the two files of
 *   a drift report load at the same time, one per core, and each thread sorts its numeric columns
 *   (the drift report loads with `numericOrder: 'sorted'`). Tables come back as transferred
 *   buffers, not copies. Small files load in the calling thread: starting a worker costs more
 *   than it saves below 16 MB.
 * - `threadedComparer`: once both files are loaded, part of the drift comparison runs in a worker
 *   thread while the calling thread compares the rest (`parallelMemorySource`), the columns moved
 *   there, not copied.
 *
 * GRADIENT_THREADS=off keeps all of it in the calling thread; =on uses worker threads at any size.
 */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { DataError, loadTable, type DataErrorDetails, type LoadOptions, type Table } from './core/data/index';
import type { TableLoader } from './core/reports/index';
import type { NumericComparer, NumericComparison, NumericComparisonQuestion } from './core/sources/index';

/** Files at least this big are loaded in a worker thread. */
const WORKER_MIN_BYTES = 16 * 2 ** 20;
/** Numeric comparisons of at least this many values are shared with a worker thread (see `NumericComparer.minValues`). */
const COMPARER_MIN_VALUES = 2_000_000;

/** What the report worker is asked to do when it loads one table for a `threadedLoader`. */
export interface LoadRequest {
  readonly type: 'load';
  readonly path: string;
  readonly options: LoadOptions;
}

/** How a worker says its request failed: bad data (the message names file and line), or another error. */
export type FailureReply =
  | { readonly type: 'data-error'; readonly details: DataErrorDetails }
  | { readonly type: 'error'; readonly name: string; readonly message: string; readonly stack?: string };

export type LoadReply =
  | { readonly type: 'progress'; readonly rows: number; readonly bytes: number; readonly total: number }
  | { readonly type: 'table'; readonly table: Table }
  | FailureReply;

/** Where the worker code is and how to start it (run from source under tsx, it needs tsx's hook). */
export interface WorkerScript {
  readonly file: string;
  readonly execArgv: readonly string[];
}

function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // loadTable words the error
  }
}

/**
 * Runs one request in a new worker thread running `script` and settles with what `answer` makes
 * of its replies (undefined: not yet). The worker is terminated when the promise settles, when
 * `signal` aborts, or on its error or exit; a `data-error` reply becomes a `DataError`, an
 * `error` reply an `Error` with the worker's stack.
 */
function inWorker<Reply extends { readonly type: string }, T>(
  script: WorkerScript,
  request: LoadRequest | CompareRequest,
  transferList: readonly ArrayBuffer[],
  signal: AbortSignal | undefined,
  answer: (reply: Exclude<Reply, FailureReply>) => T | undefined,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const aborted = () => signal!.reason ?? new DOMException('The work was aborted', 'AbortError');
    if (signal?.aborted) return reject(aborted());
    let settled = false;
    const worker = new Worker(script.file, { workerData: request, transferList: [...transferList], execArgv: [...script.execArgv] });
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      void worker.terminate();
      action();
    };
    const abort = () => settle(() => reject(aborted()));
    signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (reply: Reply | FailureReply) => {
      if (reply.type === 'data-error') {
        const { details } = reply as Extract<FailureReply, { type: 'data-error' }>;
        settle(() => reject(new DataError(details)));
        return;
      }
      if (reply.type === 'error') {
        const { name, message, stack } = reply as Extract<FailureReply, { type: 'error' }>;
        const error = new Error(message);
        error.name = name;
        if (stack) error.stack = stack;
        settle(() => reject(error));
        return;
      }
      const value = answer(reply as Exclude<Reply, FailureReply>);
      if (value !== undefined) settle(() => resolve(value));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the worker thread stopped before it answered (exit code ${code})`))));
  });
}

/**
 * A `TableLoader` that parses files of 16 MB and more in a worker thread running `script`, which
 * answers a `LoadRequest` with `LoadReply` messages (`serveLoad` in reportWorker.ts).
 */
export function threadedLoader(script: WorkerScript): TableLoader {
  const mode = process.env.GRADIENT_THREADS;
  return (path, options, control) => {
    if (mode === 'off' || (mode !== 'on' && fileBytes(path) < WORKER_MIN_BYTES)) return loadTable(path, options, control);
    const request: LoadRequest = { type: 'load', path, options };
    return inWorker<LoadReply, Table>(script, request, [], control.signal, (reply) => {
      if (reply.type === 'progress') control.onProgress?.(reply.rows, reply.bytes, reply.total);
      return reply.type === 'table' ? reply.table : undefined;
    });
  };
}

/** What the report worker is asked to do when it compares numeric columns for a `threadedComparer`. */
export interface CompareRequest {
  readonly type: 'compare';
  readonly reference: Table;
  readonly current: Table;
  readonly questions: readonly NumericComparisonQuestion[];
}

export type CompareReply = { readonly type: 'compared'; readonly answers: readonly NumericComparison[] } | FailureReply;

/**
 * A `NumericComparer` that compares in a worker thread running `script` (`serveCompare` in
 * reportWorker.ts), the columns' arrays moved there, not copied. Undefined with
 * GRADIENT_THREADS=off; with =on it takes any size of work.
 */
export function threadedComparer(script: WorkerScript): NumericComparer | undefined {
  const mode = process.env.GRADIENT_THREADS;
  if (mode === 'off') return undefined;
  return {
    minValues: mode === 'on' ? 0 : COMPARER_MIN_VALUES,
    compare(reference, current, questions, signal) {
      const request: CompareRequest = { type: 'compare', reference, current, questions };
      const buffers = new Set<ArrayBuffer>();
      for (const column of [...reference.columns, ...current.columns]) {
        buffers.add((column.kind === 'numeric' ? column.values : column.codes).buffer as ArrayBuffer);
        if (column.kind === 'numeric' && column.sortedFinite) buffers.add(column.sortedFinite.buffer as ArrayBuffer);
      }
      return inWorker<CompareReply, readonly NumericComparison[]>(script, request, [...buffers], signal, (reply) => reply.answers);
    },
  };
}
