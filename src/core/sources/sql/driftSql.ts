/**
 * The drift questions (driftQuestions.ts) as SQL, written once for every dialect (dialects.ts).
 *
 * Each query returns a LONG-FORMAT table, one number per row, with the fixed columns of
 * `RESULT_COLUMNS`, so that a warehouse user can run it, export the result as CSV or JSON Lines
 * and hand the file to GRADIENT (`resultRows.ts` reads it back). No query returns rows per data
 * value except where the answer is per value (categories, a label's value counts, the chosen
 * ECDF points): KS and Wasserstein-1 come from window functions over the ordered per-value counts
 * and leave one row per column.
 *
 * Inside the queries every column is renamed `c0`, `c1`, … after a first typed projection
 * (numbers as doubles, everything else as text), so a user's column name is written exactly
 * once, quoted, and never needs quoting again.
 */

import type { ComparisonQuestion, NumericComparisonQuestion, ProfileQuestion } from '../driftQuestions';
import type { CteStorage, SqlDialect } from './dialects';

export type SqlColumnKind = 'numeric' | 'categorical';

export interface SqlColumn {
  readonly name: string;
  readonly kind: SqlColumnKind;
  /** `epoch-ms` when the numbers are a date or timestamp as milliseconds since 1970. */
  readonly unit?: 'epoch-ms';
  /** The column's name in the relation, when it differs from `name` (an engine that cannot name a column ''). */
  readonly sourceName?: string;
}

/** One file's rows as SQL, and its columns in file order. */
export interface SqlRelation {
  /**
   * What follows FROM: a (quoted) table name, a table function such as `read_parquet('…')`, or a
   * parenthesized query `(SELECT …)`. `relationFromQuery` wraps a query.
   */
  readonly from: string;
  readonly columns: readonly SqlColumn[];
}

export interface SqlRelations {
  readonly reference: SqlRelation;
  readonly current: SqlRelation;
}

/** A user's SELECT as a row source. */
export function relationFromQuery(query: string): string {
  return `(${query.trim().replace(/;\s*$/, '')})`;
}

/** The long-format result: every query's columns, in this order. */
export const RESULT_COLUMNS = ['column_name', 'side', 'stat', 'key', 'x', 'n'] as const;

export type ResultSide = 'reference' | 'current' | 'both';

/** What each `stat` of a result row means; `resultRows.ts` reads them back. */
export const STAT = {
  /** Profile, column NULL: the file's row count in `n`. */
  rows: 'rows',
  /** Profile: the column's kind in `key` (`numeric`, `categorical`), its position in the file in `n`. */
  column: 'column',
  /** Profile: `epoch-ms` in `key` for a date or timestamp column. */
  unit: 'unit',
  count: 'count',
  missing: 'missing',
  nonFinite: 'non_finite',
  mean: 'mean',
  std: 'std',
  min: 'min',
  max: 'max',
  median: 'median',
  distinct: 'distinct',
  /** 1 when every finite value is whole (also when there are none). */
  whole: 'whole',
  /** A reference quantile: the index into `ProfileQuestion.quantileProbabilities` in `key`. */
  quantile: 'quantile',
  /** Profile: a category in `key` with its count in `n`. */
  category: 'category',
  /** Comparison, side `both`: the KS gap, its location, Wasserstein-1 in `x`. */
  /** Comparison, per side: the count of finite values of a numeric feature. */
  finiteCount: 'finite_count',
  ksStatistic: 'ks_statistic',
  ksLocation: 'ks_location',
  /** Per side: the count of finite values at or below the KS location. */
  ksLocationCount: 'ks_location_count',
  wasserstein: 'wasserstein',
  /**
   * Per side and edge (index in `key`): the count of values below the PSI edge — at or below, for
   * the last edge, whose bin is closed. An open end (null edge) has no row. Bin j is then
   * below(j + 1) − below(j).
   */
  psiBelow: 'psi_below',
  histogramBelow: 'histogram_below',
  /** Per side: a distinct pooled value in `x` and its count in `n` (PSI without edges). */
  value: 'value',
  /** Per side: a chosen ECDF point in `x` and the count of values at or below it in `n`. */
  ecdf: 'ecdf',
  beyondSigmas: 'beyond_sigmas',
  outsideRange: 'outside_range',
  /** Identifier columns, side `current`: present values, and those the reference never has. */
  idPresent: 'id_present',
  idUnseen: 'id_unseen',
  /** A numeric label's distinct value in `x` with its count in `n`, per side. */
  labelValue: 'label_value',
  /** Comparison, `asCategories`: a value as text in `key` with its count in `n`, per side. */
  textValue: 'text_value',
} as const;

/**
 * The stats round 1 answers; every other stat is round 2's. Rows of both rounds can then arrive
 * mixed and split over any number of exported files (a Spark job writes one part per task).
 */
export const PROFILE_STATS: ReadonlySet<string> = new Set([
  STAT.rows,
  STAT.column,
  STAT.unit,
  STAT.count,
  STAT.missing,
  STAT.nonFinite,
  STAT.mean,
  STAT.std,
  STAT.min,
  STAT.max,
  STAT.median,
  STAT.distinct,
  STAT.whole,
  STAT.quantile,
  STAT.category,
]);

const SIDES = ['reference', 'current'] as const;
/**
 * Up to this many distinct values in a numeric column's two files together, the comparison walks
 * the values, each counted once, rather than the rows: the hash table of the counts is then small
 * (tens of MB), and the sort is of the values, not of every row.
 */
