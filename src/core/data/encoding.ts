/**
 * Text encodings: the ones a delimited or JSON Lines file may be read with, the characters of
 * their upper half, and how bytes that are not valid UTF-8 are shown in a message. Pure, so the
 * webview's words can name an encoding too.
 */

/** The encodings a text data file can be read with (`LoadOptions.encoding`). */
export type TextEncoding = 'utf-8' | 'windows-1252' | 'latin-1';

export const TEXT_ENCODINGS: readonly TextEncoding[] = ['utf-8', 'windows-1252', 'latin-1'];

/** How an encoding is named to users. */
export const ENCODING_NAMES: Readonly<Record<TextEncoding, string>> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252',
  'latin-1': 'Latin-1',
};

/**
 * The characters of bytes 0x80-0x9F in Windows-1252: the WHATWG Encoding Standard's
 * index-windows-1252 (https://encoding.spec.whatwg.org/index-windows-1252.txt), equal to Python's
 * cp1252 where that defines the byte (0x81, 0x8D, 0x8F, 0x90 and 0x9D map to the C1 control of
 * the same number, as in browsers). Written out because Node's own `TextDecoder('windows-1252')`
 * decodes as Latin-1 since 20.18.3 / 22.13.0 (https://github.com/nodejs/node/issues/60888).
 * Bytes 0xA0-0xFF are U+00A0-U+00FF in both Windows-1252 and Latin-1.
 */
const WINDOWS_1252_80_9F = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/**
 * The character of byte `b` (0-255) in a single-byte encoding.
 *
 * @example
 * singleByteCharacter(0x80, 'windows-1252') // '€'
 * singleByteCharacter(0x80, 'latin-1') // '\u0080'
 */
export function singleByteCharacter(b: number, encoding: Exclude<TextEncoding, 'utf-8'>): string {
  return String.fromCharCode(encoding === 'windows-1252' && b >= 0x80 && b < 0xa0 ? WINDOWS_1252_80_9F[b - 0x80] : b);
}

/**
 * Bytes as text for a message, to be shown between double quotes: printable ASCII as is (a
 * backslash doubled), every other byte and the double quote as `\xHH`, so the exact bytes of a
 * bad value can be read and searched for (`grep -P '\xE9'`).
 *
 * @example
 * escapeBytes(Uint8Array.of(0x63, 0x61, 0x66, 0xe9)) // 'caf\\xE9'
 */
export function escapeBytes(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b === 0x5c) out += '\\\\';
    else if (b >= 0x20 && b < 0x7f && b !== 0x22) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The UTF-8 sequence length announced by lead byte `b` (1 for ASCII and for bytes that cannot lead). */
export function utf8SequenceLength(b: number): number {
  return b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 1;
}
