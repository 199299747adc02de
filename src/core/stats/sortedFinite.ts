/** Below this many values the built-in sort wins (the radix passes have fixed costs). */
const RADIX_MIN_LENGTH = 2048;

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** Radix digits of the 64-bit keys, least significant first: [32-bit word (0 low, 1 high), shift, bits]. */
const DIGITS: ReadonlyArray<readonly [number, number, number]> = [
  [0, 0, 11],
  [0, 11, 11],
  [0, 22, 10],
  [1, 0, 11],
  [1, 11, 11],
  [1, 22, 10],
];
const BUCKETS = 1 << 11;

/**
 * The second buffer of the radix passes, kept between calls: allocating 8 MB per column costs
 * more than sorting it (fresh pages, and V8 collects garbage when external memory grows). It
 * holds 8 bytes per value of the largest column sorted so far, for the life of the thread.
 */
let scratch = new Float64Array(0);

function scratchFor(count: number): Float64Array {
  if (scratch.length < count) scratch = new Float64Array(count);
  return scratch.length === count ? scratch : scratch.subarray(0, count);
}

/**
 * Sorted finite values: an ascending `Float64Array` copy of the input without NaN and ±Infinity,
 * which the distribution comparisons treat as missing (their rate is reported by `missingRate`),
 * with -0 before +0 as in a typed-array sort. The input is never mutated.
 *
 * Short inputs use `TypedArray.prototype.sort`; from 2,048 values it is O(n) with an LSD radix sort over
 * the IEEE-754 bits: one pass over the input counts the finite values and all six 11-bit digits
 * of their order-preserving 64-bit keys; one pass copies the keys; then one scatter pass per
 * digit that is not constant (integer and tied columns skip most of them), the last one mapping
 * keys back to doubles. On 1,000,000 doubles about 40 ms against
 * 120 ms for `TypedArray.prototype.sort` (plus, in both, the first touch of the result's memory).
 *
 * `into`, when given and long enough, receives the result (which is then a view of its start):
 * a caller sorting many columns one after the other reuses one buffer instead of paying for
 * fresh memory each time. It may be `values` itself (a `Float64Array`), which sorts in place
 * (every pass reads index i before writing index j <= i); entries past the result keep their old
 * values. It must not overlap `values` in any other way.
 *
 * @example
 * sortedFinite([3, NaN, 1, 2]); // => Float64Array [1, 2, 3]
 */
export function sortedFinite(values: ArrayLike<number>, into?: Float64Array): Float64Array {
  if (values.length < RADIX_MIN_LENGTH || !LITTLE_ENDIAN) {
    const n = values.length;
    let count = 0;
    for (let i = 0; i < n; i++) if (values[i] - values[i] === 0) count++; // finite: Infinity - Infinity is NaN
    const out = into && into.length >= count ? into.subarray(0, count) : new Float64Array(count);
    for (let i = 0, j = 0; i < n; i++) if (values[i] - values[i] === 0) out[j++] = values[i];
    return out.sort();
  }
  const input = values instanceof Float64Array ? values : Float64Array.from(values);
  const words = new Uint32Array(input.buffer, input.byteOffset, input.length * 2);
  const counted = sortedFewDistinct(words, input.length, into);
  if (counted) return counted;
  const n = input.length;

  // Pass 1: count the finite values and every digit of their keys. Keys have the order of the
  // doubles: the sign bit of positives flipped, every bit of negatives flipped (so -0 sorts just
  // below +0, as in a typed-array sort).
  const histograms = new Uint32Array(DIGITS.length * BUCKETS);
  let count = 0;
  for (let i = 0; i < n; i++) {
    let lo = words[2 * i];
    let hi = words[2 * i + 1];
    if ((hi & 0x7ff00000) === 0x7ff00000) continue; // NaN or ±Infinity
    count++;
    if ((hi & 0x80000000) !== 0) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else {
      hi = (hi | 0x80000000) >>> 0;
    }
    histograms[lo & 0x7ff]++;
    histograms[BUCKETS + ((lo >>> 11) & 0x7ff)]++;
    histograms[2 * BUCKETS + (lo >>> 22)]++;
    histograms[3 * BUCKETS + (hi & 0x7ff)]++;
    histograms[4 * BUCKETS + ((hi >>> 11) & 0x7ff)]++;
    histograms[5 * BUCKETS + (hi >>> 22)]++;
  }
  const result = into && into.length >= count ? into.subarray(0, count) : new Float64Array(count);
  if (count === 0) return result;
  const passes = DIGITS.map((digit, d) => ({ digit, offsets: histograms.subarray(d * BUCKETS, (d + 1) * BUCKETS) })).filter(
    ({ offsets }) => !offsets.includes(count), // a digit with one value everywhere needs no pass
  );

  // The passes alternate between the result and the scratch buffer and must end in the result.
  const other = scratchFor(count);
  const wordsOf = (array: Float64Array) => new Uint32Array(array.buffer, array.byteOffset, count * 2);
  let src = wordsOf(passes.length % 2 === 0 ? result : other);
  let dst = wordsOf(passes.length % 2 === 0 ? other : result);

  // Pass 2: the keys of the finite values, in input order.
  for (let i = 0, j = 0; i < n; i++) {
    const lo = words[2 * i];
    const hi = words[2 * i + 1];
    if ((hi & 0x7ff00000) === 0x7ff00000) continue;
    if ((hi & 0x80000000) !== 0) {
      src[2 * j] = ~lo;
      src[2 * j + 1] = ~hi;
    } else {
      src[2 * j] = lo;
      src[2 * j + 1] = hi | 0x80000000;
    }
    j++;
  }
  for (let p = 0; p < passes.length; p++) {
    const [word, shift, bits] = passes[p].digit;
    const offsets = passes[p].offsets;
    const mask = (1 << bits) - 1;
    let total = 0;
    for (let b = 0; b <= mask; b++) {
      const c = offsets[b];
      offsets[b] = total;
      total += c;
    }
    if (p < passes.length - 1) scatter(src, dst, count, offsets, word, shift, mask);
    else scatterToDoubles(src, dst, count, offsets, word, shift, mask);
    [src, dst] = [dst, src];
  }
  if (passes.length === 0) {
    // Every key is equal: map back in place.
    for (let i = 0; i < count; i++) {
      const hi = src[2 * i + 1];
      if ((hi & 0x80000000) !== 0) {
        src[2 * i + 1] = hi & 0x7fffffff;
      } else {
        src[2 * i + 1] = ~hi;
        src[2 * i] = ~src[2 * i];
      }
    }
  }
  return result;
}