const GROUPED_WALK_MAX_DISTINCT = 1_000_000;
type Side = (typeof SIDES)[number];

/** The probability every profile asks of both files: the median. */
const MEDIAN = 0.5;

/** One long-format row as SQL expressions (NULL where the row has no such field). */
interface LongRow {
  readonly column: string | null;
  readonly side: ResultSide;
  readonly stat: string;
  readonly key?: string;
  readonly x?: string;
  readonly n?: string;
  readonly from: string;
}

class QueryWriter {
  private readonly ctes: string[] = [];
  private readonly rows: LongRow[] = [];
  private readonly d: SqlDialect;

  constructor(dialect: SqlDialect) {
    this.d = dialect;
  }

  /** A CTE, kept or recomputed as `storage` asks where the dialect can say so (`SqlDialect.cteAs`). */
  cte(name: string, sql: string, storage: CteStorage = 'engine'): void {
    this.ctes.push(`${name} ${this.d.cteAs(storage)} (\n${sql}\n)`);
  }

  row(row: LongRow): void {
    this.rows.push(row);
  }

  /** The text of a name or label as a literal of the result's text type. */
  text(value: string | null): string {
    return value === null ? `CAST(NULL AS ${this.d.textType})` : this.d.stringLiteral(value);
  }

  toSql(): string {
    const d = this.d;
    const selects = this.rows.map(
      (r) =>
        `SELECT ${this.text(r.column)} AS column_name, ${this.text(r.side)} AS side, ${this.text(r.stat)} AS stat, ` +
        `${r.key === undefined ? `CAST(NULL AS ${d.textType})` : `CAST(${r.key} AS ${d.textType})`} AS ${d.quoteIdentifier('key')}, ` +
        `${r.x === undefined ? `CAST(NULL AS ${d.doubleType})` : d.castToDouble(r.x)} AS x, ` +
        `${r.n === undefined ? `CAST(NULL AS ${d.bigintType})` : d.castToBigint(r.n)} AS n ${r.from}`,
    );
    return `WITH\n${this.ctes.join(',\n')}\n${balancedUnion(selects)}`;
  }
}

/**
 * `UNION ALL` of the selects as a balanced tree: a wide file makes thousands of result selects,
 * and a left-deep chain of them passes engines' expression depth limits (DuckDB's 1,000). Each
 * half is a derived table (`SELECT * FROM (…) AS u`), which every dialect accepts in a UNION.
 */
function balancedUnion(selects: readonly string[], depth = 0): string {
  if (selects.length <= 8) return selects.join('\nUNION ALL\n');
  const middle = selects.length >> 1;
  const half = (part: readonly string[], side: string) => `SELECT * FROM (${balancedUnion(part, depth + 1)}) AS u${depth}${side}`;
  return `${half(selects.slice(0, middle), 'a')}\nUNION ALL\n${half(selects.slice(middle), 'b')}`;
}

/** The internal name of a column: its position in the file, so no user name needs quoting twice. */
function slot(index: number): string {
  return `c${index}`;
}

/**
 * What a SELECT of window functions over `source` in `orderBy` order reads: the rows as they are,
 * each window ordering them itself (`inOrder`), or, where the dialect keeps a subquery's order
 * (DuckDB), the rows sorted once here.
 */
function sortedRows(d: SqlDialect, source: string, orderBy: string, alias: string): string {
  return d.keepsSubqueryOrder ? `(SELECT * FROM ${source} ORDER BY ${orderBy}) AS ${alias}` : `${source} AS ${alias}`;
}

/**
 * The OVER clause of a window function over rows in `orderBy` order (`sortedRows`, or a stream
 * derived from them by SELECT and WHERE alone); `running` frames it from the first row to the
 * current one. ROWS frames only: a RANGE frame's peer groups cost DuckDB 4× the time.
 */
function inOrder(d: SqlDialect, orderBy: string, running = false): string {
  const frame = running ? 'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW' : '';
  if (d.keepsSubqueryOrder) return `OVER (${frame})`;
  return `OVER (ORDER BY ${orderBy}${running ? ` ${frame}` : ''})`;
}

/** `<side>_rows`: the file's columns typed (numbers as doubles, -0 as 0; text) and renamed c0, c1, …. */
function typedRows(w: QueryWriter, d: SqlDialect, side: Side, relation: SqlRelation): void {
  const projections = relation.columns.map((column, i) => {
    const source = `source_rows.${d.quoteIdentifier(column.sourceName ?? column.name)}`;
    // Adding +0 turns -0 into 0, as GRADIENT's sorted arrays and `===` treat them alike.
    const typed = column.kind === 'numeric' ? `(${d.castToDouble(source)} + ${d.doubleLiteral(0)})` : d.castToText(source);
    return `${typed} AS ${slot(i)}`;
  });
  const list = projections.length > 0 ? projections.join(', ') : '1 AS no_columns';
  // Recomputed: reading the file's column again costs less than a copy of it.
  w.cte(`${side}_rows`, `SELECT ${list} FROM ${relation.from} AS source_rows`, 'recomputed');
}

function ensureUniqueNames(relation: SqlRelation, side: Side): void {
  const seen = new Set<string>();
  for (const column of relation.columns) {
    if (seen.has(column.name)) throw new Error(`The ${side} relation names column "${column.name}" twice.`);
    seen.add(column.name);
  }
}

