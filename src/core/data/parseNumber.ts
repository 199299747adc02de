/**
 * Number parsing for text fields: which texts are numbers, and their exact values.
 *
 * The grammar is the one pandas' C parser accepts for a float column (checked against
 * pandas 1.5 `read_csv`): optional spaces or tabs around, an optional sign, decimal digits with
 * an optional point (`1`, `-2.5`, `.5`, `1.`, `+3`), an optional exponent (`1e-3`, `1E+05`),
 * and the infinities `inf` / `infinity` in any case with an optional sign. Hexadecimal
 * (`0x10`), binary, underscores (`1_000`) and thousands separators are text, although
 * JavaScript's `Number()` accepts some of them. A text in the grammar has the value
 * `Number(text)` exactly (the infinities: +-Infinity; overflow like `1e999`: +-Infinity).
 */

// 10^0 .. 10^22 are exactly representable as doubles: the bound of Clinger's fast path.
const POW10 = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
  1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

const DIGIT_0 = 48;
const DOT = 46;
const PLUS = 43;
const MINUS = 45;

/**
 * Fast path for the common decimal field: parses bytes `[start, end)` of ASCII and returns
 * the exact double `Number(text)` would give, or `NaN` when the field needs the general path
 * (not a plain decimal: spaces, `inf`, missing tokens, text...).
 *
 * Exactness. With at most 15 significant digits the mantissa M is an integer below 2^53 and
 * 10^k is exact for k <= 22, so M * 10^k and M / 10^k are one correctly rounded operation
 * (Clinger 1990, https://doi.org/10.1145/93548.93557). With 16 to 19 digits (full-precision
 * doubles as pandas and JavaScript print them) M is kept exactly as a double-double, scaled
 * with error-free products (Dekker 1971, https://doi.org/10.1007/BF01397083), and the rounded
 * result is kept only when the computed value is far from a midpoint between two doubles;
 * otherwise, and beyond 19 digits or 10^+-44, `parseFloat` of the text decides.
 *
 * @example
 * parseDecimalBytes(new TextEncoder().encode('-2.5e3'), 0, 6) // -2500
 * parseDecimalBytes(new TextEncoder().encode('0x10'), 0, 4) // NaN (general path)
 */
export function parseDecimalBytes(bytes: Uint8Array, start: number, end: number): number {
  const value = scanDecimal(bytes, start, end);
  return decimalScan.end === end ? value : NaN;
}

/**
 * Where the last `scanDecimal` stopped: the index of the first byte that is not part of the
 * decimal (or `end`). One shared object, so the hot path allocates nothing.
 */
export const decimalScan = { end: 0 };

/**
 * Parses the plain decimal at the start of bytes `[start, end)` and sets `decimalScan.end` to where
 * it stops. The value is exact as in `parseDecimalBytes`; it is `NaN` when no complete decimal
 * is there (then `decimalScan.end` is still where scanning stopped). The caller decides whether the
 * byte at `decimalEnd` may follow a number (a delimiter, a line end).
 */
export function scanDecimal(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  decimalScan.end = start;
  if (i >= end) return NaN;
  let c = bytes[i];
  const negative = c === MINUS;
  if (negative || c === PLUS) i++;
  const digitsStart = i;
  // The first 15 significant digits in `high`, up to 4 more in `low` (`lowDigits` of them).
  let high = 0;
  let low = 0;
  let significant = 0;
  let lowDigits = 0;
  let exponent = 0;
  let pointAt = -1;
  for (; i < end; i++) {
    c = bytes[i];
    const d = c - DIGIT_0;
    if (d < 0 || d > 9) {
      if (c === DOT && pointAt < 0) {
        pointAt = i;
        continue;
      }
      break;
    }
    if (pointAt >= 0) exponent--;
    if (significant < 15) {
      if (significant === 0 && d === 0) continue; // leading zeros
      high = high * 10 + d;
    } else if (significant < 19) {
      low = low * 10 + d;
      lowDigits++;
    }
    significant++;
  }
  // At least one digit: not just a sign and/or a point.
  if (i - digitsStart - (pointAt >= 0 ? 1 : 0) === 0) {
    decimalScan.end = i;
    return NaN;
  }
  if (i < end && (c === 101 || c === 69)) {
    // e, E and at least one exponent digit
    i++;
    let expNegative = false;
    if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS)) {
      expNegative = bytes[i] === MINUS;
      i++;
    }
    const expStart = i;
    let e = 0;
    for (; i < end; i++) {
      const d = bytes[i] - DIGIT_0;
      if (d < 0 || d > 9) break;
      if (e < 100_000) e = e * 10 + d;
    }
    decimalScan.end = i;
    if (i === expStart) return NaN;
    exponent += expNegative ? -e : e;
  } else {
    decimalScan.end = i;
  }
  if (significant === 0) return negative ? -0 : 0;
  let value: number;
  if (lowDigits === 0 && exponent >= -22 && exponent <= 22) {
    value = exponent === 0 ? high : exponent > 0 ? high * POW10[exponent] : high / POW10[-exponent];
  } else {
    value = significant > 19 ? NaN : scaleLongMantissa(high, low, lowDigits, exponent);
    if (value !== value) return parseFloat(asciiText(bytes, start, decimalScan.end));
  }
  return negative ? -value : value;
}

