/**
 * Random CSV / TSV files and what they must load as.
 *
 * Covers: the four delimiters (detected, or forced by `.tsv` / `.tab`), RFC 4180 quoting with
 * `""`, newlines inside quotes, LF / CRLF / CR and mixes of them, a UTF-8 BOM, blank lines, ragged
 * rows, unclosed quotes and text after a closing quote, missing tokens and near misses, numbers
 * at the edges of the grammar (`1e999`, `-0`, `.5`, `1.`, `0x10`, `1_000`, 20-digit mantissas,
 * `inf`), Unicode (astral, combining marks, C0 / C1 controls, bidi overrides, ANSI escapes), NUL
 * and invalid UTF-8 (in the first KB, where the file must be refused, and after it), very long
 * fields, many columns, duplicate and empty header names, columns that turn from numbers to text
 * late (the loader's second pass).
 */
import { ByteBuilder, type GeneratedFile, type SizeProfile } from './generatedFile';
import {
  UNKNOWN,
  documentedDelimiter,
  isMissingText,
  numberOfText,
  pandasHeaderNames,
  textRefusal,
  warningKey,
  type ExpectedCell,
  type ExpectedColumn,
  type Expectation,
} from './expectation';
import type { Random } from './random';

/** A field: text, or raw bytes holding something that is not UTF-8 (`label` is then unknown). */
type Cell = { readonly text: string } | { readonly raw: Uint8Array };

const DELIMITERS = [',', '\t', ';', '|'] as const;

export const EDGE_NUMBERS = [
  '1e999', '-1e999', '-0', '.5', '1.', '+3', ' 7 ', '\t8', '1e-400', '4.9e-324', '2.2250738585072011e-308',
  '1.7976931348623157e308', '12345678901234567890', '-98765432109876543210.5', '1234567890.1234567890123',
  '0.30000000000000004', '9007199254740993', '00012', '-.5e-3', '1E+05', 'inf', '-inf', 'Infinity', '-INFINITY',
  '+inf', 'iNf',
] as const;

/** Texts a reader might take for numbers, that the grammar says are text. */
export const NEAR_NUMBERS = ['0x10', '1_000', '1,5', '1e', '--1', '+-1', '1.2.3', 'e5', '.', '-', '١٢', '５', '1 2', 'NAN', 'nan(1)', '1d5'] as const;

export const MISSING_LIKE = ['NA', 'N/A', 'nan', 'NaN', 'NULL', 'null', 'None', '#N/A', '-nan', '<NA>', '', '1.#IND'] as const;
export const NEAR_MISSING = [' NA', 'NA ', 'na', 'Na', 'Null', 'NONE', 'none', 'n.a.', '#N/A ', 'nil'] as const;

const UNICODE = [
  'café', 'nai\u0308ve', 'e\u0301\u0301\u0301', '😀', '𝔘𝔫𝔦', '한국어', '名前', 'שלום', 'مرحبا', '\u{10FFFF}', '\u{1F9D1}\u200D\u{1F52C}',
  'a\u202Eb', '\u2066x\u2069', '\u200Bzero', 'mid\uFEFFbom', '\uFFFD', '\u00A0nbsp',
] as const;
const CONTROLS = ['\x01', 'bell\x07', '\x1b[31mred\x1b[0m', '\x1b]0;title\x07', 'back\bspace', '\x7f', '\x85', '\x9b31m', 'form\x0cfeed', 'v\x0btab'] as const;
const AWKWARD = ['line\nbreak', 'cr\ronly', 'crlf\r\ninside', 'say "hi"', '"quoted"', 'comma,inside', 'semi;colon', 'pipe|bar', 'tab\tinside', ' leading', 'trailing ', 'ab"c'] as const;
const WORDS = ['red', 'green', 'blue', 'cat', 'dog', 'yes', 'no', 'low', 'high', 'x', 'A', 'b'] as const;

/** Invalid UTF-8: a stray continuation, a cut lead byte, a surrogate, an overlong, beyond U+10FFFF. */
const INVALID_UTF8 = [[0xff], [0x80], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xfe], [0xe2, 0x82]] as const;