/**
 * Type-7 quantiles of a numeric column from its sorted values, as CTE `<prefix>_quantiles` with
 * `q_<k>` for each probability and `distinct_values`: the values at ranks floor(h) and
 * floor(h) + 1, interpolated with `linearQuantileSorted`'s floating-point steps one for one
 * (h = (n − 1) p, its floor, t, and the two-sided form), so the edges are GRADIENT's to the last
 * bit. A sort and one aggregate pass: both stay within memory however long the column, where an
 * engine's holistic quantile aggregate holds every value at once.
 */
function orderedQuantiles(w: QueryWriter, d: SqlDialect, prefix: string, v: string, rows: string, pass1: string, probabilities: readonly number[]): void {
  // Each finite value with its 0-based rank in sorted order, and the value before it (a new
  // distinct value where they differ). A sort, which spills to disk, rather than a GROUP BY,
  // whose hash table of every distinct value does not fit when each row has its own value.
  const finite = sortedRows(d, `(SELECT ${v} AS value FROM ${rows} WHERE ${d.isFinite(v)})`, 'value', 'finite');
  w.cte(`${prefix}_ordered`, `SELECT value, ROW_NUMBER() ${inOrder(d, 'value')} - 1 AS value_rank, LAG(value) ${inOrder(d, 'value')} AS previous FROM ${finite}`);
  // Per probability: h = (n − 1) p and its floor, then the values at ranks floor(h) and floor(h) + 1.
  const h = (k: number) => `${d.castToDouble(`${v}_count - 1`)} * ${d.doubleLiteral(probabilities[k])}`;
  const positions = probabilities.flatMap((_, k) => [`${h(k)} AS h_${k}`, `FLOOR(${h(k)}) AS h_floor_${k}`]);
  const ranks = probabilities.flatMap((_, k) => [
    `MAX(p.h_${k}) AS h_${k}`,
    `MAX(p.h_floor_${k}) AS h_floor_${k}`,
    `MIN(CASE WHEN o.value_rank = p.h_floor_${k} THEN o.value END) AS below_${k}`,
    `MIN(CASE WHEN o.value_rank = p.h_floor_${k} + 1 THEN o.value END) AS above_${k}`,
  ]);
  w.cte(
    `${prefix}_ranks`,
    `SELECT COALESCE(SUM(CASE WHEN o.value IS NOT NULL AND (o.previous IS NULL OR o.value <> o.previous) THEN 1 ELSE 0 END), 0) AS distinct_values, MAX(o.value) AS largest, MAX(p.n) AS n, ${ranks.join(', ')} ` +
      `FROM (SELECT ${v}_count AS n, ${positions.join(', ')} FROM ${pass1}) AS p LEFT JOIN ${prefix}_ordered AS o ON 1 = 1`,
  );
  const values = probabilities.map((_, k) => {
    const t = `(h_${k} - h_floor_${k})`;
    const difference = `(above_${k} - below_${k})`;
    return (
      `CASE WHEN n = 0 THEN NULL WHEN h_${k} >= ${d.castToDouble('n - 1')} THEN largest ` +
      `WHEN ${t} >= 0.5 THEN above_${k} - ${difference} * (1 - ${t}) ELSE below_${k} + ${difference} * ${t} END AS q_${k}`
    );
  });
  w.cte(`${prefix}_quantiles`, `SELECT distinct_values, ${values.join(', ')} FROM ${prefix}_ranks`);
}

/**
 * Round 1 as one query: per file its row count, and per column its kind and position, counts,
 * moments, distinct count, median, the reference quantiles and (up to `maxCategories` distinct
 * values) every category with its count.
 *
 * The standard deviation takes two passes as GRADIENT's `meanAndStandardDeviation` does (the
 * mean, then the squared deviations from it), so it does not cancel catastrophically.
 */
