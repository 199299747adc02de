// ISO-8601 timestamps and epoch numbers as epoch milliseconds (src/core/data/timestamp.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { epochToMs, epochUnit, parseTimestamp } from '../../src/core/data/index';
import { seededRandom } from '../../src/core/stats/seededRandom';

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