type ColumnStyle = 'ints' | 'floats' | 'edge' | 'labels' | 'unique' | 'mixedLate' | 'sparse' | 'allMissing' | 'unicode' | 'controls' | 'awkward' | 'timestamps' | 'nearText';

interface ColumnPlan {
  readonly style: ColumnStyle;
  /** mixedLate: the row at which text first appears. */
  readonly switchRow: number;
  readonly missingRate: number;
}

const STYLE_WEIGHTS: ReadonlyArray<readonly [ColumnStyle, number]> = [
  ['ints', 10], ['floats', 12], ['edge', 6], ['labels', 10], ['unique', 4], ['mixedLate', 5], ['sparse', 5],
  ['allMissing', 2], ['unicode', 5], ['controls', 3], ['awkward', 4], ['timestamps', 3], ['nearText', 3],
];

function cellFor(random: Random, plan: ColumnPlan, row: number, rows: number): string {
  if (plan.style === 'allMissing') return random.pick(MISSING_LIKE);
  if (random.chance(plan.missingRate)) return random.chance(0.7) ? random.pick(MISSING_LIKE) : random.pick(['', 'NA']);
  switch (plan.style) {
    case 'ints':
      return String(random.chance(0.9) ? random.int(-1000, 1000) : random.int(-(2 ** 31), 2 ** 31));
    case 'floats': {
      const x = (random.float() - 0.5) * 10 ** random.int(-12, 12);
      const form = random.int(0, 3);
      return form === 0 ? String(x) : form === 1 ? x.toExponential(random.int(0, 16)) : form === 2 ? x.toFixed(random.int(0, 10)) : x.toPrecision(random.int(1, 21));
    }
    case 'edge':
      return random.chance(0.5) ? random.pick(EDGE_NUMBERS) : String(random.int(-50, 50));
    case 'labels':
      return random.chance(0.1) ? random.pick(NEAR_MISSING) : random.pick(WORDS);
    case 'unique':
      return random.chance(0.5) ? `user_${row}_${random.int(0, 1e6)}` : randomHex(random, 32);
    case 'mixedLate':
      if (row < plan.switchRow) return String(random.int(0, 99) / (random.chance(0.5) ? 1 : 4));
      return row === plan.switchRow || random.chance(0.3) ? random.pick([...WORDS, ...NEAR_NUMBERS, 'inf']) : String(random.int(0, 9));
    case 'sparse':
      return random.chance(0.6) ? random.pick(MISSING_LIKE) : String(random.int(0, 9));
    case 'unicode':
      return random.pick(UNICODE) + (random.chance(0.3) ? String(random.int(0, 9)) : '');
    case 'controls':
      return random.pick(CONTROLS);
    case 'awkward':
      return random.pick(AWKWARD);
    case 'timestamps':
      return random.pick(['2024-03-01', '2024-03-01T12:30:45Z', '2024/03/01 12:30', '2024-02-30', '1999-12-31T23:59:59.999+02:00', '2024-03-01T24:00:00Z']);
    case 'nearText':
      return random.chance(0.6) ? random.pick(NEAR_NUMBERS) : random.pick(EDGE_NUMBERS);
  }
  return `row ${row} of ${rows}`;
}

function randomHex(random: Random, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += '0123456789abcdef'[random.int(0, 15)];
  return out;
}

const NAME_POOL = ['a', 'b', 'a.1', 'x', 'value', 'label', 'score', 'id', 'user_id', 'ts', 'Unnamed: 0', 'Unnamed: 1'] as const;