export function profileSql(
  question: ProfileQuestion,
  relations: SqlRelations,
  dialect: SqlDialect,
  /**
   * Only the columns at positions [from, to) of each file, for an engine that runs a wide file in
   * several queries; the file row counts come with the part that starts at 0.
   */
  part: { readonly from: number; readonly to: number } = { from: 0, to: Infinity },
): string {
  const d = dialect;
  const w = new QueryWriter(d);
  for (const side of SIDES) {
    ensureUniqueNames(relations[side], side);
    typedRows(w, d, side, relations[side]);
  }
  for (const side of SIDES) {
    const all = relations[side].columns;
    // Positions outside the part are left out (a sparse array keeps each column's index).
    const columns = all.map((column, i) => (i >= part.from && i < part.to ? column : undefined));
    const rows = `${side}_rows`;
    const firstPass: string[] = ['COUNT(*) AS row_count'];
    columns.forEach((column, i) => {
      if (column === undefined) return;
      const v = slot(i);
      if (column.kind === 'numeric') {
        const finite = d.isFinite(v);
        const whenFinite = (e: string) => `CASE WHEN ${finite} THEN ${e} END`;
        firstPass.push(
          `COUNT(${whenFinite('1')}) AS ${v}_count`,
          `COUNT(CASE WHEN ${v} IS NOT NULL AND NOT (${finite}) THEN 1 END) AS ${v}_non_finite`,
          `${d.compensatedSum(whenFinite(v))} / NULLIF(${d.castToDouble(`COUNT(${whenFinite('1')})`)}, 0) AS ${v}_mean`,
          `MIN(${whenFinite(v)}) AS ${v}_min`,
          `MAX(${whenFinite(v)}) AS ${v}_max`,
          `MIN(${whenFinite(`CASE WHEN ${v} = FLOOR(${v}) THEN 1 ELSE 0 END`)}) AS ${v}_whole`,
        );
      } else {
        firstPass.push(`COUNT(${v}) AS ${v}_count`, `COUNT(DISTINCT ${v}) AS ${v}_distinct`);
      }
    });
    w.cte(`${side}_pass1`, `SELECT ${firstPass.join(',\n  ')} FROM ${rows}`);
    const numeric = columns.map((column, i) => ({ column, i })).filter(({ column }) => column?.kind === 'numeric');
    if (numeric.length > 0) {
      const squares = numeric.map(({ i }) => {
        const v = slot(i);
        return `${d.compensatedSum(`CASE WHEN ${d.isFinite(v)} THEN (${v} - p.${v}_mean) * (${v} - p.${v}_mean) END`)} AS ${v}_squares`;
      });
      w.cte(`${side}_pass2`, `SELECT ${squares.join(',\n  ')} FROM ${rows} CROSS JOIN ${side}_pass1 AS p`);
    }
    if (part.from === 0) w.row({ column: null, side, stat: STAT.rows, n: 'row_count', from: `FROM ${side}_pass1` });
    columns.forEach((column, i) => {
      if (column === undefined) return;
      const v = slot(i);
      const pass1 = `FROM ${side}_pass1`;
      w.row({ column: column.name, side, stat: STAT.column, key: d.stringLiteral(column.kind), n: String(i), from: pass1 });
      if (column.unit !== undefined) w.row({ column: column.name, side, stat: STAT.unit, key: d.stringLiteral(column.unit), from: pass1 });
      w.row({ column: column.name, side, stat: STAT.count, n: `${v}_count`, from: pass1 });
      w.row({ column: column.name, side, stat: STAT.missing, n: `row_count - ${v}_count`, from: pass1 });
      if (column.kind === 'categorical') w.row({ column: column.name, side, stat: STAT.distinct, n: `${v}_distinct`, from: pass1 });
      if (column.kind === 'numeric') {
        w.row({ column: column.name, side, stat: STAT.nonFinite, n: `${v}_non_finite`, from: pass1 });
        w.row({ column: column.name, side, stat: STAT.mean, x: `${v}_mean`, from: pass1 });
        w.row({ column: column.name, side, stat: STAT.min, x: `${v}_min`, from: pass1 });
        w.row({ column: column.name, side, stat: STAT.max, x: `${v}_max`, from: pass1 });
        w.row({ column: column.name, side, stat: STAT.whole, n: `COALESCE(${v}_whole, 1)`, from: pass1 });
        w.row({
          column: column.name,
          side,
          stat: STAT.std,
          x: `CASE WHEN p.${v}_count >= 2 THEN SQRT(s.${v}_squares / ${d.castToDouble(`p.${v}_count - 1`)}) END`,
          from: `FROM ${side}_pass1 AS p CROSS JOIN ${side}_pass2 AS s`,
        });
        const probabilities = side === 'reference' ? [MEDIAN, ...question.quantileProbabilities] : [MEDIAN];
        const quantiles = `${side}_${v}_quantiles`;
        orderedQuantiles(w, d, `${side}_${v}`, v, rows, `${side}_pass1`, probabilities);
        w.row({ column: column.name, side, stat: STAT.median, x: 'q_0', from: `FROM ${quantiles}` });
        probabilities.slice(1).forEach((_, k) => {
          w.row({
            column: column.name,
            side,
            stat: STAT.quantile,
            key: d.stringLiteral(String(k)),
            x: `q_${k + 1}`,
            from: `FROM ${quantiles} WHERE q_${k + 1} IS NOT NULL`,
          });
        });
        w.row({ column: column.name, side, stat: STAT.distinct, n: 'distinct_values', from: `FROM ${quantiles}` });
      } else {
        const categories = `${side}_${v}_categories`;
        w.cte(
          categories,
          `SELECT t.${v} AS category, COUNT(*) AS category_count FROM ${rows} AS t CROSS JOIN ${side}_pass1 AS p ` +
            `WHERE t.${v} IS NOT NULL AND p.${v}_distinct <= ${question.maxCategories} GROUP BY t.${v}`,
        );
        w.row({ column: column.name, side, stat: STAT.category, key: 'category', n: 'category_count', from: `FROM ${categories}` });
      }
    });
  }
  return w.toSql();
}

/**
 * The pooled ranks of the ECDF points, as the condition a distinct value must meet: some
 * r_k = round(k (N − 1) / (P − 1)) (half up, JavaScript's Math.round), k = 0 … P − 1, lies in
 * [before, through). r_k ≥ x exactly when 2k(N − 1) + (P − 1) ≥ 2x(P − 1), so the first k
 * reaching x is K(x) = ceil((P − 1)(2x − 1) / (2(N − 1))) (0 for x = 0), and a value is chosen
 * exactly when K(before) < K(through): integers only, no rounding.
 */
