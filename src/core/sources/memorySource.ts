/**
 * The drift questions answered from two loaded tables: the reference answers every other source
 * (DuckDB, PostgreSQL, exported warehouse results) must equal.
 *
 * Each numeric column is sorted once per file (or arrives sorted from the loader's worker) and
 * every answer reads the sorted copy: O(n log n) per column, then O(log n) per count.
 */

import { unseenShare, type CategoricalColumn, type Column, type NumericColumn, type Table } from '../data/index';
import { ecdfRanks, mergeWalk } from '../reports/distributionSummary';
import { compareCategories, linearQuantileSorted, meanAndStandardDeviation, searchSorted, sortedFinite, wassersteinDistanceSorted } from '../stats/index';
import type {
  CategoricalProfile,
  ColumnProfile,
  Comparison,
  ComparisonQuestion,
  FileDescription,
  NumericComparison,
  NumericComparisonQuestion,
  NumericProfile,
  Profile,
  ProfileQuestion,
  SyncDriftSource,
} from './driftQuestions';

type Side = 'reference' | 'current';

/** The two tables as a source; sorted copies are made on first use and kept for the second round. */
export function memorySource(reference: Table, current: Table): SyncDriftSource {
  const tables = { reference, current };
  const sorted = { reference: new Map<string, Float64Array>(), current: new Map<string, Float64Array>() };
  const columnOf = (side: Side, name: string): Column => {
    const column = tables[side].columns.find((c) => c.name === name);
    if (!column) throw new Error(`${tables[side].source} has no column ${JSON.stringify(name)}`);
    return column;
  };
  const sortedOf = (side: Side, name: string): Float64Array => {
    let values = sorted[side].get(name);
    if (!values) {
      const column = columnOf(side, name);
      if (column.kind !== 'numeric') throw new Error(`${tables[side].source} column ${JSON.stringify(name)} is not numeric`);
      values = column.sortedFinite ?? sortedFinite(column.values);
      sorted[side].set(name, values);
    }
    return values;
  };

  return {
    profile(question: ProfileQuestion): Profile {
      const profiles = (side: Side) =>
        tables[side].columns.map((column) => ({
          name: column.name,
          ...(column.kind === 'numeric'
            ? numericProfile(column, sortedOf(side, column.name), side === 'reference' ? question.quantileProbabilities : [])
            : categoricalProfile(column)),
        }));
      return {
        description: { engine: 'memory', reference: describe(reference), current: describe(current) },
        reference: profiles('reference'),
        current: profiles('current'),
      };
    },
    compare(question: ComparisonQuestion): Comparison {
      return {
        numeric: question.numeric.map((q) => compareNumeric(q, sortedOf('reference', q.name), sortedOf('current', q.name))),
        identifiers: question.identifiers.map((name) => {
          const ref = columnOf('reference', name);
          const cur = columnOf('current', name);
          return {
            name,
            unseenShare: unseenShare(ref, cur, {
              ...(ref.kind === 'numeric' ? { referenceSortedFinite: sortedOf('reference', name) } : {}),
              ...(cur.kind === 'numeric' ? { currentSortedFinite: sortedOf('current', name) } : {}),
            }),
          };
        }),
        valueCounts: question.valueCounts.map((name) => ({
          name,
          reference: runs(sortedOf('reference', name)),
          current: runs(sortedOf('current', name)),
        })),
        asCategories: question.asCategories.map((name) => ({
          name,
          reference: textCounts(columnOf('reference', name)),
          current: textCounts(columnOf('current', name)),
        })),
      };
    },
  };
}

function describe(table: Table): FileDescription {
  return {
    source: table.source,
    rows: table.rowCount,
    ...(table.encoding ? { encoding: table.encoding } : {}),
    warnings: table.warnings.map((w) => ({ column: w.column, message: w.message })),
  };
}

function numericProfile(column: NumericColumn, sorted: Float64Array, probabilities: readonly number[]): NumericProfile {
  const n = sorted.length;
  const base = { kind: 'numeric' as const, count: n, missing: column.missing, nonFinite: column.nonFinite, ...(column.unit ? { unit: column.unit } : {}) };
  if (n === 0) return { ...base, mean: null, std: null, min: null, max: null, median: null, distinct: 0, whole: true, quantiles: [] };
  // Sums run over the sorted values (no second copy in row order): equal to pandas' mean and
  // std to ~1e-16 relative, which is all a descriptive summary needs.
  const { mean, standardDeviation } = meanAndStandardDeviation(sorted);
  let distinct = 0;
  let whole = true;
  for (let i = 0; i < n; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
    if (whole && !Number.isInteger(sorted[i])) whole = false;
  }
  return {
    ...base,
    mean,
    std: standardDeviation,
    min: sorted[0],
    max: sorted[n - 1],
    median: linearQuantileSorted(sorted, 0.5),
    distinct,
    whole,
    quantiles: probabilities.map((p) => linearQuantileSorted(sorted, p)),
  };
}

