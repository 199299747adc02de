/**
 * The questions the drift report asks of the data, and the answers a data source gives.
 *
 * Every statistic of the drift report is exact from a few small aggregates: KS and
 * Wasserstein-1 from the two ordered cumulative counts, PSI, Jensen-Shannon and chi-square
 * from bin or category counts, the KS p-value from D, n1 and n2 alone. So the report never
 * needs the rows themselves: it asks a source two rounds of questions, and whatever holds the
 * data (memory, DuckDB, PostgreSQL, a Spark cluster through exported query results) answers.
 *
 * Round 1, the profile: per column and file its kind, counts, moments, distinct count, the
 * reference quantiles that become PSI edges, and the counts of each category. From the profile
 * the report decides each column's role and which comparisons to ask for.
 *
 * Round 2, the comparison: per numeric feature the KS gap and its location, Wasserstein-1,
 * counts against the PSI and histogram edges computed from round 1, the ECDFs at chosen pooled
 * ranks, and the extreme-value counts; per identifier the share of unseen current ids; per
 * numeric label its value counts.
 *
 * Everything here is plain JSON (numbers, strings, arrays; no typed arrays, no infinities: an
 * open end of a PSI bin is `null`), so answers can cross a worker boundary or be read from a file
 * (`gradient drift --from-aggregates`).
 */

import type { TextEncoding } from '../data/encoding';

/** Where a profile or comparison was computed, and whether every number is exact. */
export interface SourceDescription {
  /** `memory`, `duckdb`, `postgresql`, or the dialect of exported results (`spark`, `bigquery`). */
  readonly engine: string;
  readonly reference: FileDescription;
  readonly current: FileDescription;
}

export interface FileDescription {
  /** The path, or a description of the query that is safe to print (never credentials). */
  readonly source: string;
  readonly rows: number;
  readonly encoding?: TextEncoding;
  /** Loader warnings (the memory engine's); an SQL engine has none. */
  readonly warnings: readonly { readonly column: string; readonly message: string }[];
}

/** Round 1 asks for every column: nothing to choose yet but the PSI quantile probabilities. */
export interface ProfileQuestion {
  /** Probabilities whose type-7 (linear) quantiles of each numeric reference column are wanted. */
  readonly quantileProbabilities: readonly number[];
  /**
   * Categories of a column are listed (with counts) only up to this many distinct values; above
   * it, the profile carries only the distinct count (the column is then an identifier or free
   * text, never compared as categories).
   */
  readonly maxCategories: number;
}

export interface NumericProfile {
  readonly kind: 'numeric';
  /** Finite values. */
  readonly count: number;
  /** Missing values, non-finite ones included (as the loaders count them). */
  readonly missing: number;
  /** Of `missing`, the values that were ±Infinity (or NaN in a typed source). */
  readonly nonFinite: number;
  /** `epoch-ms` when the source stores a date or timestamp (read as milliseconds since 1970). */
  readonly unit?: 'epoch-ms';
  /** The remaining fields are null when `count` is 0; `std` also when `count` is 1. */
  readonly mean: number | null;
  /** Sample standard deviation (ddof 1). */
  readonly std: number | null;
  readonly min: number | null;
  readonly max: number | null;
  /** Type-7 median. */
  readonly median: number | null;
  readonly distinct: number;
  /** True when every finite value is a whole number. */
  readonly whole: boolean;
  /** Type-7 quantiles at `ProfileQuestion.quantileProbabilities`, in that order (reference file only; empty when count is 0). */
  readonly quantiles: readonly number[];
}

export interface CategoricalProfile {
  readonly kind: 'categorical';
  /** Present values. */
  readonly count: number;
  readonly missing: number;
  readonly distinct: number;
  /**
   * Every category with its count, sorted by Unicode code point — or null when there are more
   * than `ProfileQuestion.maxCategories` of them.
   */
  readonly categories: readonly (readonly [category: string, count: number])[] | null;
}

export type ColumnProfile = NumericProfile | CategoricalProfile;

/** Round 1's answer: each column of each file, by name, in file order; a column a file lacks is absent. */
export interface Profile {
  readonly description: SourceDescription;
  readonly reference: readonly (ColumnProfile & { readonly name: string })[];
  readonly current: readonly (ColumnProfile & { readonly name: string })[];
}