function ecdfChosen(d: SqlDialect, points: number, pooled: string, before: string, through: string): string {
  const firstRankAtLeast = (x: string) =>
    `CASE WHEN ${x} = 0 THEN 0 ELSE ${d.integerDivide(`${points - 1} * (2 * ${x} - 1) + 2 * (${pooled} - 1) - 1`, `2 * (${pooled} - 1)`)} END`;
  return `(${pooled} <= ${points} OR ${firstRankAtLeast(before)} < ${firstRankAtLeast(through)})`;
}

/**
 * The index of the first of `below` (conditions true from some index on: `v < edge` for ascending
 * edges) that holds, among [from, to), or `to` when none does: a binary search as nested CASEs.
 */
function edgePosition(below: readonly string[], from: number, to: number): string {
  if (from === to) return String(from);
  const middle = (from + to) >> 1;
  return `CASE WHEN ${below[middle]} THEN ${edgePosition(below, from, middle)} ELSE ${edgePosition(below, middle + 1, to)} END`;
}

/** The `c<i>` of `name` in a side's relation, or an error naming the side. */
function slotOf(relation: SqlRelation, side: Side, name: string, kind?: SqlColumnKind): { slot: string; kind: SqlColumnKind } {
  const index = relation.columns.findIndex((column) => column.name === name);
  if (index < 0) throw new Error(`The ${side} relation has no column "${name}".`);
  const column = relation.columns[index];
  if (kind !== undefined && column.kind !== kind) throw new Error(`Column "${name}" of the ${side} relation is ${column.kind}, not ${kind}.`);
  return { slot: slot(index), kind: column.kind };
}

/**
 * A SELECT of `text` (and `passThrough`) from `source`: the finite double column `value` written as
 * JavaScript's `String(value)` — the engine's shortest round-trip text taken apart into sign,
 * significant digits and decimal exponent, then put together by ECMAScript's Number::toString
 * rules (fixed notation from 1e-6 up to 1e21, else `d.ddde±x`).
 */
export function javascriptNumberTextSelect(d: SqlDialect, value: string, source: string, passThrough: readonly string[] = []): string {
  const keep = passThrough.map((c) => `${c}, `).join('');
  const parts =
    `SELECT ${keep}CASE WHEN ${d.substring('s', '1', '1')} = '-' THEN '-' ELSE '' END AS sign, ` +
    `COALESCE(${d.regexpGroup('s', '^-?([0-9]+)')}, '') AS int_digits, ` +
    `COALESCE(${d.regexpGroup('s', '^-?[0-9]+[.]([0-9]+)')}, '') AS fraction_digits, ` +
    `COALESCE(NULLIF(${d.regexpGroup('s', '[eE]([-+]?[0-9]+)$')}, ''), '0') AS exponent_text ` +
    `FROM (SELECT ${keep}${d.castToText(value)} AS s FROM ${source}) AS shortest`;
  const digits =
    `SELECT ${keep}sign, ${d.trimTrailing(d.trimLeading('int_digits || fraction_digits', '0'), '0')} AS digits, ` +
    `${d.textLength('int_digits')} - (${d.textLength('int_digits || fraction_digits')} - ${d.textLength(d.trimLeading('int_digits || fraction_digits', '0'))}) ` +
    `+ ${d.castToBigint('exponent_text')} AS point ` +
    `FROM (${parts}) AS parts`;
  // `digits` × 10^(point − length(digits)) is the value: ECMAScript's k = length(digits), n = point.
  const k = d.textLength('digits');
  const text =
    `CASE WHEN ${k} = 0 THEN '0' ` +
    `WHEN ${k} <= point AND point <= 21 THEN sign || digits || ${d.repeatText("'0'", `point - ${k}`)} ` +
    `WHEN 0 < point AND point <= 21 THEN sign || ${d.substring('digits', '1', 'point')} || '.' || ${d.substring('digits', 'point + 1')} ` +
    `WHEN -6 < point AND point <= 0 THEN sign || '0.' || ${d.repeatText("'0'", '0 - point')} || digits ` +
    `ELSE sign || ${d.substring('digits', '1', '1')} || CASE WHEN ${k} > 1 THEN '.' || ${d.substring('digits', '2')} ELSE '' END ` +
    `|| 'e' || CASE WHEN point - 1 >= 0 THEN '+' ELSE '-' END || ${d.castToText('ABS(point - 1)')} END`;
  return `SELECT ${keep}${text} AS text FROM (${digits}) AS significand`;
}

/** Text keys of a column with their counts: categories as they are, finite numbers as JavaScript prints them. */
function textCounts(d: SqlDialect, rows: string, column: { slot: string; kind: SqlColumnKind }): string {
  if (column.kind === 'categorical') {
    return `SELECT ${column.slot} AS text, COUNT(*) AS value_count FROM ${rows} WHERE ${column.slot} IS NOT NULL GROUP BY ${column.slot}`;
  }
  const perValue = `(SELECT ${column.slot} AS v, COUNT(*) AS value_count FROM ${rows} WHERE ${d.isFinite(column.slot)} GROUP BY ${column.slot}) AS per_value`;
  return `SELECT text, SUM(value_count) AS value_count FROM (${javascriptNumberTextSelect(d, 'v', perValue, ['value_count'])}) AS printed GROUP BY text`;
}

