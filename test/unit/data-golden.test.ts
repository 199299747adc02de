// Values read by loadTable must be the values pandas reads from the same files.
// Reference: test/golden/data-pandas.json, made by test/golden/make_data.py (pandas 1.5.3);
// each file's exact pandas call is stored next to its values.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { loadTable } from '../../src/core/data/index';
import { cells, fixture } from '../fixtures/data/tables';

interface GoldenColumn {
  name: string;
  dtype: string;
  values: Array<number | string | boolean | null>;
}
interface GoldenFile {
  call: string;
  rows: number;
  columns: GoldenColumn[];
}
const golden = JSON.parse(readFileSync(resolve(__dirname, '../golden/data-pandas.json'), 'utf8')) as {
  pandas: string;
  files: Record<string, GoldenFile>;
};

for (const [name, reference] of Object.entries(golden.files)) {
  test(`${name} loads to the values of ${reference.call.replace('path', name)}`, async () => {
    const table = await loadTable(fixture(name));
    assert.equal(table.rowCount, reference.rows);
    assert.deepEqual(
      table.columns.map((c) => c.name),
      reference.columns.map((c) => c.name),
    );
    for (const [index, expected] of reference.columns.entries()) {
      const column = table.columns[index];
      const numeric = expected.dtype === 'float64' || expected.dtype === 'int64';
      assert.equal(column.kind, numeric ? 'numeric' : 'categorical', `kind of ${name}:${expected.name}`);
      if (numeric) {
        // pandas keeps +-inf; GRADIENT counts infinities as missing (see NumericColumn.nonFinite).
        const infinite = expected.values.filter((v) => v === 'inf' || v === '-inf').length;
        assert.equal(column.kind === 'numeric' && column.nonFinite, infinite, `non-finite count of ${expected.name}`);
        const want = expected.values.map((v) => (v === 'inf' || v === '-inf' ? null : v));
        const got = cells(column);
        for (let row = 0; row < want.length; row++) {
          assert.ok(Object.is(got[row], want[row]), `${name}:${expected.name} row ${row + 1}: ${got[row]} !== ${want[row]}`);
        }
      } else {
        // pandas object columns hold str, bool or int; GRADIENT's labels are their text.
        const want = expected.values.map((v) => (v === null ? null : String(v)));
        assert.deepEqual(cells(column), want, `${name}:${expected.name}`);
      }
      assert.equal(column.missing, cells(column).filter((v) => v === null).length);
    }
  });
}
