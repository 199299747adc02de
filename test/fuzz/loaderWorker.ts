/**
 * The worker thread the loader checks run in (`run.ts` starts it): a parser that loops forever or
 * takes quadratic time is stopped from outside, by the supervising thread, when a step passes its
 * bound, and the case is recorded as a hang instead of stalling the run.
 */
import { parentPort } from 'node:worker_threads';
import { runLoaderChecks, type LoaderCase } from './loaderChecks';

export type ToWorker = { readonly type: 'case'; readonly id: number; readonly input: LoaderCase };
export type FromWorker =
  | { readonly type: 'step'; readonly id: number; readonly step: string; readonly boundMs: number }
  | { readonly type: 'result'; readonly id: number; readonly result: Awaited<ReturnType<typeof runLoaderChecks>> }
  | { readonly type: 'crash'; readonly id: number; readonly message: string };

const port = parentPort;
if (port) {
  port.on('message', (message: ToWorker) => {
    const { id, input } = message;
    const post = (reply: FromWorker) => port.postMessage(reply);
    runLoaderChecks(input, (step, boundMs) => post({ type: 'step', id, step, boundMs }))
      .then((result) => post({ type: 'result', id, result }))
      .catch((error: unknown) => post({ type: 'crash', id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
  });
}