function numericComparison(w: QueryWriter, d: SqlDialect, q: NumericComparisonQuestion, index: number, relations: SqlRelations): void {
  const ref = slotOf(relations.reference, 'reference', q.name, 'numeric').slot;
  const cur = slotOf(relations.current, 'current', q.name, 'numeric').slot;
  const p = `n${index}`;
  const name = q.name;
  const grouped = q.pooledDistinct <= GROUPED_WALK_MAX_DISTINCT;
  // The pooled rows, each marked with its file (r = 1 for the reference): read by the walk, the
  // bin counts and the extremes. Kept when the walk sorts them (sorted straight from the files,
  // DuckDB ran out of memory), else recomputed by each reader.
  w.cte(
    `${p}_pooled`,
    `SELECT ${ref} AS v, 1 AS r FROM reference_rows WHERE ${d.isFinite(ref)}\n` + `  UNION ALL SELECT ${cur} AS v, 0 AS r FROM current_rows WHERE ${d.isFinite(cur)}`,
    grouped ? 'recomputed' : 'kept',
  );
  // Each value with its count in each file: the grouped walk's rows, and the value bins (below).
  if (grouped || q.psiEdges === null) {
    w.cte(`${p}_grouped`, `SELECT v, ${d.castToBigint('SUM(r)')} AS in_r, ${d.castToBigint('COUNT(*) - SUM(r)')} AS in_c FROM ${p}_pooled GROUP BY v`);
  }
  // One ordered walk over rows of (value, count in the reference, count in the current file). Few
  // distinct values: each counted once (a small hash table), one row per value; on 2 x 10M rows of
  // ~100 values, 0.1 s instead of the rows' 16 s sort. Else every row, a value per row being the
  // common case for measurements: a sort spills to disk gracefully where a hash table of every
  // value is the most memory-hungry plan there is. Sorted by value and then reference count, the
  // last row of a value carries the running counts of values <= it, and a reference count > 0
  // when the reference has the value.
  const walkRows = grouped ? `${p}_grouped` : `(SELECT v, r AS in_r, 1 - r AS in_c FROM ${p}_pooled)`;
  const byRow = 'v, in_r';
  w.cte(
    `${p}_walk`,
    `SELECT v, in_r, ${d.castToBigint(`SUM(in_r) ${inOrder(d, byRow, true)}`)} AS cr, ${d.castToBigint(`SUM(in_r + in_c) ${inOrder(d, byRow, true)}`)} AS through, ` +
      `LEAD(v) ${inOrder(d, byRow)} AS next_v FROM ${sortedRows(d, walkRows, byRow, 'walk_rows')}`,
  );
  // One row per distinct value: the counts <= it, whether the reference has it (r), and the gap of
  // the two ECDFs there, the same floating-point expression as ksTwoSample and pooledWalk:
  // i / n1 − j / n2, with the finite counts round 1 found (resultRows checks that they still hold).
  const [n1, n2] = [q.finiteCounts.reference, q.finiteCounts.current];
  const share = (count: string, n: number) => (n === 0 ? `CAST(NULL AS ${d.doubleType})` : `${d.castToDouble(count)} / ${d.doubleLiteral(n)}`);
  w.cte(
    `${p}_values`,
    `SELECT v, CASE WHEN in_r > 0 THEN 1 ELSE 0 END AS r, cr, through, next_v, ${share('cr', n1)} - ${share('through - cr', n2)} AS gap ` +
      `FROM ${p}_walk WHERE next_v IS NULL OR next_v <> v`,
  );
  // Running over the values: the pooled rank each starts at, the largest and smallest gap so far
  // and Wasserstein-1 so far. The last value's row holds the totals.
  w.cte(
    `${p}_running`,
    `SELECT v, r, cr, through, next_v, gap, ${d.castToBigint(`COALESCE(LAG(through) ${inOrder(d, 'v')}, 0)`)} AS before, ` +
      `MAX(gap) ${inOrder(d, 'v', true)} AS highest, MIN(gap) ${inOrder(d, 'v', true)} AS lowest, ` +
      `${d.compensatedSum('ABS(gap) * (next_v - v)', inOrder(d, 'v', true))} AS wasserstein FROM ${p}_values`,
  );
  // The few values the answer needs, kept: the last (the totals), every value whose gap ties the
  // largest or smallest so far (the values where the final extremes are reached are among them, so
  // no second walk is needed to find them), and the chart's ECDF points.
  const chosen = ecdfChosen(d, q.ecdfPoints, d.castToBigint(String(n1 + n2)), 'before', 'through');
  w.cte(
    `${p}_marks`,
    `SELECT * FROM (SELECT v, r, cr, through, gap, highest, lowest, wasserstein, next_v, CASE WHEN ${chosen} THEN 1 ELSE 0 END AS chosen FROM ${p}_running) AS running ` +
      `WHERE next_v IS NULL OR gap = highest OR gap = lowest OR chosen = 1`,
    'kept',
  );
  // The counts the walk found: the last value's running counts (none without finite values).
  w.cte(`${p}_totals`, `SELECT ${d.castToBigint('COALESCE(MAX(cr), 0)')} AS n1, ${d.castToBigint('COALESCE(MAX(through - cr), 0)')} AS n2 FROM ${p}_marks WHERE next_v IS NULL`);
  w.cte(
    `${p}_gap_range`,
    `SELECT CASE WHEN highest >= -lowest THEN highest ELSE -lowest END AS d, highest AS max_gap, lowest AS min_gap, wasserstein FROM ${p}_marks WHERE next_v IS NULL`,
  );
  // SciPy's statistic_location: among the values with the largest gap, the smallest one present
  // in the reference (r = 1), else the smallest; the same for the most negative gap.
  w.cte(
    `${p}_ks`,
    `SELECT MAX(k.d) AS d, MAX(k.max_gap) AS max_gap, MAX(k.min_gap) AS min_gap, MAX(k.wasserstein) AS wasserstein, ` +
      `COALESCE(MIN(CASE WHEN g.gap = k.max_gap AND g.r = 1 THEN g.v END), MIN(CASE WHEN g.gap = k.max_gap THEN g.v END)) AS max_at, ` +
      `COALESCE(MIN(CASE WHEN g.gap = k.min_gap AND g.r = 1 THEN g.v END), MIN(CASE WHEN g.gap = k.min_gap THEN g.v END)) AS min_at ` +
      `FROM ${p}_marks AS g CROSS JOIN ${p}_gap_range AS k WHERE g.gap = k.max_gap OR g.gap = k.min_gap`,
  );
  w.cte(
    `${p}_location`,
    `SELECT d, wasserstein, CASE WHEN max_gap >= LEAST(1, GREATEST(0, -min_gap)) THEN max_at ELSE min_at END AS location FROM ${p}_ks`,
  );
  w.cte(
    `${p}_at_location`,
    `SELECT MAX(l.location) AS location, MAX(m.cr) AS cr, MAX(m.through - m.cr) AS cc FROM ${p}_location AS l JOIN ${p}_marks AS m ON m.v = l.location`,
  );
  w.row({ column: name, side: 'reference', stat: STAT.finiteCount, n: 'n1', from: `FROM ${p}_totals` });
  w.row({ column: name, side: 'current', stat: STAT.finiteCount, n: 'n2', from: `FROM ${p}_totals` });
  w.row({ column: name, side: 'both', stat: STAT.ksStatistic, x: 'd', from: `FROM ${p}_location` });
  w.row({ column: name, side: 'both', stat: STAT.ksLocation, x: 'location', from: `FROM ${p}_location` });
  w.row({ column: name, side: 'both', stat: STAT.wasserstein, x: 'wasserstein', from: `FROM ${p}_location` });
  w.row({ column: name, side: 'reference', stat: STAT.ksLocationCount, x: 'location', n: 'cr', from: `FROM ${p}_at_location WHERE location IS NOT NULL` });
  w.row({ column: name, side: 'current', stat: STAT.ksLocationCount, x: 'location', n: 'cc', from: `FROM ${p}_at_location WHERE location IS NOT NULL` });

  // Bin counts in one scan of the rows, no sort: each row's position among each set's edges (a
  // binary search written as nested CASEs, a handful of comparisons), counted per position; the
  // count below an edge then sums a few position counts. A conditional sum per edge and row costs
  // DuckDB 9 s of CPU on 2 x 10M rows and 50 edges, the positions about 2.
  const edgeSets = [
    { stat: STAT.histogramBelow, position: 'histogram_position', edges: q.histogramEdges },
    ...(q.psiEdges === null ? [] : [{ stat: STAT.psiBelow, position: 'psi_position', edges: q.psiEdges }]),
  ].map((set) => ({
    ...set,
    finite: set.edges.flatMap((edge, k) => (edge === null ? [] : [{ k, below: `v ${k === set.edges.length - 1 ? '<=' : '<'} ${d.doubleLiteral(edge)}` }])),
  }));
  const positioned = edgeSets.filter((set) => set.finite.length > 0);
  if (positioned.length > 0) {
    const positions = positioned.map((set) => `${edgePosition(set.finite.map((e) => e.below), 0, set.finite.length)} AS ${set.position}`);
    const keys = ['r', ...positioned.map((set) => set.position)].join(', ');
    w.cte(`${p}_positions`, `SELECT ${keys}, COUNT(*) AS rows_here FROM (SELECT r, ${positions.join(', ')} FROM ${p}_pooled) AS positioned GROUP BY ${keys}`);
    const sums = positioned.flatMap((set) =>
      set.finite.flatMap((_, i) => [
        `COALESCE(SUM(CASE WHEN ${set.position} <= ${i} AND r = 1 THEN rows_here ELSE 0 END), 0) AS ${set.position}_r${i}`,
        `COALESCE(SUM(CASE WHEN ${set.position} <= ${i} AND r = 0 THEN rows_here ELSE 0 END), 0) AS ${set.position}_c${i}`,
      ]),
    );
    w.cte(`${p}_below`, `SELECT ${sums.join(', ')} FROM ${p}_positions`);
    for (const set of positioned) {
      set.finite.forEach(({ k }, i) => {
        for (const side of SIDES) {
          const n = `${set.position}_${side === 'reference' ? 'r' : 'c'}${i}`;
          w.row({ column: name, side, stat: set.stat, key: d.stringLiteral(String(k)), n, from: `FROM ${p}_below` });
        }
      });
    }
  }
  if (q.psiEdges === null) {
    // One bin per value: asked only when the reference has at most psiBins distinct values.
    w.row({ column: name, side: 'reference', stat: STAT.value, x: 'v', n: 'in_r', from: `FROM ${p}_grouped` });
    w.row({ column: name, side: 'current', stat: STAT.value, x: 'v', n: 'in_c', from: `FROM ${p}_grouped` });
  }

  // The chart's ECDF points: the values at the chosen pooled ranks, with the counts ≤ them.
  w.cte(`${p}_ecdf`, `SELECT v, cr, through - cr AS cc FROM ${p}_marks WHERE chosen = 1`);
  w.row({ column: name, side: 'reference', stat: STAT.ecdf, x: 'v', n: 'cr', from: `FROM ${p}_ecdf` });
  w.row({ column: name, side: 'current', stat: STAT.ecdf, x: 'v', n: 'cc', from: `FROM ${p}_ecdf` });

  if (q.extremes !== null) {
    const { mean, limit, min, max } = q.extremes;
    w.cte(
      `${p}_extreme_counts`,
      `SELECT COALESCE(SUM(CASE WHEN r = 0 AND ABS(v - ${d.doubleLiteral(mean)}) > ${d.doubleLiteral(limit)} THEN 1 ELSE 0 END), 0) AS beyond, ` +
        `COALESCE(SUM(CASE WHEN r = 0 AND (v < ${d.doubleLiteral(min)} OR v > ${d.doubleLiteral(max)}) THEN 1 ELSE 0 END), 0) AS outside FROM ${p}_pooled`,
    );
    w.row({ column: name, side: 'current', stat: STAT.beyondSigmas, n: 'beyond', from: `FROM ${p}_extreme_counts` });
    w.row({ column: name, side: 'current', stat: STAT.outsideRange, n: 'outside', from: `FROM ${p}_extreme_counts` });
  }
}

