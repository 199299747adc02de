/**
 * Report -> chart and table data for the webview: sorting, overview rows, reliability points,
 * CUSUM series, number formatting. Pure (no DOM, no `vscode`), so node:test checks it
 * (test/unit/webview-chartData.test.ts) and every chart draws exactly what these return.
 */

import type { DistributionSummary } from '../src/core/reports/distributionSummary';
import type {
  CalibrationBinSummary,
  CalibrationReport,
  CategoricalDriftColumn,
  CusumReport,
  DriftColumn,
  DriftReport,
  MultipleTestingCorrection,
  PsiBinSummary,
} from '../src/core/reports/types';
import {
  STATUS_RANK,
  STATUS_WORDS,
  correctionName,
  formatCount,
  formatMeasure,
  formatPValue,
  formatPercent,
  formatPointsChange,
  formatRunLength,
  formatStatistic,
  missingShare,
  pValueName,
  sigmaUnits,
  statusTone,
  type Status,
} from '../src/core/reports/vocabulary';

// The words and number formats are the vocabulary's, shared with the CLI's text and Markdown.
export { STATUS_WORDS, correctionName, formatCount, formatMeasure, formatPValue, formatPercent, formatPointsChange, formatStatistic, missingShare, pValueName, statusTone };

// ---------------------------------------------------------------------------------------------
// Formatting

/** A missing value in a table cell or chart label. */
export const NOT_APPLICABLE = '—';

/** A PSI bin's range in words: "< 1.5", "[1.5, 2.25)", ">= 9" (the last bin is closed), "= 2" for a per-value bin. */
export function formatBinRange(lower: number | null, upper: number | null, last = false): string {
  if (lower === null && upper === null) return 'all values';
  if (lower !== null && lower === upper) return `= ${formatMeasure(lower)}`;
  if (lower === null) return `< ${formatMeasure(upper as number)}`;
  if (upper === null) return `≥ ${formatMeasure(lower)}`;
  return `[${formatMeasure(lower)}, ${formatMeasure(upper)}${last ? ']' : ')'}`;
}

// ---------------------------------------------------------------------------------------------
// Drift columns

/** ok < small < insufficient < warning < drift. */
export function statusRank(status: Status): number {
  return STATUS_RANK[status];
}

export interface MissingChange {
  readonly reference: number;
  readonly current: number;
  /** current − reference, as a share (0.01 = one percentage point). */
  readonly change: number;
}

export function missingRateChange(column: DriftColumn): MissingChange {
  return { reference: column.missing.reference, current: column.missing.current, change: column.missing.change };
}

export function rawPValue(column: DriftColumn): number {
  return column.kind === 'numeric' ? column.ks.pValue : column.chiSquare.pValue;
}

/** A numeric column's distribution summary, when it is well formed (reports saved before schema 2 have none). */
export function columnDistribution(column: DriftColumn): DistributionSummary | null {
  if (column.kind !== 'numeric') return null;
  const candidate = column.distribution as DistributionSummary | undefined;
  if (!candidate || !candidate.histogram || !candidate.ecdf) return null;
  const { edges, reference, current } = candidate.histogram;
  if (!Array.isArray(edges) || edges.length < 2 || reference.length !== edges.length - 1 || current.length !== reference.length) return null;
  if (candidate.ecdf.x.length === 0 || candidate.ecdf.reference.length !== candidate.ecdf.x.length) return null;
  return candidate;
}

export type SortKey = 'name' | 'kind' | 'psi' | 'test' | 'p' | 'n' | 'wasserstein' | 'jensenShannon' | 'missing' | 'extreme' | 'status';

export type SortDirection = 'ascending' | 'descending';

export interface SortOrder {
  readonly key: SortKey;
  readonly direction: SortDirection;
}

export const SORT_KEYS: readonly SortKey[] = ['name', 'kind', 'psi', 'test', 'p', 'n', 'wasserstein', 'jensenShannon', 'missing', 'extreme', 'status'];

/** Severity first: drift, warning, insufficient, small, ok, each by PSI descending (the CLI's `bySeverity`). */
export const DEFAULT_SORT: SortOrder = { key: 'status', direction: 'descending' };

