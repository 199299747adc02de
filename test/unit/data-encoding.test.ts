// Text encodings (issue 8): UTF-8 is checked over the whole file, never decoded leniently (which
// merged caf\xE9 and caf\xE8 into one category and lost 100 of 400 rows); Windows-1252 and
// Latin-1 are read when asked for, and the table says how it was read.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { describe, test } from 'node:test';
import { loadTable, type LoadOptions } from '../../src/core/data/index';
import { LOAD_OPTIONS } from '../../src/core/reports/index';
import { rejectsWith, tableCells, tempFile } from '../fixtures/data/tables';

/** Text written byte for byte: each character below U+0100 is one byte (Latin-1), as a Windows export writes it. */
const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** The issue's files: 200 plain rows, then 200 rows in Latin-1 (cur: 100 caf\xE9 and 100 caf\xE8). */
function issueFiles(): { ref: string; cur: string } {
  const head = 'id,city\n' + Array.from({ length: 200 }, (_, i) => `${i},plain\n`).join('');
  const rows = (from: number, to: number, city: string) => Array.from({ length: to - from }, (_, k) => `${from + k},${city}\n`).join('');
  return {
    ref: tempFile('ref.csv', latin1(head + rows(200, 400, 'caf\u00e9'))),
    cur: tempFile('cur.csv', latin1(head + rows(200, 300, 'caf\u00e9') + rows(300, 400, 'caf\u00e8'))),
  };
}

describe('UTF-8, checked over the whole file', () => {
  test('invalid UTF-8 after the first kilobyte is an error naming the line, the byte offset, the bytes and both fixes', async () => {
    const { ref } = issueFiles();
    const offset = 'id,city\n'.length + Array.from({ length: 200 }, (_, i) => `${i},plain\n`).join('').length + '200,caf'.length;
    await rejectsWith(
      loadTable(ref),
      'not-utf8',
      `${ref} line 202 is not UTF-8 at byte offset ${offset}: "200,caf\\xE9" (\\xE9 is "é" in Windows-1252, the likely encoding): ` +
        `convert it (iconv -f windows-1252 -t utf-8 ${ref} > ${ref.replace(/\.csv$/, '-utf8.csv')}), ` +
        'or read it as Windows-1252 (--encoding windows-1252, or the setting gradient.data.encoding)',
      202,
    );
    // The flag and the setting the message names are the schema's.
    assert.equal(LOAD_OPTIONS.encoding.flag, 'encoding');
    assert.equal(LOAD_OPTIONS.encoding.setting, 'data.encoding');
  });

  test('in the first kilobyte too (no longer a binary-file error), in TSV and in JSON Lines, and CRLF lines count once', async () => {
    const csv = tempFile('early.csv', latin1('name\r\ncaf\u00e9\r\n'));
    await rejectsWith(
      loadTable(csv),
      'not-utf8',
      `${csv} line 2 is not UTF-8 at byte offset 9: "caf\\xE9" (\\xE9 is "é" in Windows-1252, the likely encoding): ` +
        `convert it (iconv -f windows-1252 -t utf-8 ${csv} > ${csv.replace(/\.csv$/, '-utf8.csv')}), or read it as Windows-1252 (--encoding windows-1252, or the setting gradient.data.encoding)`,
      2,
    );
    const tsv = tempFile('x.tsv', latin1('a\tb\n1\tx\n2\t\u0080uro\n'));
    await assert.rejects(loadTable(tsv), { code: 'not-utf8', line: 3, message: new RegExp(`^${escape(tsv)} line 3 is not UTF-8 at byte offset 10: "2\\\\x09\\\\x80uro" \\(\\\\x80 is "€" in Windows-1252`) });
    const jsonl = tempFile('x.jsonl', latin1('{"city": "oslo"}\n{"city": "caf\u00e9"}\n'));
    await assert.rejects(loadTable(jsonl), { code: 'not-utf8', line: 2, message: new RegExp(`^${escape(jsonl)} line 2 is not UTF-8 at byte offset 30: "\\{\\\\x22city\\\\x22: \\\\x22caf\\\\xE9\\\\x22\\}"`) });
  });

  test('a byte undefined in Windows-1252 says the file is in neither; a sequence cut by the end of the file is named', async () => {
    const other = tempFile('sjis.csv', Uint8Array.of(0x61, 0x0a, 0x81, 0x40, 0x0a));
    await rejectsWith(
      loadTable(other),
      'not-utf8',
      `${other} line 2 is not UTF-8 at byte offset 2: "\\x81@" (\\x81 is not Windows-1252 either: find the file's encoding, e.g. with "file -i"): ` +
        `convert it (iconv -f ENCODING -t utf-8 ${other} > ${other.replace(/\.csv$/, '-utf8.csv')})`,
    );
    const cut = tempFile('cut.csv', Uint8Array.of(0x61, 0x0a, 0x62, 0xe2, 0x82));
    await assert.rejects(loadTable(cut), { code: 'not-utf8', line: 2, message: new RegExp(`^${escape(cut)} line 2 is not UTF-8 at byte offset 3: "b\\\\xE2\\\\x82"`) });
  });

  test('sequences split by the 1 MiB read boundary are read whole; an invalid byte there is found at its exact offset', async () => {
    const MiB = 2 ** 20;
    for (const [character, width] of [['é', 2], ['€', 3], ['😀', 4]] as const) {
      for (let shift = 1; shift < width; shift++) {
        // The character starts `shift` bytes before the boundary.
        const prefix = 'k\n' + 'x'.repeat(MiB - 2 - shift);
        const table = await loadTable(tempFile('split.csv', `${prefix}${character}\n`));
        assert.deepEqual(tableCells(table), { k: [`${'x'.repeat(MiB - 2 - shift)}${character}`] }, `${character} at -${shift}`);
      }
    }
    const bytes = new Uint8Array(MiB + 10).fill(0x78);
    bytes.set([0x6b, 0x0a]);
    bytes[MiB - 1] = 0xc3; // a lead byte at the end of the first read, followed by 'x' instead of a continuation byte
    bytes[bytes.length - 1] = 0x0a;
    const path = tempFile('bad-split.csv', bytes);
    await assert.rejects(loadTable(path), { code: 'not-utf8', line: 2, message: new RegExp(`^${escape(path)} line 2 is not UTF-8 at byte offset ${MiB - 1}: "x{24}\\\\xC3x{9}"`) });
  });

  test('a byte order mark, and every valid character, pass; the table records utf-8', async () => {
    const table = await loadTable(tempFile('ok.csv', '\ufeffcity\ncafé\nca\u0301fe\n東京\n😀\n'));
    assert.deepEqual(tableCells(table), { city: ['café', 'ca\u0301fe', '東京', '😀'] });
    assert.equal(table.encoding, 'utf-8');
  });
});

