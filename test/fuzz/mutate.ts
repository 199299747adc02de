/**
 * Mutators: random damage to a file's bytes, as disks, transfers and careless tools do it. Bit
 * flips, inserted and deleted bytes, truncation, duplicated ranges, splices of two files, and for
 * Parquet the places that matter most: the footer (its length, its Thrift metadata) and the
 * magic bytes. Every mutation is named, so a failure says what was done to the file.
 */
import type { Random } from './random';

/** Bytes that mean something to a parser: quotes, delimiters, line ends, BOM and UTF-8 pieces, NUL. */
const INTERESTING = [0x00, 0x22, 0x2c, 0x09, 0x3b, 0x7c, 0x0a, 0x0d, 0xef, 0xbb, 0xbf, 0xc3, 0x80, 0xff, 0x7b, 0x7d, 0x5b, 0x3a, 0x5c, 0x30, 0x2e, 0x65, 0x2d] as const;
/** 32-bit values that break lengths and counts. */
const INTERESTING_U32 = [0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe] as const;

export interface Mutation {
  readonly bytes: Uint8Array;
  readonly description: string;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A position, biased towards the ends of the file where headers and footers live. */
function position(random: Random, length: number): number {
  if (length === 0) return 0;
  const r = random.float();
  if (r < 0.2) return random.int(0, Math.min(length - 1, 64));
  if (r < 0.4) return random.int(Math.max(0, length - 64), length - 1);
  return random.int(0, length - 1);
}

type Mutator = (random: Random, bytes: Uint8Array, other: Uint8Array) => Mutation;

const bitFlips: Mutator = (random, bytes) => {
  const out = bytes.slice();
  const n = random.int(1, 8);
  for (let i = 0; i < n && out.length > 0; i++) out[position(random, out.length)] ^= 1 << random.int(0, 7);
  return { bytes: out, description: `${n} bit flip(s)` };
};

const insertBytes: Mutator = (random, bytes) => {
  const at = position(random, bytes.length + 1);
  const n = random.size(1, 64);
  const inserted = new Uint8Array(n).map(() => (random.chance(0.7) ? random.pick(INTERESTING) : random.int(0, 255)));
  return { bytes: concat(bytes.subarray(0, at), inserted, bytes.subarray(at)), description: `${n} byte(s) inserted at ${at}` };
};

const deleteBytes: Mutator = (random, bytes) => {
  const at = position(random, bytes.length);
  const n = Math.min(bytes.length - at, random.size(1, 256));
  return { bytes: concat(bytes.subarray(0, at), bytes.subarray(at + n)), description: `${n} byte(s) deleted at ${at}` };
};

const truncate: Mutator = (random, bytes) => {
  const at = random.int(0, Math.max(0, bytes.length - 1));
  return { bytes: bytes.slice(0, at), description: `truncated to ${at} bytes` };
};

const duplicateRange: Mutator = (random, bytes) => {
  const start = position(random, bytes.length);
  const n = Math.min(bytes.length - start, random.size(1, 4096));
  const times = random.pick([1, 1, 2, 10, 100]);
  const range = bytes.subarray(start, start + n);
  const copies = concat(...Array.from({ length: times }, () => range));
  const at = position(random, bytes.length + 1);
  return { bytes: concat(bytes.subarray(0, at), copies, bytes.subarray(at)), description: `${n} byte(s) from ${start} copied ${times}x to ${at}` };
};

const overwriteU32: Mutator = (random, bytes) => {
  const out = bytes.slice();
  if (out.length < 4) return bitFlips(random, bytes, bytes);
  const at = position(random, out.length - 3);
  const value = random.pick(INTERESTING_U32);
  new DataView(out.buffer).setUint32(at, value, true);
  return { bytes: out, description: `u32 ${value} written at ${at}` };
};

const splice: Mutator = (random, bytes, other) => {
  const a = random.int(0, bytes.length);
  const b = random.int(0, other.length);
  return { bytes: concat(bytes.subarray(0, a), other.subarray(b)), description: `first ${a} bytes + another file from ${b}` };
};

/** The footer length field (the 4 bytes before the trailing `PAR1`) set to something wrong. */
const parquetFooterLength: Mutator = (random, bytes) => {
  const out = bytes.slice();
  if (out.length < 12) return truncate(random, bytes, bytes);
  const view = new DataView(out.buffer);
  const real = view.getUint32(out.length - 8, true);
  const value = random.pick([0, 1, real - 1, real + 1, out.length - 8, out.length, 0x7fffffff, 0xffffffff, random.int(0, out.length * 2)]);
  view.setUint32(out.length - 8, value >>> 0, true);
  return { bytes: out, description: `footer length ${real} -> ${value >>> 0}` };
};

/** Damage inside the Thrift footer (schema, row groups, counts, offsets). */
const parquetFooterBytes: Mutator = (random, bytes) => {
  const out = bytes.slice();
  if (out.length < 12) return truncate(random, bytes, bytes);
  const length = new DataView(out.buffer).getUint32(out.length - 8, true);
  const start = Math.max(4, out.length - 8 - length);
  const n = random.int(1, 6);
  const changes: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = random.int(start, out.length - 9);
    const value = random.chance(0.5) ? random.pick(INTERESTING) : random.int(0, 255);
    changes.push(`${at}=${value}`);
    out[at] = value;
  }
  return { bytes: out, description: `footer bytes ${changes.join(', ')}` };
};

const parquetMagic: Mutator = (random, bytes) => {
  const out = bytes.slice();
  const head = random.chance(0.5);
  const at = head ? random.int(0, 3) : out.length - random.int(1, 4);
  if (at >= 0 && at < out.length) out[at] = random.int(0, 255);
  return { bytes: out, description: `magic byte ${at} changed` };
};

/** The Parquet footer cut off, or moved: the file ends early but keeps its trailing magic. */
const parquetCutBody: Mutator = (random, bytes) => {
  if (bytes.length < 16) return truncate(random, bytes, bytes);
  const cut = random.int(4, bytes.length - 8);
  const n = random.int(1, Math.max(1, bytes.length - 8 - cut));
  return { bytes: concat(bytes.subarray(0, cut), bytes.subarray(Math.min(bytes.length - 8, cut + n))), description: `${n} byte(s) removed from the body at ${cut}, footer kept` };
};

const GENERAL: ReadonlyArray<readonly [Mutator, number]> = [[bitFlips, 4], [insertBytes, 3], [deleteBytes, 3], [truncate, 2], [duplicateRange, 2], [overwriteU32, 1], [splice, 1]];
const PARQUET: ReadonlyArray<readonly [Mutator, number]> = [...GENERAL, [parquetFooterLength, 3], [parquetFooterBytes, 6], [parquetMagic, 1], [parquetCutBody, 2]];

/**
 * One to three random mutations of `bytes` (`other`: a second file for splices).
 *
 * @example
 * mutate(new Random(3), new TextEncoder().encode('a,b\n1,2\n'), false, new Uint8Array(0)).description // '2 bit flip(s)'
 */
export function mutate(random: Random, bytes: Uint8Array, parquet: boolean, other: Uint8Array): Mutation {
  let current = bytes;
  const steps: string[] = [];
  const n = random.weighted<number>([[1, 6], [2, 3], [3, 1]]);
  for (let i = 0; i < n; i++) {
    const mutator = random.weighted(parquet ? PARQUET : GENERAL);
    const { bytes: next, description } = mutator(random, current, other);
    current = next;
    steps.push(description);
  }
  return { bytes: current, description: steps.join('; ') };
}