function headerName(random: Random, i: number, earlier: readonly string[]): string {
  const kind = random.weighted<string>([
    ['plain', 40], ['pool', 15], ['repeat', 8], ['empty', 5], ['suffix', 4], ['unicode', 6], ['delimiter', 5], ['quote', 3], ['space', 3], ['control', 2], ['long', 1],
  ]);
  switch (kind) {
    case 'pool':
      return random.pick(NAME_POOL);
    case 'repeat':
      return earlier.length > 0 ? random.pick(earlier) : 'a';
    case 'empty':
      return '';
    case 'suffix':
      return earlier.length > 0 ? `${random.pick(earlier)}.${random.int(1, 2)}` : 'a.1';
    case 'unicode':
      return random.pick(['größe', '名前', '😀', 'e\u0301', 'a\u202Eb', 'naïve', '\u{1D518}']);
    case 'delimiter':
      return random.pick(['a;b', 'x|y', 'p,q', 't\tu', 'w;x;y', 'm|n|o']);
    case 'quote':
      return random.pick(['say "hi"', 'two\nlines', '"q"']);
    case 'space':
      return random.pick([' padded ', 'two words', ' ']);
    case 'control':
      return random.pick(['\x1b[2Jclear', 'bell\x07', 'c1\x85']);
    case 'long':
      return 'n'.repeat(random.int(200, 2000));
  }
  return `col${i}`;
}

function mustQuote(text: string, delimiter: string): boolean {
  return text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r') || text.startsWith('"');
}

