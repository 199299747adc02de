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
 * Header names made unique the way pandas 1.5's C parser does (`mangle_dupe_cols`,
 * `pandas/_libs/parsers.pyx` `_get_header`): an empty name becomes `Unnamed: i` (0-based
 * position); named columns are made unique first, left to right, then the unnamed ones; a
 * repeated name becomes `name.1`, `name.2`, ..., skipping a suffix the header already holds, so
 * `a,a,a.1` reads as `a`, `a.2`, `a.1` (not `a`, `a.1`, `a.1.1`) and matches a pandas notebook.
 *
 * @example
 * uniqueHeaderNames(['a', 'a', 'a.1', '']).names // ['a', 'a.2', 'a.1', 'Unnamed: 3']
 */
export function uniqueHeaderNames(raw: readonly string[]): { names: string[]; renamed: Array<[string, string]> } {
  const bases = raw.map((original, i) => (original === '' ? `Unnamed: ${i}` : original));
  const names = [...bases];
  // How many columns currently hold each name: pandas asks `col in this_header` of the header
  // as it is being renamed.
  const holding = new Map<string, number>();
  for (const name of names) holding.set(name, (holding.get(name) ?? 0) + 1);
  const order = [...raw.keys()].filter((i) => raw[i] !== '').concat([...raw.keys()].filter((i) => raw[i] === ''));
  const counts = new Map<string, number>();
  for (const i of order) {
    const base = names[i];
    let name = base;
    let count = counts.get(name) ?? 0;
    while (count > 0) {
      counts.set(base, count + 1);
      name = `${base}.${count}`;
      count = (holding.get(name) ?? 0) > 0 ? count + 1 : (counts.get(name) ?? 0);
    }
    if (name !== base) {
      holding.set(base, holding.get(base)! - 1);
      holding.set(name, (holding.get(name) ?? 0) + 1);
      names[i] = name;
    }
    counts.set(name, count + 1);
  }
  const renamed = names.flatMap((name, i): Array<[string, string]> => (name !== bases[i] ? [[bases[i], name]] : []));
  return { names, renamed };
}
