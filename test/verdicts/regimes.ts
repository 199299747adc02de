/**
 * The regimes of `npm run verdicts`: data with a known truth, and how often GRADIENT's status
 * claims something about it. A status is a claim about the world; this is where each claim is
 * checked against its target (issue 7):
 *
 * - nulls flagged as drift: ≤ 2% in every regime (normal, few-valued, binary, high-cardinality,
 *   unequal sizes, n = 20 to 100,000, random halves of scikit-learn's data sets);
 * - material shifts caught (drift): ≥ 95%;
 * - a missing-rate change flagged (warning or drift): ≥ 95%;
 * - identifier and time columns: never drift;
 * - calibrated models read miscalibrated: ≤ 10%; a model 15 points overconfident caught: ≥ 95%;
 * - stable 0/1 streams alarm: ≤ 10%; a drop from 0.9 to 0.75 alarms within 500 rows: ≥ 95%
 *   ("within a few hundred rows"; the share within 300 rows is shown too).
 *
 * Every trial runs the report builders the CLI and the editor run (`buildDriftReport`,
 * `buildCalibrationReport`, `buildCusumReport`) on tables built in memory from a seeded generator,
 * so a run is reproducible.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CategoricalColumn, Column, NumericColumn, Table } from '../../src/core/data/index';
import { readDelimitedTable } from '../../src/core/data/index';
import { buildCalibrationReport, buildCusumReport, buildDriftReport, type DriftReport } from '../../src/core/reports/index';
import { compareCategories, seededRandom } from '../../src/core/stats/index';

export type Random = () => number;

/** What one trial counted: how many of its units (a run, or a column) drew the claim. */
export interface Count {
  readonly flagged: number;
  readonly total: number;
}

export interface Regime {
  readonly group: 'drift' | 'calibration' | 'concept drift';
  readonly name: string;
  /** What is counted, e.g. "drift" or "drift or warning". */
  readonly claim: string;
  /** The share the claim must stay at or below (`max`) or reach (`min`); neither: measured for information. */
  readonly target: { readonly max?: number; readonly min?: number };
  /** Trials of the full run, and of the quick run inside `npm test`. */
  readonly runs: number;
  readonly quickRuns: number;
  readonly trial: (random: Random) => Count | Promise<Count>;
}

// ---------------------------------------------------------------------------------------------
// Building blocks

export function normalSampler(random: Random): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function numericColumn(name: string, values: ArrayLike<number>): NumericColumn {
  const array = Float64Array.from(values);
  let missing = 0;
  for (const v of array) if (v !== v) missing++;
  return { kind: 'numeric', name, values: array, missing, nonFinite: 0 };
}

function categoricalColumn(name: string, values: readonly (string | null)[]): CategoricalColumn {
  const categories = [...new Set(values.filter((v): v is string => v !== null))].sort(compareCategories);
  const index = new Map(categories.map((c, i) => [c, i]));
  const codes = Int32Array.from(values, (v) => (v === null ? -1 : index.get(v)!));
  return { kind: 'categorical', name, codes, categories, missing: values.filter((v) => v === null).length };
}

function tableOf(source: string, columns: readonly Column[]): Table {
  const rows = columns[0].kind === 'numeric' ? columns[0].values.length : columns[0].codes.length;
  return { source, rowCount: rows, columns, warnings: [] };
}

function numbers(n: number, draw: () => number): Float64Array {
  return Float64Array.from({ length: n }, draw);
}

/** A drift report of one column pair, the statuses of its tested columns. */
function driftOf(reference: readonly Column[], current: readonly Column[]): DriftReport {
  return buildDriftReport(tableOf('reference.csv', reference), tableOf('current.csv', current));
}

/** One trial of a single-feature regime: did the column draw the claim? */
function columnClaim(report: DriftReport, statuses: readonly string[]): Count {
  const column = report.columns[0];
  return { flagged: column && statuses.includes(column.status) ? 1 : 0, total: 1 };
}

const DRIFT = ['drift'];
const FLAGGED = ['drift', 'warning'];