/** The text of a line outside its quoted parts. */
function unquoted(line: string): string {
  return line.replace(/"[^"]*"/g, '');
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

type Defect = 'none' | 'short-row' | 'long-row' | 'unclosed-quote' | 'text-after-quote' | 'blank-only' | 'empty';

/**
 * One random delimited file.
 *
 * @example
 * const file = generateCsv(new Random(1), { maxColumns: 50, maxCells: 20_000, maxField: 10_000 });
 * file.ext // '.csv'
 */
export function generateCsv(random: Random, profile: SizeProfile): GeneratedFile {
  const features: string[] = [];
  const delimiter = random.weighted<string>([[',', 5], ['\t', 2], [';', 2], ['|', 1]]);
  const ext = delimiter === '\t' ? random.pick(['.tsv', '.tsv', '.tab', '.csv']) : random.chance(0.05) ? '.CSV' : '.csv';
  const forcedTab = ext === '.tsv' || ext === '.tab';
  const ends = random.weighted<string>([['lf', 5], ['crlf', 3], ['cr', 1], ['mixed', 1]]);
  const lineEnd = (): string => (ends === 'lf' ? '\n' : ends === 'crlf' ? '\r\n' : ends === 'cr' ? '\r' : random.pick(['\n', '\r\n', '\r']));
  const bom = random.chance(0.1);
  const columns = Math.min(
    profile.maxColumns,
    random.weighted<number>([[1, 15], [random.int(2, 6), 45], [random.int(7, 40), 28], [random.size(41, 3000), 12]]),
  );
  const maxRows = Math.max(0, Math.floor(profile.maxCells / columns));
  const rows = Math.min(maxRows, random.weighted<number>([[0, 4], [random.int(1, 20), 40], [random.int(21, 300), 35], [random.size(301, 5000), 16], [random.size(5001, 70_000), 5]]));
  features.push(`${columns} col`, `${rows} rows`, `delimiter ${JSON.stringify(delimiter)}`, ext, ends);
  if (bom) features.push('BOM');

  const rawNames: string[] = [];
  for (let i = 0; i < columns; i++) rawNames.push(random.chance(0.7) ? `col${i}` : headerName(random, i, rawNames));
  const plans: ColumnPlan[] = [];
  for (let i = 0; i < columns; i++) {
    plans.push({ style: random.weighted(STYLE_WEIGHTS), switchRow: random.int(0, Math.max(0, rows - 1)), missingRate: random.pick([0, 0, 0.05, 0.3]) });
  }

  // The cells, then what to break.
  const grid: Cell[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: Cell[] = [];
    for (let c = 0; c < columns; c++) row.push({ text: cellFor(random, plans[c], r, rows) });
    grid.push(row);
  }
  if (rows > 0 && random.chance(0.04)) {
    const r = random.int(0, rows - 1);
    const c = random.int(0, columns - 1);
    grid[r][c] = { text: 'L'.repeat(random.size(1000, Math.min(profile.maxField, profile.maxBytes))) };
    features.push('long field');
  }
  if (rows > 0 && random.chance(0.08)) {
    // Two different invalid sequences in one column, late in the file: must not merge silently.
    const c = random.int(0, columns - 1);
    for (let k = 0; k < 2; k++) {
      const r = random.int(Math.floor(rows / 2), rows - 1);
      const sequence = Uint8Array.from(random.pick(INVALID_UTF8));
      const prefix = new TextEncoder().encode(random.pick(WORDS));
      const raw = new Uint8Array(prefix.length + sequence.length);
      raw.set(prefix);
      raw.set(sequence, prefix.length);
      grid[r][c] = { raw };
    }
    features.push('invalid UTF-8');
  }
  if (rows > 0 && random.chance(0.03)) {
    grid[random.int(0, rows - 1)][random.int(0, columns - 1)] = { text: `nul\x00byte` };
    features.push('NUL');
  }
  const defect = random.weighted<Defect>([['none', 88], ['short-row', 3], ['long-row', 3], ['unclosed-quote', 2], ['text-after-quote', 2], ['blank-only', 1], ['empty', 1]]);
  if (defect !== 'none') features.push(defect);

  // Writing.
  const out = new ByteBuilder();
  if (defect === 'empty') return finish(new Uint8Array(0));
  if (bom) out.add('\uFEFF');
  const blankLines = random.chance(0.15);
  const maybeBlank = () => {
    if (blankLines && random.chance(0.1)) out.add(lineEnd());
  };
  if (defect === 'blank-only') {
    for (let i = random.int(1, 5); i > 0; i--) out.add(lineEnd());
    return finish(out.bytes());
  }
  if (blankLines) {
    features.push('blank lines');
    if (random.chance(0.5)) out.add(lineEnd());
  }
  const quoteAll = random.chance(0.1);
  const quoteSome = random.chance(0.3) ? 0.2 : 0;
  const oneColumn = columns === 1;
  const fieldText = (text: string, isHeader: boolean): string => {
    const whitespaceOnly = text.trim() === '' && text !== '';
    const candidates = oneColumn && /[,\t;|]/.test(text);
    if (mustQuote(text, delimiter) || quoteAll || random.chance(quoteSome) || (oneColumn && (text === '' || whitespaceOnly)) || (oneColumn && !isHeader && candidates)) {
      return quote(text);
    }
    return text;
  };
  const headerFields = rawNames.map((name) => {
    // A name holding another delimiter candidate is usually quoted, so detection is not fooled.
    if (!oneColumn && /[,\t;|]/.test(name) && random.chance(0.8)) return quote(name);
    return fieldText(name, true);
  });
  const headerLine = headerFields.join(delimiter);
  out.add(headerLine);
  const lastRow = rows - 1;
  const defectRow = rows > 0 ? random.int(0, lastRow) : -1;
  for (let r = 0; r < rows; r++) {
    out.add(lineEnd());
    maybeBlank();
    const cells = grid[r];
    for (let c = 0; c < columns; c++) {
      if (defect === 'short-row' && r === defectRow && c === columns - 1) break;
      if (c > 0) out.add(delimiter);
      const cell = cells[c];
      if ('raw' in cell) out.add(cell.raw);
      // A short row of one empty field would be a blank line, which is skipped.
      else if (defect === 'short-row' && r === defectRow && columns === 2) out.add(quote(cell.text));
      else if (defect === 'unclosed-quote' && r === lastRow && c === columns - 1) out.add(`"open${cell.text.replace(/["\r\n]/g, '')}`);
      else if (defect === 'text-after-quote' && r === defectRow && c === 0) out.add(`${quote(cell.text)}x`);
      else out.add(fieldText(cell.text, false));
    }
    if (defect === 'long-row' && r === defectRow) out.add(`${delimiter}extra`);
  }
  const endsWithNewline = random.chance(0.8);
  if (endsWithNewline && defect !== 'unclosed-quote') out.add(lineEnd());
  if (blankLines && defect !== 'unclosed-quote' && random.chance(0.5)) out.add(lineEnd() + lineEnd());
  return finish(out.bytes());

  function finish(bytes: Uint8Array): GeneratedFile {
    const numericNames = rawNames.filter((_, c) => ['ints', 'floats', 'sparse', 'edge'].includes(plans[c].style));
    return { format: 'csv', ext, bytes, expect: expectation(bytes), features, names: rawNames, numericNames };
  }

  function expectation(bytes: Uint8Array): Expectation {
    if (bytes.length === 0) return { type: 'error', code: 'empty-file' };
    const refusal = textRefusal(bytes);
    if (refusal === 'binary-file') return { type: 'error', code: refusal };
    // Invalid UTF-8 is found as the 1 MiB reads arrive: a parse error in an earlier read comes first.
    if (refusal === 'not-utf8') return defect === 'none' || bytes.length <= 1 << 20 ? { type: 'error', code: refusal } : UNKNOWN;
    if (defect === 'blank-only') return { type: 'error', code: 'no-header' };
    // A row of a mixed-line-end file whose only field is empty would be a blank line.
    let rule: string | undefined;
    if (oneColumn) {
      // A file of one column is one column (pandas reads it so); a comma in its header is a
      // two-column header, whatever the rows say.
      if (unquoted(headerLine).includes(',')) return UNKNOWN;
      if (/[\t;|]/.test(unquoted(headerLine))) rule = 'issue 8: a one-column CSV whose header holds ; | or tab is one column, as pandas reads it';
    } else if (!forcedTab && documentedDelimiter(headerLine) !== delimiter) {
      return UNKNOWN;
    }
    if (defect === 'short-row' || defect === 'long-row') {
      return rows === 0 || oneColumn ? UNKNOWN : { type: 'error', code: 'ragged-row' };
    }
    if (defect === 'unclosed-quote' || defect === 'text-after-quote') return rows === 0 ? UNKNOWN : { type: 'error', code: 'parse-error' };
    const names = pandasHeaderNames(rawNames);
    const expected: ExpectedColumn[] = [];
    const warnings: string[] = [];
    names.forEach((name, c) => {
      if (rawNames[c] === '') warnings.push(warningKey('unnamed-column', name));
      const base = rawNames[c] === '' ? `Unnamed: ${c}` : rawNames[c];
      if (name !== base) warnings.push(warningKey('duplicate-column', name));
      const texts = grid.map((row) => ('text' in row[c] ? (row[c] as { text: string }).text : undefined));
      expected.push(expectColumn(name, texts, warnings));
    });
    return { type: 'table', rows, columns: expected, warnings: warnings.sort(), ...(rule ? { rule } : {}) };
  }
}

/** A CSV column's expected kind and cells from its field texts (undefined: bytes that are not UTF-8). */
export function expectColumn(name: string, texts: ReadonlyArray<string | undefined>, warnings: string[]): ExpectedColumn {
  const present = (t: string | undefined) => t === undefined || !(t === '' || isMissingText(t));
  const numeric = texts.every((t) => t !== undefined && (!present(t) || numberOfText(t) !== undefined));
  if (numeric) {
    let nonFinite = 0;
    const cells: ExpectedCell[] = texts.map((t) => {
      if (!present(t)) return null;
      const v = numberOfText(t!)!;
      if (Number.isFinite(v)) return v;
      nonFinite++;
      return null;
    });
    if (nonFinite > 0) warnings.push(warningKey('non-finite', name));
    return { name, kind: 'numeric', cells, nonFinite };
  }
  const firstText = texts.findIndex((t) => present(t) && (t === undefined || numberOfText(t) === undefined));
  if (texts.slice(0, firstText).some((t) => present(t))) warnings.push(warningKey('numeric-then-text', name));
  return { name, kind: 'categorical', cells: texts.map((t) => (t === undefined ? undefined : present(t) ? t : null)) };
}

export { DELIMITERS };
