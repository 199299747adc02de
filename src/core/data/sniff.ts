/**
 * A look at the first kilobyte of a text data file, to reject binary files with a message that
 * says what they are instead of a screen of garbled "columns". Whether the text is UTF-8 is
 * checked over the whole file by `textSource.ts`, with `firstInvalidUtf8` finding the place.
 */

import { DataError } from './dataError';

/** How many leading bytes are checked. */
export const SNIFF_BYTES = 1024;

/**
 * Throws `binary-file` when `head` (the file's first bytes) holds a NUL byte or starts like a
 * known binary format (UTF-16, Parquet, gzip, zip/xlsx), naming it.
 *
 * @example
 * checkTextHead('data/a.csv', new Uint8Array([0x1f, 0x8b, 8, 0]))
 * // throws DataError('data/a.csv is gzip-compressed, not text: decompress it first (gunzip)')
 */
export function checkTextHead(file: string, head: Uint8Array): void {
  const bytes = head.subarray(0, SNIFF_BYTES);
  const fail = (what: string, todo: string): never => {
    throw new DataError({ code: 'binary-file', file, message: `${file} ${what}: ${todo}` });
  };
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) fail('is UTF-16 text', 'save it as UTF-8');
  if (starts(0x50, 0x41, 0x52, 0x31)) fail('is a Parquet file', 'give it the .parquet extension');
  if (starts(0x1f, 0x8b)) fail('is gzip-compressed, not text', 'decompress it first (gunzip)');
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    fail('is a ZIP archive (an Excel workbook?), not text', 'export the sheet as CSV UTF-8');
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    fail(`looks like a binary file (byte ${nul} is NUL)`, 'pick a CSV, TSV, JSON Lines or Parquet file');
  }
}

/**
 * The offset of the first byte that is not valid UTF-8 (RFC 3629: no overlongs, no surrogates,
 * nothing above U+10FFFF), or -1. A sequence cut by the end is valid when `truncated`.
 */
export function firstInvalidUtf8(bytes: Uint8Array, truncated: boolean): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    // Lead byte -> continuation count and the allowed range of the first continuation byte.
    let need = 3;
    let min = 0x80;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) min = 0xa0; // no overlongs
      if (b === 0xed) max = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return truncated ? -1 : i;
      const c = bytes[i + k];
      if (k === 1 ? c < min || c > max : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}
