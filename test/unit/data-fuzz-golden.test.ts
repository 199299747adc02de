// Files from the fuzz generators must load as pandas reads them: rows, column names, per numeric
// column the count / sum / min / max of its finite values and how many are infinite, per
// categorical column the missing count and the count of every label.
// Fixtures: test/fixtures/fuzz/ (node --import tsx test/fuzz/makeFixtures.ts, seeded).
// Reference: test/golden/fuzz-pandas.json (/usr/bin/python3 test/golden/make_fuzz_pandas.py,
// pandas 1.5.3); the script lists each way GRADIENT reads differently from pandas' defaults by
// design, and stores each file's exact pandas call.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { loadTable, type Column } from '../../src/core/data/index';

type Summary =
  | { name: string; kind: 'numeric'; count: number; sum: number | 'inf' | '-inf'; min: number | null; max: number | null; infinite: number }
  | { name: string; kind: 'categorical'; missing: number; counts: Record<string, number> };

const golden = JSON.parse(readFileSync(resolve(__dirname, '../golden/fuzz-pandas.json'), 'utf8')) as {
  pandas: string;
  files: Record<string, { call: string; rows: number; columns: Summary[] }>;
};
const FIXTURES = resolve(__dirname, '../fixtures/fuzz');

/** Finite values of a numeric column, summed with Neumaier's compensation after scaling by 2^-10 (no overflow on the way). */
function scaledSum(values: readonly number[]): { sum: number; magnitude: number } {
  let sum = 0;
  let compensation = 0;
  let magnitude = 0;
  for (const raw of values) {
    const v = raw / 1024;
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
    magnitude += Math.abs(v);
  }
  return { sum: sum + compensation, magnitude };
}

function summarize(column: Column): Summary {
  if (column.kind === 'numeric') {
    const finite = Array.from(column.values).filter((v) => v === v);
    const { sum } = scaledSum(finite);
    const total = sum * 1024;
    return {
      name: column.name,
      kind: 'numeric',
      count: finite.length,
      sum: Number.isFinite(total) ? total : total > 0 ? 'inf' : '-inf',
      min: finite.length > 0 ? finite.reduce((a, b) => Math.min(a, b)) : null,
      max: finite.length > 0 ? finite.reduce((a, b) => Math.max(a, b)) : null,
      infinite: column.nonFinite,
    };
  }
  const counts: Record<string, number> = {};
  for (const code of column.codes) if (code >= 0) counts[column.categories[code]] = (counts[column.categories[code]] ?? 0) + 1;
  return { name: column.name, kind: 'categorical', missing: column.missing, counts };
}

for (const [name, reference] of Object.entries(golden.files)) {
  test(`fuzz fixture ${name} loads as ${reference.call.replace('path', name).slice(0, 90)}`, async () => {
    const table = await loadTable(resolve(FIXTURES, name));
    assert.equal(table.rowCount, reference.rows, 'rows');
    assert.deepEqual(
      table.columns.map((c) => c.name),
      reference.columns.map((c) => c.name),
      'column names',
    );
    for (const [index, want] of reference.columns.entries()) {
      const got = summarize(table.columns[index]);
      const label = `${name}: column ${JSON.stringify(want.name)}`;
      assert.equal(got.kind, want.kind, `${label}: kind`);
      if (got.kind === 'categorical' && want.kind === 'categorical') {
        assert.equal(got.missing, want.missing, `${label}: missing`);
        assert.deepEqual(got.counts, want.counts, `${label}: label counts`);
      } else if (got.kind === 'numeric' && want.kind === 'numeric') {
        assert.equal(got.count, want.count, `${label}: count of finite values`);
        assert.equal(got.infinite, want.infinite, `${label}: infinite values (missing in GRADIENT, kept by pandas)`);
        assert.ok(Object.is(got.min, want.min) || got.min === want.min, `${label}: min ${got.min} vs ${want.min}`);
        assert.ok(Object.is(got.max, want.max) || got.max === want.max, `${label}: max ${got.max} vs ${want.max}`);
        if (typeof want.sum === 'string' || typeof got.sum === 'string') {
          assert.equal(got.sum, want.sum, `${label}: sum`);
        } else {
          // pandas' sum is exact, rounded once; ours is compensated: equal to 1e-12 of the magnitude.
          const column = table.columns[index];
          const { magnitude } = scaledSum(column.kind === 'numeric' ? Array.from(column.values).filter((v) => v === v) : []);
          assert.ok(Math.abs(got.sum - want.sum) <= 1e-12 * magnitude * 1024, `${label}: sum ${got.sum} vs ${want.sum}`);
        }
      }
    }
  });
}
