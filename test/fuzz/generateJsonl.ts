/**
 * Random JSON Lines files and what they must load as.
 *
 * Covers: the union of keys (late keys, absent keys), nested objects and arrays, mixed types per
 * key, huge and tiny numbers (`1e400` parses to Infinity, `5e-324`, `-0`, 30-digit integers),
 * invalid JSON (`NaN`, `Infinity`, trailing commas, single quotes, cut lines), lines that are not
 * objects, very long lines, a BOM, blank and whitespace lines, CRLF and lone-CR line ends, keys
 * that are integers (`"2"`), empty, `__proto__` or repeated in one line, escaped controls and lone
 * surrogates, invalid UTF-8 inside strings.
 */
import { ByteBuilder, type GeneratedFile, type SizeProfile } from './generatedFile';
import { UNKNOWN, textRefusal, warningKey, type ExpectedCell, type ExpectedColumn, type Expectation } from './expectation';
import type { Random } from './random';

type Value = number | string | boolean | null | 'nested';

interface Field {
  readonly key: string;
  /** The JSON text of the value. */
  readonly text: string;
  readonly value: Value;
}

type Line =
  | { readonly type: 'record'; readonly fields: readonly Field[]; readonly raw?: Uint8Array }
  | { readonly type: 'blank'; readonly text: string }
  | { readonly type: 'bad'; readonly text: string };

const KEYS = ['a', 'b', 'score', 'user', 'x', 'label', 'ts', '__proto__', 'constructor', '', '名前', 'a.b', 'key with space', '2', '10', '😀', 'nul\u0000key', 'bidi\u202Ekey', 'esc\x1b[31m'] as const;

const NUMBER_TEXTS = ['0', '-0', '1', '-1', '0.1', '1e308', '-1e308', '1.7976931348623157e308', '5e-324', '1e-400', '1e400', '-1e400', '123456789012345678901234567890', '9007199254740993', '1E+2', '2.5e-3', '1.0', '-0.0'] as const;
const STRING_VALUES = ['red', 'green', '', 'NA', 'null', 'true', '1', '2.5', 'inf', 'café', 'nai\u0308ve', '😀', '\u0000', '\x01ctl', '\x1b[2J', '\x85', 'a\u202Eb', '\ud800', '\udfff\ud800', 'line\nbreak', 'tab\t', 'quote"', 'back\\slash'] as const;
const BAD_LINES = [
  '{"a": NaN}', '{"a": Infinity}', '{"a": -Infinity}', '{"a": 1,}', "{'a': 1}", '{"a": 01}', '{"a": .5}', '{"a": 1.}', '{"a": "open}',
  '{"a": 1} trailing', '{"a" 1}', '{"a": 1', '{"a": +1}', '{"a": 0x10}', '{"a": undefined}', '{a: 1}', '{"a": "\\x41"}', '[1, 2]', '42', 'null',
  '"text"', 'true', '{"a": [1, 2]}', '{"a": {"b": 1}}',
] as const;

type KeyStyle = 'numbers' | 'strings' | 'bools' | 'mixed' | 'sparse' | 'null' | 'long';

function valueFor(random: Random, style: KeyStyle, profile: SizeProfile, room: boolean): Field['value'] | { text: string } {
  if (style === 'long' && !room) style = 'strings';
  if (random.chance(style === 'sparse' ? 0.6 : 0.05)) return null;
  switch (style) {
    case 'numbers':
    case 'sparse':
      return random.chance(0.3) ? { text: random.pick(NUMBER_TEXTS) } : random.chance(0.5) ? random.int(-1000, 1000) : (random.float() - 0.5) * 10 ** random.int(-10, 10);
    case 'strings':
      return random.chance(0.5) ? random.pick(STRING_VALUES) : `s${random.int(0, 50)}`;
    case 'bools':
      return random.chance(0.5);
    case 'mixed':
      return random.chance(0.5) ? random.int(0, 9) : random.chance(0.3) ? { text: random.pick(NUMBER_TEXTS) } : random.pick(STRING_VALUES);
    case 'null':
      return null;
    case 'long':
      return random.chance(0.1) ? 'J'.repeat(random.size(1000, profile.maxField)) : 'short';
  }
}

