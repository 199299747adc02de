import { compareCategories, type CategoryValue } from './categoryCounts';
import { fitLogisticRegression, type DesignMatrix } from './logisticRegression';
import { pairwiseSum } from './pairwiseSum';
import { rocAuc } from './rocAuc';
import { seededRandom } from './seededRandom';

/** One feature column, with its reference and current values. */
export type DomainFeature =
  | {
      readonly name: string;
      readonly kind: 'numeric';
      readonly reference: ArrayLike<number>;
      readonly current: ArrayLike<number>;
    }
  | {
      readonly name: string;
      readonly kind: 'categorical';
      readonly reference: ArrayLike<CategoryValue>;
      readonly current: ArrayLike<CategoryValue>;
    };

export interface DomainClassifierOptions {
  /** Number of cross-validation folds (default 5). */
  readonly folds?: number;
  /** Seed of the row sampler and the fold shuffle (default 0). */
  readonly seed?: number;
  /** Rows sampled (without replacement, seeded) from each side when it is larger (default 20000). */
  readonly maxRowsPerSide?: number;
  /** Inverse L2 strength of the logistic regression, as in scikit-learn (default 1). */
  readonly C?: number;
  /** One-hot columns kept per categorical feature, most frequent first; the rest share "(other)" (default 20). */
  readonly maxCategories?: number;
  /**
   * Fold of every pooled row (reference rows first, then current), overriding the seeded
   * stratified shuffle — for reproducing a fold assignment made elsewhere.
   */
  readonly foldAssignment?: ArrayLike<number>;
}

export interface DomainClassifierWeight {
  /** Design column: the feature name, `name=category` for one-hot columns, `name (missing)` for a missing indicator. */
  readonly column: string;
  /** Weight in the classifier fitted on all rows: positive means "more typical of current". */
  readonly weight: number;
}

export interface DomainClassifierResult {
  /** Out-of-fold ROC AUC of telling current rows from reference rows; 0.5 = indistinguishable. */
  readonly auc: number;
  readonly folds: number;
  readonly seed: number;
  /** Reference rows used (after sampling). */
  readonly referenceRows: number;
  /** Current rows used (after sampling). */
  readonly currentRows: number;
  /** True when either side was sampled down to `maxRowsPerSide`. */
  readonly sampled: boolean;
  /** Design columns with their weights from a fit on all rows, largest |weight| first. */
  readonly weights: readonly DomainClassifierWeight[];
}

/** Indices 0..n-1, or a seeded sample of `limit` of them (partial Fisher-Yates), ascending. */
function sampleRows(n: number, limit: number, random: () => number): Uint32Array {
  const indices = Uint32Array.from({ length: n }, (_, i) => i);
  if (n <= limit) return indices;
  for (let i = 0; i < limit; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = indices[i];
    indices[i] = indices[j];
    indices[j] = t;
  }
  return indices.slice(0, limit).sort();
}

interface DesignColumn {
  readonly name: string;
  readonly values: Float64Array;
}

function numericColumns(name: string, values: Float64Array): DesignColumn[] {
  const present = values.filter((v) => Number.isFinite(v));
  // StandardScaler: pooled mean and population standard deviation; a constant column keeps scale 1.
  const mean = present.length > 0 ? pairwiseSum(present) / present.length : 0;
  const spread = present.length > 0 ? Math.sqrt(pairwiseSum(present.map((v) => (v - mean) ** 2)) / present.length) : 0;
  const scale = spread > 0 ? spread : 1;
  // Missing values are imputed with the mean (0 once standardized) and flagged in their own column.
  const standardized = values.map((v) => (Number.isFinite(v) ? (v - mean) / scale : 0));
  const columns = [{ name, values: standardized }];
  if (present.length < values.length) {
    columns.push({ name: `${name} (missing)`, values: values.map((v) => (Number.isFinite(v) ? 0 : 1)) });
  }
  return columns;
}

