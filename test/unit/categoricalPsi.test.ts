import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { categoricalPsi } from '../../src/core/stats/categoricalPsi';
import { assertAllClose, assertClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('categoricalPsi')) {
  test(`categoricalPsi matches ${c.call}: ${c.name}`, () => {
    const result = categoricalPsi(c.input.reference, c.input.current);
    assert.deepEqual(result.categories.map((x) => x.category), c.expected.categories);
    assertAllClose(result.categories.map((x) => x.contribution), c.expected.contributions, TOLERANCE.statistic, 'categoricalPsi contributions');
    assertClose(result.value, c.expected.value, TOLERANCE.statistic, 'categoricalPsi value');
  });
}

test('categoricalPsi is 0 when the shares are equal', () => {
  assert.equal(categoricalPsi({ a: 1, b: 3 }, { a: 10, b: 30 }).value, 0);
});

test('categoricalPsi gives a category absent from one sample the epsilon share', () => {
  const result = categoricalPsi({ a: 1 }, { a: 1, b: 1 });
  const b = result.categories.find((x) => x.category === 'b');
  assert.equal(b?.referenceShare, 0);
  assert.equal(b?.contribution, (0.5 - 1e-4) * Math.log(0.5 / 1e-4));
});

test('categoricalPsi accepts Maps and plain objects alike', () => {
  assert.equal(
    categoricalPsi(new Map([['x', 3], ['y', 1]]), new Map([['x', 1], ['y', 3]])).value,
    categoricalPsi({ x: 3, y: 1 }, { x: 1, y: 3 }).value,
  );
});

test('categoricalPsi rejects empty samples', () => {
  assert.throws(() => categoricalPsi({}, { a: 1 }), /categoricalPsi requires at least 1 reference data point/);
  assert.throws(() => categoricalPsi({ a: 1 }, { a: 0 }), /categoricalPsi requires at least 1 current data point/);
});

test('categoricalPsi rejects NaN counts', () => {
  assert.throws(() => categoricalPsi({ a: NaN }, { a: 1 }), /non-negative finite counts/);
});

test('categoricalPsi is >= 0 (property)', () => {
  const counts = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.integer({ min: 0, max: 1000 }), { minKeys: 1 });
  fc.assert(
    fc.property(counts, counts, (ref, cur) => {
      fc.pre(Object.values(ref).some((v) => v > 0) && Object.values(cur).some((v) => v > 0));
      assert.ok(categoricalPsi(ref, cur).value >= 0);
    }),
  );
});
