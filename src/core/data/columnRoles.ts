/**
 * What a column is for: a feature to drift-test, an identifier (a key, a row number, free
 * text), or a time. Identifiers and times change between any two files by construction, so a
 * drift test on them always "fails"; the drift report lists them with their role instead and
 * compares what is meaningful: each file's time range (`timeRange`) and the share of
 * identifiers the reference never saw (`unseenShare`).
 *
 * Every rule is a cheap fact about the column that a user can check by eye, and each guess
 * carries the one sentence that explains it. The rules, in the order they are tried:
 *
 * time
 * 1. A numeric column the file stores as a date or timestamp (`NumericColumn.unit`, Parquet).
 * 2. A text column whose every distinct value is an ISO-8601 date or date-time (`parseTimestamp`).
 * 3. A numeric column named like a time (`timestamp`, `ts`, `time`, `date`, `datetime`, `epoch`;
 *    ending in `_at`, `_time`, `_ts`, `_date`, `_timestamp`, `_datetime`; starting with `created` or
 *    `updated`; camelCase too; a unit such as `_ms` after it skipped) whose values all fall
 *    between 1990 and 2100 as epoch seconds, milliseconds, microseconds or nanoseconds
 *    (`epochUnit`). Fractions are allowed: Python's `time.time()` writes them.
 *
 * identifier
 * 4. A text column of which at least 95% of the distinct values are uuids or hex hashes
 *    (16 or more hex digits: MD5, SHA-1, SHA-256, ObjectId, 64-bit hashes), checked on up to
 *    10,000 evenly spaced distinct values.
 * 5. A column named like an identifier (`id`, `uuid`, `guid`, `index`; ending in `_id`, `Id`,
 *    ` id`, `_uuid`, `_guid`, `_key`; pandas' index `Unnamed: 0`) with at least 20 values, 90% of
 *    them distinct.
 * 6. A text column with at least 20 values, 95% of them distinct: ids, names or free text, which
 *    cannot be compared as categories.
 * 7. A numeric column of at least 20 whole numbers, all distinct, that runs from its minimum to its
 *    maximum with at most 5% gaps (max - min + 1 <= 1.05 x count): a row number.
 *
 * feature: everything else. Nearly unique whole numbers with neither an id name nor a run (income
 * in dollars, prices in cents) are features, and so is a column named like an id with few values
 * (`country_id` with 5 values: a category).
 */

import type { Column, NumericColumn } from './table';
import { epochToMs, epochUnit, timestampMs, type EpochUnit } from './timestamp';

export type InferredRole = 'feature' | 'identifier' | 'time';

/** What a caller that has already sorted a numeric column passes, so it is not sorted again. */
export interface SortedFiniteOption {
  /** The column's finite values sorted ascending (`sortFinite` in core/reports gives it). */
  readonly sortedFinite?: Float64Array;
}

export interface ColumnRoleGuess {
  readonly role: InferredRole;
  /** One sentence for users saying why, e.g. "every value is distinct and the name ends in _id". */
  readonly reason: string;
}

/** A column must hold this many values before uniqueness says anything about it. */
const MIN_VALUES = 20;
/** Distinct share above which a column named like an identifier is one. */
const ID_NAME_DISTINCT = 0.9;
/** Distinct share above which text is identifiers, names or free text rather than categories. */
const TEXT_DISTINCT = 0.95;
/** Share of distinct values that must look like uuids or hashes. */
const HASH_SHARE = 0.95;
/** Rule 4 looks at this many evenly spaced distinct values at most: enough to tell a share. */
const HASH_SAMPLE = 10_000;
/** A row number may skip this share of the numbers between its minimum and maximum. */
const RUN_SLACK = 1.05;