function categoricalColumns(name: string, values: readonly (string | null)[], maxCategories: number): DesignColumn[] {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  const kept = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || compareCategories(a[0], b[0]))
    .slice(0, maxCategories)
    .map(([category]) => category)
    .sort(compareCategories);
  const keptSet = new Set(kept);
  const columns = kept.map((category) => ({
    name: `${name}=${category}`,
    values: Float64Array.from(values, (v) => (v === category ? 1 : 0)),
  }));
  if (kept.length < counts.size) {
    columns.push({ name: `${name} (other)`, values: Float64Array.from(values, (v) => (v !== null && !keptSet.has(v) ? 1 : 0)) });
  }
  if (values.includes(null)) {
    columns.push({ name: `${name} (missing)`, values: Float64Array.from(values, (v) => (v === null ? 1 : 0)) });
  }
  return columns;
}

function categoryOf(value: CategoryValue): string | null {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return null;
  return String(value);
}

/** Stratified folds: each class shuffled (seeded) and dealt round-robin, so every fold has both. */
function stratifiedFolds(labels: Uint8Array, folds: number, random: () => number): Int32Array {
  const assignment = new Int32Array(labels.length);
  for (const label of [0, 1]) {
    const members = [...labels.keys()].filter((i) => labels[i] === label);
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j], members[i]];
    }
    members.forEach((row, position) => (assignment[row] = position % folds));
  }
  return assignment;
}

/**
 * Domain classifier AUC (covariate-shift test): how well a classifier tells current rows from
 * reference rows. Reference rows are labelled 0 and current rows 1; numeric features are
 * standardized with the pooled mean and population standard deviation (as `StandardScaler`),
 * missing numeric values imputed with the mean plus a missing-indicator column, categorical
 * features one-hot encoded (the `maxCategories` most frequent categories, the rest in "(other)",
 * missing in "(missing)"); an L2 logistic regression (C = 1, unpenalized intercept, the optimum of
 * scikit-learn's `LogisticRegression`) is fitted k times and the out-of-fold decision scores of all
 * rows give one ROC AUC. 0.5 means indistinguishable, 1 means every row's origin is obvious.
 * A fit on all rows provides per-column weights that show which features shifted (and a warm
 * start for the fold fits).
 *
 * The exact AUC depends on the fold assignment: folds are stratified and drawn from a seeded
 * Mulberry32 shuffle, so results are reproducible here but differ slightly from a split made by
 * scikit-learn's `StratifiedKFold`; pass `foldAssignment` to reproduce an external split exactly.
 * Each side larger than `maxRowsPerSide` (20000) is first sampled without replacement with the
 * same seeded generator, which caps the work.
 *
 * Reference: Rabanser, Günnemann & Lipton, "Failing Loudly: An Empirical Study of Methods for
 * Detecting Dataset Shift", NeurIPS 2019, §3 (domain classifier).
 *
 * O((k + 1) · iterations · (n p² + p³)) for n ≤ 2 · maxRowsPerSide rows and p design columns.
 *
 * @example
 * domainClassifierAuc([{ name: 'x', kind: 'numeric', reference: [0, 1, 2, 3, 4], current: [10, 11, 12, 13, 14] }]).auc; // => 1
 */
