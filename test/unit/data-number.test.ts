// Number and missing-value recognition for text fields. The byte-level fast path must give
// exactly `Number(text)`; the grammar is pandas 1.5 read_csv's (checked by hand with
// `pd.read_csv(io.StringIO('a\n' + text + '\n'))['a'].dtype` for each text below).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MISSING_TOKENS, isMissingToken, parseDecimalBytes, parseNumericText } from '../../src/core/data/index';
import { isMissingBytes } from '../../src/core/data/missingValues';

const encoder = new TextEncoder();

function fast(text: string): number {
  const bytes = encoder.encode(text);
  return parseDecimalBytes(bytes, 0, bytes.length);
}

/** Small seeded generator (mulberry32), so every run checks the same numbers. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function assertSameAsNumber(text: string): void {
  const got = fast(text);
  assert.ok(Object.is(got, Number(text)), `${JSON.stringify(text)}: ${got} !== Number(text) ${Number(text)}`);
}

describe('parseDecimalBytes equals Number(text) exactly', () => {
  test('on full-precision doubles as JavaScript and pandas print them (up to 17 digits)', () => {
    const next = random(1);
    for (let i = 0; i < 50_000; i++) {
      const x = (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20);
      assertSameAsNumber(String(x));
      assertSameAsNumber(x.toExponential(Math.floor(next() * 17)));
      assertSameAsNumber(x.toFixed(Math.floor(next() * 12)));
    }
  });

  test('on random digit strings of 1 to 24 digits with a point, a sign and an exponent anywhere', () => {
    const next = random(2);
    for (let i = 0; i < 50_000; i++) {
      let digits = '';
      const length = 1 + Math.floor(next() * 24);
      for (let k = 0; k < length; k++) digits += Math.floor(next() * 10);
      const point = Math.floor(next() * (length + 1));
      let text = next() < 0.8 ? `${digits.slice(0, point)}.${digits.slice(point)}` : digits;
      if (text === '.') text = '0.';
      if (next() < 0.4) text += `${next() < 0.5 ? 'e' : 'E'}${next() < 0.5 ? '-' : next() < 0.5 ? '+' : ''}${Math.floor(next() * 40)}`;
      if (next() < 0.3) text = (next() < 0.5 ? '-' : '+') + text;
      assertSameAsNumber(text);
    }
  });

  test('on exact midpoints between adjacent doubles (the hardest roundings)', () => {
    const next = random(3);
    const randomOdd54 = () => {
      // An odd integer in [2^53, 2^54): the doubles around odd * 2^t are 2^(t+1) apart.
      const high = BigInt(Math.floor(next() * 2 ** 26));
      const low = BigInt(Math.floor(next() * 2 ** 27));
      return (1n << 53n) | (high << 27n) | low | 1n;
    };
    for (let i = 0; i < 20_000; i++) {
      const odd = randomOdd54();
      // odd / 2^t written exactly: up to 19 significant digits.
      const t = 1 + Math.floor(next() * 3);
      const digits = (odd * 5n ** BigInt(t)).toString();
      assertSameAsNumber(`${digits.slice(0, digits.length - t)}.${digits.slice(digits.length - t)}`);
      // odd * 2^t, as an integer.
      assertSameAsNumber((odd << BigInt(Math.floor(next() * 10))).toString());
    }
    for (const text of ['9007199254740993', '9007199254740992.5', '4503599627370496.5', '18014398509481985e0', '1.8014398509481985e16']) {
      assertSameAsNumber(text);
    }
  });

  test('on edge cases: zeros, signs, limits, overflow, underflow, long mantissas', () => {
    for (const text of [
      '0', '-0', '+0', '0.0', '-0.0', '0e10', '000', '007', '.5', '5.', '+.5', '-.5e-1', '1e22', '1e23', '1e-22', '1e-23',
      '0.1', '0.2', '0.3', '123456789012345', '1234567890123456', '12345678901234567', '123456789012345678',
      '1234567890123456789', '12345678901234567890', '1.7976931348623157e308', '1.7976931348623159e308',
      '2.2250738585072014e-308', '4.9e-324', '2e-324', '1e400', '-1e400', '1e-400',
      '0.000000000000000000000000000001', '100000000000000000000000', '3.0000000000000004', '12345678.901234567',
    ]) {
      assertSameAsNumber(text);
    }
  });

  test('returns NaN (the general path) for everything that is not a plain decimal', () => {
    for (const text of ['', '-', '+', '.', 'e5', '1e', '1e+', '1.2.3', '1..2', '1e5.5', ' 1', '1 ', 'inf', 'NaN', '0x10', '1_000', '1,0', '--1', '+-1', '1d5', 'NA']) {
      assert.ok(Number.isNaN(fast(text)), JSON.stringify(text));
    }
  });
});

describe('parseNumericText: the number grammar of pandas read_csv', () => {
  test('accepts decimals with optional spaces, signs, points and exponents, with the value of Number()', () => {
    for (const [text, value] of [
      ['1', 1], [' 1', 1], ['1 ', 1], ['\t-2.5 ', -2.5], ['+3', 3], ['.5', 0.5], ['1.', 1], ['1e-3', 0.001], ['1E+05', 100000], ['-0', -0],
    ] as const) {
      assert.ok(Object.is(parseNumericText(text), value), text);
    }
  });

  test('reads inf / infinity in any case, with a sign, as infinities; overflow too', () => {
    for (const text of ['inf', '+inf', 'INF', 'iNf', 'Infinity', '+infinity', ' inf ', '1e999']) {
      assert.equal(parseNumericText(text), Infinity, text);
    }
    for (const text of ['-inf', '-Infinity', '-INFINITY', '-1e999']) assert.equal(parseNumericText(text), -Infinity, text);
  });

  test('rejects what pandas keeps as text, although JavaScript Number() accepts some of it', () => {
    for (const text of ['0x10', '0b101', '0o7', '1_000', '1e', 'e5', '- 1', '1,0', '1d5', '1.5f', '  ', '', 'infinit', 'nan', 'abc', '1 2']) {
      assert.equal(parseNumericText(text), undefined, JSON.stringify(text));
    }
  });
});

describe('missing-value tokens', () => {
  test("are pandas 2.x's default na_values, exactly", () => {
    assert.deepEqual(
      [...MISSING_TOKENS].sort(),
      ['', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null'].sort(),
    );
  });

  test('match exactly: case and spaces count, on strings and on bytes alike', () => {
    for (const token of MISSING_TOKENS) {
      assert.ok(isMissingToken(token), token);
      const bytes = encoder.encode(`x${token}y`);
      assert.ok(isMissingBytes(bytes, 1, bytes.length - 1), token);
    }
    for (const text of [' NA', 'NA ', 'na', 'NAN', 'Null', 'none', 'NONE', 'N/a', '+nan', '-', '?', 'nil']) {
      assert.equal(isMissingToken(text), false, text);
      const bytes = encoder.encode(text);
      assert.equal(isMissingBytes(bytes, 0, bytes.length), false, text);
    }
  });
});
