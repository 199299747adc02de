/**
 * The long-format rows of `profileSql` / `comparisonSql` read back into a `Profile` /
 * `Comparison`: from an engine's result, or from a file a warehouse user exported (CSV with a
 * header, or JSON Lines). Every error names where the rows came from and the row.
 */

import { compareCodePoints } from '../../data/categoryDictionary';
import type {
  CategoricalProfile,
  ColumnProfile,
  Comparison,
  ComparisonQuestion,
  NumericComparison,
  NumericProfile,
  Profile,
  ProfileQuestion,
  SourceDescription,
} from '../driftQuestions';
import { SourceInputError } from '../sourceInputError';
import { RESULT_COLUMNS, STAT } from './driftSql';

/** A cell as engines and files give it: DuckDB's BIGINT is a bigint, a CSV cell a string. */
export type ResultCell = string | number | bigint | boolean | null | undefined;
export type ResultRecord = Readonly<Record<string, ResultCell>>;

/** One row, checked: which row of which input it was, for errors. */
interface LongRow {
  readonly at: string;
  readonly column: string | null;
  readonly side: string;
  readonly stat: string;
  readonly key: string | null;
  readonly x: number | null;
  readonly n: number | null;
}

export class ResultRowsError extends SourceInputError {
  constructor(message: string) {
    super(message);
    this.name = 'ResultRowsError';
  }
}

const DOUBLE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
/** How engines export an overflowed double: `inf` (DuckDB, PostgreSQL's `Infinity`), `Infinity` (Spark, BigQuery). */
const INFINITY = /^[+-]?(?:inf|infinity)$/i;

function readDouble(cell: ResultCell, at: string, field: string): number | null {
  if (cell === null || cell === undefined || cell === '') return null;
  // ±Infinity is an answer only where a sum overflows (the mean of values near 1e308), as in memory.
  if (typeof cell === 'number') {
    if (Number.isNaN(cell)) throw new ResultRowsError(`${at}: ${field} is NaN, not a number.`);
    return cell;
  }
  if (typeof cell === 'bigint') return Number(cell);
  if (typeof cell === 'string' && DOUBLE.test(cell.trim())) return Number(cell.trim());
  if (typeof cell === 'string' && INFINITY.test(cell.trim())) return cell.trim().startsWith('-') ? -Infinity : Infinity;
  throw new ResultRowsError(`${at}: ${field} is ${JSON.stringify(String(cell))}, not a number.`);
}

function readCount(cell: ResultCell, at: string, field: string): number | null {
  if (cell === null || cell === undefined || cell === '') return null;
  let value: number;
  if (typeof cell === 'bigint') value = Number(cell);
  else if (typeof cell === 'number') value = cell;
  else if (typeof cell === 'string' && INTEGER.test(cell.trim())) value = Number(cell.trim());
  // Some exports write a BIGINT as a double ("12.0"); a whole number is still a count.
  else if (typeof cell === 'string' && DOUBLE.test(cell.trim())) value = Number(cell.trim());
  else throw new ResultRowsError(`${at}: ${field} is ${JSON.stringify(String(cell))}, not a count.`);
  if (!Number.isSafeInteger(value) || value < 0) throw new ResultRowsError(`${at}: ${field} is ${String(cell)}, not a count.`);
  return value;
}

function readText(cell: ResultCell): string | null {
  if (cell === null || cell === undefined) return null;
  return String(cell);
}

/** Checks the records' fields and converts their cells; `origin` names the input in errors. */
export function readLongRows(records: Iterable<ResultRecord>, origin: string, firstRowNumber = 1): LongRow[] {
  const rows: LongRow[] = [];
  let number = firstRowNumber;
  for (const record of records) {
    const at = `${origin}, row ${number++}`;
    for (const field of RESULT_COLUMNS) {
      if (!(field in record)) {
        throw new ResultRowsError(`${at}: no "${field}" field; the result must have the columns ${RESULT_COLUMNS.join(', ')}.`);
      }
    }
    const stat = readText(record.stat);
    const side = readText(record.side);
    if (stat === null || side === null) throw new ResultRowsError(`${at}: "stat" and "side" must not be empty.`);
    rows.push({
      at,
      column: readText(record.column_name),
      side,
      stat,
      key: readText(record.key),
      x: readDouble(record.x, at, 'x'),
      n: readCount(record.n, at, 'n'),
    });
  }
  return rows;
}

