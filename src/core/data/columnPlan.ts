/** Which columns of a file to read, in which order, and which kind each is forced to. */

import { checkColumnNames, checkKindOverrides } from './dataError';
import type { LoadOptions } from './table';
import type { KindOverride } from './textColumnBuilder';

export interface ColumnPlan {
  /** The names to output, in output order. */
  readonly selected: readonly string[];
  kindOf(name: string): KindOverride;
}

/**
 * Validates `options` against the file's column names (throwing `unknown-column` /
 * `invalid-option`) and returns what to read.
 */
export function planColumns(file: string, available: readonly string[], options: LoadOptions): ColumnPlan {
  checkKindOverrides(file, options.numeric, options.categorical);
  checkColumnNames(file, available, options.columns, 'columns');
  checkColumnNames(file, available, options.categorical, 'categorical');
  checkColumnNames(file, available, options.numeric, 'numeric');
  const numeric = new Set(options.numeric ?? []);
  const categorical = new Set(options.categorical ?? []);
  return {
    selected: options.columns ? [...new Set(options.columns)] : available,
    kindOf: (name) => (numeric.has(name) ? 'numeric' : categorical.has(name) ? 'categorical' : undefined),
  };
}

/**
 * Header names made unique the way pandas does (`mangle_dupe_cols`): an empty name becomes
 * `Unnamed: i` (0-based position) and a repeated name `name.1`, `name.2`, ...
 */
export function uniqueHeaderNames(raw: readonly string[]): { names: string[]; renamed: Array<[string, string]> } {
  const names: string[] = [];
  const renamed: Array<[string, string]> = [];
  const taken = new Set<string>();
  const counts = new Map<string, number>();
  raw.forEach((original, i) => {
    const base = original === '' ? `Unnamed: ${i}` : original;
    let name = base;
    let count = counts.get(base) ?? 0;
    while (taken.has(name)) name = `${base}.${++count}`;
    counts.set(base, count);
    taken.add(name);
    names.push(name);
    if (name !== base) renamed.push([base, name]);
  });
  return { names, renamed };
}