/** What round 2 asks about one numeric feature. Edges are ascending; `null` is an open end (±∞). */
export interface NumericComparisonQuestion {
  readonly name: string;
  /**
   * PSI bins: counts in [edges[j], edges[j+1]) (the last bin closed) for both files — or, when
   * `edges` is null, the count of every distinct value of both files (`values`).
   */
  readonly psiEdges: readonly (number | null)[] | null;
  /** Histogram for the chart: counts in [edges[j], edges[j+1]), the last bin closed. */
  readonly histogramEdges: readonly number[];
  /**
   * The ECDF points of the chart: every distinct pooled value v such that some pooled rank
   * r = round(k (N − 1) / (points − 1)), k = 0 … points − 1, has cumBefore(v) ≤ r < cumThrough(v) —
   * or every distinct pooled value when N ≤ points. N is the pooled count of finite values.
   */
  readonly ecdfPoints: number;
  /** Counts of current values with |v − mean| > limit and outside [min, max] of the reference; null to skip. */
  readonly extremes: { readonly mean: number; readonly limit: number; readonly min: number; readonly max: number } | null;
  /**
   * The distinct values of both files together, at most (the profiles' distinct counts added).
   * An engine may count each value once before the ordered walk when they are few (SQL: GROUP BY,
   * then the window over the values), which is the same answer with far less to sort.
   */
  readonly pooledDistinct: number;
  /**
   * The finite values of each file, as round 1 counted them. An engine may need them before its
   * walk (SQL: the ECDF gaps are computed as the sorted rows stream past); the answer's own counts
   * must equal them.
   */
  readonly finiteCounts: { readonly reference: number; readonly current: number };
}

export interface ComparisonQuestion {
  readonly numeric: readonly NumericComparisonQuestion[];
  /** Identifier columns: the share of current values never seen in the reference. */
  readonly identifiers: readonly string[];
  /** Columns whose every distinct value is wanted with its count (a numeric label), from each file where the column is numeric (elsewhere the answer is empty). */
  readonly valueCounts: readonly string[];
  /**
   * Columns numeric in one file and text in the other: both files' values counted as text, a
   * number written as the shortest text that reads back as it (JavaScript's `String(number)`).
   */
  readonly asCategories: readonly string[];
}

/** Counts of finite values less than or equal to x, in each file. */
export interface CumulativeCounts {
  readonly reference: number;
  readonly current: number;
}

export interface NumericComparison {
  readonly name: string;
  /** max over pooled values of |F_ref − F_cur|, each F as count / n in floating point. */
  readonly ksStatistic: number;
  /** The pooled value where that gap is largest, chosen as SciPy's `statistic_location` (distributionSummary.ts). */
  readonly ksLocation: number;
  readonly ksLocationCounts: CumulativeCounts;
  /** Σ |F_ref(t_k) − F_cur(t_k)| (t_{k+1} − t_k) over the distinct pooled values t_k. */
  readonly wasserstein: number;
  /** Counts per PSI bin (when the question gave edges). */
  readonly psiCounts: { readonly reference: readonly number[]; readonly current: readonly number[] } | null;
  /** Every distinct value of either file with its counts, ascending (when the question gave no PSI edges). */
  readonly valueCounts: readonly (readonly [value: number, reference: number, current: number])[] | null;
  readonly histogramCounts: { readonly reference: readonly number[]; readonly current: readonly number[] };
  /** The chosen ECDF points, ascending, with the cumulative counts there. */
  readonly ecdf: readonly (readonly [x: number, reference: number, current: number])[];
  readonly extremes: { readonly beyondSigmas: number; readonly outsideRange: number } | null;
}

export interface Comparison {
  readonly numeric: readonly NumericComparison[];
  /** Per identifier: the share of the current file's present values absent from the reference (null: none present). */
  readonly identifiers: readonly { readonly name: string; readonly unseenShare: number | null }[];
  readonly valueCounts: readonly {
    readonly name: string;
    readonly reference: readonly (readonly [value: number, count: number])[];
    readonly current: readonly (readonly [value: number, count: number])[];
  }[];
  /** Per `asCategories` column: each file's categories with counts, sorted by Unicode code point. */
  readonly asCategories: readonly {
    readonly name: string;
    readonly reference: readonly (readonly [category: string, count: number])[];
    readonly current: readonly (readonly [category: string, count: number])[];
  }[];
}

/** A source the report can ask synchronously (memory). */
export interface SyncDriftSource {
  profile(question: ProfileQuestion): Profile;
  compare(question: ComparisonQuestion): Comparison;
}

/** A source that answers asynchronously (an engine in a worker, a database). */
export interface DriftSource {
  profile(question: ProfileQuestion, signal?: AbortSignal): Promise<Profile>;
  compare(question: ComparisonQuestion, signal?: AbortSignal): Promise<Comparison>;
  close?(): Promise<void>;
}