/** The rows of a column, by stat, for one side. */
class ColumnRows {
  private readonly byStat = new Map<string, LongRow[]>();
  constructor(
    readonly name: string,
    readonly side: string,
    private readonly origin: string,
  ) {}

  add(row: LongRow): void {
    const list = this.byStat.get(row.stat);
    if (list === undefined) this.byStat.set(row.stat, [row]);
    else list.push(row);
  }

  all(stat: string): readonly LongRow[] {
    return this.byStat.get(stat) ?? [];
  }

  one(stat: string): LongRow {
    const rows = this.all(stat);
    if (rows.length === 0) throw new ResultRowsError(`${this.origin}: no "${stat}" row for column "${this.name}" (${this.side}).`);
    if (rows.length > 1) throw new ResultRowsError(`${rows[1].at}: a second "${stat}" row for column "${this.name}" (${this.side}).`);
    return rows[0];
  }

  count(stat: string): number {
    const row = this.one(stat);
    if (row.n === null) throw new ResultRowsError(`${row.at}: "${stat}" of column "${this.name}" has no count (n).`);
    return row.n;
  }

  double(stat: string): number | null {
    return this.one(stat).x;
  }

  requiredDouble(stat: string): number {
    const row = this.one(stat);
    if (row.x === null) throw new ResultRowsError(`${row.at}: "${stat}" of column "${this.name}" has no value (x).`);
    return row.x;
  }
}

/** Rows grouped by side, then column name, in the order first seen. */
function groupRows(rows: readonly LongRow[], origin: string): Map<string, Map<string, ColumnRows>> {
  const sides = new Map<string, Map<string, ColumnRows>>();
  for (const row of rows) {
    if (row.column === null) continue;
    let columns = sides.get(row.side);
    if (columns === undefined) sides.set(row.side, (columns = new Map()));
    let column = columns.get(row.column);
    if (column === undefined) columns.set(row.column, (column = new ColumnRows(row.column, row.side, origin)));
    column.add(row);
  }
  return sides;
}

function sortedCategories(rows: readonly LongRow[], name: string): [string, number][] {
  const out: [string, number][] = rows.map((row) => {
    if (row.key === null || row.n === null) throw new ResultRowsError(`${row.at}: a category of "${name}" needs both key and n.`);
    return [row.key, row.n];
  });
  out.sort((a, b) => compareCodePoints(a[0], b[0]));
  for (let i = 1; i < out.length; i++) {
    if (out[i][0] === out[i - 1][0]) throw new ResultRowsError(`Column "${name}": category ${JSON.stringify(out[i][0])} appears twice.`);
  }
  return out;
}

function columnProfile(rows: ColumnRows, question: ProfileQuestion, side: string): ColumnProfile {
  const kind = rows.one(STAT.column).key;
  if (kind === 'numeric') {
    const count = rows.count(STAT.count);
    const quantiles: number[] = [];
    if (side === 'reference' && count > 0) {
      const byIndex = new Map<number, number>();
      for (const row of rows.all(STAT.quantile)) {
        const k = Number(row.key);
        if (!Number.isInteger(k) || k < 0 || k >= question.quantileProbabilities.length || row.x === null) {
          throw new ResultRowsError(`${row.at}: a quantile of "${rows.name}" needs key 0 … ${question.quantileProbabilities.length - 1} and x.`);
        }
        byIndex.set(k, row.x);
      }
      for (let k = 0; k < question.quantileProbabilities.length; k++) {
        const q = byIndex.get(k);
        if (q === undefined) throw new ResultRowsError(`Column "${rows.name}" (reference): quantile ${k} is missing.`);
        quantiles.push(q);
      }
    }
    const unit = rows.all(STAT.unit)[0]?.key;
    const profile: NumericProfile = {
      kind: 'numeric',
      count,
      missing: rows.count(STAT.missing),
      nonFinite: rows.count(STAT.nonFinite),
      ...(unit === 'epoch-ms' ? { unit } : {}),
      mean: count > 0 ? rows.requiredDouble(STAT.mean) : null,
      std: count > 1 ? rows.requiredDouble(STAT.std) : null,
      min: count > 0 ? rows.requiredDouble(STAT.min) : null,
      max: count > 0 ? rows.requiredDouble(STAT.max) : null,
      median: count > 0 ? rows.requiredDouble(STAT.median) : null,
      distinct: rows.count(STAT.distinct),
      whole: rows.count(STAT.whole) === 1,
      quantiles,
    };
    return profile;
  }
  if (kind === 'categorical') {
    const distinct = rows.count(STAT.distinct);
    const profile: CategoricalProfile = {
      kind: 'categorical',
      count: rows.count(STAT.count),
      missing: rows.count(STAT.missing),
      distinct,
      categories: distinct <= question.maxCategories ? sortedCategories(rows.all(STAT.category), rows.name) : null,
    };
    return profile;
  }
  throw new ResultRowsError(`${rows.one(STAT.column).at}: column kind ${JSON.stringify(kind)} is neither numeric nor categorical.`);
}