const TIME_WORDS = new Set(['timestamp', 'ts', 'time', 'date', 'datetime', 'epoch']);
const TIME_SUFFIXES = new Set(['at', 'time', 'ts', 'date', 'timestamp', 'datetime']);
const TIME_PREFIXES = new Set(['created', 'updated']);
/** Units a time column's name may end in (`timestamp_ms`, `created_at_utc`); they are skipped. */
const TIME_UNITS = new Set(['s', 'sec', 'secs', 'seconds', 'ms', 'millis', 'milliseconds', 'us', 'micros', 'microseconds', 'ns', 'nanos', 'nanoseconds', 'utc', 'unix', 'epoch']);
const ID_WORDS = new Set(['id', 'uuid', 'guid', 'index']);
const ID_SUFFIXES = new Set(['id', 'uuid', 'guid', 'key']);
/** A uuid (8-4-4-4-12 hex digits) or 16 or more hex digits, in either case. */
const UUID_OR_HEX_HASH = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,})$/i;

/**
 * The words of a column name, lower case: split at anything but letters and digits and at
 * camelCase humps (`createdAt` -> created, at; `userID` -> user, id; `HTTPStatus` -> http, status).
 *
 * @example
 * nameWords('customerID'); // => ['customer', 'id']
 */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/**
 * Whether a column name reads as a time: `timestamp`, `ts`, `time`, `date`, `datetime` or
 * `epoch`; a last word `at`, `time`, `ts`, `date`, `timestamp` or `datetime` after another
 * word (`created_at`, `eventTime`); or a first word `created` or `updated`; a unit after it
 * (`timestamp_ms`, `created_at_utc`) is skipped.
 *
 * @example
 * looksLikeTimeName('createdAt'); // => true
 * looksLikeTimeName('event_ts_ms'); // => true
 * looksLikeTimeName('year'); // => false
 */
export function looksLikeTimeName(name: string): boolean {
  let words = nameWords(name);
  if (words.length > 1 && TIME_UNITS.has(words[words.length - 1])) words = words.slice(0, -1);
  if (words.length === 0) return false;
  if (words.length === 1) return TIME_WORDS.has(words[0]) || TIME_PREFIXES.has(words[0]);
  return TIME_SUFFIXES.has(words[words.length - 1]) || TIME_PREFIXES.has(words[0]);
}

/**
 * Whether a column name reads as an identifier: `id`, `uuid`, `guid` or `index`; a last word
 * `id`, `uuid`, `guid` or `key` after another word (`user_id`, `userId`, `order key`); or pandas'
 * name for a written-out index, `Unnamed: 0`. Words, not letters: `paid` and `valid` are not ids.
 *
 * @example
 * looksLikeIdName('user_id'); // => true
 * looksLikeIdName('valid'); // => false
 */
export function looksLikeIdName(name: string): boolean {
  if (/^Unnamed: \d+$/.test(name)) return true;
  const words = nameWords(name);
  if (words.length === 0) return false;
  if (words.length === 1) return ID_WORDS.has(words[0]);
  return ID_SUFFIXES.has(words[words.length - 1]);
}

/** Counts, facts and bounds of a numeric column, from one pass over its sorted finite values. */
interface NumericShape {
  readonly count: number;
  readonly distinct: number;
  readonly whole: boolean;
  readonly min: number;
  readonly max: number;
}

function numericShape(sorted: Float64Array): NumericShape {
  const count = sorted.length;
  let distinct = count > 0 ? 1 : 0;
  let whole = true;
  for (let i = 0; i < count; i++) {
    const v = sorted[i];
    if (whole && Math.floor(v) !== v) whole = false;
    if (i > 0 && v !== sorted[i - 1]) distinct++;
  }
  return { count, distinct, whole, min: count > 0 ? sorted[0] : NaN, max: count > 0 ? sorted[count - 1] : NaN };
}

/** The finite values of a numeric column, sorted ascending (a copy). O(n log n). */
function sortFiniteValues(column: NumericColumn): Float64Array {
  const out = new Float64Array(column.values.length - column.missing);
  let j = 0;
  for (const v of column.values) if (v - v === 0) out[j++] = v;
  return (j === out.length ? out : out.subarray(0, j)).sort();
}

