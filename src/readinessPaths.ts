/**
 * Which workspace files the editor's readiness check reads and watches. Pure (no `vscode`), so the
 * reader, the file watcher and the unit tests agree on one list.
 */

import { SKIPPED_FOLDERS } from './core/readiness/index';

/** The folders no reader descends into (the core's list), as globs for `workspace.findFiles`' exclude. */
export const SKIPPED_FOLDER_GLOBS: readonly string[] = [...SKIPPED_FOLDERS].map((name) => `**/${name}/**`);

/** The files whose change can change an answer: tests, configs, metric records, JUnit files. */
export const WATCHED_GLOB = '**/*.{py,yaml,yml,xml,json}';

const WATCHED_EXTENSION = /\.(py|ya?ml|xml|json)$/i;

/**
 * Whether a root-relative path (`/` separators) lies in a skipped folder.
 * @example isSkippedPath('venv/lib/python3.11/site-packages/x.py'); // => true
 * @example isSkippedPath('tests/test_serving.py'); // => false
 */
export function isSkippedPath(file: string): boolean {
  return file.split('/').slice(0, -1).some((segment) => SKIPPED_FOLDERS.has(segment));
}

/**
 * Whether a change to this root-relative path should re-run the readiness check.
 * @example isWatchedPath('configs/rollback.yaml'); // => true
 * @example isWatchedPath('node_modules/x/package.json'); // => false
 */
export function isWatchedPath(file: string): boolean {
  return WATCHED_EXTENSION.test(file) && !isSkippedPath(file);
}