/** The direction a header click starts with: numbers and severity largest first, text A-Z. */
export function firstDirection(key: SortKey): SortDirection {
  return key === 'name' || key === 'kind' ? 'ascending' : 'descending';
}

export function isSortOrder(value: unknown): value is SortOrder {
  if (typeof value !== 'object' || value === null) return false;
  const { key, direction } = value as Record<string, unknown>;
  return SORT_KEYS.includes(key as SortKey) && (direction === 'ascending' || direction === 'descending');
}

/** The value a column sorts by for `key`; null sorts last in either direction. */
export function sortValue(column: DriftColumn, key: SortKey): number | string | null {
  switch (key) {
    case 'name':
      return column.name;
    case 'kind':
      return column.kind;
    case 'psi':
      return column.psi;
    case 'test':
      return column.kind === 'numeric' ? column.ks.statistic : column.chiSquare.statistic;
    case 'p':
      return column.pValue;
    case 'wasserstein':
      return column.kind === 'numeric' ? column.wasserstein : null;
    case 'jensenShannon':
      return column.kind === 'numeric' ? column.jensenShannon : null;
    case 'missing':
      return missingRateChange(column).change;
    case 'extreme':
      return column.kind === 'numeric' && column.extremeValues ? column.extremeValues.beyondSigmas : null;
    case 'status':
      return statusRank(column.status);
    case 'n':
      return Math.min(column.reference.count, column.current.count);
  }
}

/** One collator for every comparison (`localeCompare` with options builds one per call). */
const NAME_ORDER = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'string' && typeof b === 'string') return NAME_ORDER.compare(a, b);
  return (a as number) - (b as number);
}

/**
 * Indices of `columns` in the order `order` asks for. Sorting by status breaks ties by PSI in
 * the same direction (descending is the CLI's `bySeverity`); other keys show the worst column
 * first among ties, then keep the report's order, so the result is deterministic. "Not
 * applicable" values (e.g. Wasserstein of a categorical column) go last in either direction.
 *
 * @example
 * sortedColumnIndices(report.columns, DEFAULT_SORT); // drifted columns first, worst PSI first
 */
export function sortedColumnIndices(columns: readonly DriftColumn[], order: SortOrder): number[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  const keys = columns.map((column) => sortValue(column, order.key));
  const indices = columns.map((_, i) => i);
  return indices.sort((i, j) => {
    const a = keys[i];
    const b = keys[j];
    if (a === null || b === null) {
      if (a !== b) return a === null ? 1 : -1;
    } else {
      const primary = compareValues(a, b);
      if (primary !== 0) return sign * primary;
    }
    if (order.key === 'status' && columns[i].psi !== columns[j].psi) return sign * (columns[i].psi - columns[j].psi);
    // Otherwise ties show the worst column first.
    const worse = statusRank(columns[j].status) - statusRank(columns[i].status) || columns[j].psi - columns[i].psi;
    if (worse !== 0) return worse;
    return i - j;
  });
}

/** The columns in the CLI's `bySeverity` order. */
export function bySeverity(columns: readonly DriftColumn[]): DriftColumn[] {
  return sortedColumnIndices(columns, DEFAULT_SORT).map((i) => columns[i]);
}

// ---------------------------------------------------------------------------------------------
// Drift table cells

/** One table cell: the text shown, an optional longer explanation, and the sort value. */
export interface Cell {
  readonly text: string;
  readonly title?: string;
}

export interface DriftRowCells {
  readonly name: Cell;
  readonly kind: Cell;
  readonly psi: Cell;
  readonly p: Cell;
  readonly n: Cell;
  readonly missing: Cell;
  readonly status: Cell;
}

