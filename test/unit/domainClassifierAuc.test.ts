import assert from 'node:assert/strict';
import { test } from 'node:test';
import { domainClassifierAuc, type DomainFeature } from '../../src/core/stats/domainClassifierAuc';
import { assertAllClose, assertClose, goldenCases, TOLERANCE } from './statsGolden';

for (const c of goldenCases('domainClassifier')) {
  test(`domainClassifierAuc matches ${c.call} with the fixture's folds: ${c.name}`, () => {
    const result = domainClassifierAuc(c.input.features as DomainFeature[], { foldAssignment: c.input.folds, folds: Math.max(...c.input.folds) + 1 });
    assertClose(result.auc, c.expected.auc, TOLERANCE.statistic, 'domainClassifierAuc auc');
    const byColumn = new Map(result.weights.map((w) => [w.column, w.weight]));
    assert.deepEqual([...byColumn.keys()].sort(), [...c.expected.columns].sort());
    assertAllClose(c.expected.columns.map((name: string) => byColumn.get(name) ?? NaN), c.expected.weights, { abs: 1e-9 }, 'domainClassifierAuc weights');
  });
}

const xReference = Array.from({ length: 60 }, (_, i) => i % 10);
const colors = Array.from({ length: 60 }, (_, i) => (i % 3 ? 'red' : 'blue'));
const shifted: DomainFeature[] = [
  { name: 'x', kind: 'numeric', reference: xReference, current: Array.from({ length: 50 }, (_, i) => (i % 10) + 4) },
  { name: 'color', kind: 'categorical', reference: colors, current: Array.from({ length: 50 }, (_, i) => (i % 2 ? 'red' : 'green')) },
];

test('domainClassifierAuc is reproducible for a seed', () => {
  assert.deepEqual(domainClassifierAuc(shifted, { seed: 3 }), domainClassifierAuc(shifted, { seed: 3 }));
});

test('domainClassifierAuc is near 1 for separated samples and near 0.5 for identical ones', () => {
  assert.ok(domainClassifierAuc(shifted).auc > 0.9);
  const same: DomainFeature[] = [{ name: 'x', kind: 'numeric', reference: xReference, current: xReference }];
  assert.ok(Math.abs(domainClassifierAuc(same).auc - 0.5) < 0.2);
});

test('domainClassifierAuc samples each side down to maxRowsPerSide with the seed', () => {
  const result = domainClassifierAuc(shifted, { maxRowsPerSide: 20 });
  assert.equal(result.sampled, true);
  assert.equal(result.referenceRows, 20);
  assert.equal(result.currentRows, 20);
  assert.equal(domainClassifierAuc(shifted).sampled, false);
});

test('domainClassifierAuc adds missing-indicator and one-hot columns', () => {
  const features: DomainFeature[] = [
    { name: 'x', kind: 'numeric', reference: [1, NaN, 3, 4, 5, 6], current: [2, 3, 4, NaN, 6, 7] },
    { name: 'c', kind: 'categorical', reference: ['a', 'b', null, 'a', 'b', 'a'], current: ['a', 'c', 'c', 'b', undefined, 'a'] },
  ];
  const result = domainClassifierAuc(features, { folds: 2, maxCategories: 2 });
  assert.deepEqual(result.weights.map((w) => w.column).sort(), ['c (missing)', 'c (other)', 'c=a', 'c=b', 'x', 'x (missing)']);
});

test('domainClassifierAuc rejects no features, ragged columns, too few rows and bad folds', () => {
  assert.throws(() => domainClassifierAuc([]), /requires at least 1 feature/);
  assert.throws(
    () => domainClassifierAuc([shifted[0], { name: 'color', kind: 'categorical', reference: colors, current: ['a'] }]),
    /same number of rows \('color' differs\)/,
  );
  assert.throws(() => domainClassifierAuc([{ name: 'x', kind: 'numeric', reference: [1, 2], current: [3, 4] }]), /at least 5 data points in each sample/);
  assert.throws(() => domainClassifierAuc(shifted, { folds: 1 }), /at least 2 folds/);
  assert.throws(() => domainClassifierAuc(shifted, { foldAssignment: [0, 1] }), /one entry per row/);
});

test('domainClassifierAuc rejects a fold assignment that leaves one class out of a training set', () => {
  const feature: DomainFeature = { name: 'x', kind: 'numeric', reference: [1, 2, 3], current: [4, 5, 6] };
  assert.throws(() => domainClassifierAuc([feature], { folds: 2, foldAssignment: [0, 0, 0, 1, 1, 1] }), /both samples in the training rows/);
});

test('domainClassifierAuc does not mutate its inputs', () => {
  const reference = [3, 1, 2, 5, 4];
  domainClassifierAuc([{ name: 'x', kind: 'numeric', reference, current: [9, 8, 7, 6, 5] }]);
  assert.deepEqual(reference, [3, 1, 2, 5, 4]);
});
