/**
 * Reports as JSON (`--format json`): the report object itself, indented two spaces, with arrays
 * of plain values (bin edges, the CUSUM statistic, alarm rows) kept on one line so that a
 * 100,000-point series stays one line rather than 100,000. Parsing the output gives back an
 * object deep-equal to the report.
 */

import type { GradientReport } from './types';
import { escapeControls } from './vocabulary';

function isPlain(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

/** JSON.stringify semantics (undefined properties dropped, non-finite numbers -> null). */
function write(value: unknown, indent: string): string | undefined {
  if (value === undefined || typeof value === 'function') return undefined;
  if (isPlain(value)) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isPlain)) return `[${value.map((v) => JSON.stringify(v ?? null)).join(', ')}]`;
    return `[\n${value.map((v) => `${inner}${write(v, inner) ?? 'null'}`).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .map(([key, v]) => [key, write(v, inner)] as const)
    .filter(([, text]) => text !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, text]) => `${inner}${JSON.stringify(key)}: ${text}`).join(',\n')}\n${indent}}`;
}

/**
 * A report as JSON text, ending with a newline.
 *
 * @example
 * JSON.parse(renderJson(report)).schemaVersion; // => 1
 */
export function renderJson(report: GradientReport): string {
  // JSON.stringify escapes C0 but leaves C1 and bidi controls raw; as \u escapes they parse back
  // to the same strings and cannot act on a terminal that shows the JSON.
  return escapeControls(`${write(report, '')}\n`, 'keep');
}