/**
 * One random JSON Lines file.
 *
 * @example
 * generateJsonl(new Random(1), { maxColumns: 50, maxCells: 20_000, maxField: 10_000 }).ext // '.jsonl'
 */
export function generateJsonl(random: Random, profile: SizeProfile): GeneratedFile {
  const features: string[] = [];
  const ext = random.chance(0.1) ? '.ndjson' : '.jsonl';
  const keyCount = Math.min(profile.maxColumns, random.weighted<number>([[random.int(1, 5), 60], [random.int(6, 30), 30], [random.size(31, 2000), 10]]));
  const keys: string[] = [];
  for (let i = 0; i < keyCount; i++) keys.push(random.chance(0.6) ? `k${i}` : random.pick(KEYS));
  const styles = keys.map(() => random.weighted<KeyStyle>([['numbers', 10], ['strings', 6], ['bools', 2], ['mixed', 3], ['sparse', 3], ['null', 1], ['long', 1]]));
  const rows = Math.min(Math.floor(profile.maxCells / keyCount), random.weighted<number>([[0, 3], [random.int(1, 20), 45], [random.int(21, 500), 37], [random.size(501, 20_000), 15]]));
  const ends = random.weighted<string>([['\n', 6], ['\r\n', 3], ['\r', 1]]);
  const bom = random.chance(0.1);
  features.push(`${keyCount} keys`, `${rows} rows`, JSON.stringify(ends), ext);
  if (bom) features.push('BOM');
  const lines: Line[] = [];
  let written = 0;
  for (let r = 0; r < rows; r++) {
    if (random.chance(0.03)) lines.push({ type: 'blank', text: random.pick(['', ' ', '\t', '  \t ']) });
    const fields: Field[] = [];
    for (let k = 0; k < keyCount; k++) {
      if (random.chance(0.1)) continue; // absent key
      const drawn = valueFor(random, styles[k], profile, written < profile.maxBytes);
      const field = drawn !== null && typeof drawn === 'object' ? { key: keys[k], text: drawn.text, value: JSON.parse(drawn.text) as number } : { key: keys[k], text: JSON.stringify(drawn), value: drawn };
      written += field.key.length + field.text.length + 4;
      fields.push(field);
    }
    if (fields.length > 1 && random.chance(0.01)) fields.push({ ...fields[0], text: '7', value: 7 }); // repeated key
    if (random.chance(0.1)) fields.reverse();
    lines.push({ type: 'record', fields });
  }
  const defect = random.weighted<string>([['none', 90], ['bad', 5], ['nested', 3], ['invalid-utf8', 3], ['empty', 1], ['blank-only', 1]]);
  if (defect !== 'none') features.push(defect);
  if (defect === 'bad' && lines.length > 0) lines[random.int(0, lines.length - 1)] = { type: 'bad', text: random.pick(BAD_LINES) };
  if (defect === 'nested' && rows > 0) {
    const at = random.int(0, lines.length - 1);
    const line = lines[at];
    if (line.type === 'record') {
      const nested = random.pick(['{"inner": {"deep": [1, {"x": null}]}}', '[1, "two", null]', '[]', '{}']);
      lines[at] = { type: 'record', fields: [...line.fields, { key: 'nested', text: nested, value: 'nested' }] };
    }
  }

  const out = new ByteBuilder();
  if (defect === 'empty') return finish(new Uint8Array(0), UNKNOWN);
  if (bom) out.add('\uFEFF');
  if (defect === 'blank-only') {
    for (let i = random.int(1, 4); i > 0; i--) out.add(random.pick(['', ' ', '\t']) + ends);
    return finish(out.bytes(), UNKNOWN);
  }
  let invalid = false;
  const pretty = random.chance(0.2);
  for (const [i, line] of lines.entries()) {
    if (i > 0) out.add(ends);
    if (line.type === 'record') {
      const parts = line.fields.map((f) => `${JSON.stringify(f.key)}:${pretty ? ' ' : ''}${f.text}`);
      const text = `{${parts.join(pretty ? ', ' : ',')}}`;
      if (defect === 'invalid-utf8' && out.size > 1024 && !invalid && text.includes('"')) {
        // Inside the first string value: bytes that are not UTF-8.
        const at = text.indexOf('":"');
        if (at >= 0) {
          out.add(text.slice(0, at + 3));
          out.add(Uint8Array.from(random.pick([[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0x80, 0x80]])));
          out.add(text.slice(at + 3));
          invalid = true;
          continue;
        }
      }
      out.add(text);
    } else out.add(line.text);
  }
  if (lines.length > 0 && random.chance(0.8)) out.add(ends);
  if (random.chance(0.05)) out.add(ends + ends);
  const bytes = out.bytes();
  return finish(bytes, invalid ? UNKNOWN : expectation(lines, ends, bytes));

  function finish(bytes: Uint8Array, expect: Expectation): GeneratedFile {
    if (bytes.length === 0) expect = { type: 'error', code: 'empty-file' };
    else if (textRefusal(bytes) === 'binary-file') expect = { type: 'error', code: 'binary-file' };
    // Invalid UTF-8 is found as the 1 MiB reads arrive: a parse error in an earlier read comes first.
    else if (textRefusal(bytes) === 'not-utf8') expect = expect.type !== 'error' || bytes.length <= 1 << 20 ? { type: 'error', code: 'not-utf8' } : UNKNOWN;
    else if (defect === 'blank-only') expect = { type: 'error', code: 'empty-file' };
    const names = [...new Set(keys)];
    const numericNames = [...new Set(keys.filter((_, k) => styles[k] === 'numbers' || styles[k] === 'sparse'))];
    return { format: 'jsonl', ext, bytes, expect, features, names, numericNames };
  }
}

