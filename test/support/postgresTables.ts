/**
 * Test data in PostgreSQL: the same files the file-based tests read, loaded with GRADIENT's own
 * loader (so missing tokens, numbers and categories are exactly what the memory source sees) and
 * written to a table of float8 and text columns, one row per file row, in file order.
 *
 * Values are written as SQL literals: a double as JavaScript's shortest round-trip text, which
 * PostgreSQL reads back to the same double; text with quotes doubled (standard strings).
 */
import { loadTable, type Table } from '../../src/core/data/index';
import type { PostgresExecutor } from '../../src/core/sources/postgresExecutor';

/** A column to create: numbers (±Infinity and NaN allowed, null for missing) or text (null for missing). */
export type ColumnData =
  | { readonly name: string; readonly kind: 'numeric'; readonly values: readonly (number | null)[] }
  | { readonly name: string; readonly kind: 'categorical'; readonly values: readonly (string | null)[] };

/** The column holding each row's 1-based position in the file, so a test can read rows back in order. */
export const ROW_COLUMN = '_gradient_row';

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function literal(value: number | string | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return "'NaN'::float8";
    if (value === Infinity) return "'Infinity'::float8";
    if (value === -Infinity) return "'-Infinity'::float8";
    // -0 prints as "0" in JavaScript; PostgreSQL keeps the sign when it is written.
    return Object.is(value, -0) ? "'-0'::float8" : String(value);
  }
  if (value.includes('\0')) throw new Error('PostgreSQL text cannot hold a NUL character');
  return `'${value.replace(/'/g, "''")}'`;
}

/** Creates `table` (dropping an older one) with a row-number column and the given columns, all of one length. */
export async function createTable(executor: PostgresExecutor, table: string, columns: readonly ColumnData[]): Promise<void> {
  const rows = columns[0]?.values.length ?? 0;
  for (const column of columns) if (column.values.length !== rows) throw new Error(`column ${column.name} has ${column.values.length} values, not ${rows}`);
  const definitions = [`${ROW_COLUMN} int8 PRIMARY KEY`, ...columns.map((c) => `${quoteIdentifier(c.name)} ${c.kind === 'numeric' ? 'float8' : 'text'}`)];
  await executor.query(`DROP TABLE IF EXISTS ${quoteIdentifier(table)}; CREATE TABLE ${quoteIdentifier(table)} (${definitions.join(', ')})`);
  // A few thousand rows a statement keeps each statement well under a megabyte.
  const batch = 2000;
  for (let start = 0; start < rows; start += batch) {
    const lines: string[] = [];
    for (let row = start; row < Math.min(rows, start + batch); row += 1) {
      lines.push(`(${[String(row + 1), ...columns.map((c) => literal(c.values[row]))].join(', ')})`);
    }
    await executor.query(`INSERT INTO ${quoteIdentifier(table)} VALUES ${lines.join(',\n')}`);
  }
}

/** A loaded table's columns as plain values (NaN and code -1 become null). */
export function columnData(table: Table): ColumnData[] {
  return table.columns.map((column): ColumnData => {
    if (column.kind === 'numeric') {
      if (column.unit) throw new Error(`${table.source} column ${column.name}: dates and timestamps are not loaded into PostgreSQL by this helper`);
      // The loader keeps ±Infinity only as a count; their rows are NaN like missing ones, so they cannot be placed.
      if (column.nonFinite > 0) throw new Error(`${table.source} column ${column.name} has ${column.nonFinite} infinite values: build that table with createTable and explicit Infinity values`);
      return { name: column.name, kind: 'numeric', values: Array.from(column.values, (v) => (Number.isNaN(v) ? null : v)) };
    }
    return { name: column.name, kind: 'categorical', values: Array.from(column.codes, (code) => (code < 0 ? null : column.categories[code])) };
  });
}

/**
 * Loads `path` with GRADIENT's loader, creates `table` from it, and returns the loaded table (for
 * the memory source the PostgreSQL answers are compared with).
 */
export async function loadFileIntoPostgres(executor: PostgresExecutor, table: string, path: string): Promise<Table> {
  const loaded = await loadTable(path);
  await createTable(executor, table, columnData(loaded));
  return loaded;
}