/** The text of every cell of a column's row in the drift table (the detail below shows the rest). */
export function driftRowCells(column: DriftColumn, correction: MultipleTestingCorrection): DriftRowCells {
  const missing = missingRateChange(column);
  const test = column.kind === 'numeric' ? `KS D ${formatStatistic(column.ks.statistic)}` : `chi-square ${formatMeasure(column.chiSquare.statistic)}, ${column.chiSquare.dof} dof`;
  const rawP = column.kind === 'numeric' ? column.ks.pValue : column.chiSquare.pValue;
  const pTitle = column.adjustedPValue !== undefined ? `${pValueName(correction)} ${formatPValue(column.pValue)} (unadjusted p ${formatPValue(rawP)}); ${test}` : test;
  return {
    name: { text: column.name, ...(column.note ? { title: column.note } : {}) },
    kind: column.kind === 'categorical' && column.kindMismatch ? { text: 'categorical*', title: column.note ?? 'read as numbers in one file and as text in the other' } : { text: column.kind },
    psi: { text: formatStatistic(column.psi), title: `PSI ${formatStatistic(column.psi)}; ${formatStatistic(column.psiDebiased)} beyond the ${formatStatistic(column.psiNoise.expected)} expected from sampling noise` },
    p: { text: formatPValue(column.pValue), title: pTitle },
    n: { text: `${formatCount(column.reference.count)} / ${formatCount(column.current.count)}`, title: `${formatCount(column.reference.count)} values in the reference, ${formatCount(column.current.count)} in the current file` },
    missing: { text: formatPointsChange(missing.change), title: `missing ${formatPercent(missing.reference)} in the reference, ${formatPercent(missing.current)} in the current file` },
    status: { text: STATUS_WORDS[column.status].label, title: column.reason },
  };
}

// ---------------------------------------------------------------------------------------------
// Drift charts

export interface PsiOverviewRow {
  readonly name: string;
  readonly psi: number;
  readonly status: DriftColumn['status'];
}

export interface PsiOverview {
  /** Severity order (drift, warning, ok; PSI descending within each), at most `limit`. */
  readonly rows: readonly PsiOverviewRow[];
  /** Tested columns not drawn. */
  readonly omitted: number;
  /** The x-axis maximum: the largest PSI, and always room for the drift rule. */
  readonly domainMax: number;
}

/** The overview's bars: the most severe `limit` columns (the table lists them all). */
export function psiOverview(report: DriftReport, limit = 40): PsiOverview {
  const ordered = bySeverity(report.columns);
  const rows = ordered.slice(0, limit).map((c) => ({ name: c.name, psi: c.psi, status: c.status }));
  const largest = rows.reduce((max, r) => Math.max(max, r.psi), 0);
  return { rows, omitted: ordered.length - rows.length, domainMax: Math.max(largest, report.options.psiDrift * 1.2) };
}

export interface HistogramBar {
  readonly side: 'reference' | 'current';
  readonly x1: number;
  readonly x2: number;
  readonly share: number;
}

/** Histogram bars of both sides from a distribution summary. */
export function histogramBars(distribution: DistributionSummary): HistogramBar[] {
  const { edges, reference, current } = distribution.histogram;
  const bars: HistogramBar[] = [];
  for (const [side, shares] of [['reference', reference], ['current', current]] as const) {
    shares.forEach((share, j) => bars.push({ side, x1: edges[j], x2: edges[j + 1], share }));
  }
  return bars;
}

export interface EcdfPoint {
  readonly side: 'reference' | 'current';
  readonly x: number;
  readonly y: number;
}

export interface KsMarker {
  readonly x: number;
  /** The lower and upper ECDF values at x; y2 − y1 is the KS statistic. */
  readonly y1: number;
  readonly y2: number;
  readonly gap: number;
}

/** Both ECDFs as step-line points, and the KS gap at its location. */
export function ecdfLines(distribution: DistributionSummary): { points: EcdfPoint[]; ks: KsMarker | null } {
  const { x, reference, current } = distribution.ecdf;
  const points: EcdfPoint[] = [];
  // A leading 0 so each step function starts from the floor at the first point.
  for (const [side, values] of [['reference', reference], ['current', current]] as const) {
    if (x.length > 0) points.push({ side, x: x[0], y: 0 });
    x.forEach((xi, k) => points.push({ side, x: xi, y: values[k] }));
  }
  const k = x.indexOf(distribution.ksLocation);
  if (k < 0) return { points, ks: null };
  const y1 = Math.min(reference[k], current[k]);
  const y2 = Math.max(reference[k], current[k]);
  return { points, ks: { x: x[k], y1, y2, gap: y2 - y1 } };
}

export interface PsiBinRow {
  /** "< 1.5", "[1.5, 2.25)", "≥ 9". */
  readonly label: string;
  readonly index: number;
  readonly referenceShare: number;
  readonly currentShare: number;
  readonly contribution: number;
}