export function domainClassifierAuc(
  features: readonly DomainFeature[],
  options: DomainClassifierOptions = {},
): DomainClassifierResult {
  const { folds = 5, seed = 0, maxRowsPerSide = 20000, C = 1, maxCategories = 20 } = options;
  if (features.length === 0) throw new Error('domainClassifierAuc requires at least 1 feature');
  if (!Number.isInteger(folds) || folds < 2) throw new Error('domainClassifierAuc requires at least 2 folds');
  if (!Number.isInteger(maxRowsPerSide) || maxRowsPerSide < folds) {
    throw new Error('domainClassifierAuc requires maxRowsPerSide to be an integer of at least the number of folds');
  }
  if (!Number.isInteger(maxCategories) || maxCategories < 1) {
    throw new Error('domainClassifierAuc requires maxCategories to be a positive integer');
  }
  const nReference = features[0].reference.length;
  const nCurrent = features[0].current.length;
  for (const f of features) {
    if (f.reference.length !== nReference || f.current.length !== nCurrent) {
      throw new Error(`domainClassifierAuc requires every feature to have the same number of rows ('${f.name}' differs)`);
    }
  }
  if (nReference < folds || nCurrent < folds) {
    throw new Error(`domainClassifierAuc requires at least ${folds} data points in each sample (one per fold)`);
  }

  const random = seededRandom(seed);
  const referenceRows = sampleRows(nReference, maxRowsPerSide, random);
  const currentRows = sampleRows(nCurrent, maxRowsPerSide, random);
  const n = referenceRows.length + currentRows.length;
  const labels = new Uint8Array(n).fill(1, referenceRows.length);

  const columns: DesignColumn[] = [];
  for (const feature of features) {
    if (feature.kind === 'numeric') {
      const values = new Float64Array(n);
      referenceRows.forEach((row, i) => (values[i] = feature.reference[row]));
      currentRows.forEach((row, i) => (values[referenceRows.length + i] = feature.current[row]));
      columns.push(...numericColumns(feature.name, values));
    } else {
      const values: (string | null)[] = [
        ...Array.from(referenceRows, (row) => categoryOf(feature.reference[row])),
        ...Array.from(currentRows, (row) => categoryOf(feature.current[row])),
      ];
      columns.push(...categoricalColumns(feature.name, values, maxCategories));
    }
  }
  const d = columns.length;
  const design: DesignMatrix = { rows: n, columns: d, values: new Float64Array(n * d) };
  columns.forEach((column, j) => column.values.forEach((v, i) => (design.values[i * d + j] = v)));

  let assignment: ArrayLike<number>;
  if (options.foldAssignment !== undefined) {
    assignment = options.foldAssignment;
    if (assignment.length !== n) {
      throw new Error(`domainClassifierAuc requires foldAssignment to have one entry per row (${n})`);
    }
    for (let i = 0; i < n; i++) {
      if (!(Number.isInteger(assignment[i]) && assignment[i] >= 0 && assignment[i] < folds)) {
        throw new Error(`domainClassifierAuc requires fold numbers in 0..${folds - 1} (got ${assignment[i]} at ${i})`);
      }
    }
  } else {
    assignment = stratifiedFolds(labels, folds, random);
  }

  // The fit on all rows gives the weights to report and a warm start for every fold's fit,
  // which then converges (to the same optimum) in two or three Newton steps instead of six.
  const full = fitLogisticRegression(design, labels, { C });
  const start = Float64Array.of(...full.coefficients, full.intercept);
  const scores = new Float64Array(n);
  for (let fold = 0; fold < folds; fold++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (assignment[i] === fold ? test : train).push(i);
    if (test.length === 0) continue;
    const trainPositives = train.reduce((total, i) => total + labels[i], 0);
    if (trainPositives === 0 || trainPositives === train.length) {
      throw new Error(`domainClassifierAuc requires both samples in the training rows of every fold (fold ${fold} has one)`);
    }
    const fit = fitLogisticRegression(design, labels, { C, rowIndices: train, start });
    for (const i of test) {
      let z = fit.intercept;
      for (let j = 0; j < d; j++) z += design.values[i * d + j] * fit.coefficients[j];
      scores[i] = z;
    }
  }
  const weights = columns
    .map((column, j) => ({ column: column.name, weight: full.coefficients[j] }))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return {
    auc: rocAuc(labels, scores),
    folds,
    seed,
    referenceRows: referenceRows.length,
    currentRows: currentRows.length,
    sampled: referenceRows.length < nReference || currentRows.length < nCurrent,
    weights,
  };
}
