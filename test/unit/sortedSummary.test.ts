import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarizeSorted } from '../../src/core/stats/index';

test('summarizeSorted matches numpy and counts distinct and whole values', () => {
  // /usr/bin/python3 -c "import numpy as np; x=np.array([-1.5,0.25,0.25,3.0,1e6]); print(repr(np.mean(x)), repr(np.std(x, ddof=1)))"
  // => 200000.4 447213.37189606007
  assert.deepEqual(summarizeSorted(Float64Array.of(-1.5, 0.25, 0.25, 3, 1e6)), { mean: 200000.4, standardDeviation: 447213.37189606007, distinct: 4, whole: false });
  assert.deepEqual(summarizeSorted(Float64Array.of(1, 2, 2, 4)), { mean: 2.25, standardDeviation: 1.2583057392117916, distinct: 3, whole: true });
});

test('summarizeSorted of one value has no standard deviation', () => {
  assert.deepEqual(summarizeSorted(Float64Array.of(7)), { mean: 7, standardDeviation: null, distinct: 1, whole: true });
  assert.deepEqual(summarizeSorted(Float64Array.of(-0.5)), { mean: -0.5, standardDeviation: null, distinct: 1, whole: false });
});