/** The table a list of lines must load as, by the README's JSON Lines rules. */
function expectation(lines: readonly Line[], ends: string, bytes: Uint8Array): Expectation {
  const records = lines.filter((line) => line.type !== 'blank');
  if (ends === '\r' && records.length > 1) return { type: 'error', code: 'parse-error' }; // one line of several objects
  if (ends === '\r') return UNKNOWN;
  for (const line of records) {
    if (line.type === 'bad') return { type: 'error', code: 'parse-error' };
    if (line.type === 'record' && line.fields.some((f) => f.value === 'nested')) return { type: 'error', code: 'parse-error' };
  }
  if (records.length === 0) return bytes.length === 0 ? UNKNOWN : { type: 'error', code: 'empty-file' };
  const order: string[] = [];
  const seen = new Set<string>();
  const rows = records as Array<Extract<Line, { type: 'record' }>>;
  for (const line of rows) {
    for (const { key } of line.fields) {
      if (!seen.has(key)) {
        seen.add(key);
        order.push(key);
      }
    }
  }
  const warnings: string[] = [];
  let warningsKnown = true;
  const columns: ExpectedColumn[] = order.map((key) => {
    const values: Array<Field['value']> = rows.map((line) => {
      let value: Field['value'] = null;
      for (const f of line.fields) if (f.key === key) value = f.value; // JSON.parse: the last one wins
      return value;
    });
    const numbers = values.filter((v) => typeof v === 'number') as number[];
    const texts = values.filter((v) => typeof v === 'string' || typeof v === 'boolean');
    if (numbers.length > 0 && texts.length > 0) {
      warnings.push(warningKey('mixed-types', key));
      if (numbers.some((v) => !Number.isFinite(v))) warningsKnown = false;
      const cells: ExpectedCell[] = values.map((v) =>
        v === null ? null : typeof v === 'number' ? (Number.isFinite(v) ? String(v) : undefined) : String(v),
      );
      return { name: key, kind: 'categorical', cells };
    }
    if (texts.length > 0) return { name: key, kind: 'categorical', cells: values.map((v) => (v === null ? null : String(v))) };
    let nonFinite = 0;
    const cells = values.map((v) => {
      if (typeof v !== 'number') return null;
      if (Number.isFinite(v)) return v;
      nonFinite++;
      return null;
    });
    if (nonFinite > 0) warnings.push(warningKey('non-finite', key));
    return { name: key, kind: numbers.length > 0 ? 'numeric' : undefined, cells, nonFinite: numbers.length > 0 ? nonFinite : undefined };
  });
  return { type: 'table', rows: rows.length, columns, ...(warningsKnown ? { warnings: warnings.sort() } : {}) };
}
