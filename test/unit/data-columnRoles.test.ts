// Column roles: which columns are identifiers or times (not drift-tested as features), the
// time range of a time column, and the share of new identifiers. Every rule of
// src/core/data/columnRoles.ts with a case that fires it and a near miss that does not; the
// bundled example data; and a false-positive check on scikit-learn's bundled data sets
// (test/fixtures/roles/, written by test/golden/make_role_corpus.py).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import {
  epochToMs,
  epochUnit,
  findColumn,
  inferColumnRole,
  loadTable,
  looksLikeIdName,
  looksLikeTimeName,
  nameWords,
  parseTimestamp,
  timeRange,
  unseenShare,
  type CategoricalColumn,
  type Column,
  type NumericColumn,
  type Table,
} from '../../src/core/data/index';
import { seededRandom } from '../../src/core/stats/seededRandom';
import { fixture } from '../fixtures/data/tables';

/** A numeric column; `null` is missing. */
function numbers(name: string, values: ArrayLike<number | null>, extra: Partial<NumericColumn> = {}): NumericColumn {
  const array = Float64Array.from(values as ArrayLike<number | null>, (v) => (v === null ? NaN : v));
  let missing = 0;
  for (const v of array) if (Number.isNaN(v)) missing++;
  return { kind: 'numeric', name, values: array, missing, nonFinite: 0, ...extra };
}

/** A categorical column coded as the loader codes it (categories sorted); `null` is missing. */
function texts(name: string, values: ReadonlyArray<string | null>): CategoricalColumn {
  const categories = [...new Set(values.filter((v): v is string => v !== null))].sort();
  const code = new Map(categories.map((c, i) => [c, i]));
  const codes = Int32Array.from(values, (v) => (v === null ? -1 : code.get(v)!));
  return { kind: 'categorical', name, codes, categories, missing: values.filter((v) => v === null).length };
}

function sorted(column: NumericColumn): Float64Array {
  return column.values.filter((v) => Number.isFinite(v)).sort();
}

const role = (column: Column) => inferColumnRole(column).role;

/** `count` distinct integers drawn from [low, high), in random order (seeded). */
function distinctIntegers(count: number, low: number, high: number, seed: number): number[] {
  const random = seededRandom(seed);
  const seen = new Set<number>();
  while (seen.size < count) seen.add(low + Math.floor(random() * (high - low)));
  return [...seen];
}