function numericNull(name: string, n1: number, n2: number, draw: (random: Random) => () => number, runs: number, quickRuns: number): Regime {
  return {
    group: 'drift',
    name,
    claim: 'drift',
    target: { max: 0.02 },
    runs,
    quickRuns,
    trial: (random) => {
      const sample = draw(random);
      return columnClaim(driftOf([numericColumn('x', numbers(n1, sample))], [numericColumn('x', numbers(n2, sample))]), DRIFT);
    },
  };
}

function categories(n: number, draw: () => string): string[] {
  return Array.from({ length: n }, draw);
}

/** A category drawn with the given probabilities (names a, b, c, ...). */
function mix(random: Random, shares: readonly number[]): () => string {
  return () => {
    let u = random();
    for (let j = 0; j < shares.length; j++) {
      u -= shares[j];
      if (u < 0) return String.fromCharCode(97 + j);
    }
    return String.fromCharCode(97 + shares.length - 1);
  };
}

// ---------------------------------------------------------------------------------------------
// Real data nobody here wrote: random halves of scikit-learn's bundled data sets are nulls.

const CORPUS = ['iris', 'wine', 'diabetes', 'breast_cancer', 'digits', 'linnerud'];
/** Target columns, which are labels rather than features (the report finds `target` by its name). */
const TARGETS = new Set(['target']);

let corpus: Promise<Table[]> | undefined;

function loadCorpus(): Promise<Table[]> {
  corpus ??= Promise.all(
    CORPUS.map(async (name) => {
      const bytes = readFileSync(join(__dirname, '../fixtures/roles', `${name}.csv`));
      return readDelimitedTable(`${name}.csv`, { size: bytes.length, chunks: () => [bytes] });
    }),
  );
  return corpus;
}

function rowsOf(column: Column, rows: readonly number[]): Column {
  if (column.kind === 'numeric') return numericColumn(column.name, rows.map((r) => column.values[r]));
  return categoricalColumn(column.name, rows.map((r) => (column.codes[r] < 0 ? null : column.categories[column.codes[r]])));
}