const thousands = (n: number): string => n.toLocaleString('en-US');
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The role of a column in a drift comparison: `time`, `identifier` or `feature`, with one
 * sentence saying why. The rules and their order are in this file's header comment and in
 * `src/core/data/README.md`.
 *
 * `options.sortedFinite`, when given, is the column's finite values sorted ascending (the
 * report already has it), so numeric checks need no second sort.
 *
 * O(n) on a numeric column with `sortedFinite` (one pass for the distinct count, integrality and
 * range), O(n log n) without; O(distinct values x their length) on a categorical column, whose
 * rows are never read (`categories` are its distinct values).
 *
 * @example
 * inferColumnRole({ kind: 'categorical', name: 'day', codes: Int32Array.of(0, 1, 1), categories: ['2024-03-01', '2024-03-02'], missing: 0 });
 * // => { role: 'time', reason: 'every distinct value is an ISO-8601 date or date-time, from 2024-03-01 to 2024-03-02' }
 */
export function inferColumnRole(column: Column, options: SortedFiniteOption = {}): ColumnRoleGuess {
  if (column.kind === 'categorical') {
    const present = column.codes.length - column.missing;
    return inferRoleFromFacts({ kind: 'categorical', name: column.name, categories: column.categories, distinct: column.categories.length, present });
  }
  const shape = numericShape(options.sortedFinite ?? sortFiniteValues(column));
  return inferRoleFromFacts({ kind: 'numeric', name: column.name, ...(column.unit ? { unit: column.unit } : {}), ...shape });
}

/** What the role rules read of a numeric column: its name, unit, and a few aggregates. */
export interface NumericRoleFacts extends NumericShape {
  readonly kind: 'numeric';
  readonly name: string;
  readonly unit?: 'epoch-ms';
}

/** What the role rules read of a text column: its distinct values (null when a source did not list them), their number, and the present count. */
export interface CategoricalRoleFacts {
  readonly kind: 'categorical';
  readonly name: string;
  /** Sorted by code point; null when too many to list (a database source): the rules on the values themselves are then skipped. */
  readonly categories: readonly string[] | null;
  readonly distinct: number;
  readonly present: number;
}

/**
 * {@link inferColumnRole} from aggregates instead of the column: what a data source that never
 * hands over rows (DuckDB, a database) can give. The same rules, the same sentences.
 */
export function inferRoleFromFacts(facts: NumericRoleFacts | CategoricalRoleFacts): ColumnRoleGuess {
  return facts.kind === 'numeric' ? numericRole(facts) : categoricalRole(facts.name, facts.categories, facts.distinct, facts.present);
}

function numericRole(facts: NumericRoleFacts): ColumnRoleGuess {
  if (facts.unit === 'epoch-ms') {
    return { role: 'time', reason: 'the file stores it as a date or timestamp (Parquet DATE or TIMESTAMP)' };
  }
  const { count: n, distinct, whole, min, max } = facts;
  if (n === 0) return { role: 'feature', reason: 'it has no values, so nothing marks it as an identifier or a time' };

  const timeName = looksLikeTimeName(facts.name);
  const unit = timeName ? epochUnit(min, max) : undefined;
  if (unit) {
    return {
      role: 'time',
      reason: `its name reads as a time and every value is epoch ${unit.name}, from ${isoDate(epochToMs(min, unit))} to ${isoDate(epochToMs(max, unit))}`,
    };
  }
  const idName = looksLikeIdName(facts.name);
  if (idName && n >= MIN_VALUES && distinct >= ID_NAME_DISTINCT * n) {
    return { role: 'identifier', reason: `its name reads as an identifier and ${thousands(distinct)} of its ${thousands(n)} values are distinct` };
  }
  if (whole && distinct === n && n >= MIN_VALUES && max - min + 1 <= RUN_SLACK * n) {
    return {
      role: 'identifier',
      reason: `its ${thousands(n)} values are distinct whole numbers running from ${thousands(min)} to ${thousands(max)} with few gaps, like a row number`,
    };
  }
  if (idName) {
    return { role: 'feature', reason: `its name reads as an identifier, but only ${thousands(distinct)} of its ${thousands(n)} values are distinct, so it is compared as a feature` };
  }
  if (timeName) {
    return { role: 'feature', reason: 'its name reads as a time, but its values are not epoch seconds, milliseconds, microseconds or nanoseconds between 1990 and 2100' };
  }
  return { role: 'feature', reason: 'its name reads as neither an identifier nor a time, and its values are not a run of distinct whole numbers' };
}