function asciiText(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]);
  return text;
}

// Dekker's split constant 2^27 + 1: x = high(x) + low(x), each half fitting in 26 bits.
const SPLIT = 134217729;
function splitHigh(x: number): number {
  const t = SPLIT * x;
  return t - (t - x);
}
// The powers of ten split once, so a product with one of them splits only the other factor.
const POW10_HIGH = POW10.map(splitHigh);
const POW10_LOW = POW10.map((x, k) => x - POW10_HIGH[k]);

// Error-free product (Dekker 1971): the return value plus `twoProductLow` is a * 10^k exactly.
let twoProductLow = 0;
function twoProductPow10(a: number, k: number): number {
  const p = a * POW10[k];
  const t = SPLIT * a;
  const aHigh = t - (t - a);
  const aLow = a - aHigh;
  const bHigh = POW10_HIGH[k];
  const bLow = POW10_LOW[k];
  twoProductLow = aHigh * bHigh - p + aHigh * bLow + aLow * bHigh + aLow * bLow;
  return p;
}

/**
 * |(high * 10^lowDigits + low) * 10^exponent| correctly rounded, or NaN when it cannot be
 * decided here (exponent beyond +-44, or the value lies too close to a midpoint between two
 * doubles).
 *
 * The double-double approximation `a + aLow` is within about 2^-100 (relative) of the true
 * value x. Rounding is monotonic, so when `a + (aLow - e)` and `a + (aLow + e)` round to the same
 * double, with e = |a| * 2^-75 far above that error, x rounds to it too (this also covers the
 * uneven neighbours at a power of two). Each of those additions is one correctly rounded
 * operation on an exactly known sum.
 */
function scaleLongMantissa(high: number, low: number, lowDigits: number, exponent: number): number {
  if (exponent < -44 || exponent > 44) return NaN;
  // The mantissa W = high * 10^lowDigits + low (< 10^19 < 2^64) as an exact sum a + aLow.
  let a = twoProductPow10(high, lowDigits);
  let aLow = twoProductLow;
  const s = a + low;
  aLow += low - (s - a); // exact: all terms are integers below 2^13
  a = s + aLow;
  aLow -= a - s;
  // Scale by 10^exponent in at most two exact-power steps (10^22 is the largest exact one).
  while (exponent !== 0) {
    const step = exponent > 22 ? 22 : exponent < -22 ? -22 : exponent;
    exponent -= step;
    if (step > 0) {
      const p = twoProductPow10(a, step);
      aLow = twoProductLow + aLow * POW10[step];
      a = p + aLow;
      aLow -= a - p;
    } else {
      const divisor = POW10[-step];
      const q = a / divisor;
      const t = twoProductPow10(q, -step);
      aLow = (a - t - twoProductLow + aLow) / divisor;
      a = q + aLow;
      aLow -= a - q;
    }
  }
  const margin = a * 2.6469779601696886e-23; // 2^-75
  const up = a + (aLow + margin);
  return up === a + (aLow - margin) ? up : NaN;
}

const DECIMAL = /^[ \t]*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[ \t]*$/;
const INFINITY = /^[ \t]*([+-]?)inf(?:inity)?[ \t]*$/i;

/**
 * The value of a numeric text, or `undefined` when the text is not a number in the grammar
 * above. Missing-value tokens (`NA`, `nan`, ...) are not numbers here: check them first.
 *
 * @example
 * parseNumericText(' 1e-3') // 0.001
 * parseNumericText('-inf') // -Infinity
 * parseNumericText('0x10') // undefined
 */
export function parseNumericText(text: string): number | undefined {
  if (DECIMAL.test(text)) return Number(text);
  const inf = INFINITY.exec(text);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  return undefined;
}