export function psiBinRows(bins: readonly PsiBinSummary[]): PsiBinRow[] {
  return bins.map((bin, index) => ({
    label: bin.pooled !== undefined ? `${formatCount(bin.pooled)} rare values` : formatBinRange(bin.lower, bin.upper, index === bins.length - 1 && bin.upper !== null),
    index,
    referenceShare: bin.referenceShare,
    currentShare: bin.currentShare,
    contribution: bin.contribution,
  }));
}

export interface CategoryRow {
  readonly category: string;
  readonly referenceShare: number;
  readonly currentShare: number;
  readonly contribution: number;
  /** The bucket of every category not drawn. */
  readonly other?: true;
}

/**
 * The categories to draw: the `limit` with the largest PSI contribution (the pooled rare ones
 * among them, as one row), then one "other" row holding what is left of each file's share, so the
 * bars of a file always add up to 100%. `omitted` counts the categories inside "other".
 */
export function categoryRows(column: CategoricalDriftColumn, limit = 12): { rows: CategoryRow[]; omitted: number } {
  const shown = column.psiCategories.slice(0, limit).map((c) => ({ category: c.category, referenceShare: c.referenceShare, currentShare: c.currentShare, contribution: c.contribution }));
  const omitted = column.psiCategories.length - shown.length + column.omittedCategories;
  if (omitted === 0) return { rows: shown, omitted };
  const sum = (pick: (r: CategoryRow) => number) => shown.reduce((total, r) => total + pick(r), 0);
  const other: CategoryRow = {
    category: `other (${formatCount(omitted)} ${omitted === 1 ? 'category' : 'categories'})`,
    referenceShare: Math.max(0, 1 - sum((r) => r.referenceShare)),
    currentShare: Math.max(0, 1 - sum((r) => r.currentShare)),
    contribution: Math.max(0, column.psi - sum((r) => r.contribution)),
    other: true,
  };
  return { rows: [...shown, other], omitted };
}

/**
 * The share axis of a bar chart: from 0 to the largest share, and never less than 10%, so a share
 * of 0.01% is drawn as the sliver it is instead of filling the chart.
 */
export function shareDomain(shares: readonly number[]): [number, number] {
  return [0, Math.max(0.1, ...shares) * 1.05];
}

// ---------------------------------------------------------------------------------------------
// Calibration

/** A calibration bin as the reliability diagram draws it: the report's bin plus its axis label. */
export interface ReliabilityPoint extends CalibrationBinSummary {
  /** "0.60–0.70". */
  readonly label: string;
}

export function reliabilityPoints(report: CalibrationReport): ReliabilityPoint[] {
  return report.bins.map((bin) => ({ ...bin, label: `${bin.lower.toFixed(2)}–${bin.upper.toFixed(2)}` }));
}

/** The band |accuracy − confidence| <= tolerance around y = x, clipped to the unit square. */
export function toleranceBand(tolerance: number): { x: number; y1: number; y2: number }[] {
  const t = Math.max(0, tolerance);
  const xs = [...new Set([0, Math.min(t, 1), Math.max(1 - t, 0), 1])].sort((a, b) => a - b);
  return xs.map((x) => ({ x, y1: Math.max(0, x - t), y2: Math.min(1, x + t) }));
}

export interface CalibrationMetric {
  readonly id: 'ece' | 'mce' | 'ace' | 'brier';
  readonly name: string;
  readonly value: string;
  readonly explanation: string;
}