function categoricalRole(name: string, categories: readonly string[] | null, k: number, present: number): ColumnRoleGuess {
  if (k === 0) return { role: 'feature', reason: 'it has no values, so nothing marks it as an identifier or a time' };

  const times = categories && isoRange(categories);
  if (times) {
    return { role: 'time', reason: `every distinct value is an ISO-8601 date or date-time, from ${times.earliest} to ${times.latest}` };
  }
  const { hashes, checked } = categories ? sampleHashes(categories) : { hashes: 0, checked: 0 };
  if (checked > 0 && hashes >= HASH_SHARE * checked) {
    return {
      role: 'identifier',
      reason:
        checked === k
          ? `${thousands(hashes)} of its ${thousands(k)} distinct values are uuids or hex hashes`
          : `${thousands(hashes)} of ${thousands(checked)} evenly spaced distinct values (of ${thousands(k)}) are uuids or hex hashes`,
    };
  }
  const idName = looksLikeIdName(name);
  if (idName && present >= MIN_VALUES && k >= ID_NAME_DISTINCT * present) {
    return { role: 'identifier', reason: `its name reads as an identifier and ${thousands(k)} of its ${thousands(present)} values are distinct` };
  }
  if (present >= MIN_VALUES && k >= TEXT_DISTINCT * present) {
    return {
      role: 'identifier',
      reason: `${thousands(k)} of its ${thousands(present)} values are distinct, too many to compare as categories (ids, names or free text)`,
    };
  }
  if (idName) {
    return { role: 'feature', reason: `its name reads as an identifier, but only ${thousands(k)} of its ${thousands(present)} values are distinct, so it is compared as categories` };
  }
  return { role: 'feature', reason: `its ${thousands(k)} distinct values are compared as categories` };
}

/**
 * The earliest and latest of `categories` when every one is an ISO-8601 timestamp, else
 * `undefined`. Categories are sorted, so text that does not start with a digit sits at one end:
 * the ends are tried first and most non-time columns are rejected after two strings.
 */
function isoRange(categories: readonly string[]): { earliest: string; latest: string } | undefined {
  const k = categories.length;
  if (Number.isNaN(timestampMs(categories[0])) || Number.isNaN(timestampMs(categories[k - 1]))) return undefined;
  let min = Infinity;
  let max = -Infinity;
  let earliest = 0;
  let latest = 0;
  for (let i = 0; i < k; i++) {
    const ms = timestampMs(categories[i]);
    if (ms !== ms) return undefined;
    if (ms < min) {
      min = ms;
      earliest = i;
    }
    if (ms > max) {
      max = ms;
      latest = i;
    }
  }
  return { earliest: categories[earliest], latest: categories[latest] };
}

/**
 * How many of up to `HASH_SAMPLE` evenly spaced categories (the first and the last among them)
 * are uuids or hex hashes; the count stops early, at 0, once too many are not.
 */
function sampleHashes(categories: readonly string[]): { hashes: number; checked: number } {
  const k = categories.length;
  const checked = Math.min(k, HASH_SAMPLE);
  const allowedMisses = Math.floor((1 - HASH_SHARE) * checked);
  let misses = 0;
  for (let t = 0; t < checked; t++) {
    const text = categories[checked === 1 ? 0 : Math.floor((t * (k - 1)) / (checked - 1))];
    if (text.length >= 16 && UUID_OR_HEX_HASH.test(text)) continue;
    if (++misses > allowedMisses) return { hashes: 0, checked };
  }
  return { hashes: checked - misses, checked };
}

/** A time column's span, in milliseconds since 1970-01-01 UTC. */
export interface TimeRange {
  readonly min: number;
  readonly max: number;
  readonly unit: 'epoch-ms';
}