/** Counts of each category that occurs, sorted by code point (the column's categories are). */
function categoryCounts(column: CategoricalColumn): [string, number][] {
  const counts = new Float64Array(column.categories.length);
  for (const code of column.codes) if (code >= 0) counts[code]++;
  const seen = new Set<string>();
  const pairs: [string, number][] = [];
  column.categories.forEach((category, code) => {
    // Categories are distinct by the Table contract; a loader that broke it would make two
    // counts share one name and rows vanish without a word, so that is an internal error.
    if (seen.has(category)) throw new Error(`column ${JSON.stringify(column.name)} has two categories named ${JSON.stringify(category)}: a loader broke the invariant that categories are distinct`);
    seen.add(category);
    if (counts[code] > 0) pairs.push([category, counts[code]]);
  });
  return pairs;
}

function categoricalProfile(column: CategoricalColumn): CategoricalProfile {
  // Memory holds every category already, so it lists them all (no `maxCategories` cut).
  const categories = categoryCounts(column);
  return { kind: 'categorical', count: column.codes.length - column.missing, missing: column.missing, distinct: categories.length, categories };
}

/** Each file's values as text: a numeric column's numbers written as `String(number)`, sorted by code point. */
function textCounts(column: Column): [string, number][] {
  if (column.kind === 'categorical') return categoryCounts(column);
  const counts = new Map<string, number>();
  for (const v of column.values) if (!Number.isNaN(v)) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  return [...counts].sort((a, b) => compareCategories(a[0], b[0]));
}

/** Each distinct value of a sorted sample with its count. */
function runs(sorted: Float64Array): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    pairs.push([sorted[i], j - i]);
    i = j;
  }
  return pairs;
}

/** Counts per bin as `np.histogram` counts them: [a, b), the last bin closed; `null` is an open end. */
function binCounts(sorted: Float64Array, edges: readonly (number | null)[]): number[] {
  const last = edges.length - 1;
  const cumulative = edges.map((edge, j) => (edge === null ? (j === 0 ? 0 : sorted.length) : searchSorted(sorted, edge, j === last ? 'right' : 'left')));
  return cumulative.slice(1).map((c, j) => c - cumulative[j]);
}

/** The largest |F_ref − F_cur|, each F as count / n: the same expression as ksTwoSample's. */
function ksGap(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let gap = 0;
  while (i < a.length || j < b.length) {
    const value = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
    while (i < a.length && a[i] <= value) i++;
    while (j < b.length && b[j] <= value) j++;
    gap = Math.max(gap, Math.abs(i / a.length - j / b.length));
  }
  return gap;
}

function compareNumeric(question: NumericComparisonQuestion, ref: Float64Array, cur: Float64Array): NumericComparison {
  const { ksLocation, picked } = mergeWalk(ref, cur, ecdfRanks(ref.length + cur.length, question.ecdfPoints));
  const points = picked.filter((v, k) => k === 0 || v !== picked[k - 1]);
  const below = (v: number): [number, number] => [searchSorted(ref, v, 'right'), searchSorted(cur, v, 'right')];
  const [locationRef, locationCur] = below(ksLocation);
  return {
    name: question.name,
    ksStatistic: ksGap(ref, cur),
    ksLocation,
    ksLocationCounts: { reference: locationRef, current: locationCur },
    wasserstein: wassersteinDistanceSorted(ref, cur),
    psiCounts: question.psiEdges ? { reference: binCounts(ref, question.psiEdges), current: binCounts(cur, question.psiEdges) } : null,
    valueCounts: question.psiEdges ? null : mergeRuns(runs(ref), runs(cur)),
    histogramCounts: { reference: binCounts(ref, question.histogramEdges), current: binCounts(cur, question.histogramEdges) },
    ecdf: points.map((x) => [x, ...below(x)] as const),
    extremes: question.extremes && extremeCounts(cur, question.extremes),
  };
}

function mergeRuns(ref: [number, number][], cur: [number, number][]): [number, number, number][] {
  const merged: [number, number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < ref.length || j < cur.length) {
    if (j >= cur.length || (i < ref.length && ref[i][0] < cur[j][0])) merged.push([ref[i][0], ref[i++][1], 0]);
    else if (i >= ref.length || cur[j][0] < ref[i][0]) merged.push([cur[j][0], 0, cur[j++][1]]);
    else merged.push([ref[i][0], ref[i++][1], cur[j++][1]]);
  }
  return merged;
}

/** Current values with |v − mean| > limit, and outside the reference's [min, max]. */
function extremeCounts(cur: Float64Array, limits: NonNullable<NumericComparisonQuestion['extremes']>): NonNullable<NumericComparison['extremes']> {
  let beyondSigmas = 0;
  let outsideRange = 0;
  for (const v of cur) {
    if (Math.abs(v - limits.mean) > limits.limit) beyondSigmas++;
    if (v < limits.min || v > limits.max) outsideRange++;
  }
  return { beyondSigmas, outsideRange };
}

export type { ColumnProfile };
