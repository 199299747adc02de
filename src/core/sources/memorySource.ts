/**
 * The drift questions answered from two loaded tables: the reference answers every other source
 * (DuckDB, PostgreSQL, exported warehouse results) must equal.
 *
 * Each numeric column is sorted once per file (or arrives sorted from the loader's worker) and
 * every answer reads the sorted copy: O(n log n) per column, then O(log n) per count.
 */

import { unseenShare, type CategoricalColumn, type Column, type NumericColumn, type Table } from '../data/index';
import { ecdfRanks } from '../reports/distributionSummary';
import { compareCategories, countExtremesSorted, linearQuantileSorted, pooledWalk, searchSorted, sortedFinite, summarizeSorted } from '../stats/index';
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

  const isNumeric = (side: Side, name: string) => tables[side].columns.some((c) => c.name === name && c.kind === 'numeric');

  return {
    profile(question: ProfileQuestion): Profile {
      const profiles = (side: Side) =>
        tables[side].columns.map((column) => ({
          name: column.name,
          ...(column.kind === 'numeric'
            ? numericProfile(column, sortedOf(side, column.name), side === 'reference' ? question.quantileProbabilities : [])
            : categoricalProfile(tables[side].source, column)),
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
          reference: isNumeric('reference', name) ? runs(sortedOf('reference', name)) : [],
          current: isNumeric('current', name) ? runs(sortedOf('current', name)) : [],
        })),
        asCategories: question.asCategories.map((name) => ({
          name,
          reference: textCounts(reference.source, columnOf('reference', name)),
          current: textCounts(current.source, columnOf('current', name)),
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
  // A load that sorted the column summarized it too, in its own thread.
  const { mean, standardDeviation, distinct, whole } = column.sortedSummary ?? summarizeSorted(sorted);
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
function categoryCounts(source: string, column: CategoricalColumn): [string, number][] {
  const counts = new Float64Array(column.categories.length);
  // An index loop, not for...of: this runs a few times per report, too few for the optimizing
  // compiler to make an iterator loop fast (5x slower on a million codes).
  const codes = column.codes;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code >= 0) counts[code]++;
  }
  const codeOf = new Map<string, number>();
  const pairs: [string, number][] = [];
  column.categories.forEach((category, code) => {
    // Categories are distinct by the Table contract; a loader that broke it would make two
    // counts share one name and rows vanish without a word, so that is an internal error.
    const first = codeOf.get(category);
    if (first !== undefined) {
      throw new Error(
        `${source} column ${JSON.stringify(column.name)} has two categories named ${JSON.stringify(category)} (codes ${first} and ${code}): ` +
          'a loader broke the invariant that categories are distinct',
      );
    }
    codeOf.set(category, code);
    if (counts[code] > 0) pairs.push([category, counts[code]]);
  });
  return pairs;
}

function categoricalProfile(source: string, column: CategoricalColumn): CategoricalProfile {
  // Memory holds every category already, so it lists them all (no `maxCategories` cut).
  const categories = categoryCounts(source, column);
  return { kind: 'categorical', count: column.codes.length - column.missing, missing: column.missing, distinct: categories.length, categories };
}

/** Each file's values as text: a numeric column's numbers written as `String(number)`, sorted by code point. */
function textCounts(source: string, column: Column): [string, number][] {
  return categoryCounts(source, column.kind === 'categorical' ? column : numericAsCategorical(column));
}

/**
 * A numeric column as categories, each value written as JavaScript writes the number (`1`, `0.5`).
 * Used only when a caller hands over tables whose kinds disagree; `loadDriftTables` avoids it by
 * reading such a column as text from both files, which keeps the spelling of the file.
 */
export function numericAsCategorical(column: NumericColumn): CategoricalColumn {
  const index = new Map<string, number>();
  const codes = new Int32Array(column.values.length);
  column.values.forEach((v, i) => {
    if (Number.isNaN(v)) {
      codes[i] = -1;
      return;
    }
    const key = String(v);
    let code = index.get(key);
    if (code === undefined) {
      code = index.size;
      index.set(key, code);
    }
    codes[i] = code;
  });
  // Codes follow first appearance; re-code so categories are sorted, as the loaders keep them.
  const firstSeen = [...index.keys()];
  const categories = [...firstSeen].sort(compareCategories);
  const sortedIndex = new Map(categories.map((name, i) => [name, i]));
  const recode = Int32Array.from(firstSeen, (name) => sortedIndex.get(name) as number);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) codes[i] = recode[codes[i]];
  return { kind: 'categorical', name: column.name, codes, categories, missing: column.missing };
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

function compareNumeric(question: NumericComparisonQuestion, ref: Float64Array, cur: Float64Array): NumericComparison {
  // One merge of the two sorted samples gives the KS gap, its location, Wasserstein-1 and the chart's points.
  const { ksLocation, ksStatistic, wasserstein, picked } = pooledWalk(ref, cur, ecdfRanks(ref.length + cur.length, question.ecdfPoints));
  const points = picked.filter((v, k) => k === 0 || v !== picked[k - 1]);
  const below = (v: number): [number, number] => [searchSorted(ref, v, 'right'), searchSorted(cur, v, 'right')];
  const [locationRef, locationCur] = below(ksLocation);
  return {
    name: question.name,
    ksStatistic,
    ksLocation,
    ksLocationCounts: { reference: locationRef, current: locationCur },
    wasserstein,
    psiCounts: question.psiEdges ? { reference: binCounts(ref, question.psiEdges), current: binCounts(cur, question.psiEdges) } : null,
    valueCounts: question.psiEdges ? null : mergeRuns(runs(ref), runs(cur)),
    histogramCounts: { reference: binCounts(ref, question.histogramEdges), current: binCounts(cur, question.histogramEdges) },
    ecdf: points.map((x) => [x, ...below(x)] as const),
    extremes: question.extremes && countExtremesSorted(cur, question.extremes),
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


export type { ColumnProfile };