/**
 * The earliest and latest instant of a time column, in epoch milliseconds: Parquet dates and
 * timestamps as stored, epoch numbers converted by their magnitude (`epochUnit`, the rule that
 * detects them), ISO-8601 text by `parseTimestamp` (text that is not a timestamp is skipped).
 * `null` when the column has no value, or its numbers are not epoch times between 1990 and 2100.
 *
 * O(1) on a numeric column with `sortedFinite`, O(n) without; O(distinct values) on a
 * categorical column.
 *
 * @example
 * timeRange({ kind: 'categorical', name: 'day', codes: Int32Array.of(1, 0), categories: ['2024-03-01', '2024-03-02T12:00Z'], missing: 0 });
 * // => { min: 1709251200000, max: 1709380800000, unit: 'epoch-ms' }
 */
export function timeRange(column: Column, options: SortedFiniteOption = {}): TimeRange | null {
  if (column.kind === 'categorical') return timeRangeFromFacts({ kind: 'categorical', categories: column.categories });
  const bounds = options.sortedFinite ? sortedBounds(options.sortedFinite) : valueBounds(column.values);
  return bounds ? timeRangeFromFacts({ kind: 'numeric', ...bounds, ...(column.unit ? { unit: column.unit } : {}) }) : null;
}

/** {@link timeRange} from aggregates: a numeric column's bounds and unit, or a text column's categories (null: not listed). */
export function timeRangeFromFacts(
  facts: { readonly kind: 'numeric'; readonly min: number; readonly max: number; readonly unit?: 'epoch-ms' } | { readonly kind: 'categorical'; readonly categories: readonly string[] | null },
): TimeRange | null {
  if (facts.kind === 'categorical') {
    if (!facts.categories) return null;
    let min = Infinity;
    let max = -Infinity;
    for (const text of facts.categories) {
      const ms = timestampMs(text);
      if (ms < min) min = ms;
      if (ms > max) max = ms;
    }
    return min <= max ? { min, max, unit: 'epoch-ms' } : null;
  }
  if (facts.unit === 'epoch-ms') return { min: facts.min, max: facts.max, unit: 'epoch-ms' };
  const unit: EpochUnit | undefined = epochUnit(facts.min, facts.max);
  return unit ? { min: epochToMs(facts.min, unit), max: epochToMs(facts.max, unit), unit: 'epoch-ms' } : null;
}

function sortedBounds(sorted: Float64Array): { min: number; max: number } | undefined {
  return sorted.length > 0 ? { min: sorted[0], max: sorted[sorted.length - 1] } : undefined;
}

function valueBounds(values: Float64Array): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : undefined;
}

/** Sorted finite values the caller already has, so `unseenShare` need not sort a numeric side. */
export interface UnseenShareOptions {
  /** The reference column's finite values sorted ascending (numeric reference only). */
  readonly referenceSortedFinite?: Float64Array;
  /** The current column's finite values sorted ascending (numeric current only). */
  readonly currentSortedFinite?: Float64Array;
}

/**
 * The share of the current column's present values that never occur in the reference column:
 * for an identifier, how many ids are new. Numbers compare by value, text by its string; a
 * numeric column on one side and text on the other compares `String(number)` with the text
 * (so `7` matches "7" but not "7.0"). Each row counts, so an id seen twice counts twice.
 * `null` when the current column has no value.
 *
 * Comparisons walk sorted lists instead of hashing each row: two numeric columns are merged as
 * sorted arrays (O(n) with both `options`, O(n log n) sorting what is missing); text walks the
 * two sorted category lists once (a `Set` only if one is out of order), then reads the codes
 * once; numbers against text binary-search one side's sorted numbers. A `Set` of a million
 * values costs V8 most of a second; two sorted million-row numeric columns merge in about 10 ms.
 *
 * @example
 * unseenShare(
 *   { kind: 'numeric', name: 'id', values: Float64Array.of(1, 2, 3), missing: 0, nonFinite: 0 },
 *   { kind: 'categorical', name: 'id', codes: Int32Array.of(0, 1, 2, -1), categories: ['3', '4', '5'], missing: 1 },
 * ); // => 0.6666666666666666
 */
