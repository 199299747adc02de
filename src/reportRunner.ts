/**
 * The host side of the report worker: runs one job in a fresh `worker_threads` worker
 * (`dist/reportWorker.js`), reports its progress, and terminates it on cancellation, which stops
 * the work at once. The extension host's thread only ever receives small messages.
 *
 * Failures: an input problem (a `DataError` or `ReportInputError` in the worker) becomes a
 * `UserFacingError` with the worker's message as is (it names the file and the column); anything
 * else is one line for the user and the details in the GRADIENT log.
 */
import * as vscode from 'vscode';
import { Worker } from 'node:worker_threads';
import { UserFacingError } from './commands';
import type { GradientReport, ReportDataOptions, ReportFile, ReportJob, ReportProgress } from './core/reports/index';
import type { ColumnPreview, WorkerMessage, WorkerRequest } from './reportWorker';

export type { ColumnPreview } from './reportWorker';

/** What the worker is doing, for a progress line. */
export type RunProgress = ReportProgress;

/** A database refused the login: the message says which connection and where the password was looked for. */
export class CredentialsError extends UserFacingError {}

export interface RunOptions {
  readonly token?: vscode.CancellationToken;
  readonly onProgress?: (progress: RunProgress) => void;
}

export class ReportRunner {
  private readonly workerPath: string;

  constructor(extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {
    this.workerPath = vscode.Uri.joinPath(extensionUri, 'dist', 'reportWorker.js').fsPath;
  }

  /** Computes a report; rejects with `vscode.CancellationError` when `token` fires first. */
  async report(job: ReportJob, options: RunOptions = {}): Promise<GradientReport> {
    const message = await this.run({ type: 'report', job }, options);
    if (message.type !== 'report') throw new Error(`the report worker answered ${message.type} to a report job`);
    return message.report;
  }

  /** The columns of a data file, from its first rows (Parquet: its schema). */
  async columns(file: ReportFile, data: ReportDataOptions, token?: vscode.CancellationToken): Promise<{ columns: readonly ColumnPreview[]; sampledRows: number }> {
    const message = await this.run({ type: 'columns', file, data }, { token });
    if (message.type !== 'columns') throw new Error(`the report worker answered ${message.type} to a columns job`);
    return message;
  }

  private run(request: Exclude<WorkerRequest, { type: 'load' }>, { token, onProgress }: RunOptions): Promise<Exclude<WorkerMessage, { type: 'progress' | 'error' }>> {
    if (token?.isCancellationRequested) return Promise.reject(new vscode.CancellationError());
    const started = Date.now();
    const kind = request.type === 'report' ? request.job.kind : 'columns';
    const what = request.type === 'columns' ? request.file.label : request.job.kind === 'drift' ? `${request.job.reference.label} vs ${request.job.current.label}` : request.job.file.label;
    this.log.info(`${kind} job started: ${what}`);
    return new Promise((resolve, reject) => {
      let worker: Worker;
      try {
        // The parent's --inspect / loader flags do not belong in the worker.
        worker = new Worker(this.workerPath, { workerData: request, execArgv: [] });
      } catch (error) {
        this.log.error('the report worker could not start', error);
        reject(new UserFacingError(vscode.l10n.t('the report worker ({0}) could not start: reinstall GRADIENT. Details are in the GRADIENT log.', this.workerPath)));
        return;
      }
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        cancelListener?.dispose();
        void worker.terminate();
        outcome();
      };
      const cancelListener = token?.onCancellationRequested(() => {
        this.log.info(`${kind} job cancelled after ${Date.now() - started} ms: ${what}`);
        finish(() => reject(new vscode.CancellationError()));
      });
      worker.on('message', (message: WorkerMessage) => {
        if (settled) return;
        switch (message.type) {
          case 'progress':
            onProgress?.(message.progress);
            return;
          case 'error':
            finish(() => {
              if (message.category === 'input' || message.category === 'credentials') {
                this.log.warn(`${kind} job: ${message.message}`);
                reject(message.category === 'credentials' ? new CredentialsError(message.message) : new UserFacingError(message.message));
              } else {
                this.log.error(`${kind} job failed: ${message.message}\n${message.stack ?? ''}`);
                reject(new UserFacingError(vscode.l10n.t('the {0} report failed unexpectedly ({1}). Details are in the GRADIENT log.', kind, firstLine(message.message))));
              }
            });
            return;
          default:
            this.log.info(`${kind} job done in ${Date.now() - started} ms: ${what}`);
            finish(() => resolve(message));
        }
      });
      worker.on('error', (error) => {
        this.log.error(`${kind} job: the worker crashed`, error);
        finish(() => reject(new UserFacingError(vscode.l10n.t('the {0} report failed unexpectedly ({1}). Details are in the GRADIENT log.', kind, firstLine(error.message)))));
      });
      worker.on('exit', (code) => {
        // Out of memory ends the worker without an 'error' event.
        finish(() => reject(new UserFacingError(vscode.l10n.t('the {0} report stopped before it finished (worker exit code {1}): the files may be too large for the memory available.', kind, code))));
      });
    });
  }
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0].trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