function identifierComparison(w: QueryWriter, d: SqlDialect, name: string, index: number, relations: SqlRelations): void {
  const ref = slotOf(relations.reference, 'reference', name);
  const cur = slotOf(relations.current, 'current', name);
  const p = `id${index}`;
  // Two numeric columns compare as numbers; otherwise as text, a number as JavaScript prints it
  // (so 7 meets "7" but not "7.0"), as columnRoles.ts `unseenShare` does.
  if (ref.kind === 'numeric' && cur.kind === 'numeric') {
    w.cte(`${p}_known`, `SELECT DISTINCT ${ref.slot} AS k FROM reference_rows WHERE ${d.isFinite(ref.slot)}`);
    w.cte(`${p}_current`, `SELECT ${cur.slot} AS k, COUNT(*) AS value_count FROM current_rows WHERE ${d.isFinite(cur.slot)} GROUP BY ${cur.slot}`);
  } else {
    w.cte(`${p}_known`, `SELECT DISTINCT text AS k FROM (${textCounts(d, 'reference_rows', ref)}) AS known_text`);
    w.cte(`${p}_current`, `SELECT text AS k, value_count FROM (${textCounts(d, 'current_rows', cur)}) AS current_text`);
  }
  w.cte(
    `${p}_unseen`,
    `SELECT COALESCE(SUM(value_count), 0) AS present, COALESCE(SUM(CASE WHEN known.k IS NULL THEN value_count ELSE 0 END), 0) AS unseen ` +
      `FROM ${p}_current AS cur LEFT JOIN ${p}_known AS known ON cur.k = known.k`,
  );
  w.row({ column: name, side: 'current', stat: STAT.idPresent, n: 'present', from: `FROM ${p}_unseen` });
  w.row({ column: name, side: 'current', stat: STAT.idUnseen, n: 'unseen', from: `FROM ${p}_unseen` });
}

