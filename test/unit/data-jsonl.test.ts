// JSON Lines: union of keys, typing by JSON value, nulls, and the errors a user can meet.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DataError, readJsonlTable, type LoadOptions, type Table } from '../../src/core/data/index';
import { rejectsWith, tableCells, tableKinds } from '../fixtures/data/tables';

const encoder = new TextEncoder();

function parse(text: string, options: LoadOptions = {}, chunkSize = Infinity): Promise<Table> {
  const bytes = encoder.encode(text);
  const chunks = () => {
    const out: Uint8Array[] = [];
    const step = Math.min(chunkSize, Math.max(bytes.length, 1));
    for (let at = 0; at < bytes.length; at += step) out.push(bytes.subarray(at, at + step));
    return out;
  };
  return readJsonlTable('data/events.jsonl', { size: bytes.length, chunks }, { options });
}

const EVENTS = [
  '{"user": "ann", "age": 31, "score": 0.25, "active": true}',
  '{"user": "bob", "age": null, "score": 1e-7, "active": false, "country": "NO"}',
  '',
  '{"user": "cy", "score": -3, "active": null, "zip": "02134"}',
  '{"age": 45, "score": 12345678.901234567, "country": "SE", "zip": "10001"}',
].join('\n');

describe('JSON Lines typing', () => {
  test('columns are the union of keys in first-seen order; absent keys and null are missing', async () => {
    const table = await parse(EVENTS);
    assert.equal(table.rowCount, 4);
    assert.deepEqual(tableKinds(table), {
      user: 'categorical',
      age: 'numeric',
      score: 'numeric',
      active: 'categorical',
      country: 'categorical',
      zip: 'categorical',
    });
    assert.deepEqual(tableCells(table), {
      user: ['ann', 'bob', 'cy', null],
      age: [31, null, null, 45],
      score: [0.25, 1e-7, -3, 12345678.901234567],
      active: ['true', 'false', null, null],
      country: [null, 'NO', null, 'SE'],
      zip: [null, null, '02134', '10001'],
    });
    assert.deepEqual(table.columns.map((c) => c.missing), [1, 2, 0, 2, 2, 2]);
    assert.deepEqual(table.warnings, []);
  });

  test('keys that are whole numbers ("2", "10") keep their place in the line, as pandas gives them', async () => {
    // JavaScript enumerates such keys first, in numeric order. pandas 1.5.3:
    // pd.read_json(path, lines=True).columns -> ['b', '2', '10', 'a', '1', 'c"}', '0']
    const table = await parse('{"b": 1, "2": "x", "10": 4}\n{"a": 5, "1": 6, "c\\"}": "{,\\"", "0": 7, "1": 8}\n');
    assert.deepEqual(table.columns.map((c) => c.name), ['b', '2', '10', 'a', '1', 'c"}', '0']);
    assert.deepEqual(tableCells(table)['1'], [null, 8]);
    const projected = await parse('{"b": 1, "2": {"x": 1}, "10": 4}\n', { columns: ['10', 'b'] });
    assert.deepEqual(projected.columns.map((c) => c.name), ['10', 'b']);
  });

  test('strings stay text even when they look like numbers or missing tokens (JSON has null)', async () => {
    const table = await parse('{"a": "7", "b": "NA"}\n{"a": "8.5", "b": ""}\n');
    assert.deepEqual(tableKinds(table), { a: 'categorical', b: 'categorical' });
    assert.deepEqual(tableCells(table), { a: ['7', '8.5'], b: ['NA', ''] });
  });

  test('a key holding numbers and strings is categorical, numbers as JavaScript prints them, with a warning', async () => {
    const table = await parse('{"code": 7}\n{"code": "x7"}\n{"code": 8.50}\n{"code": null}\n');
    assert.deepEqual(tableCells(table), { code: ['7', 'x7', '8.5', null] });
    assert.deepEqual(table.warnings, [
      {
        code: 'mixed-types',
        column: 'code',
        line: 2,
        message:
          'data/events.jsonl field "code" holds numbers (first at line 1) and text ("x7" at line 2), so it is read as categorical: ' +
          'write every value as a number, or pass --categorical code to keep it categorical',
      },
    ]);
  });

  test('infinite numbers in a key that also holds text are labels, as --categorical makes them, without a non-finite warning', async () => {
    const text = '{"k": 1}\n{"k": -1e400}\n{"k": "red"}\n{"k": 1e999}\n{"k": null}\n';
    for (const options of [{}, { categorical: ['k'] }]) {
      const table = await parse(text, options);
      assert.deepEqual(tableCells(table), { k: ['1', '-Infinity', 'red', 'Infinity', null] });
      assert.equal(table.columns[0].missing, 1);
      assert.deepEqual(table.warnings.map((w) => w.code), 'categorical' in options ? [] : ['mixed-types']);
    }
  });

  test('--numeric parses strings with the CSV rules; --categorical turns numbers into labels', async () => {
    const table = await parse('{"a": "1.5", "b": 2}\n{"a": "NA", "b": 3}\n{"a": " 7 ", "b": 2}\n', { numeric: ['a'], categorical: ['b'] });
    assert.deepEqual(tableCells(table), { a: [1.5, null, 7], b: ['2', '3', '2'] });
    await rejectsWith(
      parse('{"a": "1.5"}\n{"a": "abc"}\n', { numeric: ['a'] }),
      'not-numeric',
      'data/events.jsonl line 2, column "a": "abc" is not a number, but the column was requested as numeric: fix the value, or read the column as categorical (--categorical a)',
    );
  });

  test('infinite numbers (1e999) are missing with a warning', async () => {
    const table = await parse('{"x": 1}\n{"x": 1e999}\n{"x": -1e999}\n');
    assert.deepEqual(tableCells(table), { x: [1, null, null] });
    assert.equal(table.columns[0].kind === 'numeric' && table.columns[0].nonFinite, 2);
    assert.equal(
      table.warnings[0].message,
      'data/events.jsonl field "x" has 2 infinite value(s) (first at line 2); they are counted as missing because drift statistics are not defined for infinity',
    );
  });

  test('a byte order mark, CRLF line ends, blank lines and a last line without newline are fine', async () => {
    const table = await parse('\ufeff{"a": 1}\r\n\r\n{"a": 2}\r\n   \n{"a": 3}');
    assert.deepEqual(tableCells(table), { a: [1, 2, 3] });
  });

  test('every chunk size gives the same table, including chunks that split a UTF-8 character', async () => {
    const text = EVENTS + '\n{"user": "é☃😀", "age": 1}\n';
    const whole = tableCells(await parse(text));
    for (const chunkSize of [1, 2, 3, 7, 50]) assert.deepEqual(tableCells(await parse(text, {}, chunkSize)), whole, `${chunkSize}`);
  });

  test('a source may reuse one buffer for every chunk', async () => {
    const bytes = encoder.encode(EVENTS + '\n');
    const shared = new Uint8Array(5);
    function* chunks() {
      for (let at = 0; at < bytes.length; at += shared.length) {
        const piece = bytes.subarray(at, at + shared.length);
        shared.fill(0x21).set(piece);
        yield shared.subarray(0, piece.length);
      }
    }
    const table = await readJsonlTable('data/events.jsonl', { size: bytes.length, chunks });
    assert.deepEqual(tableCells(table), tableCells(await parse(EVENTS)));
  });

  test('a 16 MB line fed in 16 kB chunks loads whole (issue 8: each chunk was copied and searched again; the fuzz tier bounds the time)', async (t) => {
    // Quadratic, this costs 1,024 copies and searches of up to 16 MB (about 8 GB of memory
    // traffic, tens of seconds); linear, it is one pass (well under a second).
    const text = `{"id": 1, "text": "${'x'.repeat(16 * 2 ** 20)}"}\n{"id": 2, "text": "y"}\n`;
    const started = performance.now();
    const table = await parse(text, {}, 16 * 1024);
    const seconds = (performance.now() - started) / 1000;
    assert.equal(table.rowCount, 2);
    const text0 = table.columns[1];
    assert.ok(text0.kind === 'categorical' && text0.categories[0].length === 16 * 2 ** 20 && text0.categories[1] === 'y');
    t.diagnostic(`${seconds.toFixed(2)} s`);
  });

  test('--columns reads only those keys, in that order, and ignores nested values elsewhere', async () => {
    const table = await parse('{"a": 1, "meta": {"x": 1}, "b": "u"}\n{"b": "v", "a": 2}\n', { columns: ['b', 'a'] });
    assert.deepEqual(table.columns.map((c) => c.name), ['b', 'a']);
    assert.deepEqual(tableCells(table), { b: ['u', 'v'], a: [1, 2] });
  });
});