/** A column with at most this many distinct values is sorted by counting them instead. */
const FEW_DISTINCT = 256;
/** Slots of the counting hash table: a power of two, at most a quarter full. */
const FEW_SLOTS = 1024;

/**
 * Sorted finite values by counting, for a column of at most 256 distinct values (ratings,
 * counts, codes, values rounded to a few places: half the columns of a typical table): one pass
 * counts each distinct bit pattern in a small hash table, the distinct values are sorted, and
 * their runs written out. About 5 ms on a million values, where the radix passes take 20-40 ms
 * (rounded decimals vary in every digit of their bits). Null, after at most 257 distinct values,
 * when the column has more: the radix sort then takes it, having lost almost nothing.
 *
 * Keys are bit patterns, so -0 and +0 are counted apart and sorted as a typed-array sort sorts them.
 * Reads every value before writing any, so `into` may be the input itself.
 */
function sortedFewDistinct(words: Uint32Array, n: number, into: Float64Array | undefined): Float64Array | null {
  const slots = new Int32Array(FEW_SLOTS).fill(-1);
  const keyLo = new Uint32Array(FEW_DISTINCT);
  const keyHi = new Uint32Array(FEW_DISTINCT);
  const counts = new Float64Array(FEW_DISTINCT);
  let distinct = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i];
    const hi = words[2 * i + 1];
    if ((hi & 0x7ff00000) === 0x7ff00000) continue; // NaN or ±Infinity
    count++;
    let slot = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> 22; // the top 10 bits: 1024 slots
    for (;;) {
      const k = slots[slot];
      if (k < 0) {
        if (distinct === FEW_DISTINCT) return null;
        slots[slot] = distinct;
        keyLo[distinct] = lo;
        keyHi[distinct] = hi;
        counts[distinct++] = 1;
        break;
      }
      if (keyLo[k] === lo && keyHi[k] === hi) {
        counts[k]++;
        break;
      }
      slot = (slot + 1) & (FEW_SLOTS - 1);
    }
  }
  const keys = new Float64Array(distinct);
  const keyWords = new Uint32Array(keys.buffer);
  for (let k = 0; k < distinct; k++) {
    keyWords[2 * k] = keyLo[k];
    keyWords[2 * k + 1] = keyHi[k];
  }
  // Each key's count, found again after the sort by its bits (the sort moves keys, not counts).
  const order = Array.from({ length: distinct }, (_, k) => k).sort((a, b) => keys[a] - keys[b] || (Object.is(keys[a], -0) ? -1 : Object.is(keys[b], -0) ? 1 : 0));
  const result = into && into.length >= count ? into.subarray(0, count) : new Float64Array(count);
  let at = 0;
  for (const k of order) {
    result.fill(keys[k], at, at + counts[k]);
    at += counts[k];
  }
  return result;
}

/** One radix pass: each (lo, hi) key moves to the next free slot of its digit's bucket. */
function scatter(src: Uint32Array, dst: Uint32Array, count: number, offsets: Uint32Array, word: number, shift: number, mask: number): void {
  for (let i = 0; i < count; i++) {
    const at = offsets[(src[2 * i + word] >>> shift) & mask]++;
    dst[2 * at] = src[2 * i];
    dst[2 * at + 1] = src[2 * i + 1];
  }
}

/** The last radix pass, which also maps each key back to its double. */
function scatterToDoubles(src: Uint32Array, dst: Uint32Array, count: number, offsets: Uint32Array, word: number, shift: number, mask: number): void {
  for (let i = 0; i < count; i++) {
    const at = offsets[(src[2 * i + word] >>> shift) & mask]++;
    const hi = src[2 * i + 1];
    if ((hi & 0x80000000) !== 0) {
      dst[2 * at] = src[2 * i];
      dst[2 * at + 1] = hi & 0x7fffffff;
    } else {
      dst[2 * at] = ~src[2 * i];
      dst[2 * at + 1] = ~hi;
    }
  }
}