/** Where the profile was computed (the row counts come from the rows). */
export interface ResultDescription {
  readonly engine: string;
  readonly reference: string;
  readonly current: string;
}

/** A `Profile` from the rows of `profileSql`. */
export function profileFromRows(rows: readonly LongRow[], question: ProfileQuestion, description: ResultDescription, origin: string): Profile {
  const grouped = groupRows(rows, origin);
  const rowCount = (side: string): number => {
    const found = rows.filter((row) => row.column === null && row.side === side && row.stat === STAT.rows);
    if (found.length !== 1 || found[0].n === null) throw new ResultRowsError(`${origin}: expected one "rows" row for the ${side} file.`);
    return found[0].n;
  };
  const sideProfiles = (side: 'reference' | 'current') =>
    [...(grouped.get(side)?.values() ?? [])]
      .map((columnRows) => ({ position: columnRows.count(STAT.column), profile: { name: columnRows.name, ...columnProfile(columnRows, question, side) } }))
      .sort((a, b) => a.position - b.position)
      .map(({ profile }) => profile);
  const full: SourceDescription = {
    engine: description.engine,
    reference: { source: description.reference, rows: rowCount('reference'), warnings: [] },
    current: { source: description.current, rows: rowCount('current'), warnings: [] },
  };
  return { description: full, reference: sideProfiles('reference'), current: sideProfiles('current') };
}

/** Bin counts from the counts below each edge; an open start is 0 below, an open end all values. */
function binsFromBelow(rows: ColumnRows, stat: string, edges: readonly (number | null)[], total: number): number[] {
  const below = new Map<number, number>();
  for (const row of rows.all(stat)) {
    const k = Number(row.key);
    if (!Number.isInteger(k) || k < 0 || k >= edges.length || row.n === null) {
      throw new ResultRowsError(`${row.at}: "${stat}" of "${rows.name}" needs an edge index 0 … ${edges.length - 1} in key and n.`);
    }
    below.set(k, row.n);
  }
  const at = edges.map((edge, k) => {
    if (edge === null) return k === 0 ? 0 : total;
    const n = below.get(k);
    if (n === undefined) throw new ResultRowsError(`Column "${rows.name}" (${rows.side}): no "${stat}" row for edge ${k}.`);
    return n;
  });
  return at.slice(1).map((n, j) => n - at[j]);
}

/** Rows that carry a value in x and a count in n, as [x, n] ascending by x. */
function valueCountPairs(rows: readonly LongRow[], name: string): [number, number][] {
  const pairs = rows.map((row): [number, number] => {
    if (row.x === null || row.n === null) throw new ResultRowsError(`${row.at}: a value of "${name}" needs both x and n.`);
    return [row.x, row.n];
  });
  return pairs.sort((a, b) => a[0] - b[0]);
}