describe('Windows-1252 and Latin-1', () => {
  test("the issue's files read as Windows-1252 keep caf\\xE9 and caf\\xE8 apart: no row is lost", async () => {
    const { ref, cur } = issueFiles();
    const options: LoadOptions = { encoding: 'windows-1252', columns: ['city'] };
    const counts = async (path: string) => {
      const column = (await loadTable(path, options)).columns[0];
      assert.ok(column.kind === 'categorical');
      const out: Record<string, number> = {};
      for (const code of column.codes) out[column.categories[code]] = (out[column.categories[code]] ?? 0) + 1;
      return out;
    };
    assert.deepEqual(await counts(ref), { café: 200, plain: 200 });
    assert.deepEqual(await counts(cur), { café: 100, cafè: 100, plain: 200 });
    assert.equal((await loadTable(cur, options)).encoding, 'windows-1252');
  });

  test('the upper half: Windows-1252 has € and curly quotes at 0x80-0x9F, Latin-1 has C1 controls there; both agree above', async () => {
    const bytes = Uint8Array.of(...latin1('v\n'), 0x80, 0x0a, 0x93, 0x94, 0x0a, 0xe9, 0x0a, 0xff, 0x0a, 0x9d, 0x0a);
    const path = tempFile('upper.csv', bytes);
    assert.deepEqual(tableCells(await loadTable(path, { encoding: 'windows-1252' })), { v: ['€', '“”', 'é', 'ÿ', '\u009d'] });
    const latin = await loadTable(path, { encoding: 'latin-1' });
    assert.deepEqual(tableCells(latin), { v: ['\u0080', '\u0093\u0094', 'é', 'ÿ', '\u009d'] });
    assert.equal(latin.encoding, 'latin-1');
  });

  test('a Windows-1252 file of several MB loads with progress in file bytes, ending at the file size', async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `${i},caf\u00e9 ${i % 50},${(i % 97) / 4}`);
    const path = tempFile('big-1252.csv', latin1(`id,city,x\n${rows.join('\n')}\n`));
    const size = statSync(path).size;
    const seen: number[] = [];
    const table = await loadTable(path, { encoding: 'windows-1252' }, { onProgress: (_rows, bytes, total) => (assert.equal(total, size), seen.push(bytes)) });
    assert.equal(table.rowCount, 200_000);
    assert.equal(seen.at(-1), size);
    assert.ok(seen.every((b, i) => b <= size && (i === 0 || b >= seen[i - 1])), 'progress never passes the file size nor goes back');
    const city = table.columns[1];
    assert.ok(city.kind === 'categorical' && city.categories.length === 50 && city.categories.includes('café 7'));
  });

  test('an unknown encoding or an unusable delimiter is an invalid option', async () => {
    const path = tempFile('o.csv', 'a\n1\n');
    await rejectsWith(loadTable(path, { encoding: 'cp1251' as never }), 'invalid-option', `${path}: the encoding must be utf-8, windows-1252 or latin-1, not "cp1251"`);
    await rejectsWith(loadTable(path, { delimiter: '"' }), 'invalid-option', `${path}: the delimiter must be one ASCII character other than a quote or a line end, not "\\""`);
    await rejectsWith(loadTable(path, { delimiter: '§' }), 'invalid-option', `${path}: the delimiter must be one ASCII character other than a quote or a line end, not "§"`);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
