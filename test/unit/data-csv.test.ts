// CSV / TSV parsing: RFC 4180 quoting, line ends, delimiter detection, missing values, column
// kinds and every error a user can meet, with the exact message they see.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { detectDelimiter, readDelimitedTable, type LoadOptions, type Table } from '../../src/core/data/index';
import { fixture, rejectsWith, tableCells, tableKinds } from '../fixtures/data/tables';

const encoder = new TextEncoder();

/** Parses `text` from memory in chunks of `chunkSize` bytes, as `loadTable` would from disk. */
function parse(
  text: string | Uint8Array,
  options: LoadOptions = {},
  { chunkSize = Infinity, file = 'data/prod.csv', delimiter }: { chunkSize?: number; file?: string; delimiter?: string } = {},
): Promise<Table> {
  const bytes = typeof text === 'string' ? encoder.encode(text) : text;
  const chunks = () => {
    const out: Uint8Array[] = [];
    const step = Math.min(chunkSize, Math.max(bytes.length, 1));
    // Copies, because the parser may unescape quotes in place.
    for (let at = 0; at < bytes.length; at += step) out.push(bytes.slice(at, at + step));
    return out;
  };
  return readDelimitedTable(file, { size: bytes.length, chunks }, { options, delimiter: delimiter ?? options.delimiter });
}

describe('RFC 4180 quoting and line ends', () => {
  test('quoted fields keep delimiters, doubled quotes, CRLF inside quotes and non-ASCII text; BOM is dropped', async () => {
    const table = await parse(readFileSync(fixture('quoting.csv')), {}, { file: 'quoting.csv' });
    assert.deepEqual(tableKinds(table), { id: 'numeric', name: 'categorical', comment: 'categorical', score: 'numeric' });
    assert.deepEqual(tableCells(table), {
      id: [1, 2, 3, 4, 5],
      name: ['Smith, John', 'plain', null, 'x', 'café ☃'],
      comment: ['said "hi"', 'line one\r\nline two', null, 'a "quoted" word, with comma', null],
      score: [1.5, -2, null, 0.5, 0.001],
    });
  });

  test('every chunk size gives the same table (records, quotes and CRLF split across chunks)', async () => {
    for (const name of ['quoting.csv', 'kinds.csv', 'random.csv', 'missing.csv']) {
      const bytes = readFileSync(fixture(name));
      const whole = tableCells(await parse(bytes, {}, { file: name }));
      for (const chunkSize of [1, 2, 3, 5, 7, 64, 1000]) {
        assert.deepEqual(tableCells(await parse(bytes, {}, { file: name, chunkSize })), whole, `${name} in ${chunkSize}-byte chunks`);
      }
    }
  });

  test('a source may reuse one buffer for every chunk, and be read twice (late text column)', async () => {
    const text = 'id,v,q\n' + Array.from({ length: 300 }, (_, i) => `${i},${i},"a""${i % 3}"`).join('\n') + '\n300,text,"x"\n';
    const bytes = encoder.encode(text);
    const shared = new Uint8Array(7);
    function* chunks() {
      for (let at = 0; at < bytes.length; at += shared.length) {
        const piece = bytes.subarray(at, at + shared.length);
        shared.fill(0x21).set(piece);
        yield shared.subarray(0, piece.length);
      }
    }
    const table = await readDelimitedTable('data/reuse.csv', { size: bytes.length, chunks });
    const cells = tableCells(table);
    assert.equal(cells.v[299], '299');
    assert.equal(cells.v[300], 'text');
    assert.deepEqual(cells.q.slice(0, 4), ['a"0', 'a"1', 'a"2', 'a"0']);
  });

  test('LF, CRLF and lone CR line ends, and a last line without one, read the same', async () => {
    const expected = { a: [1, 3], b: ['x', 'y'] };
    for (const text of ['a,b\n1,x\n3,y\n', 'a,b\r\n1,x\r\n3,y\r\n', 'a,b\r1,x\r3,y\r', 'a,b\n1,x\n3,y']) {
      assert.deepEqual(tableCells(await parse(text)), expected, JSON.stringify(text));
    }
  });

  test('blank lines are skipped (as pandas skip_blank_lines) but still count for line numbers', async () => {
    const table = await parse('a,b\n\n1,x\n\r\n\n2,y\n\n');
    assert.deepEqual(tableCells(table), { a: [1, 2], b: ['x', 'y'] });
    await rejectsWith(
      parse('a,b\n\n1,x\n\n2\n'),
      'ragged-row',
      'data/prod.csv line 5 has 1 field but the header has 2: fix the row or add the missing fields (an empty field is read as missing)',
    );
  });

  test('a quote inside an unquoted field is an ordinary character, as in pandas', async () => {
    assert.deepEqual(tableCells(await parse('a,b\n1,ab"c\n2,5"\n')), { a: [1, 2], b: ['ab"c', '5"'] });
  });

  test('a trailing delimiter at the end of the file is an empty (missing) last field', async () => {
    assert.deepEqual(tableCells(await parse('a,b\n1,2\n3,')), { a: [1, 3], b: [2, null] });
  });

  test('quoted numbers are numbers and a quoted NA is missing (quoting does not change the kind)', async () => {
    assert.deepEqual(tableCells(await parse('a,b\n"1",x\n"NA",y\n"",z\n')), { a: [1, null, null], b: ['x', 'y', 'z'] });
  });
});