describe('JSON Lines errors', () => {
  test('a nested object or array names the line and the field', async () => {
    await rejectsWith(
      parse('{"a": 1, "b": 2}\n{"a": 2, "meta": {"x": 1}}\n'),
      'parse-error',
      'data/events.jsonl line 2, field "meta" holds a nested object: GRADIENT reads flat records; flatten it (pandas.json_normalize) or leave the field out (--columns a,b)',
    );
    await rejectsWith(
      parse('{"tags": [1, 2]}\n'),
      'parse-error',
      'data/events.jsonl line 1, field "tags" holds an array: GRADIENT reads flat records; flatten it (pandas.json_normalize) or leave the field out (--columns NAME)',
    );
  });

  test('invalid JSON names the line', async () => {
    await assert.rejects(parse('{"a": 1}\n{"a": 2,}\n'), (error: unknown) => {
      assert.ok(error instanceof DataError);
      assert.equal(error.code, 'parse-error');
      assert.equal(error.line, 2);
      assert.match(error.message, /^data\/events\.jsonl line 2 is not valid JSON \(.+\): each line must hold exactly one JSON object$/);
      return true;
    });
  });

  test('a line that is not an object says what it is', async () => {
    await rejectsWith(
      parse('{"a": 1}\n[1, 2]\n'),
      'parse-error',
      'data/events.jsonl line 2 holds an array, not a JSON object: each line must be one object such as {"age": 31, "city": "Oslo"}',
    );
    await rejectsWith(
      parse('42\n'),
      'parse-error',
      'data/events.jsonl line 1 holds a number, not a JSON object: each line must be one object such as {"age": 31, "city": "Oslo"}',
    );
  });

  test('unknown columns list the keys the file has', async () => {
    await rejectsWith(
      parse(EVENTS, { columns: ['user', 'Age'] }),
      'unknown-column',
      'data/events.jsonl has no column "Age" (asked for by columns): did you mean "age"? its columns are "user", "age", "score", "active", "country", "zip"; names are case-sensitive',
    );
  });

  test('only blank lines is an empty file', async () => {
    await rejectsWith(parse('\n  \n\n'), 'empty-file', 'data/events.jsonl holds no JSON records, only blank lines: export the data again');
  });
});
