/**
 * The code review worker (`dist/reviewWorker.js`): a persistent `worker_threads` worker that loads
 * the Python parser once (`createReviewer()`, about 100 ms of WebAssembly) and then answers review
 * requests, one `ReviewResponse` per `ReviewRequest`, in the order they came. Parsing and the rules
 * never run on the extension host's thread, so typing never waits for them.
 *
 * The host (`src/reviewRunner.ts`) sends one request at a time and drops the answers it no longer
 * wants; to stop a review that runs too long it terminates the worker and starts another on the
 * next request. Types only are shared with the host, so the host never loads this code.
 */
import { parentPort } from 'node:worker_threads';
import { createReviewer, type ReviewOptions, type ReviewReport, type ReviewSource } from './core/review/index';

export interface ReviewRequest {
  /** Chosen by the host; the response carries it back. */
  readonly id: number;
  readonly sources: readonly ReviewSource[];
  readonly options: ReviewOptions;
}

export type ReviewResponse =
  | { readonly id: number; readonly report: ReviewReport }
  /** The review threw (a bug, or the parser's .wasm files missing): the message, and the stack for the log. */
  | { readonly id: number; readonly error: string; readonly stack?: string };

if (parentPort) {
  const port = parentPort;
  const reviewer = createReviewer();
  // A failed load is reported with each request (below), not as an unhandled rejection.
  reviewer.catch(() => undefined);
  port.on('message', (request: ReviewRequest) => {
    reviewer
      .then((loaded) => loaded.review(request.sources, request.options))
      .then(
        (report): ReviewResponse => ({ id: request.id, report }),
        (error: unknown): ReviewResponse => ({
          id: request.id,
          error: error instanceof Error ? error.message : String(error),
          ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
        }),
      )
      .then((response) => port.postMessage(response));
  });
}
