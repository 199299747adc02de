/**
 * Interning of text fields straight from bytes, so a categorical column of a million rows
 * decodes each distinct value once instead of once per row.
 */

import { isMissingToken } from './missingValues';

/**
 * `ignoreBOM`: keep a leading U+FEFF. The default decoder drops it, so a field "\uFEFFa" (a byte
 * order mark mid-file, from concatenated exports) would decode to "a" while interned as other
 * bytes: two codes with one name, whose counts a report would then merge.
 */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Decodes bytes `[start, end)` as UTF-8 (invalid sequences become U+FFFD; `loadTable` checks the
 * whole file is UTF-8 first, so none reach here from a file).
 * Short ASCII fields skip `TextDecoder`, which costs more than the loop for them.
 */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  const length = end - start;
  if (length <= 32) {
    let ascii = true;
    for (let i = start; i < end; i++) {
      if (bytes[i] >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  }
  return utf8.decode(bytes.subarray(start, end));
}

/**
 * Compares strings by Unicode code point, as Python's `sorted` does (JavaScript's default
 * comparison uses UTF-16 code units, which orders U+E000..U+FFFF after astral characters).
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * The sorted categories of a dictionary and the map from insertion code to sorted code
 * (-1 for entries that are missing-value tokens).
 */
export function sortCategories(
  texts: readonly string[],
  isMissing: (code: number) => boolean,
): { categories: string[]; remap: Int32Array } {
  const order: number[] = [];
  for (let code = 0; code < texts.length; code++) if (!isMissing(code)) order.push(code);
  order.sort((a, b) => compareCodePoints(texts[a], texts[b]));
  const remap = new Int32Array(texts.length).fill(-1);
  const categories = new Array<string>(order.length);
  for (let sorted = 0; sorted < order.length; sorted++) {
    remap[order[sorted]] = sorted;
    categories[sorted] = texts[order[sorted]];
  }
  return { categories, remap };
}

/** Open-addressing hash table from byte strings to dense codes (0, 1, 2, ... in first-seen order). */
export class ByteDictionary {
  /** The decoded text of each code. */
  readonly texts: string[] = [];
  /** 1 when the code's text is a missing-value token (`NA`, `nan`, ...). */
  private missingFlags = new Uint8Array(16);
  private arena = new Uint8Array(1024);
  private arenaLength = 0;
  private starts: Int32Array = new Int32Array(16);
  private lengths: Int32Array = new Int32Array(16);
  private hashes: Int32Array = new Int32Array(16);
  /** code + 1 per slot, 0 when empty; size is a power of two kept at most half full. */
  private slots = new Int32Array(64);

  get size(): number {
    return this.texts.length;
  }

  isMissing(code: number): boolean {
    return this.missingFlags[code] === 1;
  }

  /** The code of bytes `[start, end)`, adding them when new. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    let hash = 0x811c9dc5 | 0; // FNV-1a
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
    const mask = this.slots.length - 1;
    const length = end - start;
    let slot = hash & mask;
    for (;;) {
      const entry = this.slots[slot];
      if (entry === 0) break;
      const code = entry - 1;
      if (this.hashes[code] === hash && this.lengths[code] === length) {
        const at = this.starts[code];
        let same = true;
        for (let k = 0; k < length; k++) {
          if (this.arena[at + k] !== bytes[start + k]) {
            same = false;
            break;
          }
        }
        if (same) return code;
      }
      slot = (slot + 1) & mask;
    }
    return this.add(bytes, start, end, hash, slot);
  }

  private add(bytes: Uint8Array, start: number, end: number, hash: number, slot: number): number {
    const code = this.texts.length;
    const length = end - start;
    if (this.arenaLength + length > this.arena.length) {
      const grown = new Uint8Array(Math.max(this.arena.length * 2, this.arenaLength + length));
      grown.set(this.arena.subarray(0, this.arenaLength));
      this.arena = grown;
    }
    this.arena.set(bytes.subarray(start, end), this.arenaLength);
    if (code === this.starts.length) {
      this.starts = grow(this.starts);
      this.lengths = grow(this.lengths);
      this.hashes = grow(this.hashes);
      const flags = new Uint8Array(this.missingFlags.length * 2);
      flags.set(this.missingFlags);
      this.missingFlags = flags;
    }
    this.starts[code] = this.arenaLength;
    this.lengths[code] = length;
    this.hashes[code] = hash;
    this.arenaLength += length;
    const text = decodeUtf8(bytes, start, end);
    this.texts.push(text);
    this.missingFlags[code] = isMissingToken(text) ? 1 : 0;
    this.slots[slot] = code + 1;
    if (this.texts.length * 2 > this.slots.length) this.rehash();
    return code;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let code = 0; code < this.texts.length; code++) {
      let slot = this.hashes[code] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = code + 1;
    }
    this.slots = slots;
  }
}

function grow(array: Int32Array): Int32Array {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}
