/**
 * The table loader the CLI and the report worker hand to `runReport`: big files are parsed in a
 * worker thread of their own (`dist/reportWorker.js`, the one worker implementation), so the two
 * files of a drift report load at the same time, one per core, and each thread sorts its numeric
 * columns (the drift report loads with `numericOrder: 'sorted'`) while the other file is still
 * loading. Tables come back as transferred buffers, not copies. Small files load in the calling thread: starting a worker
 * costs more than it saves below 16 MB.
 *
 * GRADIENT_THREADS=off keeps every load in the calling thread; =on uses a worker at any size.
 */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { DataError, loadTable, type DataErrorDetails, type LoadOptions, type Table } from './core/data/index';
import type { TableLoader } from './core/reports/index';

/** Files at least this big are loaded in a worker thread. */
const WORKER_MIN_BYTES = 16 * 2 ** 20;

/** What the report worker is asked to do when it loads one table for a `threadedLoader`. */
export interface LoadRequest {
  readonly type: 'load';
  readonly path: string;
  readonly options: LoadOptions;
}

export type LoadReply =
  | { readonly type: 'progress'; readonly rows: number; readonly bytes: number; readonly total: number }
  | { readonly type: 'table'; readonly table: Table }
  | { readonly type: 'data-error'; readonly details: DataErrorDetails }
  | { readonly type: 'error'; readonly name: string; readonly message: string; readonly stack?: string };

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
 * A `TableLoader` that parses files of 16 MB and more in a worker thread running `script`, which
 * answers a `LoadRequest` with `LoadReply` messages (`serveLoad` in reportWorker.ts).
 */
export function threadedLoader(script: WorkerScript): TableLoader {
  const mode = process.env.GRADIENT_THREADS;
  return (path, options, control) => {
    if (mode === 'off' || (mode !== 'on' && fileBytes(path) < WORKER_MIN_BYTES)) return loadTable(path, options, control);
    return new Promise<Table>((resolve, reject) => {
      let settled = false;
      const worker = new Worker(script.file, { workerData: { type: 'load', path, options } satisfies LoadRequest, execArgv: [...script.execArgv] });
      const settle = (action: () => void) => {
        if (settled) return;
        settled = true;
        control.signal?.removeEventListener('abort', abort);
        void worker.terminate();
        action();
      };
      const abort = () => settle(() => reject(control.signal!.reason ?? new DOMException('The load was aborted', 'AbortError')));
      control.signal?.addEventListener('abort', abort, { once: true });
      worker.on('message', (reply: LoadReply) => {
        switch (reply.type) {
          case 'progress':
            control.onProgress?.(reply.rows, reply.bytes, reply.total);
            break;
          case 'table':
            settle(() => resolve(reply.table));
            break;
          case 'data-error':
            settle(() => reject(new DataError(reply.details)));
            break;
          case 'error': {
            const error = new Error(reply.message);
            error.name = reply.name;
            if (reply.stack) error.stack = reply.stack;
            settle(() => reject(error));
            break;
          }
        }
      });
      worker.on('error', (error) => settle(() => reject(error)));
      worker.on('exit', (code) => settle(() => reject(new Error(`the worker loading ${path} stopped (exit code ${code})`))));
    });
  };
}
