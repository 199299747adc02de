/**
 * One column of a table as numbers, for the reports that read named columns (calibration,
 * CUSUM): a missing column, or text where numbers belong, becomes a `ReportInputError` that
 * names the file, the place and the column.
 */

import { DataError, findColumn, parseNumericText, type CategoricalColumn, type Column, type LoadControl, type Table } from '../data/index';
import type { TableLoader } from './loadDriftTables';
import { ReportInputError } from './reportInputError';

/** The column called `name`, or a `ReportInputError` listing the columns there are. */
export function requireColumn(table: Table, name: string, role: string): Column {
  const column = findColumn(table, name);
  if (column) return column;
  const names = table.columns.map((c) => JSON.stringify(c.name));
  const shown = names.length > 12 ? `${names.slice(0, 12).join(', ')} and ${names.length - 12} more` : names.join(', ');
  const near = table.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  throw new ReportInputError({
    file: table.source,
    column: name,
    message:
      `${table.source} has no column ${JSON.stringify(name)} (${role}): ` +
      (near ? `did you mean ${JSON.stringify(near.name)}? ` : '') +
      `its columns are ${shown}; names are case-sensitive`,
  });
}

/**
 * Where row `row` (0-based) of a column is, for a message: the line a loader warning recorded for
 * the first text in a numeric-looking column when `row` is that first text, else `row N` (1-based
 * data row, the header not counted).
 */
export function placeOf(table: Table, column: Column, row: number, firstText: boolean): string {
  if (firstText) {
    const warning = table.warnings.find(
      (w) => w.column === column.name && (w.code === 'numeric-then-text' || w.code === 'mixed-types'),
    );
    if (warning?.line !== undefined) return `line ${warning.line}`;
    if (warning?.row !== undefined) return `row ${warning.row}`;
  }
  return `row ${row + 1}`;
}

const TRUE_WORDS = new Set(['true', 'yes']);
const FALSE_WORDS = new Set(['false', 'no']);

/**
 * The values of a column as a `Float64Array` (NaN where missing). A categorical column is
 * accepted only when each of its values is a number (a column forced to categories) or, with
 * `booleans`, true/false/yes/no in any case (read as 1/0); the first other value is an error
 * "FILE line N, column "c": "abc" is not a number: `expected`".
 */
export function numericValues(table: Table, column: Column, expected: string, booleans: boolean): Float64Array {
  if (column.kind === 'numeric') return column.values;
  const valueOf = column.categories.map((text) => categoryNumber(text, booleans));
  const isWord = column.categories.map((text) => parseNumericText(text) === undefined);
  const out = new Float64Array(column.codes.length);
  // A loader warning's line marks the first text in the column: right for the offending value
  // only when no accepted word (true/false) came before it.
  let wordBefore = false;
  for (let i = 0; i < column.codes.length; i++) {
    const code = column.codes[i];
    if (code < 0) {
      out[i] = NaN;
      continue;
    }
    const value = valueOf[code];
    if (value === undefined) throw textError(table, column, i, expected, booleans, !wordBefore);
    if (isWord[code]) wordBefore = true;
    out[i] = value;
  }
  return out;
}

function categoryNumber(text: string, booleans: boolean): number | undefined {
  if (booleans) {
    const word = text.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return 1;
    if (FALSE_WORDS.has(word)) return 0;
  }
  const value = parseNumericText(text);
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

function textError(
  table: Table,
  column: CategoricalColumn,
  row: number,
  expected: string,
  booleans: boolean,
  firstText: boolean,
): ReportInputError {
  const text = column.categories[column.codes[row]];
  const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
  const what = booleans ? 'a number or true/false' : 'a number';
  return new ReportInputError({
    file: table.source,
    column: column.name,
    message: `${table.source} ${placeOf(table, column, row, firstText)}, column ${JSON.stringify(column.name)}: ${shown} is not ${what}: ${expected}`,
  });
}

/** Throws when the table has no data rows. */
export function requireRows(table: Table): void {
  if (table.rowCount === 0) {
    throw new ReportInputError({
      file: table.source,
      message: `${table.source} has a header but no data rows: export the data again, or pick another file`,
    });
  }
}

/**
 * Loads only the columns named in `roles`; a name the file lacks becomes the loader's message
 * with the column's role ("the confidence column") in place of the option it came through.
 */
export async function loadColumns(path: string, roles: ReadonlyMap<string, string>, control: LoadControl, load: TableLoader): Promise<Table> {
  try {
    return await load(path, { columns: [...roles.keys()] }, control);
  } catch (error) {
    const role = error instanceof DataError && error.code === 'unknown-column' && error.column !== undefined ? roles.get(error.column) : undefined;
    if (!role) throw error;
    throw new ReportInputError({ file: path, column: (error as DataError).column, message: (error as DataError).message.replace('(asked for by columns)', `(${role})`) });
  }
}