async function realHalves(random: Random): Promise<Count> {
  let flagged = 0;
  let total = 0;
  for (const table of await loadCorpus()) {
    const order = Array.from({ length: table.rowCount }, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const half = Math.floor(order.length / 2);
    const features = table.columns.filter((c) => !TARGETS.has(c.name));
    const report = buildDriftReport(
      tableOf(table.source, features.map((c) => rowsOf(c, order.slice(0, half)))),
      tableOf(table.source, features.map((c) => rowsOf(c, order.slice(half)))),
    );
    flagged += report.columns.filter((c) => c.status === 'drift').length;
    total += report.columns.length + report.skipped.length;
  }
  return { flagged, total };
}

// ---------------------------------------------------------------------------------------------
// Roles: identifier and time columns of two different periods must never read as drift.

function roleTrial(random: Random): Count {
  const n = 2000;
  const normal = normalSampler(random);
  const ids = (offset: number) => numbers(n, () => offset + Math.floor(random() * 900_000));
  const uuid = () => Array.from({ length: 32 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('').replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
  const day = (start: number) => () => new Date(start + random() * 30 * 86_400_000).toISOString().replace('T', ' ').slice(0, 19);
  const epoch = (start: number) => () => Math.floor(start / 1000 + random() * 30 * 86_400);
  const jan = Date.UTC(2024, 0, 1);
  const apr = Date.UTC(2024, 3, 1);
  const side = (offset: number, start: number) => [
    numericColumn('user_id', ids(offset)),
    categoricalColumn('request_uuid', categories(n, uuid)),
    numericColumn('row', Float64Array.from({ length: n }, (_, i) => offset + i)),
    categoricalColumn('timestamp', categories(n, day(start))),
    numericColumn('created_at', numbers(n, epoch(start))),
    numericColumn('income', numbers(n, () => Math.round(50_000 + 15_000 * normal()))),
  ];
  const report = driftOf(side(100_000, jan), side(500_000, apr));
  const roles = ['user_id', 'request_uuid', 'row', 'timestamp', 'created_at'];
  const drifted = roles.filter((name) => report.columns.some((c) => c.name === name && c.status === 'drift')).length;
  return { flagged: drifted, total: roles.length };
}

// ---------------------------------------------------------------------------------------------
// Calibration

function calibrationTrial(n: number, confidence: (random: Random) => number, accuracyOf: (p: number) => number): (random: Random) => Count {
  return (random) => {
    const p = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      p[i] = confidence(random);
      y[i] = random() < accuracyOf(p[i]) ? 1 : 0;
    }
    const report = buildCalibrationReport(tableOf('predictions.csv', [numericColumn('p', p), numericColumn('y', y)]), { confidence: 'p', correct: 'y' });
    return { flagged: report.status === 'miscalibrated' ? 1 : 0, total: 1 };
  };
}

const uniformConfidence = (random: Random) => random();
/** Top-label confidences of a good classifier: most between 0.7 and 1. */
const highConfidence = (random: Random) => 0.5 + 0.5 * Math.sqrt(random());

// ---------------------------------------------------------------------------------------------
// Concept drift

function streamTrial(n: number, accuracyAt: (i: number) => number, options: { target?: number }, alarmWindow?: readonly [number, number]): (random: Random) => Count {
  return (random) => {
    const values = numbers(n, () => 0);
    for (let i = 0; i < n; i++) values[i] = random() < accuracyAt(i) ? 1 : 0;
    const report = buildCusumReport(tableOf('stream.csv', [numericColumn('correct', values)]), { column: 'correct', ...options });
    const alarmed = alarmWindow ? report.alarms.some((a) => a >= alarmWindow[0] && a < alarmWindow[1]) : report.alarms.length > 0;
    return { flagged: alarmed ? 1 : 0, total: 1 };
  };
}

function numericStreamTrial(n: number, meanAt: (i: number) => number, alarmWindow?: readonly [number, number]): (random: Random) => Count {
  return (random) => {
    const normal = normalSampler(random);
    const values = numbers(n, () => 0);
    for (let i = 0; i < n; i++) values[i] = meanAt(i) + 0.02 * normal();
    const report = buildCusumReport(tableOf('accuracy.csv', [numericColumn('accuracy', values)]), { column: 'accuracy' });
    const alarmed = alarmWindow ? report.alarms.some((a) => a >= alarmWindow[0] && a < alarmWindow[1]) : report.alarms.length > 0;
    return { flagged: alarmed ? 1 : 0, total: 1 };
  };
}

// ---------------------------------------------------------------------------------------------
// The regimes

export const REGIMES: readonly Regime[] = [
  ...[20, 50, 100, 1_000, 10_000].map((n) => numericNull(`null: normal, n = ${n.toLocaleString('en-US')} per side`, n, n, normalSampler, n >= 10_000 ? 300 : 2000, n >= 10_000 ? 40 : 300)),
  numericNull('null: normal, n = 100,000 per side', 100_000, 100_000, normalSampler, 100, 8),
  numericNull('null: normal, 20 vs 1,000 rows', 20, 1_000, normalSampler, 2000, 300),
  numericNull('null: normal, 1,000 vs 20 rows', 1_000, 20, normalSampler, 2000, 300),
  numericNull('null: lognormal, 150 vs 5,000 rows', 150, 5_000, (random) => {
    const normal = normalSampler(random);
    return () => Math.exp(normal());
  }, 1000, 150),
  numericNull('null: binary p = 0.3, n = 50', 50, 50, (random) => () => (random() < 0.3 ? 1 : 0), 2000, 300),
  numericNull('null: binary p = 0.05, n = 1,000', 1_000, 1_000, (random) => () => (random() < 0.05 ? 1 : 0), 2000, 300),
  numericNull('null: few values {0, ..., 5}, n = 200', 200, 200, (random) => () => Math.floor(random() * random() * 6), 2000, 300),
  {
    group: 'drift',
    name: 'null: 1,000 equally likely categories, 2,000 rows',
    claim: 'drift',
    target: { max: 0.02 },
    runs: 500,
    quickRuns: 60,
    trial: (random) => {
      const draw = () => `c${Math.floor(random() * 1000)}`;
      return columnClaim(driftOf([categoricalColumn('x', categories(2000, draw))], [categoricalColumn('x', categories(2000, draw))]), DRIFT);
    },
  },
  {
    group: 'drift',
    name: 'null: Zipf over 300 levels, 5,000 rows',
    claim: 'drift',
    target: { max: 0.02 },
    runs: 500,
    quickRuns: 60,
    trial: (random) => {
      const draw = () => `z${Math.floor(Math.exp(random() * Math.log(300)))}`;
      return columnClaim(driftOf([categoricalColumn('x', categories(5000, draw))], [categoricalColumn('x', categories(5000, draw))]), DRIFT);
    },
  },
  {
    group: 'drift',
    name: 'null: 3 categories, n = 30',
    claim: 'drift',
    target: { max: 0.02 },
    runs: 2000,
    quickRuns: 300,
    trial: (random) => columnClaim(driftOf([categoricalColumn('x', categories(30, mix(random, [0.5, 0.3, 0.2])))], [categoricalColumn('x', categories(30, mix(random, [0.5, 0.3, 0.2])))]), DRIFT),
  },
  {
    group: 'drift',
    name: "null: random halves of scikit-learn's data sets (columns)",
    claim: 'drift',
    target: { max: 0.02 },
    runs: 40,
    quickRuns: 4,
    trial: realHalves,
  },
  {
    group: 'drift',
    name: 'null: normal, n = 50 per side (warnings too)',
    claim: 'drift or warning',
    target: {},
    runs: 2000,
    quickRuns: 0,
    trial: (random) => {
      const sample = normalSampler(random);
      return columnClaim(driftOf([numericColumn('x', numbers(50, sample))], [numericColumn('x', numbers(50, sample))]), FLAGGED);
    },
  },
  {
    group: 'drift',
    name: 'null: normal, n = 1,000 per side (warnings too)',
    claim: 'drift or warning',
    target: {},
    runs: 2000,
    quickRuns: 0,
    trial: (random) => {
      const sample = normalSampler(random);
      return columnClaim(driftOf([numericColumn('x', numbers(1000, sample))], [numericColumn('x', numbers(1000, sample))]), FLAGGED);
    },
  },
  {
    group: 'drift',
    name: 'small samples: 0.5 sd shift, n = 100 per side',
    claim: 'drift',
    target: {},
    runs: 2000,
    quickRuns: 0,
    trial: (random) => {
      const normal = normalSampler(random);
      return columnClaim(driftOf([numericColumn('x', numbers(100, normal))], [numericColumn('x', numbers(100, () => normal() + 0.5))]), DRIFT);
    },
  },
  {
    group: 'drift',
    name: 'negligible: 0.02 sd shift, n = 100,000 per side',
    claim: 'drift',
    target: { max: 0.02 },
    runs: 100,
    quickRuns: 8,
    trial: (random) => {
      const normal = normalSampler(random);
      return columnClaim(driftOf([numericColumn('x', numbers(100_000, normal))], [numericColumn('x', numbers(100_000, () => normal() + 0.02))]), DRIFT);
    },
  },
  {
    group: 'drift',
    name: 'material: 0.5 sd shift, n = 1,000 per side',
    claim: 'drift',
    target: { min: 0.95 },
    runs: 1000,
    quickRuns: 150,
    trial: (random) => {
      const normal = normalSampler(random);
      return columnClaim(driftOf([numericColumn('x', numbers(1000, normal))], [numericColumn('x', numbers(1000, () => normal() + 0.5))]), DRIFT);
    },
  },
  {
    group: 'drift',
    name: 'material: binary share of ones 5% → 50%, n = 1,000',
    claim: 'drift',
    target: { min: 0.95 },
    runs: 1000,
    quickRuns: 150,
    trial: (random) =>
      columnClaim(driftOf([numericColumn('x', numbers(1000, () => (random() < 0.05 ? 1 : 0)))], [numericColumn('x', numbers(1000, () => (random() < 0.5 ? 1 : 0)))]), DRIFT),
  },
  {
    group: 'drift',
    name: 'material: {0, 1, 2}, 30% of the mass moves from 1 to 2, n = 1,000',
    claim: 'drift',
    target: { min: 0.95 },
    runs: 1000,
    quickRuns: 150,
    trial: (random) => {
      const draw = (shares: readonly number[]) => () => {
        const u = random();
        return u < shares[0] ? 0 : u < shares[0] + shares[1] ? 1 : 2;
      };
      return columnClaim(driftOf([numericColumn('x', numbers(1000, draw([0.3, 0.5, 0.2])))], [numericColumn('x', numbers(1000, draw([0.3, 0.2, 0.5])))]), DRIFT);
    },
  },
  {
    group: 'drift',
    name: 'material: category mix 50/30/20 → 30/30/40, n = 1,000',
    claim: 'drift',
    target: { min: 0.95 },
    runs: 1000,
    quickRuns: 150,
    trial: (random) =>
      columnClaim(driftOf([categoricalColumn('x', categories(1000, mix(random, [0.5, 0.3, 0.2])))], [categoricalColumn('x', categories(1000, mix(random, [0.3, 0.3, 0.4])))]), DRIFT),
  },
  {
    group: 'drift',
    name: 'material: a new category at 20%, n = 1,000',
    claim: 'drift',
    target: { min: 0.95 },
    runs: 1000,
    quickRuns: 150,
    trial: (random) => {
      const old = mix(random, [0.5, 0.3, 0.2]);
      return columnClaim(driftOf([categoricalColumn('x', categories(1000, old))], [categoricalColumn('x', categories(1000, () => (random() < 0.2 ? 'new' : old())))]), DRIFT);
    },
  },
  {
    group: 'drift',
    name: 'missing share 0% → 90%, n = 1,000',
    claim: 'drift or warning',
    target: { min: 0.95 },
    runs: 1000,
    quickRuns: 150,
    trial: (random) => {
      const normal = normalSampler(random);
      const current = numbers(1000, () => (random() < 0.9 ? NaN : normal()));
      return columnClaim(driftOf([numericColumn('x', numbers(1000, normal))], [numericColumn('x', current)]), FLAGGED);
    },
  },
  {
    group: 'drift',
    name: 'missing share 1% → 10% (budget 5%), n = 1,000',
    claim: 'drift or warning',
    target: { min: 0.95 },
    runs: 1000,
    quickRuns: 150,
    trial: (random) => {
      const normal = normalSampler(random);
      return columnClaim(
        driftOf([numericColumn('x', numbers(1000, () => (random() < 0.01 ? NaN : normal())))], [numericColumn('x', numbers(1000, () => (random() < 0.1 ? NaN : normal())))]),
        FLAGGED,
      );
    },
  },
  {
    group: 'drift',
    name: 'roles: identifier and time columns, January vs April (columns)',
    claim: 'drift',
    target: { max: 0 },
    runs: 100,
    quickRuns: 10,
    trial: roleTrial,
  },
  ...[200, 1_000, 5_000, 100_000].flatMap((n): Regime[] => [
    {
      group: 'calibration',
      name: `calibrated: uniform confidences, n = ${n.toLocaleString('en-US')}`,
      claim: 'miscalibrated',
      target: { max: 0.1 },
      runs: n >= 100_000 ? 100 : 1000,
      quickRuns: n >= 100_000 ? 8 : 150,
      trial: calibrationTrial(n, uniformConfidence, (p) => p),
    },
    {
      group: 'calibration',
      name: `calibrated: confident classifier, n = ${n.toLocaleString('en-US')}`,
      claim: 'miscalibrated',
      target: { max: 0.1 },
      runs: n >= 100_000 ? 100 : 1000,
      quickRuns: n >= 100_000 ? 8 : 150,
      trial: calibrationTrial(n, highConfidence, (p) => p),
    },
  ]),
  {
    group: 'calibration',
    name: '15 points overconfident: confident classifier, n = 5,000',
    claim: 'miscalibrated',
    target: { min: 0.95 },
    runs: 1000,
    quickRuns: 150,
    trial: calibrationTrial(5000, highConfidence, (p) => p - 0.15),
  },
  {
    group: 'calibration',
    name: '15 points overconfident: uniform confidences, n = 5,000',
    claim: 'miscalibrated',
    target: { min: 0.95 },
    runs: 1000,
    quickRuns: 150,
    trial: calibrationTrial(5000, uniformConfidence, (p) => Math.max(0, p - 0.15)),
  },
  {
    group: 'concept drift',
    name: 'stable 0/1 stream at 0.9, 2,000 rows, target 0.9 given',
    claim: 'alarm',
    target: { max: 0.1 },
    runs: 2000,
    quickRuns: 300,
    trial: streamTrial(2000, () => 0.9, { target: 0.9 }),
  },
  {
    group: 'concept drift',
    name: 'stable 0/1 stream at 0.9, 2,000 rows, target from the warm-up',
    claim: 'alarm',
    target: { max: 0.1 },
    runs: 2000,
    quickRuns: 300,
    trial: streamTrial(2000, () => 0.9, {}),
  },
  {
    group: 'concept drift',
    name: 'stable accuracy series (0.9 ± 0.02), 2,000 points, target and sigma from the warm-up',
    claim: 'alarm',
    target: { max: 0.1 },
    runs: 2000,
    quickRuns: 300,
    trial: numericStreamTrial(2000, () => 0.9),
  },
  {
    group: 'concept drift',
    name: '0/1 stream drops 0.9 → 0.75 at row 1,000: alarm within 500 rows',
    claim: 'alarm',
    target: { min: 0.95 },
    runs: 2000,
    quickRuns: 300,
    trial: streamTrial(2000, (i) => (i < 1000 ? 0.9 : 0.75), { target: 0.9 }, [1000, 1500]),
  },
  {
    group: 'concept drift',
    name: '0/1 stream drops 0.9 → 0.75 at row 1,000: alarm within 300 rows',
    claim: 'alarm',
    target: {},
    runs: 2000,
    quickRuns: 300,
    trial: streamTrial(2000, (i) => (i < 1000 ? 0.9 : 0.75), { target: 0.9 }, [1000, 1300]),
  },
  {
    group: 'concept drift',
    name: '0/1 stream drops 0.9 → 0.75 at row 1,000, target from the warm-up: alarm within 500 rows',
    claim: 'alarm',
    target: {},
    runs: 2000,
    quickRuns: 300,
    trial: streamTrial(2000, (i) => (i < 1000 ? 0.9 : 0.75), {}, [1000, 1500]),
  },
  {
    group: 'concept drift',
    name: 'accuracy series drops 2 sd (0.9 → 0.86) at point 1,000, parameters from the warm-up: alarm within 100 points',
    claim: 'alarm',
    target: { min: 0.95 },
    runs: 2000,
    quickRuns: 300,
    trial: numericStreamTrial(2000, (i) => (i < 1000 ? 0.9 : 0.86), [1000, 1100]),
  },
];

/** The rate of a regime over `runs` trials from one seed. */
export async function measure(regime: Regime, runs: number, seed: number): Promise<{ rate: number; flagged: number; total: number }> {
  const random = seededRandom(seed);
  let flagged = 0;
  let total = 0;
  for (let r = 0; r < runs; r++) {
    const count = await regime.trial(random);
    flagged += count.flagged;
    total += count.total;
  }
  return { rate: total === 0 ? 0 : flagged / total, flagged, total };
}

/** Whether a measured rate meets the regime's target. */
export function meets(regime: Regime, rate: number): boolean {
  return (regime.target.max === undefined || rate <= regime.target.max) && (regime.target.min === undefined || rate >= regime.target.min);
}
