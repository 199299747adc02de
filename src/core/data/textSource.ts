/**
 * The text of a CSV, TSV or JSON Lines file as the UTF-8 bytes the parsers read, whatever
 * encoding it is read with:
 * - `utf-8` (the default): every chunk is checked with node's native `buffer.isUtf8` (a sequence
 *   cut by a chunk boundary is carried to the next chunk), and the chunks pass through uncopied.
 *   The first invalid byte is a `not-utf8` error naming its line, byte offset and bytes; only then
 *   is the file read again, in JavaScript, to find them. Invalid UTF-8 must not be decoded to
 *   U+FFFD: `caf\xE9` and `caf\xE8` would become one category and 100 rows would vanish.
 * - `windows-1252`, `latin-1`: every byte is one character; bytes above 0x7F are transcoded to
 *   UTF-8 chunk by chunk (pure ASCII chunks pass through), so the byte-level parsers are unchanged.
 *   `sourceOffset` maps the parsers' progress back to bytes of the file.
 * The first chunk is also checked for binary content (`checkTextHead`).
 */

import { isUtf8 } from 'node:buffer';
import { DataError } from './dataError';
import { ENCODING_NAMES, escapeBytes, singleByteCharacter, utf8SequenceLength, type TextEncoding } from './encoding';
import { checkTextHead, firstInvalidUtf8 } from './sniff';
import type { ByteSource } from './table';

const LF = 0x0a;
const CR = 0x0d;

/**
 * The UTF-8 text of `raw`, read as `encoding`. `lineEnds` says what counts as a line in error
 * messages: `any` (LF, CRLF, lone CR: the CSV parser's lines) or `lf` (JSON Lines).
 */
export function textSource(file: string, raw: ByteSource, encoding: TextEncoding, lineEnds: 'any' | 'lf'): ByteSource {
  if (encoding === 'utf-8') {
    return {
      size: raw.size,
      chunks: () => checkedUtf8(file, raw, lineEnds),
    };
  }
  const transcoder = new SingleByteTranscoder(encoding);
  return {
    size: raw.size,
    chunks: () => transcoder.chunks(file, raw),
    sourceOffset: (consumed) => transcoder.sourceOffset(consumed),
  };
}

async function* checkedUtf8(file: string, raw: ByteSource, lineEnds: 'any' | 'lf'): AsyncGenerator<Uint8Array> {
  const checker = new Utf8Checker();
  let first = true;
  for await (const chunk of raw.chunks()) {
    if (first) checkTextHead(file, chunk);
    first = false;
    if (!checker.push(chunk)) throw await notUtf8Error(file, raw, lineEnds);
    yield chunk;
  }
  if (!checker.end()) throw await notUtf8Error(file, raw, lineEnds);
}

/** Where an incomplete UTF-8 sequence at the end of `bytes[begin, end)` starts, or `end`. */
function incompleteTail(bytes: Uint8Array, begin: number, end: number): number {
  for (let j = end - 1; j >= Math.max(begin, end - 3); j--) {
    const b = bytes[j];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    return b >= 0xc0 && j + utf8SequenceLength(b) > end ? j : end;
  }
  return end;
}

/** Streaming UTF-8 validation with `buffer.isUtf8`: false as soon as the bytes so far are not UTF-8. */
class Utf8Checker {
  /** The start of a sequence the last chunk cut (at most 3 bytes). */
  private carry = new Uint8Array(0);

  push(chunk: Uint8Array): boolean {
    let begin = 0;
    if (this.carry.length > 0) {
      const need = utf8SequenceLength(this.carry[0]) - this.carry.length;
      const joined = new Uint8Array(this.carry.length + Math.min(need, chunk.length));
      joined.set(this.carry);
      joined.set(chunk.subarray(0, joined.length - this.carry.length), this.carry.length);
      if (need > chunk.length) {
        this.carry = joined; // a chunk shorter than the rest of the sequence
        return true;
      }
      if (!isUtf8(joined)) return false;
      begin = need;
    }
    const cut = incompleteTail(chunk, begin, chunk.length);
    if (!isUtf8(chunk.subarray(begin, cut))) return false;
    this.carry = chunk.slice(cut);
    return true;
  }

  /** False when the input ended inside a sequence. */
  end(): boolean {
    return this.carry.length === 0;
  }
}

