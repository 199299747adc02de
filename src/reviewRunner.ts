/**
 * The host side of the code review worker (`dist/reviewWorker.js`): one persistent worker,
 * started by the first review (not at activation) and kept for the next ones so the parser loads
 * once; terminated on dispose. Requests go to it one at a time, so a request cancelled while it
 * waits is never sent. One cancelled while it runs rejects at once and its answer is dropped;
 * if it has already run for a second, the worker is terminated (which stops even a runaway
 * parse) and the next request starts a fresh one.
 */
import * as vscode from 'vscode';
import { Worker } from 'node:worker_threads';
import type { ReviewOptions, ReviewReport, ReviewSource } from './core/review/index';
import type { ReviewRequest, ReviewResponse } from './reviewWorker';

/** A cancelled review still running after this long is stopped by terminating the worker. */
const STOP_AFTER_MS = 1000;
/** A review running this long is stopped and fails, so that it never holds up the files queued behind it. */
const TIMEOUT_MS = 15000;

interface Job {
  readonly request: ReviewRequest;
  readonly resolve: (report: ReviewReport) => void;
  readonly reject: (error: unknown) => void;
  settled: boolean;
  startedAt: number;
  cancelListener?: vscode.Disposable;
  timeout?: NodeJS.Timeout;
}

export class ReviewRunner implements vscode.Disposable {
  private readonly workerPath: string;
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private running: Job | undefined;
  private nextId = 1;
  private disposed = false;

  constructor(extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {
    this.workerPath = vscode.Uri.joinPath(extensionUri, 'dist', 'reviewWorker.js').fsPath;
  }

  /** Reviews the sources in the worker; rejects with `vscode.CancellationError` when `token` fires first. */
  review(sources: readonly ReviewSource[], options: ReviewOptions, token?: vscode.CancellationToken): Promise<ReviewReport> {
    if (this.disposed || token?.isCancellationRequested) return Promise.reject(new vscode.CancellationError());
    return new Promise((resolve, reject) => {
      const job: Job = { request: { id: this.nextId++, sources, options }, resolve, reject, settled: false, startedAt: 0 };
      job.cancelListener = token?.onCancellationRequested(() => this.cancel(job));
      this.queue.push(job);
      this.pump();
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const job of [...this.queue, ...(this.running ? [this.running] : [])]) this.settle(job, () => job.reject(new vscode.CancellationError()));
    this.queue.length = 0;
    this.stopWorker();
  }

  private cancel(job: Job): void {
    if (job.settled) return;
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.settle(job, () => job.reject(new vscode.CancellationError()));
    const ran = Date.now() - job.startedAt;
    if (job === this.running && ran >= STOP_AFTER_MS) this.restart(`stopped a superseded review of ${filesOf(job)} after ${ran} ms`);
  }

  private settle(job: Job, outcome: () => void): void {
    if (job.settled) return;
    job.settled = true;
    job.cancelListener?.dispose();
    clearTimeout(job.timeout);
    outcome();
  }

  /** Sends the next queued request when the worker is free. */
  private pump(): void {
    if (this.running || this.disposed) return;
    const job = this.queue.shift();
    if (!job) return;
    let worker: Worker;
    try {
      worker = this.startedWorker();
    } catch (error) {
      this.log.error('code review: the worker could not start', error);
      this.settle(job, () => job.reject(error));
      this.pump();
      return;
    }
    this.running = job;
    job.startedAt = Date.now();
    job.timeout = setTimeout(() => {
      if (this.running !== job) return;
      this.settle(job, () => job.reject(new Error(`the review of ${filesOf(job)} took longer than ${TIMEOUT_MS / 1000} s and was stopped`)));
      this.restart(`stopped the review of ${filesOf(job)} after ${TIMEOUT_MS / 1000} s`);
    }, TIMEOUT_MS);
    worker.postMessage(job.request);
  }

  private startedWorker(): Worker {
    if (this.worker) return this.worker;
    // The parent's --inspect / loader flags do not belong in the worker.
    const worker = new Worker(this.workerPath, { execArgv: [] });
    worker.on('message', (response: ReviewResponse) => this.answered(worker, response));
    worker.on('error', (error) => {
      this.log.error('code review: the worker crashed', error);
      this.lost(worker, error);
    });
    // Out of memory ends the worker without an 'error' event.
    worker.on('exit', (code) => this.lost(worker, new Error(`the code review worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private answered(worker: Worker, response: ReviewResponse): void {
    const job = this.running;
    if (worker !== this.worker || !job || job.request.id !== response.id) return;
    this.running = undefined;
    if ('error' in response) {
      this.log.error(`code review failed: ${response.error}\n${response.stack ?? ''}`);
      this.settle(job, () => job.reject(new Error(response.error)));
    } else {
      this.settle(job, () => job.resolve(response.report));
    }
    this.pump();
  }

  /** The worker is gone (crashed or exited): its request fails, the next one starts another worker. */
  private lost(worker: Worker, error: Error): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    const job = this.running;
    this.running = undefined;
    if (job) this.settle(job, () => job.reject(error));
    this.pump();
  }

  /** Terminates the worker, which stops its review at once; the next request starts another. */
  private restart(reason: string): void {
    this.log.warn(`code review: ${reason}`);
    this.stopWorker();
    this.pump();
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.running = undefined;
    void worker?.terminate();
  }
}

function filesOf(job: Job): string {
  return job.request.sources.map((source) => source.file).join(', ');
}