export function unseenShare(reference: Column, current: Column, options: UnseenShareOptions = {}): number | null {
  if (current.kind === 'numeric') {
    const values = options.currentSortedFinite ?? sortFiniteValues(current);
    if (values.length === 0) return null;
    const known =
      reference.kind === 'numeric' ? (options.referenceSortedFinite ?? sortFiniteValues(reference)) : numbersPrintedAs(reference.categories);
    return countMissingFromSorted(values, known) / values.length;
  }
  const seen = seenCategories(reference, current.categories, options.referenceSortedFinite);
  let present = 0;
  let unseen = 0;
  for (const code of current.codes) {
    if (code < 0) continue;
    present++;
    if (seen[code] === 0) unseen++;
  }
  return present > 0 ? unseen / present : null;
}

/** How many entries of the sorted `values` are not in the sorted `known`: one merge, O(n + m). */
function countMissingFromSorted(values: Float64Array, known: Float64Array): number {
  let missing = 0;
  let j = 0;
  const m = known.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    while (j < m && known[j] < v) j++;
    if (j === m || known[j] !== v) missing++; // -0 and 0 are equal here, as in String(-0) === '0'
  }
  return missing;
}

/** Whether the sorted `known` holds `value`: binary search, O(log n). */
function sortedHas(known: Float64Array, value: number): boolean {
  let lo = 0;
  let hi = known.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (known[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo < known.length && known[lo] === value;
}

/** 1 for each of `categories` that occurs in `reference`, 0 otherwise. */
function seenCategories(reference: Column, categories: readonly string[], referenceSortedFinite: Float64Array | undefined): Uint8Array {
  const seen = new Uint8Array(categories.length);
  if (reference.kind === 'categorical') {
    if (!mergeSeen(reference.categories, categories, seen)) {
      const known = new Set(reference.categories);
      categories.forEach((text, i) => (seen[i] = known.has(text) ? 1 : 0));
    }
    return seen;
  }
  const known = referenceSortedFinite ?? sortFiniteValues(reference);
  categories.forEach((text, i) => {
    // The one number whose String() is `text`, if any, is Number(text) when it prints back as `text`.
    const value = Number(text);
    seen[i] = sortedHas(known, value) && String(value) === text ? 1 : 0;
  });
  return seen;
}

/**
 * Marks in `seen` the `categories` that are in `known` by walking both sorted lists once;
 * `false` when either is not strictly increasing in JavaScript's string order (then a `Set`
 * does it). That order is UTF-16 code units, which equals the code-point order of
 * `CategoricalColumn.categories` unless a list mixes characters above U+FFFF with ones from
 * U+E000 to U+FFFF; the native `<` is several times faster than comparing code points in
 * JavaScript.
 */
function mergeSeen(known: readonly string[], categories: readonly string[], seen: Uint8Array): boolean {
  // Each list's order is checked in the same pass, on strings just read, before the result counts.
  let j = 0;
  for (let i = 0; i < categories.length; i++) {
    const text = categories[i];
    if (i > 0 && !(categories[i - 1] < text)) return false;
    while (j < known.length && known[j] < text) {
      if (j > 0 && !(known[j - 1] < known[j])) return false;
      j++;
    }
    if (j < known.length && known[j] === text) seen[i] = 1;
  }
  for (j = Math.max(j, 1); j < known.length; j++) if (!(known[j - 1] < known[j])) return false;
  return true;
}

/** The categories that are exactly how JavaScript prints a number, as those numbers, sorted. */
function numbersPrintedAs(categories: readonly string[]): Float64Array {
  const out = new Float64Array(categories.length);
  let j = 0;
  for (const text of categories) {
    const value = Number(text);
    if (String(value) === text && Number.isFinite(value)) out[j++] = value;
  }
  return out.subarray(0, j).sort();
}