/** What `locateInvalidUtf8` found: the byte offset, the 1-based line, and the bytes around. */
interface InvalidUtf8 {
  readonly offset: number;
  readonly line: number;
  readonly before: Uint8Array;
  readonly bad: Uint8Array;
  readonly after: Uint8Array;
}

/** Bytes of context shown before and after the bad bytes, within their line. */
const CONTEXT_BEFORE = 24;
const CONTEXT_AFTER = 12;

/**
 * Reads `raw` again from the start to find its first byte that is not UTF-8, with its line
 * (the header is line 1) and the bytes around it on that line. Only run after `Utf8Checker`
 * failed, so it can afford to scan in JavaScript.
 */
async function locateInvalidUtf8(raw: ByteSource, lineEnds: 'any' | 'lf'): Promise<InvalidUtf8 | undefined> {
  let base = 0; // file offset of bytes[0]
  let line = 1;
  let lastWasCR = false;
  let lineTail = new Uint8Array(0); // the current line's last bytes before this chunk
  let carry = new Uint8Array(0);
  const countLines = (bytes: Uint8Array, from: number, to: number): number => {
    let lineStart = -1;
    for (let i = from; i < to; i++) {
      const c = bytes[i];
      if (c === LF) {
        if (!lastWasCR) line++;
        lastWasCR = false;
        lineStart = i + 1;
      } else if (c === CR && lineEnds === 'any') {
        line++;
        lastWasCR = true;
        lineStart = i + 1;
      } else lastWasCR = false;
    }
    return lineStart;
  };
  const found = (bytes: Uint8Array, i: number): InvalidUtf8 => {
    const lineStart = countLines(bytes, 0, i);
    const own = bytes.subarray(Math.max(lineStart, 0, i - CONTEXT_BEFORE), i);
    const before = lineStart >= 0 || own.length >= CONTEXT_BEFORE ? own : concat(lineTail.subarray(Math.max(0, lineTail.length - (CONTEXT_BEFORE - own.length))), own);
    let k = i + 1;
    while (k < bytes.length && k < i + 4 && (bytes[k] & 0xc0) === 0x80) k++;
    let e = k;
    while (e < bytes.length && e < k + CONTEXT_AFTER && bytes[e] !== LF && bytes[e] !== CR) e++;
    return { offset: base + i, line, before, bad: bytes.slice(i, k), after: bytes.slice(k, e) };
  };
  for await (const chunk of raw.chunks()) {
    const bytes = carry.length > 0 ? concat(carry, chunk) : chunk;
    const cut = incompleteTail(bytes, 0, bytes.length);
    const invalid = firstInvalidUtf8(bytes.subarray(0, cut), false);
    if (invalid >= 0) return found(bytes, invalid);
    const lineStart = countLines(bytes, 0, cut);
    const rest = bytes.subarray(lineStart >= 0 ? lineStart : 0, cut);
    lineTail = (lineStart >= 0 ? rest : concat(lineTail, rest)).slice(-CONTEXT_BEFORE);
    carry = bytes.slice(cut);
    base += cut;
  }
  // The file ends inside a sequence.
  return carry.length > 0 ? found(concat(carry, new Uint8Array(0)), 0) : undefined;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Bytes 0x80-0x9F that Windows-1252 leaves undefined: a file holding them is in neither Western encoding. */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** A path safe to paste into a shell command: quoted when it holds anything but plain characters. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** `data/ref.csv` -> `data/ref-utf8.csv`. */
function utf8Name(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? `${path.slice(0, dot)}-utf8${path.slice(dot)}` : `${path}-utf8`;
}

/**
 * `not-utf8` for `file`, naming the first invalid byte's line, offset and bytes, the encoding it
 * likely is, and both ways out: convert the file, or read it in that encoding.
 */
async function notUtf8Error(file: string, raw: ByteSource, lineEnds: 'any' | 'lf'): Promise<DataError> {
  const at = await locateInvalidUtf8(raw, lineEnds);
  if (!at) {
    // buffer.isUtf8 and firstInvalidUtf8 implement the same RFC 3629 rules; they cannot disagree.
    throw new Error(`${file}: buffer.isUtf8 refused a chunk in which no invalid UTF-8 was found`);
  }
  const shown = `"${escapeBytes(at.before)}${escapeBytes(at.bad)}${escapeBytes(at.after)}"`;
  const western = !at.bad.some((b) => UNDEFINED_IN_1252.has(b));
  const likely = western
    ? `(${escapeBytes(at.bad)} is ${JSON.stringify(Array.from(at.bad, (b) => singleByteCharacter(b, 'windows-1252')).join(''))} in Windows-1252, the likely encoding)`
    : `(${escapeBytes(at.bad)} is not Windows-1252 either: find the file's encoding, e.g. with "file -i")`;
  const from = western ? 'windows-1252' : 'ENCODING';
  const readAs = western ? `, or read it as ${ENCODING_NAMES['windows-1252']} (--encoding windows-1252, or the setting gradient.data.encoding)` : '';
  return new DataError({
    code: 'not-utf8',
    file,
    line: at.line,
    message:
      `${file} line ${at.line} is not UTF-8 at byte offset ${at.offset}: ${shown} ${likely}: ` +
      `convert it (iconv -f ${from} -t utf-8 ${shellWord(file)} > ${shellWord(utf8Name(file))})${readAs}`,
  });
}

/**
 * Windows-1252 or Latin-1 to UTF-8, one chunk at a time into a reused buffer (a chunk without a
 * byte above 0x7F is passed through as is), from a table of the 128 upper characters' UTF-8 bytes.
 */
class SingleByteTranscoder {
  /** UTF-8 bytes of each byte 0x80-0xFF: up to 3 per byte, `upperLength` of them used. */
  private readonly upper = new Uint8Array(128 * 3);
  private readonly upperLength = new Uint8Array(128);
  private output = new Uint8Array(0);
  /** Cumulative UTF-8 bytes produced and file bytes consumed at the end of each chunk so far. */
  private produced: number[] = [];
  private consumed: number[] = [];

  constructor(encoding: Exclude<TextEncoding, 'utf-8'>) {
    const encoder = new TextEncoder();
    for (let i = 0; i < 128; i++) {
      const bytes = encoder.encode(singleByteCharacter(0x80 + i, encoding));
      this.upper.set(bytes, i * 3);
      this.upperLength[i] = bytes.length;
    }
  }

  async *chunks(file: string, raw: ByteSource): AsyncGenerator<Uint8Array> {
    this.produced = [];
    this.consumed = [];
    let produced = 0;
    let consumed = 0;
    let first = true;
    for await (const chunk of raw.chunks()) {
      if (first) checkTextHead(file, chunk);
      first = false;
      const out = this.transcode(chunk);
      produced += out.length;
      consumed += chunk.length;
      this.produced.push(produced);
      this.consumed.push(consumed);
      yield out;
    }
  }

  /** File bytes behind the first `transcoded` UTF-8 bytes (exact at chunk ends, interpolated within). */
  sourceOffset(transcoded: number): number {
    const produced = this.produced;
    // The first chunk whose end is at or after `transcoded`.
    let low = 0;
    let high = produced.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (produced[mid] < transcoded) low = mid + 1;
      else high = mid;
    }
    if (low === produced.length) return this.consumed[produced.length - 1] ?? 0;
    const outStart = low === 0 ? 0 : produced[low - 1];
    const inStart = low === 0 ? 0 : this.consumed[low - 1];
    const outLength = produced[low] - outStart;
    const inLength = this.consumed[low] - inStart;
    return outLength <= 0 ? inStart : inStart + Math.round(((transcoded - outStart) * inLength) / outLength);
  }

  private transcode(chunk: Uint8Array): Uint8Array {
    let i = 0;
    while (i < chunk.length && chunk[i] < 0x80) i++;
    if (i === chunk.length) return chunk;
    if (this.output.length < 3 * chunk.length) this.output = new Uint8Array(3 * chunk.length);
    const out = this.output;
    out.set(chunk.subarray(0, i));
    let o = i;
    for (; i < chunk.length; i++) {
      const b = chunk[i];
      if (b < 0x80) {
        out[o++] = b;
        continue;
      }
      const at = (b - 0x80) * 3;
      const n = this.upperLength[b - 0x80];
      out[o++] = this.upper[at];
      if (n > 1) out[o++] = this.upper[at + 1];
      if (n > 2) out[o++] = this.upper[at + 2];
    }
    return out.subarray(0, o);
  }
}