export function calibrationMetrics(report: CalibrationReport): CalibrationMetric[] {
  return [
    {
      id: 'ece',
      name: 'Expected calibration error (ECE)',
      value: formatStatistic(report.ece),
      explanation: 'The gap |accuracy − confidence| averaged over bins, weighted by how many predictions each bin holds.',
    },
    {
      id: 'mce',
      name: 'Maximum calibration error (MCE)',
      value: formatStatistic(report.mce),
      explanation: 'The largest gap of any bin: the worst-calibrated confidence range.',
    },
    {
      id: 'ace',
      name: 'Average calibration error (ACE)',
      value: formatStatistic(report.ace),
      explanation: 'The gap averaged over non-empty bins with equal weight, so sparse bins count as much as full ones.',
    },
    {
      id: 'brier',
      name: 'Brier score',
      value: formatStatistic(report.brier),
      explanation: 'The mean squared difference between predicted probability and outcome (0 is perfect).',
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// CUSUM

export interface CusumPoint {
  /** 0-based data row. */
  readonly index: number;
  readonly value: number | null;
  readonly statistic: number | null;
  readonly alarm: boolean;
}

/** The input series the host may attach to a CUSUM report (absent in older reports). */
export function cusumValues(report: CusumReport): readonly (number | null)[] | null {
  const values = report.values as readonly (number | null)[] | undefined; // absent in reports saved before it existed
  return Array.isArray(values) && values.length === report.statistic.length ? values : null;
}

/** One point per data row: the input value (when the report has it), the statistic, the alarm flag. */
export function cusumSeries(report: CusumReport): CusumPoint[] {
  const values = cusumValues(report);
  const alarms = new Set(report.alarms);
  return report.statistic.map((statistic, index) => ({
    index,
    value: values ? values[index] : null,
    statistic,
    alarm: alarms.has(index),
  }));
}

/**
 * At most about `buckets * 2` points that keep a long series' shape on screen: the first and
 * last point, and the minimum and maximum of `value` in each of `buckets` equal slices of the
 * index range, in index order; null values are kept (they break the line). Points with `keep`
 * set (e.g. alarms) are always kept.
 */
export function decimate<T>(points: readonly T[], value: (point: T) => number | null, buckets: number, keep?: (point: T) => boolean): T[] {
  if (points.length <= buckets * 2 + 2) return [...points];
  const chosen = new Set<number>([0, points.length - 1]);
  const size = points.length / buckets;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(points.length, Math.floor((b + 1) * size));
    let lo = -1;
    let hi = -1;
    let sawNull = false;
    for (let i = start; i < end; i++) {
      const v = value(points[i]);
      if (v === null) {
        if (!sawNull) chosen.add(i);
        sawNull = true;
        continue;
      }
      if (lo < 0 || v < (value(points[lo]) as number)) lo = i;
      if (hi < 0 || v > (value(points[hi]) as number)) hi = i;
    }
    if (lo >= 0) chosen.add(lo);
    if (hi >= 0) chosen.add(hi);
  }
  if (keep) points.forEach((p, i) => keep(p) && chosen.add(i));
  return [...chosen].sort((a, b) => a - b).map((i) => points[i]);
}

export interface CusumParameter {
  readonly name: string;
  readonly value: string;
  readonly source: string;
}

/** The CUSUM design as a table: each number, and where it came from. */
export function cusumParameters(report: CusumReport): CusumParameter[] {
  const warm = (bound: string) => `the ${bound} 90% bound from the first ${formatCount(report.warmup)} values`;
  const rows: CusumParameter[] = [
    { name: 'Target', value: formatMeasure(report.target), source: report.estimated.target ? warm('lower') : 'given' },
    {
      name: 'Sigma',
      value: formatMeasure(report.sigma),
      source: report.series === 'bernoulli' ? '√(p(1 − p)) of the target: a 0/1 series' : report.estimated.sigma ? warm('upper') : 'given',
    },
    { name: 'k (allowance)', value: sigmaUnits(report.k, report.kSigmas), source: 'per point, in standard deviations' },
    {
      name: 'h (threshold)',
      value: sigmaUnits(report.h, report.hSigmas),
      source: report.hSource === 'arl0' ? `set for an in-control ARL of at least ${formatRunLength(report.options.arl0)}` : 'given',
    },
    { name: 'In-control ARL', value: formatRunLength(report.arl0), source: `a false alarm every ${formatRunLength(report.arl0)} points on average; ${formatPercent(report.falseAlarmChance)} chance over this series` },
  ];
  if (report.detection.delay !== null) {
    rows.push({ name: 'Detection delay', value: formatRunLength(report.detection.delay), source: `points on average to alarm after a drop of ${formatMeasure(report.detection.shift)} (2k)` });
  }
  rows.push({ name: 'Warm-up', value: formatCount(report.warmup), source: report.warmup === 0 ? 'not needed' : 'leading values that estimated the parameters' });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Headline