/** `Comparison` from the rows of `comparisonSql` for `question`. */
export function comparisonFromRows(rows: readonly LongRow[], question: ComparisonQuestion, origin: string): Comparison {
  const grouped = groupRows(rows, origin);
  const get = (side: string, name: string): ColumnRows =>
    grouped.get(side)?.get(name) ?? new ColumnRows(name, side, origin);

  const numeric = question.numeric.map((q): NumericComparison => {
    const both = get('both', q.name);
    const reference = get('reference', q.name);
    const current = get('current', q.name);
    const ecdfRef = valueCountPairs(reference.all(STAT.ecdf), q.name);
    const ecdfCur = valueCountPairs(current.all(STAT.ecdf), q.name);
    if (ecdfRef.length !== ecdfCur.length || ecdfRef.some(([x], i) => x !== ecdfCur[i][0])) {
      throw new ResultRowsError(`Column "${q.name}": the reference and current ECDF rows are at different points.`);
    }
    const referenceTotal = reference.count(STAT.finiteCount);
    const currentTotal = current.count(STAT.finiteCount);
    if (referenceTotal !== q.finiteCounts.reference || currentTotal !== q.finiteCounts.current) {
      throw new ResultRowsError(
        `Column "${q.name}": the comparison counts ${referenceTotal} reference and ${currentTotal} current finite values, the profile ` +
          `${q.finiteCounts.reference} and ${q.finiteCounts.current}: the data changed between the two queries. Run the report again on data that holds still (a snapshot, or a query with a fixed time range).`,
      );
    }
    let valueCounts: [number, number, number][] | null = null;
    if (q.psiEdges === null) {
      const r = valueCountPairs(reference.all(STAT.value), q.name);
      const c = valueCountPairs(current.all(STAT.value), q.name);
      if (r.length !== c.length || r.some(([x], i) => x !== c[i][0])) {
        throw new ResultRowsError(`Column "${q.name}": the reference and current value rows are at different values.`);
      }
      valueCounts = r.map(([x, n], i) => [x, n, c[i][1]]);
    }
    const hasExtremes = q.extremes !== null;
    return {
      name: q.name,
      ksStatistic: both.requiredDouble(STAT.ksStatistic),
      ksLocation: both.requiredDouble(STAT.ksLocation),
      ksLocationCounts: { reference: reference.count(STAT.ksLocationCount), current: current.count(STAT.ksLocationCount) },
      wasserstein: both.double(STAT.wasserstein) ?? 0,
      psiCounts:
        q.psiEdges === null
          ? null
          : {
              reference: binsFromBelow(reference, STAT.psiBelow, q.psiEdges, referenceTotal),
              current: binsFromBelow(current, STAT.psiBelow, q.psiEdges, currentTotal),
            },
      valueCounts,
      histogramCounts: {
        reference: binsFromBelow(reference, STAT.histogramBelow, q.histogramEdges, referenceTotal),
        current: binsFromBelow(current, STAT.histogramBelow, q.histogramEdges, currentTotal),
      },
      ecdf: ecdfRef.map(([x, r], i) => [x, r, ecdfCur[i][1]] as const),
      extremes: hasExtremes ? { beyondSigmas: current.count(STAT.beyondSigmas), outsideRange: current.count(STAT.outsideRange) } : null,
    };
  });

  const identifiers = question.identifiers.map((name) => {
    const current = get('current', name);
    const present = current.count(STAT.idPresent);
    const unseen = current.count(STAT.idUnseen);
    return { name, unseenShare: present > 0 ? unseen / present : null };
  });

  const valueCounts = question.valueCounts.map((name) => ({
    name,
    reference: valueCountPairs(get('reference', name).all(STAT.labelValue), name),
    current: valueCountPairs(get('current', name).all(STAT.labelValue), name),
  }));

  const asCategories = question.asCategories.map((name) => ({
    name,
    reference: sortedCategories(get('reference', name).all(STAT.textValue), name),
    current: sortedCategories(get('current', name).all(STAT.textValue), name),
  }));

  return { numeric, identifiers, valueCounts, asCategories };
}

/**
 * The records of an exported CSV file (RFC 4180, header first). An unquoted empty field is NULL;
 * a quoted one ("") is the empty string, which DuckDB's and Spark's CSV writers keep apart.
 */
export function parseResultCsv(text: string): ResultRecord[] {
  const records: ResultCell[][] = [];
  let row: ResultCell[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    row.push(field === '' && !wasQuoted ? null : field);
    field = '';
    wasQuoted = false;
  };
  const endRow = () => {
    endField();
    if (!(row.length === 1 && row[0] === null)) records.push(row);
    row = [];
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') {
      quoted = true;
      wasQuoted = true;
    } else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += ch;
  }
  if (field !== '' || wasQuoted || row.length > 0) endRow();
  const [header, ...body] = records;
  if (header === undefined) return [];
  const names = header.map((cell) => String(cell ?? ''));
  return body.map((cells) => Object.fromEntries(names.map((name, k) => [name, cells[k] ?? null])));
}

/** The records of an exported JSON Lines file (one object per line; blank lines skipped). */
export function parseResultJsonl(text: string, origin: string): ResultRecord[] {
  const records: ResultRecord[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new ResultRowsError(`${origin}, line ${index + 1}: not JSON (${(error as Error).message}).`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ResultRowsError(`${origin}, line ${index + 1}: expected a JSON object with the fields ${RESULT_COLUMNS.join(', ')}.`);
    }
    records.push(value as ResultRecord);
  });
  return records;
}