/** The delimiter detected in the whole of `text` (the input has ended). */
const detected = (text: string): string => String.fromCharCode(detectDelimiter(encoder.encode(text), 0, encoder.encode(text).length, true));

describe('delimiter detection', () => {
  test('picks the most frequent of , tab ; | in the header line, outside quotes', async () => {
    assert.equal(detectDelimiter(encoder.encode('a;b;c\n1,5;2;3'), 0, 13, true), ';'.charCodeAt(0));
    assert.equal(detectDelimiter(encoder.encode('"x,y,z"|b|c\n'), 0, 12, true), '|'.charCodeAt(0));
    assert.equal(detectDelimiter(encoder.encode('a\tb,c\td\n'), 0, 8, true), '\t'.charCodeAt(0));
    // Ties go to the earlier candidate; no candidate at all means one column read with ",".
    assert.equal(detectDelimiter(encoder.encode('a;b,c\n'), 0, 6, true), ','.charCodeAt(0));
    assert.equal(detectDelimiter(encoder.encode('value\n1\n'), 0, 8, true), ','.charCodeAt(0));
    // The header line is not complete yet: wait for more bytes.
    assert.equal(detectDelimiter(encoder.encode('a;b;c'), 0, 5, false), -1);
  });

  test('a one-column file whose header holds | ; or a tab is one column: the rows decide, not the header alone (issue 8)', async () => {
    assert.deepEqual(tableCells(await parse('name|alias\nann\nbob\ncy\n')), { 'name|alias': ['ann', 'bob', 'cy'] });
    assert.deepEqual(tableCells(await parse('price; EUR\n1.5\n2\n')), { 'price; EUR': [1.5, 2] });
    assert.deepEqual(tableCells(await parse('a\tb\nx\ny\n')), { 'a\tb': ['x', 'y'] });
    // Every chunk size decides the same way (detection waits for its sample, or the end).
    for (const chunkSize of [1, 3, 8]) assert.deepEqual(tableCells(await parse('name|alias\nann\nbob\n', {}, { chunkSize })), { 'name|alias': ['ann', 'bob'] });
    // A candidate fitting 90% of the sampled rows wins, the most header fields first; one fitting half of them
    // still wins over a single column, so the parser names the rows that do not fit.
    assert.equal(detected('a|b\n1\n2|3\n'), '|');
    assert.equal(detected('a|b\n1\n2\n3|4\n'), ',');
    assert.equal(detected('a|b,c\n1|2,3\n'), ',');
    assert.equal(detected('a|b|c,d\n1|2|3,4\n'), '|');
  });

  test('a delimited file with a ragged row is still split on its delimiter, so the error names that row', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i};${i * 2};x`);
    rows[20] = '20;40';
    await rejectsWith(
      parse(`a;b;c\n${rows.join('\n')}\n`),
      'ragged-row',
      'data/prod.csv line 22 has 2 fields but the header has 3: fix the row or add the missing fields (an empty field is read as missing)',
    );
  });

  test('detection reads the header and up to 100 rows or 64 kB after it; it waits for them unless the input has ended', async () => {
    const head = 'a;b\n' + '1;2\n'.repeat(10);
    assert.equal(detectDelimiter(encoder.encode(head), 0, head.length, false), -1);
    assert.equal(detectDelimiter(encoder.encode(head), 0, head.length, true), ';'.charCodeAt(0));
    const long = 'a;b\n' + '1;2\n'.repeat(20_000) + 'x\n';
    assert.equal(detectDelimiter(encoder.encode(long), 0, long.length, false), ';'.charCodeAt(0));
  });

  test('semicolon, pipe and tab files load without naming the delimiter', async () => {
    const semicolon = await parse(readFileSync(fixture('semicolon.csv')));
    assert.deepEqual(tableCells(semicolon), { city: ['Oslo', 'Rome', 'Lima'], temp: [-3.5, 18, null], note: ['cold; windy', 'mild', null] });
    const pipe = await parse(readFileSync(fixture('pipe.csv')));
    assert.deepEqual(tableCells(pipe), { a: [1, 2, 3], b: ['x', 'y', 'p|q'], c: [2.5, null, 4] });
  });

  test('a .tsv file is split on tabs only; numbers may have spaces around them', async () => {
    const table = await parse(readFileSync(fixture('basic.tsv')), {}, { delimiter: '\t' });
    assert.deepEqual(tableCells(table), {
      feature: ['age', 'income', 'height', 'weight'],
      value: [31, 52000.5, 1.8, null],
      label: ['yes', 'no\tmaybe', null, 'no'],
    });
    const commas = await parse('a,b\tc\n1,2\t3\n', {}, { delimiter: '\t' });
    assert.deepEqual(tableCells(commas), { 'a,b': ['1,2'], c: [3] });
  });

  test('the delimiter option overrides detection', async () => {
    assert.deepEqual(tableCells(await parse('a;b,c\n1;2,3\n', { delimiter: ';' })), { a: [1], 'b,c': ['2,3'] });
  });
});

describe('missing values', () => {
  test("pandas' default tokens are missing, never 0; near misses are text", async () => {
    const table = await parse(readFileSync(fixture('missing.csv')));
    const cells = tableCells(table);
    assert.equal(table.columns[1].kind, 'numeric');
    assert.deepEqual(cells.token, new Array(19).fill(null));
    assert.equal(table.columns[1].missing, 19);
    assert.equal(table.columns[2].kind, 'categorical');
    assert.equal(table.columns[2].missing, 0);
    assert.ok(cells.text.includes(' NA') && cells.text.includes('na') && cells.text.includes('NAN'));
  });

  test('a categorical column counts missing tokens and leaves them out of its categories', async () => {
    const table = await parse('c\nb\nNA\na\n\nnull\nb\n"None"\n');
    const column = table.columns[0];
    assert.equal(column.kind, 'categorical');
    assert.ok(column.kind === 'categorical');
    assert.deepEqual(column.categories, ['a', 'b']);
    assert.deepEqual(Array.from(column.codes), [1, -1, 0, -1, 1, -1]);
    assert.equal(column.missing, 3);
  });
});

describe('column kinds', () => {
  test('numeric when every non-missing value is a number; categorical otherwise', async () => {
    const table = await parse(readFileSync(fixture('kinds.csv')));
    assert.deepEqual(tableKinds(table), {
      int: 'numeric',
      float: 'numeric',
      zip: 'numeric',
      late: 'categorical',
      empty: 'numeric',
      inf: 'numeric',
    });
    const cells = tableCells(table);
    assert.deepEqual(cells.float, [1.5, -2500, 3, 0.5, 1, 7, 100000]);
    assert.deepEqual(cells.empty, [null, null, null, null, null, null, null]);
  });

  test('a column that turns to text after numbers keeps the earlier values as their text, with a warning', async () => {
    const table = await parse(readFileSync(fixture('kinds.csv')));
    assert.deepEqual(tableCells(table).late, ['1', '2', '3', '4', '5', 'unknown', '6']);
    const warning = table.warnings.find((w) => w.code === 'numeric-then-text');
    assert.deepEqual(warning, {
      code: 'numeric-then-text',
      column: 'late',
      line: 7,
      message:
        'data/prod.csv column "late" holds numbers but line 7 has "unknown", so the column is read as categorical: ' +
        'fix the value, or pass --numeric late to stop at every such line, or --categorical late to keep it categorical',
    });
  });

  test('the late switch also works when the text comes after many chunks and rows', async () => {
    const lines = ['id,v'];
    for (let i = 0; i < 5000; i++) lines.push(`${i},${i % 7 === 0 ? 'NA' : (i * 0.5).toString()}`);
    lines.push('5000,oops');
    const table = await parse(lines.join('\n') + '\n', {}, { chunkSize: 999 });
    const v = tableCells(table).v;
    assert.equal(table.columns[1].kind, 'categorical');
    assert.equal(v[0], null);
    assert.equal(v[1], '0.5');
    assert.equal(v[4], '2');
    assert.equal(v[5000], 'oops');
    assert.equal(table.columns[1].missing, Math.ceil(5000 / 7));
  });

  test('infinities are counted as missing with a warning naming the first one', async () => {
    const table = await parse(readFileSync(fixture('kinds.csv')));
    const column = table.columns[5];
    assert.ok(column.kind === 'numeric');
    assert.deepEqual(tableCells(table).inf, [null, null, 1, null, 2, null, 3]);
    assert.equal(column.nonFinite, 4);
    assert.equal(column.missing, 4);
    assert.equal(
      table.warnings.find((w) => w.code === 'non-finite')?.message,
      'data/prod.csv column "inf" has 4 infinite value(s) (first: "inf" at line 2); they are counted as missing because drift statistics are not defined for infinity',
    );
  });

  test('infinity words before the first other text stay text in a categorical column, as pandas keeps them', async () => {
    // Issue 7: `c = inf,inf,low` against `low,inf,inf` gave PSI 6.6 because the leading infinities were missing.
    const table = await parse('c\ninf\nInfinity\n-inf\nlow\nNA\n');
    assert.equal(table.columns[0].kind, 'categorical');
    assert.deepEqual(tableCells(table).c, ['inf', 'Infinity', '-inf', 'low', null]);
    assert.equal(table.columns[0].missing, 1);
    assert.equal(table.warnings.find((w) => w.code === 'non-finite'), undefined);
  });

  test('--categorical keeps numeric-looking ids as text (leading zeros intact)', async () => {
    const table = await parse(readFileSync(fixture('kinds.csv')), { categorical: ['zip'] });
    const zip = table.columns[2];
    assert.ok(zip.kind === 'categorical');
    assert.deepEqual(zip.categories, ['02134', '10001', '60601', '94105']);
    assert.deepEqual(tableCells(table).zip, ['02134', '10001', '94105', '60601', '02134', '10001', '94105']);
  });

  test('--numeric on a column with text is an error naming file, line, column, value and the fix', async () => {
    await rejectsWith(
      parse(readFileSync(fixture('kinds.csv')), { numeric: ['late'] }),
      'not-numeric',
      'data/prod.csv line 7, column "late": "unknown" is not a number, but the column was requested as numeric: ' +
        'fix the value, or read the column as categorical (--categorical late)',
    );
  });

  test('--columns selects and orders columns; the others are not parsed', async () => {
    const table = await parse('a,b,c\n1,x,2\n3,y,oops\n', { columns: ['c', 'a'] });
    assert.deepEqual(table.columns.map((c) => c.name), ['c', 'a']);
    assert.deepEqual(tableCells(table), { c: ['2', 'oops'], a: [1, 3] });
  });

  test('categories are sorted by code point, codes index them', async () => {
    const table = await parse('k\nb\nä\nB\na\n😀\n\uffff\nb\n');
    const column = table.columns[0];
    assert.ok(column.kind === 'categorical');
    assert.deepEqual(column.categories, ['B', 'a', 'b', 'ä', '\uffff', '😀']);
    assert.deepEqual(Array.from(column.codes), [2, 3, 0, 1, 5, 4, 2]);
  });

  test('a byte order mark inside the file starts a category of its own, distinct from the text without it (issue 8)', async () => {
    // Concatenated exports put a BOM mid-file; a decoder that strips it would give two codes one name.
    const table = await parse('k\na\n\ufeffa\na\n');
    const column = table.columns[0];
    assert.ok(column.kind === 'categorical');
    assert.deepEqual(column.categories, ['a', '\ufeffa']);
    assert.deepEqual(Array.from(column.codes), [0, 1, 0]);
  });

  test('a header with no rows is a valid table of zero rows', async () => {
    const table = await parse('a,b\n');
    assert.equal(table.rowCount, 0);
    assert.deepEqual(table.columns.map((c) => [c.name, c.kind, c.missing]), [
      ['a', 'numeric', 0],
      ['b', 'numeric', 0],
    ]);
  });
});

describe('header names', () => {
  test('duplicate and empty names are renamed as pandas does, with warnings', async () => {
    const table = await parse('a,a,,b,a\n1,2,3,4,5\n');
    assert.deepEqual(table.columns.map((c) => c.name), ['a', 'a.1', 'Unnamed: 2', 'b', 'a.2']);
    assert.deepEqual(
      table.warnings.map((w) => w.message),
      [
        'data/prod.csv: the header names "a" more than once; a later one is read as "a.1" (as pandas does): rename it in the file to choose the name',
        'data/prod.csv: the header names "a" more than once; a later one is read as "a.2" (as pandas does): rename it in the file to choose the name',
        'data/prod.csv: header column 3 has no name; it is read as "Unnamed: 2" (as pandas does)',
      ],
    );
  });

  test('a repeated name skips a suffix the header already holds, as pandas 1.5 does (a,a,a.1 -> a, a.2, a.1)', async () => {
    // pandas.read_csv(io.StringIO(HEADER + '\n' + ROW)).columns, pandas 1.5.3
    const names = async (header: string) => (await parse(`${header}\n${header.split(',').map(() => '1').join(',')}\n`)).columns.map((c) => c.name);
    assert.deepEqual(await names('a,a,a.1'), ['a', 'a.2', 'a.1']);
    assert.deepEqual(await names('a,a.1,a'), ['a', 'a.1', 'a.2']);
    assert.deepEqual(await names('a,a,a.1,a.1'), ['a', 'a.2', 'a.1', 'a.1.1']);
    assert.deepEqual(await names('Unnamed: 2,x,,x'), ['Unnamed: 2', 'x', 'Unnamed: 2.1', 'x.1']);
    assert.deepEqual(await names('a,,Unnamed: 1'), ['a', 'Unnamed: 1.1', 'Unnamed: 1']);
    const table = await parse('a,a,a.1\n1,2,3\n');
    assert.deepEqual(table.warnings.map((w) => `${w.code} ${w.column}`), ['duplicate-column a.2']);
  });
});

describe('errors', () => {
  test('a row with more fields than the header names the line and suggests quoting', async () => {
    await rejectsWith(
      parse('a,b,c,d\n1,2,3,4\n' + '1,2,3,4\n'.repeat(14) + '1,2,3,4,5\n'),
      'ragged-row',
      'data/prod.csv line 17 has 5 fields but the header has 4: fix the row or quote the field that contains the delimiter',
    );
  });

  test('line numbers count the newlines inside quoted fields', async () => {
    await rejectsWith(
      parse('a,b\n"x\ny\nz",1\n2\n'),
      'ragged-row',
      'data/prod.csv line 5 has 1 field but the header has 2: fix the row or add the missing fields (an empty field is read as missing)',
    );
  });

  test('an unclosed quote names the line where the field starts', async () => {
    await rejectsWith(
      parse('a,b\n1,"never closed\n2,3\n'),
      'parse-error',
      'data/prod.csv line 2, column "b": a quoted field is never closed: add the closing quote ("), and double every quote inside a quoted field ("")',
    );
  });

  test('text after a closing quote is an error, not silently joined', async () => {
    await rejectsWith(
      parse('a,b\n1,"quoted" tail\n'),
      'parse-error',
      'data/prod.csv line 2, column "b": text follows the closing quote of a quoted field: quote the whole field, and double every quote inside it ("")',
    );
  });

  test('unknown columns are named with the columns that exist and a case hint', async () => {
    await rejectsWith(
      parse('Age,income\n1,2\n', { columns: ['age'] }),
      'unknown-column',
      'data/prod.csv has no column "age" (asked for by columns): did you mean "Age"? its columns are "Age", "income"; names are case-sensitive',
    );
    await rejectsWith(
      parse('Age,income\n1,2\n', { categorical: ['zip'] }),
      'unknown-column',
      'data/prod.csv has no column "zip" (asked for by categorical): its columns are "Age", "income"; names are case-sensitive',
    );
  });

  test('a column asked for as both numeric and categorical is an invalid option', async () => {
    await rejectsWith(
      parse('a\n1\n', { numeric: ['a'], categorical: ['a'] }),
      'invalid-option',
      'data/prod.csv: column "a" is requested as both numeric and categorical: pick one',
    );
  });

  test('a file of blank lines has no header', async () => {
    await rejectsWith(
      parse('\n\r\n\n'),
      'no-header',
      'data/prod.csv has no header line, only blank lines: the first line must name the columns',
    );
  });
});
