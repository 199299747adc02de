/**
 * Text encodings: the ones a delimited or JSON Lines file may be read with, and how bytes that are
 * not valid UTF-8 are shown in a message. Pure (web-standard `TextDecoder` only), so the webview's
 * words can name an encoding too.
 */

/** The encodings a text data file can be read with (`LoadOptions.encoding`). */
export type TextEncoding = 'utf-8' | 'windows-1252' | 'latin-1';

export const TEXT_ENCODINGS: readonly TextEncoding[] = ['utf-8', 'windows-1252', 'latin-1'];

/** How an encoding is named to users. */
export const ENCODING_NAMES: Readonly<Record<TextEncoding, string>> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252',
  'latin-1': 'Latin-1 (ISO-8859-1)',
};

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
