/**
 * Loading the two files of a drift report so that they can be compared column by column: the
 * one place that knows the two loads belong together (the CLI and the panel both call it).
 */

import { DataError, loadTable, type Column, type LoadControl, type LoadOptions, type Table } from '../data/index';
import type { KindMismatch } from './types';

/** Which columns to read and how to type them, for both files. */
export interface DriftLoadOptions {
  /** Read only these columns. A name may be missing from one file (it is reported as skipped), not from both. */
  readonly columns?: readonly string[];
  /** Read these columns as categories in both files. */
  readonly categorical?: readonly string[];
  /** Read these columns as numbers in both files; text in them is an error naming the line. */
  readonly numeric?: readonly string[];
  /** The label column, read along with `columns` when those are restricted. */
  readonly label?: string;
}

export type DriftFileRole = 'reference' | 'current';

export interface DriftLoadControl {
  /** Progress of each file's load (see `LoadControl.onProgress`). */
  readonly onProgress?: (role: DriftFileRole, rowsRead: number, bytesRead: number, totalBytes: number) => void;
  readonly signal?: AbortSignal;
}

/** How a table is read: `loadTable`, or a stand-in (a worker thread, a test double). */
export type TableLoader = (path: string, options: LoadOptions, control: LoadControl) => Promise<Table>;

type NameList = 'columns' | 'categorical' | 'numeric';
const NAME_LISTS: readonly NameList[] = ['columns', 'categorical', 'numeric'];

interface LenientLoad {
  readonly table: Table;
  /** Names asked for that the file does not have, with the error that said so. */
  readonly absent: ReadonlyMap<string, DataError>;
}

/**
 * Loads a file with the requested names, leaving out (and remembering) those the file lacks, so
 * that a column present in only one of the two files is reported rather than fatal.
 */
async function loadLenient(path: string, requested: LoadOptions, control: LoadControl, load: TableLoader): Promise<LenientLoad> {
  let options: LoadOptions = requested;
  const absent = new Map<string, DataError>();
  for (;;) {
    try {
      return { table: await load(path, options, control), absent };
    } catch (error) {
      const name = error instanceof DataError && error.code === 'unknown-column' ? error.column : undefined;
      const listed = name !== undefined && NAME_LISTS.some((list) => options[list]?.includes(name));
      if (!listed || absent.has(name)) throw error;
      absent.set(name, error as DataError);
      options = { ...options };
      for (const list of NAME_LISTS) {
        const names = options[list];
        if (names) options = { ...options, [list]: names.filter((n) => n !== name) };
      }
    }
  }
}

function withColumns(table: Table, replacements: readonly Column[]): Table {
  const byName = new Map(replacements.map((c) => [c.name, c]));
  return { ...table, columns: table.columns.map((c) => byName.get(c.name) ?? c) };
}

export interface DriftTables {
  readonly reference: Table;
  readonly current: Table;
  /** Columns read again as text (pass them to `buildDriftReport` as `kindMismatches`). */
  readonly kindMismatches: readonly KindMismatch[];
}

/**
 * Both loads, which run at the same time; when both files are bad, the error is always the
 * reference's (the user fixes the files in that order, and the same input always gives the same
 * message). A reference error rejects at once; a current error waits for the reference's load.
 */
async function referenceFirst<R, C>(reference: Promise<R>, current: Promise<C>): Promise<[R, C]> {
  const currentSettled = current.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const referenceValue = await reference;
  const settled = await currentSettled;
  if (!settled.ok) throw settled.error;
  return [referenceValue, settled.value];
}

/**
 * Loads the reference and the current file for `buildDriftReport`, concurrently.
 *
 * - A name in `columns`, `categorical` or `numeric` that one file lacks is dropped for that file
 *   (the report lists the column as skipped); a name neither file has is the reference file's
 *   `unknown-column` error. The label is exempt: `buildDriftReport` words that error.
 * - A column read as numbers from one file and as text from the other is read again, as text,
 *   from the file that had numbers, so both sides keep the spelling of their file ("1.0" stays
 *   "1.0") when the report compares them as categories.
 *
 * - Numeric columns come sorted (`numericOrder: 'sorted'`): a drift report uses them only as
 *   distributions, and sorting while loading spares a copy of every column.
 *
 * Errors are the loader's `DataError`s (they name the file, line and column).
 *
 * @example
 * const { reference, current, kindMismatches } = await loadDriftTables('train.csv', 'prod.csv', { label: 'y' });
 * const report = buildDriftReport(reference, current, { label: 'y', kindMismatches });
 */
export async function loadDriftTables(
  referencePath: string,
  currentPath: string,
  options: DriftLoadOptions = {},
  control: DriftLoadControl = {},
  load: TableLoader = loadTable,
): Promise<DriftTables> {
  const columns =
    options.columns && options.label !== undefined && !options.columns.includes(options.label)
      ? [...options.columns, options.label]
      : options.columns;
  const requested: LoadOptions = {
    // A drift report compares each column's distribution, never rows: sorted in the loading thread, no copy.
    numericOrder: 'sorted',
    ...(columns ? { columns } : {}),
    ...(options.categorical ? { categorical: options.categorical } : {}),
    ...(options.numeric ? { numeric: options.numeric } : {}),
  };
  const controlFor = (role: DriftFileRole): LoadControl => ({
    signal: control.signal,
    onProgress: control.onProgress && ((rows, bytes, total) => control.onProgress!(role, rows, bytes, total)),
  });
  const [ref, cur] = await referenceFirst(
    loadLenient(referencePath, requested, controlFor('reference'), load),
    loadLenient(currentPath, requested, controlFor('current'), load),
  );
  for (const [name, error] of ref.absent) {
    if (cur.absent.has(name) && name !== options.label) throw error;
  }

  let reference = ref.table;
  let current = cur.table;
  // A column without values on one side is reported as such; its kind does not matter.
  // Columns are looked up by name in maps: a 100,000-column file must not cost 10^10 comparisons.
  const hasValues = (table: Table, column: Column) => column.missing < table.rowCount;
  const currentByName = new Map(current.columns.map((c) => [c.name, c]));
  const mismatched = reference.columns.flatMap((r) => {
    const c = currentByName.get(r.name);
    return c !== undefined && c.kind !== r.kind && hasValues(reference, r) && hasValues(current, c) ? [{ reference: r, current: c }] : [];
  });
  const refNames = mismatched.filter((m) => m.reference.kind === 'numeric').map((m) => m.reference.name);
  const curNames = mismatched.filter((m) => m.current.kind === 'numeric').map((m) => m.current.name);
  const reread = async (path: string, names: string[], role: DriftFileRole) =>
    names.length === 0 ? [] : (await load(path, { columns: names, categorical: names }, controlFor(role))).columns;
  const [refText, curText] = await referenceFirst(reread(referencePath, refNames, 'reference'), reread(currentPath, curNames, 'current'));
  const kindMismatches = mismatched.map((m) => ({ name: m.reference.name, reference: m.reference.kind, current: m.current.kind }));
  if (refText.length > 0) reference = withColumns(reference, refText);
  if (curText.length > 0) current = withColumns(current, curText);
  return { reference, current, kindMismatches };
}
