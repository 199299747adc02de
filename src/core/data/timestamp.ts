/**
 * The two ways a data file writes an instant: ISO-8601 text, and a number of seconds,
 * milliseconds, microseconds or nanoseconds since 1970-01-01 UTC (Unix epoch time).
 * Both are turned into epoch milliseconds, the unit of Parquet DATE / TIMESTAMP columns.
 */

const DAY_MS = 86_400_000;

/** Milliseconds in one day: Parquet DATE counts days since 1970-01-01. */
export const MS_PER_DAY = DAY_MS;

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (`month` 1-12).
 * Howard Hinnant's `days_from_civil`: https://howardhinnant.github.io/date_algorithms.html#days_from_civil
 * (`Date.UTC` would read the years 0-99 as 1900-1999).
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The number written by `count` ASCII digits of `text` from `start`, or -1 when any is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - 48; // NaN past the end
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  return value;
}

const DASH = 45;
const SLASH = 47;
const COLON = 58;
const DOT = 46;
const COMMA = 44;
const PLUS = 43;

/**
 * `parseTimestamp` with NaN for "not a timestamp", so a loop over many strings stays on numbers.
 *
 * @example
 * timestampMs('2024-03-01'); // => 1709251200000
 * timestampMs('March 1st'); // => NaN
 */
export function timestampMs(text: string): number {
  const n = text.length;
  if (n < 10) return NaN;
  const year = digitsAt(text, 0, 4);
  const separator = text.charCodeAt(4);
  if (year < 0 || (separator !== DASH && separator !== SLASH) || text.charCodeAt(7) !== separator) return NaN;
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  const date = daysFromCivil(year, month, day) * DAY_MS;
  if (n === 10) return date;

  const t = text.charCodeAt(10);
  if (t !== 84 /* T */ && t !== 116 /* t */ && t !== 32 /* space */) return NaN;
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  if (hour < 0 || hour > 23 || text.charCodeAt(13) !== COLON || minute < 0 || minute > 59) return NaN;
  let ms = date + hour * 3_600_000 + minute * 60_000;
  let i = 16;
  if (text.charCodeAt(i) === COLON) {
    const second = digitsAt(text, 17, 2);
    if (second < 0 || second > 59) return NaN;
    ms += second * 1000;
    i = 19;
    const mark = text.charCodeAt(i);
    if (mark === DOT || mark === COMMA) {
      // The fraction of a second, exact to the millisecond and rounded once below it.
      let fraction = 0;
      let digits = 0;
      for (i++; i < n; i++, digits++) {
        const d = text.charCodeAt(i) - 48;
        if (!(d >= 0 && d <= 9)) break;
        fraction = fraction * 10 + d;
      }
      if (digits === 0) return NaN;
      ms += digits <= 3 ? fraction * 10 ** (3 - digits) : fraction / 10 ** (digits - 3);
    }
  }
  if (i === n) return ms; // no offset: UTC
  const zone = text.charCodeAt(i);
  if (zone === 90 /* Z */ || zone === 122 /* z */) return i + 1 === n ? ms : NaN;
  if (zone !== PLUS && zone !== DASH) return NaN;
  const offsetHours = digitsAt(text, i + 1, 2);
  let offsetMinutes: number;
  if (i + 3 === n) offsetMinutes = 0; // +02
  else if (i + 6 === n && text.charCodeAt(i + 3) === COLON) offsetMinutes = digitsAt(text, i + 4, 2); // +02:00
  else if (i + 5 === n) offsetMinutes = digitsAt(text, i + 3, 2); // +0200
  else return NaN;
  if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) return NaN;
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
  return zone === PLUS ? ms - offset : ms + offset;
}

/**
 * An ISO-8601 date or date-time as milliseconds since 1970-01-01 UTC, or `undefined`.
 *
 * Reads `YYYY-MM-DD` (or `YYYY/MM/DD`), optionally followed by `T`, `t` or a space and
 * `hh:mm`, `:ss`, a fraction of a second (`.123`, `,5`, any number of digits) and an offset
 * (`Z`, `+02:00`, `-0530`, `+02`). No offset means UTC (pandas reads naive times without a zone;
 * GRADIENT compares them as UTC so a file gives the same instants on every machine). Dates that
 * do not exist (`2024-02-30`), hours past 23 and leap seconds are not timestamps.
 * RFC 3339 is the profile this follows: https://www.rfc-editor.org/rfc/rfc3339#section-5.6
 *
 * O(length of `text`).
 *
 * @example
 * parseTimestamp('2024-03-01T12:30:45.123+02:00'); // => 1709289045123
 * parseTimestamp('2024/03/01'); // => 1709251200000
 * parseTimestamp('2024-02-30'); // => undefined
 */
export function parseTimestamp(text: string): number | undefined {
  const ms = timestampMs(text);
  return ms === ms ? ms : undefined;
}

/** An epoch unit: its name for users, and how many of it make one second. */
export interface EpochUnit {
  readonly name: 'seconds' | 'milliseconds' | 'microseconds' | 'nanoseconds';
  readonly perSecond: 1 | 1e3 | 1e6 | 1e9;
}

/** 1990-01-01 and 2100-01-01 in epoch seconds: the instants an epoch column plausibly holds. */
const EPOCH_FIRST_SECOND = 631_152_000;
const EPOCH_LAST_SECOND = 4_102_444_800;

const EPOCH_UNITS: readonly EpochUnit[] = [
  { name: 'seconds', perSecond: 1 },
  { name: 'milliseconds', perSecond: 1e3 },
  { name: 'microseconds', perSecond: 1e6 },
  { name: 'nanoseconds', perSecond: 1e9 },
];

/**
 * The epoch unit in which both `min` and `max` fall between 1990 and 2100, or `undefined`.
 * The four ranges are a thousand-fold apart and do not overlap, so the magnitude alone tells
 * the unit: 1.7e9 is seconds, 1.7e12 milliseconds, 1.7e15 microseconds, 1.7e18 nanoseconds.
 *
 * O(1).
 *
 * @example
 * epochUnit(1704067200, 1711929600)?.name; // => 'seconds'
 * epochUnit(2019, 2024); // => undefined (years, not epoch times)
 */
export function epochUnit(min: number, max: number): EpochUnit | undefined {
  for (const unit of EPOCH_UNITS) {
    if (min >= EPOCH_FIRST_SECOND * unit.perSecond && max <= EPOCH_LAST_SECOND * unit.perSecond) return unit;
  }
  return undefined;
}

/**
 * An epoch number in `unit` as epoch milliseconds (one multiplication or division, so whole
 * seconds and milliseconds stay exact).
 *
 * @example
 * epochToMs(1709251200, { name: 'seconds', perSecond: 1 }); // => 1709251200000
 */
export function epochToMs(value: number, unit: EpochUnit): number {
  return unit.perSecond === 1 ? value * 1000 : value / (unit.perSecond / 1000);
}
