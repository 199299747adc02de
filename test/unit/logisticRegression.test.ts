import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitLogisticRegression, type DesignMatrix } from '../../src/core/stats/logisticRegression';
import { assertAllClose, assertClose, goldenCases } from './statsGolden';

function design(rows: number[][]): DesignMatrix {
  return { rows: rows.length, columns: rows[0].length, values: Float64Array.from(rows.flat()) };
}

for (const c of goldenCases('logisticRegression')) {
  // newton-cholesky at tol 1e-12 is the exact optimum. lbfgs stops on scikit-learn's fixed
  // ftol = 64 ε (relative change of the objective), which leaves its coefficients ~3e-6 from the
  // optimum even at tol=1e-10 — see the next test — so it is compared at 1e-5.
  const tolerance = c.input.solver === 'lbfgs' ? { abs: 1e-5 } : { abs: 1e-9 };
  test(`fitLogisticRegression matches ${c.call} (LogisticRegression(C=1.0)) within ${tolerance.abs}: ${c.name}`, () => {
    const fit = fitLogisticRegression(design(c.input.X), c.input.y);
    assert.ok(fit.converged);
    assertAllClose(fit.coefficients, c.expected.coefficients, tolerance, `logistic coefficients (${c.input.solver})`);
    assertClose(fit.intercept, c.expected.intercept, tolerance, `logistic intercept (${c.input.solver})`);
  });
}

test("scikit-learn's lbfgs and newton-cholesky fits differ by more than 1e-6 themselves (why lbfgs gets 1e-5)", () => {
  const [newton, lbfgs] = goldenCases('logisticRegression');
  const gap = Math.max(...newton.expected.coefficients.map((v: number, j: number) => Math.abs(v - lbfgs.expected.coefficients[j])));
  assert.ok(gap > 1e-6 && gap < 1e-5, `gap ${gap}`);
});

test('fitLogisticRegression on rowIndices equals a fit on the copied rows', () => {
  const { X, y } = goldenCases('logisticRegression')[0].input as { X: number[][]; y: number[] };
  const rows = [...X.keys()].filter((i) => i % 3 !== 0);
  const subset = fitLogisticRegression(design(X), y, { rowIndices: rows });
  const copied = fitLogisticRegression(design(rows.map((i) => X[i])), rows.map((i) => y[i]));
  assertAllClose(subset.coefficients, copied.coefficients, { abs: 1e-12 }, 'rowIndices');
});

test('fitLogisticRegression stays finite on separable data (the L2 penalty bounds the weights)', () => {
  const fit = fitLogisticRegression(design([[-1], [1]]), [0, 1]);
  assert.ok(fit.converged && Number.isFinite(fit.coefficients[0]) && fit.coefficients[0] > 0);
});

test('fitLogisticRegression without an intercept returns intercept 0', () => {
  const fit = fitLogisticRegression(design([[-1], [-0.5], [0.5], [2]]), [0, 1, 1, 1], { fitIntercept: false });
  assert.equal(fit.intercept, 0);
});

test('fitLogisticRegression with all-zero features fits the log-odds intercept only', () => {
  const fit = fitLogisticRegression(design([[0], [0], [0], [0]]), [0, 1, 1, 1]);
  assert.equal(fit.coefficients[0], 0);
  assertClose(fit.intercept, Math.log(3), { abs: 1e-12 }, 'intercept-only');
});

test('fitLogisticRegression rejects bad shapes, labels and C', () => {
  assert.throws(() => fitLogisticRegression({ rows: 2, columns: 2, values: new Float64Array(3) }, [0, 1]), /values.length/);
  assert.throws(() => fitLogisticRegression(design([[1], [2]]), [0]), /one label per row/);
  assert.throws(() => fitLogisticRegression(design([[1], [2]]), [0, 2]), /labels 0 or 1/);
  assert.throws(() => fitLogisticRegression(design([[1], [2]]), [0, 1], { C: 0 }), /C > 0/);
  assert.throws(() => fitLogisticRegression(design([[1]]), [0], { rowIndices: [] }), /at least 1 data point/);
});

test('fitLogisticRegression does not mutate the design', () => {
  const d = design([[1, 2], [3, 4], [5, 7]]);
  const copy = Float64Array.from(d.values);
  fitLogisticRegression(d, [0, 1, 1]);
  assert.deepEqual(d.values, copy);
});