/** A version-4-shaped uuid from the seeded generator. */
function uuid(random: () => number): string {
  const hex = Array.from({ length: 4 }, () => Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

describe('parseTimestamp', () => {
  test('dates, with - or /, are midnight UTC', () => {
    assert.equal(parseTimestamp('2024-03-01'), 1709251200000);
    assert.equal(parseTimestamp('2024/03/01'), 1709251200000);
    assert.equal(parseTimestamp('1969-12-31'), -86400000);
    assert.equal(parseTimestamp('0050-01-01'), -60589296000000); // year 50, not 1950 (Date.UTC's trap)
  });

  test('date-times with T, t or a space; minutes, seconds and any fraction; no offset is UTC', () => {
    assert.equal(parseTimestamp('2024-03-01 12:30'), 1709296200000);
    assert.equal(parseTimestamp('2024-03-01T12:30'), 1709296200000);
    assert.equal(parseTimestamp('2024-03-01t12:30:00'), 1709296200000);
    assert.equal(parseTimestamp('2024-03-01T12:30:45.123'), 1709296245123);
    assert.equal(parseTimestamp('2024-03-01T12:30:45.1'), 1709296245100);
    assert.equal(parseTimestamp('2024-03-01T12:30:45,5'), 1709296245500);
    assert.equal(parseTimestamp('2024-03-01 12:30:45.123456'), 1709296245123.456);
    assert.equal(parseTimestamp('2024/03/01 12:30'), 1709296200000);
  });

  test('offsets: Z, z, +02:00, -05:30, +0200, +02', () => {
    assert.equal(parseTimestamp('2024-03-01T12:30:45.123Z'), 1709296245123);
    assert.equal(parseTimestamp('2024-03-01T12:30:45.123z'), 1709296245123);
    assert.equal(parseTimestamp('2024-03-01T12:30:45.123+02:00'), 1709289045123);
    assert.equal(parseTimestamp('2024-03-01T12:30-05:30'), 1709316000000);
    assert.equal(parseTimestamp('2024-03-01T12:30+0200'), 1709289000000);
    assert.equal(parseTimestamp('2024-03-01T12:30+02'), 1709289000000);
    assert.equal(parseTimestamp('2024-03-01 12:30:45+00:00'), 1709296245000); // pandas' tz-aware to_csv
  });

  test('dates that do not exist are not timestamps: 2024-02-30, 2023-02-29, 2100-02-29, month 13', () => {
    assert.equal(parseTimestamp('2024-02-29'), 1709164800000);
    assert.equal(parseTimestamp('2000-02-29'), 951782400000);
    for (const text of ['2024-02-30', '2023-02-29', '2100-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-01-00']) {
      assert.equal(parseTimestamp(text), undefined, text);
    }
  });

  test('malformed text is not a timestamp', () => {
    const bad = [
      '', '2024', '2024-03', '20240301', '2024-3-1', '2024-03/01', '01/03/2024', '03/01/2024 12:30',
      ' 2024-03-01', '2024-03-01 ', '2024-03-01Z', '2024-03-01T', '2024-03-01 12', '2024-03-01T24:00',
      '2024-03-01T12:60', '2024-03-01T12:30:60', '2024-03-01T12:30:45.', '2024-03-01T12:30:45.Z',
      '2024-03-01T12:30+2:00', '2024-03-01T12:30+02:0', '2024-03-01T12:30+24:00', '2024-03-01T12:30Zulu',
      '2024-03-01T12:30 UTC', 'March 1, 2024', 'NaN', '1709251200',
    ];
    for (const text of bad) assert.equal(parseTimestamp(text), undefined, JSON.stringify(text));
  });

  test('agrees with Date.parse on 5,000 random instants from 1900 to 2200, with Z and with offsets', () => {
    const random = seededRandom(11);
    const pad = (n: number) => String(n).padStart(2, '0');
    for (let i = 0; i < 5000; i++) {
      const ms = Math.floor(Date.UTC(1900, 0, 1) + random() * (Date.UTC(2200, 0, 1) - Date.UTC(1900, 0, 1)));
      const iso = new Date(ms).toISOString();
      assert.equal(parseTimestamp(iso), ms, iso);
      const minutes = Math.floor(random() * 14 * 60) * (random() < 0.5 ? -1 : 1);
      const local = new Date(ms + minutes * 60_000).toISOString().slice(0, 23);
      const offset = `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
      assert.equal(parseTimestamp(local + offset), Date.parse(local + offset), local + offset);
    }
  });
});

describe('epochUnit', () => {
  test('the magnitude names the unit: seconds, milliseconds, microseconds, nanoseconds since 1970', () => {
    const march = 1709251200; // 2024-03-01 in seconds
    assert.equal(epochUnit(march, march + 86400)?.name, 'seconds');
    assert.equal(epochUnit(march * 1e3, march * 1e3)?.name, 'milliseconds');
    assert.equal(epochUnit(march * 1e6, march * 1e6)?.name, 'microseconds');
    assert.equal(epochUnit(march * 1e9, march * 1e9)?.name, 'nanoseconds');
    for (const unit of ['seconds', 'milliseconds', 'microseconds', 'nanoseconds'] as const) {
      const perSecond = { seconds: 1, milliseconds: 1e3, microseconds: 1e6, nanoseconds: 1e9 }[unit];
      assert.equal(epochToMs(march * perSecond, epochUnit(march * perSecond, march * perSecond)!), 1709251200000, unit);
    }
  });

  test('only 1990 to 2100: years, YYYYMMDD numbers, 1989 and 2101, and mixed units are not epoch times', () => {
    assert.equal(epochUnit(631152000, 4102444800)?.name, 'seconds'); // 1990-01-01 .. 2100-01-01
    assert.equal(epochUnit(631151999, 700000000), undefined);
    assert.equal(epochUnit(700000000, 4102444801), undefined);
    assert.equal(epochUnit(2015, 2024), undefined);
    assert.equal(epochUnit(20240101, 20241231), undefined);
    assert.equal(epochUnit(1709251200, 1709251200000), undefined);
  });
});

describe('column names', () => {
  test('names split into words at punctuation, spaces and camelCase humps', () => {
    assert.deepEqual(nameWords('customerID'), ['customer', 'id']);
    assert.deepEqual(nameWords('createdAt'), ['created', 'at']);
    assert.deepEqual(nameWords('HTTPStatus'), ['http', 'status']);
    assert.deepEqual(nameWords('od280/od315_of_diluted_wines'), ['od280', 'od315', 'of', 'diluted', 'wines']);
    assert.deepEqual(nameWords('Unnamed: 0'), ['unnamed', '0']);
  });

  test('identifier names: id, uuid, guid, index, *_id, *Id, * id, *_uuid, *_key, Unnamed: 0', () => {
    for (const name of ['id', 'ID', 'uuid', 'GUID', 'index', 'user_id', 'userId', 'customerID', 'Customer ID', 'order-id', 'device_uuid', 'row_guid', 'order_key', 'Unnamed: 0', 'Unnamed: 12']) {
      assert.equal(looksLikeIdName(name), true, name);
    }
    for (const name of ['paid', 'valid', 'grid', 'humidity', 'key', 'idle_time', 'id_card_type', 'ideal', 'Unnamed', 'income', 'keyboard']) {
      assert.equal(looksLikeIdName(name), false, name);
    }
  });

  test('time names: timestamp, ts, time, date, datetime, epoch, *_at, *_time, *_ts, *_date, created*, updated*, a unit after', () => {
    for (const name of ['timestamp', 'TS', 'time', 'Date', 'datetime', 'epoch', 'created_at', 'createdAt', 'event_time', 'eventTime', 'event_ts', 'start_date', 'StartDate', 'created', 'updated_on', 'timestamp_ms', 'created_at_utc', 'event_ts_us', 'signup_timestamp']) {
      assert.equal(looksLikeTimeName(name), true, name);
    }
    for (const name of ['year', 'month', 'duration', 'time_of_day_bucket', 'timezone', 'at', 'dates_count', 'ms', 'creator', 'age', 'sessions_7d']) {
      assert.equal(looksLikeTimeName(name), false, name);
    }
  });
});

describe('inferColumnRole: time', () => {
  test('text whose every distinct value is an ISO-8601 date is a time', () => {
    const days = Array.from({ length: 40 }, (_, i) => `2024-03-${String((i % 30) + 1).padStart(2, '0')}`);
    assert.deepEqual(inferColumnRole(texts('day', [...days, null])), {
      role: 'time',
      reason: 'every distinct value is an ISO-8601 date or date-time, from 2024-03-01 to 2024-03-30',
    });
    assert.equal(role(texts('d', ['2024/03/01', '2024/03/02'])), 'time');
  });

  test('ISO date-times with and without seconds, fractions and offsets are a time; the reason names the earliest and latest', () => {
    const values = ['2024-03-01T12:30:45.123Z', '2024-03-01T12:30:45+02:00', '2024-03-01 09:00', '2024-03-01T23:59:59.999999-05:00'];
    assert.deepEqual(inferColumnRole(texts('seen', values)), {
      role: 'time',
      reason: 'every distinct value is an ISO-8601 date or date-time, from 2024-03-01 09:00 to 2024-03-01T23:59:59.999999-05:00',
    });
  });

  test('one value that is not a timestamp (a day that does not exist, a label) makes it not a time', () => {
    assert.equal(role(texts('day', ['2024-02-28', '2024-02-29', '2024-02-30'])), 'feature');
    assert.equal(role(texts('day', ['2024-03-01', '2024-03-02', 'unknown'])), 'feature');
    assert.equal(role(texts('day', ['2024-03-01', '2024-03-02', '03/03/2024'])), 'feature');
  });

  test('epoch seconds in a column named created_at are a time; the reason names the unit and the dates', () => {
    const values = distinctIntegers(200, 1704067200, 1711929600, 1); // 2024-01-01 .. 2024-04-01
    const column = numbers('created_at', values);
    const guess = inferColumnRole(column);
    assert.equal(guess.role, 'time');
    assert.match(guess.reason, /^its name reads as a time and every value is epoch seconds, from 2024-01-\d\d to 2024-03-\d\d$/);
    assert.deepEqual(inferColumnRole(column, { sortedFinite: sorted(column) }), guess);
  });

  test('epoch milliseconds, microseconds and nanoseconds, fractional seconds and camelCase names are a time', () => {
    assert.equal(inferColumnRole(numbers('createdAt', [1709251200000, 1709251260000, null])).reason, 'its name reads as a time and every value is epoch milliseconds, from 2024-03-01 to 2024-03-01');
    assert.equal(role(numbers('event_ts', [1709251200000000, 1709337600000000])), 'time');
    assert.equal(role(numbers('timestamp_ns', [1709251200000000000, 1709337600000000000])), 'time');
    assert.equal(role(numbers('ts', [1709251200.25, 1709251200.5])), 'time'); // Python's time.time()
  });

  test('the same epoch seconds under a name that is not a time are a feature, not an identifier', () => {
    const values = distinctIntegers(200, 1704067200, 1711929600, 1);
    assert.deepEqual(inferColumnRole(numbers('value', values)), {
      role: 'feature',
      reason: 'its name reads as neither an identifier nor a time, and its values are not a run of distinct whole numbers',
    });
  });

  test('a numeric year, and a time-named column of YYYYMMDD numbers, are features', () => {
    const years = Array.from({ length: 500 }, (_, i) => 2000 + (i % 25));
    assert.equal(role(numbers('year', years)), 'feature');
    assert.deepEqual(inferColumnRole(numbers('date', [20240301, 20240302, 20240303])), {
      role: 'feature',
      reason: 'its name reads as a time, but its values are not epoch seconds, milliseconds, microseconds or nanoseconds between 1990 and 2100',
    });
    assert.equal(role(numbers('duration_time', [0.5, 3, 12.25])), 'feature');
  });

  test('a column the file stores as a date or timestamp is a time, whatever its name and values', () => {
    assert.deepEqual(inferColumnRole(numbers('x', [0, 86400000, null], { unit: 'epoch-ms' })), {
      role: 'time',
      reason: 'the file stores it as a date or timestamp (Parquet DATE or TIMESTAMP)',
    });
    assert.equal(role(numbers('x', [], { unit: 'epoch-ms' })), 'time');
  });

  test('Parquet DATE and TIMESTAMP (ms, us, ns; converted or logical) are times; TIME of day and INT32 are not', async () => {
    const table = await loadTable(fixture('temporal.parquet'));
    const roles = Object.fromEntries(table.columns.map((column) => [column.name, role(column)]));
    assert.deepEqual(roles, {
      day: 'time',
      logical_day: 'time',
      event_ms: 'time',
      event_us: 'time',
      event_ns: 'time',
      clock: 'feature',
      plain: 'feature',
    });
    assert.deepEqual(timeRange(findColumn(table, 'event_us')!), { min: 946684799000, max: 1709382645123, unit: 'epoch-ms' });
    assert.deepEqual(timeRange(findColumn(table, 'logical_day')!), { min: 946598400000, max: 1709337600000, unit: 'epoch-ms' });
  });
});

describe('inferColumnRole: identifier', () => {
  test('uuids are identifiers, even when they repeat (events of a few sessions)', () => {
    const random = seededRandom(3);
    const ids = Array.from({ length: 30 }, () => uuid(random));
    assert.deepEqual(inferColumnRole(texts('session', ids)), { role: 'identifier', reason: '30 of its 30 distinct values are uuids or hex hashes' });
    const events = Array.from({ length: 1000 }, (_, i) => ids[i % 3]);
    assert.equal(role(texts('session', events)), 'identifier');
    assert.equal(role(texts('session', ids.map((id) => id.toUpperCase()))), 'identifier');
  });

  test('hex hashes of 16 or more digits are identifiers; 95% of the distinct values must be', () => {
    const random = seededRandom(4);
    const hash = (digits: number) => Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join('');
    assert.equal(role(texts('sha', Array.from({ length: 10 }, () => hash(40)))), 'identifier');
    assert.equal(role(texts('object', Array.from({ length: 10 }, () => hash(24)))), 'identifier');
    const mostly = [...Array.from({ length: 95 }, () => hash(32)), 'unknown', 'n/a', '', '-', 'none'];
    assert.deepEqual(inferColumnRole(texts('md5', mostly)), { role: 'identifier', reason: '95 of its 100 distinct values are uuids or hex hashes' });
    const fewer = [...Array.from({ length: 94 }, () => hash(32)), ...['a', 'b', 'c', 'd', 'e', 'f'].map((x) => `${x} label`)];
    assert.equal(inferColumnRole(texts('md5', fewer)).reason, '100 of its 100 values are distinct, too many to compare as categories (ids, names or free text)');
    const short = Array.from({ length: 8 }, () => hash(8)).flatMap((h) => [h, h, h]);
    assert.equal(role(texts('color', short)), 'feature'); // 8 hex digits: not a hash
  });

  test('more than 10,000 distinct uuids are judged on 10,000 evenly spaced ones', () => {
    const random = seededRandom(5);
    const ids = Array.from({ length: 25_000 }, () => uuid(random));
    assert.equal(inferColumnRole(texts('trace', ids)).reason, '10,000 of 10,000 evenly spaced distinct values (of 25,000) are uuids or hex hashes');
  });

  test('a column named like an id whose values are 90% distinct (20 or more) is an identifier, numbers or text', () => {
    const values = distinctIntegers(100, 100_000, 1_000_000, 6);
    assert.deepEqual(inferColumnRole(numbers('user_id', values)), {
      role: 'identifier',
      reason: 'its name reads as an identifier and 100 of its 100 values are distinct',
    });
    const repeated = [...values.slice(0, 90), ...values.slice(0, 10)]; // 90 distinct of 100
    assert.equal(role(numbers('userId', repeated)), 'identifier');
    assert.equal(role(texts('Customer ID', repeated.map((v) => `C${v}`))), 'identifier');
    assert.equal(role(numbers('order_key', values)), 'identifier');
  });

  test('pandas index written out (Unnamed: 0) is an identifier even when shuffled and sampled', () => {
    const sampled = distinctIntegers(800, 0, 1000, 7); // an 80% train split of 0..999: not a run
    assert.equal(inferColumnRole(numbers('Unnamed: 0', sampled)).role, 'identifier');
    assert.equal(inferColumnRole(numbers('n', sampled)).role, 'feature');
  });

  test('a column named like an id with few values (country_id with 5) is a feature', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i * 7) % 5);
    assert.deepEqual(inferColumnRole(numbers('country_id', values)), {
      role: 'feature',
      reason: 'its name reads as an identifier, but only 5 of its 1,000 values are distinct, so it is compared as a feature',
    });
    assert.deepEqual(inferColumnRole(texts('store_id', values.map((v) => `S${v}`))), {
      role: 'feature',
      reason: 'its name reads as an identifier, but only 5 of its 1,000 values are distinct, so it is compared as categories',
    });
    assert.equal(role(numbers('user_id', [...Array.from({ length: 89 }, (_, i) => i * 10), ...Array(11).fill(10)])), 'feature'); // 89% distinct
  });

  test('fewer than 20 values prove nothing: a short id column is a feature', () => {
    assert.equal(role(numbers('id', [5, 17, 3, 12, 99, 41, 8, 23, 64, 77])), 'feature');
    assert.equal(role(texts('name', ['ann', 'bob', 'cy', 'dee', 'ed'])), 'feature');
  });

  test('text with 95% distinct values (20 or more) is an identifier: ids, names or free text', () => {
    const names = Array.from({ length: 100 }, (_, i) => `customer ${i}`);
    assert.deepEqual(inferColumnRole(texts('name', names)), {
      role: 'identifier',
      reason: '100 of its 100 values are distinct, too many to compare as categories (ids, names or free text)',
    });
    assert.equal(role(texts('comment', [...names.slice(0, 95), ...names.slice(0, 5)])), 'identifier');
    assert.deepEqual(inferColumnRole(texts('city', [...names.slice(0, 94), ...names.slice(0, 6)])), {
      role: 'feature',
      reason: 'its 94 distinct values are compared as categories',
    });
  });

  test('distinct whole numbers forming a run (at most 5% gaps) are a row number', () => {
    const run = distinctIntegers(100, 0, 100, 8);
    assert.deepEqual(inferColumnRole(numbers('n', run)), {
      role: 'identifier',
      reason: 'its 100 values are distinct whole numbers running from 0 to 99 with few gaps, like a row number',
    });
    const gaps = (span: number, missing: number[]) => Array.from({ length: span }, (_, i) => 1000 + i).filter((v) => !missing.includes(v));
    assert.equal(role(numbers('row', gaps(105, [1010, 1020, 1030, 1040, 1050]))), 'identifier'); // 100 in a span of 105
    assert.equal(role(numbers('row', gaps(106, [1010, 1020, 1030, 1040, 1050, 1060]))), 'feature'); // 100 in a span of 106
    assert.equal(role(numbers('row', [...run.slice(0, 99), 5])), 'feature'); // one repeat: not a row number
    assert.equal(role(numbers('row', run.map((v) => v + 0.5))), 'feature'); // not whole numbers
    assert.equal(role(numbers('row', run.slice(0, 19))), 'feature'); // fewer than 20
  });

  test('nearly unique whole numbers without an id name or a run are features: income in dollars, prices in cents', () => {
    const income = distinctIntegers(5000, 15_000, 250_000, 10);
    assert.equal(new Set(income).size, 5000);
    assert.deepEqual(inferColumnRole(numbers('income', income)), {
      role: 'feature',
      reason: 'its name reads as neither an identifier nor a time, and its values are not a run of distinct whole numbers',
    });
    assert.equal(role(numbers('price_cents', distinctIntegers(300, 99, 100_000, 11))), 'feature');
    assert.equal(role(numbers('mean area', Array.from({ length: 500 }, (_, i) => 143.5 + i * 3.71))), 'feature');
  });
});

describe('inferColumnRole: details', () => {
  test('empty columns are features', () => {
    assert.equal(role(numbers('user_id', [null, null])), 'feature');
    assert.equal(role(texts('timestamp', [null])), 'feature');
  });

  test('sortedFinite gives the same guesses as sorting inside', () => {
    const columns = [
      numbers('user_id', distinctIntegers(100, 0, 10_000, 12)),
      numbers('n', distinctIntegers(100, 0, 100, 13)),
      numbers('created_at', [1709251200, null, 1709337600]),
      numbers('income', distinctIntegers(100, 0, 1e6, 14)),
    ];
    for (const column of columns) assert.deepEqual(inferColumnRole(column, { sortedFinite: sorted(column) }), inferColumnRole(column), column.name);
  });

  test('a 1,000,000-row numeric column with sortedFinite, or categorical with few values, takes milliseconds', (t) => {
    const random = seededRandom(15);
    const n = 1_000_000;
    const income = numbers('income', Float64Array.from({ length: n }, () => Math.round(15_000 + random() * 235_000)));
    const incomeSorted = sorted(income);
    const country: CategoricalColumn = { kind: 'categorical', name: 'country', codes: Int32Array.from({ length: n }, (_, i) => i % 4), categories: ['BR', 'DE', 'FR', 'US'], missing: 0 };
    const best = (run: () => unknown) => {
      let ms = Infinity;
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        run();
        ms = Math.min(ms, performance.now() - started);
      }
      return ms;
    };
    const numericMs = best(() => inferColumnRole(income, { sortedFinite: incomeSorted }));
    const categoricalMs = best(() => inferColumnRole(country));
    t.diagnostic(`numeric ${numericMs.toFixed(2)} ms, categorical ${categoricalMs.toFixed(3)} ms`);
    assert.equal(inferColumnRole(income, { sortedFinite: incomeSorted }).role, 'feature');
    assert.ok(numericMs < 100, `${numericMs} ms`); // about 5 ms; generous for a loaded machine
    assert.ok(categoricalMs < 10, `${categoricalMs} ms`);
  });

  test('documentation examples', () => {
    assert.deepEqual(inferColumnRole({ kind: 'categorical', name: 'day', codes: Int32Array.of(0, 1, 1), categories: ['2024-03-01', '2024-03-02'], missing: 0 }), {
      role: 'time',
      reason: 'every distinct value is an ISO-8601 date or date-time, from 2024-03-01 to 2024-03-02',
    });
    assert.deepEqual(timeRange({ kind: 'categorical', name: 'day', codes: Int32Array.of(1, 0), categories: ['2024-03-01', '2024-03-02T12:00Z'], missing: 0 }), {
      min: 1709251200000,
      max: 1709380800000,
      unit: 'epoch-ms',
    });
    assert.equal(
      unseenShare(
        { kind: 'numeric', name: 'id', values: Float64Array.of(1, 2, 3), missing: 0, nonFinite: 0 },
        { kind: 'categorical', name: 'id', codes: Int32Array.of(0, 1, 2, -1), categories: ['3', '4', '5'], missing: 1 },
      ),
      0.6666666666666666,
    );
    assert.equal(parseTimestamp('2024-03-01T12:30:45.123+02:00'), 1709289045123);
    assert.equal(parseTimestamp('2024/03/01'), 1709251200000);
    assert.equal(parseTimestamp('2024-02-30'), undefined);
    assert.equal(epochUnit(1704067200, 1711929600)?.name, 'seconds');
    assert.equal(epochUnit(2019, 2024), undefined);
    assert.equal(epochToMs(1709251200, { name: 'seconds', perSecond: 1 }), 1709251200000);
  });
});

describe('timeRange', () => {
  test('ISO text: the earliest and latest instant, not the first and last text (offsets differ)', () => {
    const column = texts('seen', ['2024-03-01T12:30:45.123Z', '2024-03-01T12:30:45+02:00', '2024-03-01 09:00', '2024-03-01T23:59:59-05:00']);
    assert.deepEqual(timeRange(column), { min: 1709283600000, max: 1709355599000, unit: 'epoch-ms' });
  });

  test('epoch seconds, milliseconds and microseconds become milliseconds by the rule that detects them', () => {
    const seconds = numbers('created_at', [1709337600, null, 1709251200]);
    assert.deepEqual(timeRange(seconds), { min: 1709251200000, max: 1709337600000, unit: 'epoch-ms' });
    assert.deepEqual(timeRange(seconds, { sortedFinite: sorted(seconds) }), { min: 1709251200000, max: 1709337600000, unit: 'epoch-ms' });
    assert.deepEqual(timeRange(numbers('ts', [1709251200123, 1709251200456])), { min: 1709251200123, max: 1709251200456, unit: 'epoch-ms' });
    assert.deepEqual(timeRange(numbers('ts', [1709251200123456])), { min: 1709251200123.456, max: 1709251200123.456, unit: 'epoch-ms' });
  });

  test('a column marked epoch-ms is read as is, even before 1990', () => {
    assert.deepEqual(timeRange(numbers('day', [0, 86400000], { unit: 'epoch-ms' })), { min: 0, max: 86400000, unit: 'epoch-ms' });
  });

  test('null without a value, for numbers that are not epoch times, and for text without a timestamp', () => {
    assert.equal(timeRange(numbers('ts', [null])), null);
    assert.equal(timeRange(numbers('year', [2019, 2024])), null);
    assert.equal(timeRange(texts('day', [null])), null);
    assert.equal(timeRange(texts('country', ['DE', 'US'])), null);
    assert.deepEqual(timeRange(texts('day', ['2024-03-01', 'unknown'])), { min: 1709251200000, max: 1709251200000, unit: 'epoch-ms' });
  });
});

describe('unseenShare', () => {
  test('numbers: the share of current rows whose value the reference never has; each row counts', () => {
    const reference = numbers('id', [1, 2, 3, null]);
    assert.equal(unseenShare(reference, numbers('id', [2, 3, 4, 4, null])), 0.5);
    assert.equal(unseenShare(reference, numbers('id', [1, 1, 1])), 0);
    assert.equal(unseenShare(numbers('id', [null]), numbers('id', [7, 8])), 1);
    assert.equal(unseenShare(numbers('id', [0]), numbers('id', [-0])), 0);
    const current = numbers('id', [2, 3, 4, 4]);
    assert.equal(unseenShare(reference, current, { referenceSortedFinite: sorted(reference), currentSortedFinite: sorted(current) }), 0.5);
  });

  test('text: compared by string, with the category lists in any order', () => {
    assert.equal(unseenShare(texts('id', ['a', 'b', 'c']), texts('id', ['b', 'c', 'd', 'e', null])), 0.5);
    assert.equal(unseenShare(texts('id', ['é', 'e']), texts('id', ['é', 'E', 'e'])), 1 / 3);
    const unsorted: CategoricalColumn = { kind: 'categorical', name: 'id', codes: Int32Array.of(0, 1, 2), categories: ['c', 'a', 'b'], missing: 0 };
    assert.equal(unseenShare(unsorted, texts('id', ['a', 'x', 'c', 'c'])), 0.25);
    assert.equal(unseenShare(texts('id', ['a', 'x', 'c']), unsorted), 1 / 3);
    // Code-point order (how the loader sorts) differs from JavaScript's < for these two.
    const astral: CategoricalColumn = { kind: 'categorical', name: 'id', codes: Int32Array.of(0, 1), categories: ['\uff5e', '\u{1f600}'], missing: 0 };
    assert.equal(unseenShare(astral, astral), 0);
  });

  test('numbers against text compare String(number) with the text: 7 meets "7", not "7.0"', () => {
    const numeric = numbers('id', [7, 8.5, -0, 1e21]);
    assert.equal(unseenShare(numeric, texts('id', ['7', '7.0', '8.5', '0', '1e+21', '-0'])), 2 / 6);
    assert.equal(unseenShare(texts('id', ['7', '7.0', '0', 'x']), numbers('id', [7, 7, 0, -0, 8])), 1 / 5);
    assert.equal(unseenShare(numeric, texts('id', ['7']), { referenceSortedFinite: sorted(numeric) }), 0);
  });

  test('null when the current column has no value', () => {
    assert.equal(unseenShare(numbers('id', [1]), numbers('id', [null, null])), null);
    assert.equal(unseenShare(texts('id', ['a']), texts('id', [null])), null);
    assert.equal(unseenShare(texts('id', ['a']), numbers('id', [])), null);
  });

  test('1,000,000 rows per side (times printed, not asserted: speed is for npm run bench)', (t) => {
    const n = 1_000_000;
    const random = seededRandom(16);
    const reference = numbers('user_id', Float64Array.from({ length: n }, () => Math.floor(random() * 2e6)));
    const current = numbers('user_id', Float64Array.from({ length: n }, () => Math.floor(random() * 2e6)));
    const labels = Array.from({ length: 100_000 }, (_, i) => `u${String(i).padStart(6, '0')}`);
    // 1,000,000 rows over 50,000 labels from `first` on: the reference has u000000..u049999, the current u025000..u074999.
    const text = (first: number): CategoricalColumn => ({
      kind: 'categorical',
      name: 'user',
      codes: Int32Array.from({ length: n }, () => Math.floor(random() * 50_000)),
      categories: labels.slice(first, first + 50_000),
      missing: 0,
    });
    const timed = (run: () => number | null) => {
      const started = performance.now();
      const share = run();
      return { share, ms: performance.now() - started };
    };
    const numeric = timed(() => unseenShare(reference, current));
    const presorted = [sorted(reference), sorted(current)];
    const merged = timed(() => unseenShare(reference, current, { referenceSortedFinite: presorted[0], currentSortedFinite: presorted[1] }));
    const categorical = timed(() => unseenShare(text(0), text(25_000)));
    t.diagnostic(`numeric ${numeric.ms.toFixed(0)} ms (sorted given: ${merged.ms.toFixed(0)} ms), text ${categorical.ms.toFixed(0)} ms`);
    // About 1 - (1 - 1/2e6)^1e6 of ids recur at random: 39% seen, 61% new.
    assert.ok(Math.abs(numeric.share! - 0.6065) < 0.002, String(numeric.share));
    assert.equal(merged.share, numeric.share);
    assert.ok(Math.abs(categorical.share! - 0.5) < 0.002, String(categorical.share));
  });
});

describe('real tables', () => {
  test('examples/data/train.csv: user_id identifier, timestamp and features_as_of time, the rest features', async () => {
    const table = await loadTable(resolve(__dirname, '../../examples/data/train.csv'));
    const roles = Object.fromEntries(table.columns.map((column) => [column.name, role(column)]));
    assert.deepEqual(roles, {
      user_id: 'identifier',
      timestamp: 'time',
      features_as_of: 'time',
      age: 'feature',
      income: 'feature',
      sessions_7d: 'feature',
      country: 'feature',
      device: 'feature',
      label: 'feature',
    });
    assert.deepEqual(timeRange(findColumn(table, 'timestamp')!), { min: 1704067551000, max: 1709249578000, unit: 'epoch-ms' });
  });

  test('examples/data: production user_ids are all new; production times start after train ends', async () => {
    const load = (name: string) => loadTable(resolve(__dirname, `../../examples/data/${name}`));
    const [train, production] = await Promise.all([load('train.csv'), load('production.csv')]);
    const column = (table: Table, name: string) => findColumn(table, name)!;
    assert.equal(unseenShare(column(train, 'user_id'), column(production, 'user_id')), 1);
    assert.equal(unseenShare(column(train, 'country'), column(production, 'country')), 0);
    assert.ok(timeRange(column(production, 'timestamp'))!.min > timeRange(column(train, 'timestamp'))!.max);
  });

  test('scikit-learn bundled data sets: none of their 132 columns is an identifier or a time', async () => {
    const folder = resolve(__dirname, '../fixtures/roles');
    const files = readdirSync(folder).filter((name) => name.endsWith('.csv')).sort();
    assert.deepEqual(files, ['breast_cancer.csv', 'diabetes.csv', 'digits.csv', 'iris.csv', 'linnerud.csv', 'wine.csv']);
    let columns = 0;
    const flagged: string[] = [];
    for (const file of files) {
      const table = await loadTable(resolve(folder, file));
      for (const column of table.columns) {
        columns++;
        const guess = inferColumnRole(column);
        if (guess.role !== 'feature') flagged.push(`${file}:${column.name}: ${guess.role} (${guess.reason})`);
      }
    }
    assert.equal(columns, 132);
    assert.deepEqual(flagged, []);
  });
});
