/**
 * What a generated file must load as, written down by its generator from the rules of
 * `src/core/data/README.md` (not from the loader's code): the oracle of the fuzz tier.
 *
 * A generator that knows exactly what it wrote predicts the table (names, kinds, every cell it
 * can predict, the warnings) or the error code; where the README is silent, or a mutation has
 * touched the bytes, it says `unknown` and only the invariants are checked.
 */
import { MISSING_TOKENS } from '../../src/core/data/index';
import type { DataErrorCode, DataWarning } from '../../src/core/data/index';

/** A predicted cell: a number or label, `null` for missing, `undefined` when not predicted. */
export type ExpectedCell = number | string | null | undefined;

export interface ExpectedColumn {
  readonly name: string;
  /** undefined: the README does not say (for example a JSON key that is always null). */
  readonly kind: 'numeric' | 'categorical' | undefined;
  readonly cells: readonly ExpectedCell[];
  /** Infinite values counted as missing (numeric columns). */
  readonly nonFinite?: number;
  readonly unit?: 'epoch-ms';
}

export type Expectation =
  | {
      readonly type: 'table';
      readonly rows: number;
      readonly columns: readonly ExpectedColumn[];
      /** `code column` pairs, sorted; undefined: not predicted. */
      readonly warnings?: readonly string[];
      /** Why this prediction is made, when it rests on an open issue (printed with a failure). */
      readonly rule?: string;
    }
  | { readonly type: 'error'; readonly code: DataErrorCode; readonly rule?: string }
  | { readonly type: 'unknown' };

export const UNKNOWN: Expectation = { type: 'unknown' };

export function warningKey(code: DataWarning['code'], column: string): string {
  return `${code} ${column}`;
}

const missing = new Set(MISSING_TOKENS);

/** Whether a field's text is a missing-value token (README "Missing tokens": exact match). */
export function isMissingText(text: string): boolean {
  return missing.has(text);
}

const DECIMAL = /^[ \t]*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[ \t]*$/;
const INFINITY = /^[ \t]*([+-]?)(?:inf|infinity)[ \t]*$/i;

/**
 * The value of a text under the README's number grammar, or undefined when the text is not a
 * number: spaces/tabs around, sign, digits with an optional point, exponent, inf/infinity in
 * any case; the value is `Number(text)` (overflow and the infinities: +-Infinity).
 */
export function numberOfText(text: string): number | undefined {
  if (DECIMAL.test(text)) return Number(text.trim());
  const inf = INFINITY.exec(text);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  return undefined;
}

/**
 * Header names as pandas 1.5's C parser makes them (`pandas/_libs/parsers.pyx`, mangle_dupe_cols):
 * an empty name is `Unnamed: i`; named columns are deduplicated first, unnamed ones last; a
 * repeat becomes `name.1`, `name.2`, ..., skipping any name the header already holds.
 */
export function pandasHeaderNames(raw: readonly string[]): string[] {
  const header = raw.map((name, i) => (name === '' ? `Unnamed: ${i}` : name));
  const unnamed = raw.flatMap((name, i) => (name === '' ? [i] : []));
  const order = [...raw.keys()].filter((i) => raw[i] !== '').concat(unnamed);
  const counts = new Map<string, number>();
  for (const i of order) {
    let col = header[i];
    const old = col;
    let cur = counts.get(col) ?? 0;
    if (cur > 0) {
      while (cur > 0) {
        counts.set(old, cur + 1);
        col = `${old}.${cur}`;
        if (header.includes(col)) cur += 1;
        else cur = counts.get(col) ?? 0;
      }
    }
    header[i] = col;
    counts.set(col, cur + 1);
  }
  return header;
}

/**
 * The delimiter the README's rule detects from a header line (its bytes up to the first line
 * end outside quotes): the most frequent of `, \t ; |` outside quotes, ties in that order.
 */
export function documentedDelimiter(headerLine: string): string {
  const candidates = [',', '\t', ';', '|'];
  const counts = [0, 0, 0, 0];
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted) {
      if (ch === '\n' || ch === '\r') break;
      const k = candidates.indexOf(ch);
      if (k >= 0) counts[k]++;
    }
  }
  let best = 0;
  for (let k = 1; k < 4; k++) if (counts[k] > counts[best]) best = k;
  return candidates[best];
}

const fatal = new TextDecoder('utf-8', { fatal: true });

/**
 * The error `loadTable` must give a text file before parsing it, or undefined (README "Binary
 * files" and `LoadOptions.encoding`): `binary-file` for a NUL byte in the first KB (1,024 bytes)
 * or a UTF-16 byte order mark, gzip, ZIP or Parquet signature; then `not-utf8` for invalid UTF-8
 * anywhere in the file (the default encoding is checked over the whole file).
 */
export function textRefusal(bytes: Uint8Array): 'binary-file' | 'not-utf8' | undefined {
  const head = bytes.subarray(0, 1024);
  const starts = (...signature: number[]) => signature.every((b, i) => head[i] === b);
  if (head.includes(0)) return 'binary-file';
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff) || starts(0x1f, 0x8b) || starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x41, 0x52, 0x31)) return 'binary-file';
  return validUtf8(bytes) ? undefined : 'not-utf8';
}

/** Whether `bytes` are valid UTF-8 throughout. */
export function validUtf8(bytes: Uint8Array): boolean {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