/**
 * Round 2 as one query, for the columns the report chose from the profile. `relations` carry the
 * columns' kinds as round 1 found them (a column numeric in one file and text in the other is
 * answered through `asCategories`).
 */
export function comparisonSql(question: ComparisonQuestion, relations: SqlRelations, dialect: SqlDialect): string {
  const d = dialect;
  const w = new QueryWriter(d);
  for (const side of SIDES) {
    ensureUniqueNames(relations[side], side);
    typedRows(w, d, side, relations[side]);
  }
  question.numeric.forEach((q, i) => numericComparison(w, d, q, i, relations));
  question.identifiers.forEach((name, i) => identifierComparison(w, d, name, i, relations));
  question.valueCounts.forEach((name, i) => {
    for (const side of SIDES) {
      // Asked of the files where the column is numeric: a label is often absent from production data.
      if (!relations[side].columns.some((column) => column.name === name && column.kind === 'numeric')) continue;
      const v = slotOf(relations[side], side, name, 'numeric').slot;
      const counts = `label${i}_${side}`;
      w.cte(counts, `SELECT ${v} AS v, COUNT(*) AS value_count FROM ${side}_rows WHERE ${d.isFinite(v)} GROUP BY ${v}`);
      w.row({ column: name, side, stat: STAT.labelValue, x: 'v', n: 'value_count', from: `FROM ${counts}` });
    }
  });
  question.asCategories.forEach((name, i) => {
    for (const side of SIDES) {
      const column = slotOf(relations[side], side, name);
      const counts = `text${i}_${side}`;
      w.cte(counts, textCounts(d, `${side}_rows`, column));
      w.row({ column: name, side, stat: STAT.textValue, key: 'text', n: 'value_count', from: `FROM ${counts}` });
    }
  });
  if (question.numeric.length + question.identifiers.length + question.valueCounts.length + question.asCategories.length === 0) {
    // Nothing asked: a valid query with no rows.
    w.row({ column: null, side: 'both', stat: 'none', from: 'FROM reference_rows WHERE 1 = 0' });
  }
  return w.toSql();
}
