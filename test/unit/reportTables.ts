/** In-memory tables for the test/unit/reports-*.test.ts files (no file, no loader). */
import type { CategoricalColumn, Column, NumericColumn, Table } from '../../src/core/data/index';
import { compareCategories } from '../../src/core/stats/index';

/** A numeric column; null is a missing value. */
export function numeric(name: string, values: ReadonlyArray<number | null>): NumericColumn {
  const array = Float64Array.from(values, (v) => (v === null || !Number.isFinite(v) ? NaN : v));
  const missing = values.filter((v) => v === null || !Number.isFinite(v)).length;
  const nonFinite = values.filter((v) => v !== null && !Number.isFinite(v)).length;
  return { kind: 'numeric', name, values: array, missing, nonFinite };
}

/** A categorical column; null is a missing value. Categories sorted as the loaders sort them. */
export function categorical(name: string, values: ReadonlyArray<string | null>): CategoricalColumn {
  const categories = [...new Set(values.filter((v): v is string => v !== null))].sort(compareCategories);
  const codes = Int32Array.from(values, (v) => (v === null ? -1 : categories.indexOf(v)));
  return { kind: 'categorical', name, codes, categories, missing: values.filter((v) => v === null).length };
}

/** A table of equally long columns. */
export function table(source: string, columns: readonly Column[], warnings: Table['warnings'] = []): Table {
  const lengths = new Set(columns.map((c) => (c.kind === 'numeric' ? c.values.length : c.codes.length)));
  if (lengths.size > 1) throw new Error(`test table ${source}: columns of different lengths`);
  return { source, rowCount: [...lengths][0] ?? 0, columns, warnings };
}

/** 0, 1, ..., n - 1 shifted by `shift`. */
export function range(n: number, shift = 0): number[] {
  return Array.from({ length: n }, (_, i) => i + shift);
}

/** `labels` repeated to length n in order. */
export function cycle<T>(labels: readonly T[], n: number): T[] {
  return Array.from({ length: n }, (_, i) => labels[i % labels.length]);
}
