/**
 * The report objects GRADIENT computes once and shows everywhere: the CLI renders them as text,
 * Markdown or JSON, the VS Code panel posts them to the webview. Every report is plain JSON data
 * (no typed arrays, no `Infinity`, no `NaN`, no raw data), so `JSON.stringify` of a report is the
 * `--format json` output and a report can cross `postMessage` unchanged.
 *
 * Field names of the JSON schema (issue 3) are part of the contract: `schemaVersion`, and for
 * drift `reference`, `current`, `columns[].{name, kind, reference, current, ks, chiSquare, psi,
 * wasserstein, jensenShannon, status}`, `summary.{columns, drifted, warnings, status}`; for
 * calibration `rows`, `bins[].{lower, upper, count, confidence, accuracy, gap}`, `ece`, `mce`,
 * `ace`, `brier`, `withinTolerance`; for CUSUM `target`, `sigma`, `k`, `h`, `statistic`, `alarms`.
 * Other fields are additions and may grow; renaming or removing one bumps `schemaVersion`.
 */

import type { ColumnKind } from '../data/table';
import type { CalibrationStrategy, KsTwoSampleMethod, PsiBinStrategy } from '../stats/index';

/** Version of every report's JSON shape. */
export const REPORT_SCHEMA_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Drift

/** A column's verdict: `drift` (rollback level), `warning` (alert level), `ok`. */
export type DriftStatus = 'ok' | 'warning' | 'drift';

/** How the columns' p-values are adjusted for testing many columns at once. */
export type MultipleTestingCorrection = 'none' | 'bonferroni' | 'bh';

/** Which rule made a column's status: PSI above a threshold, or the column's test p <= alpha. */
export type DriftTrigger = 'psi-warning' | 'psi-drift' | 'ks' | 'chi-square';

/** What the caller may set; every field has the default from the seed. */
export interface DriftReportOptions {
  /** PSI bins for the `quantile` and `uniform` strategies (default 10: deciles). */
  readonly psiBins?: number;
  /** How numeric PSI bins are laid out (default `quantile`). */
  readonly psiStrategy?: PsiBinStrategy;
  /** Significance level of the KS / chi-square test: p <= alpha is drift (default 0.01). */
  readonly alpha?: number;
  /** PSI above this is a warning (default 0.1, the seed's alert level). */
  readonly psiWarning?: number;
  /** PSI above this is drift (default 0.25, the seed's rollback level). */
  readonly psiDrift?: number;
  /** Adjustment of the p-values across the tested columns (default `none`). */
  readonly correction?: MultipleTestingCorrection;
  /** Current values more than this many reference standard deviations from the reference mean are counted (default 4). */
  readonly extremeSigmas?: number;
  /** The label (target) column: reported as a class distribution, not drift-tested as a feature. */
  readonly label?: string;
  /** Categories listed per categorical column, largest PSI contribution first (default 50); the rest are counted. */
  readonly maxCategories?: number;
  /**
   * Columns that one file holds as numbers and the other as text, already read as text from both
   * (what `loadDriftTables` returns): the report notes them as compared as categories.
   */
  readonly kindMismatches?: readonly KindMismatch[];
  /**
   * Each numeric column's finite values sorted ascending (`sortFinite(column.values)`), by column
   * name, when the caller already has them (e.g. sorted in the worker thread that loaded the
   * file): the report then does not sort again. Trusted to be that exact array (its length and
   * order are checked).
   */
  readonly presorted?: {
    readonly reference?: ReadonlyMap<string, Float64Array>;
    readonly current?: ReadonlyMap<string, Float64Array>;
  };
}

/** A column read as numbers from one file and as text from the other. */
export interface KindMismatch {
  readonly name: string;
  readonly reference: ColumnKind;
  readonly current: ColumnKind;
}

/** The options a report used, every default filled in (the JSON's top-level `options`). */
export interface DriftReportSettings {
  readonly psiBins: number;
  readonly psiStrategy: PsiBinStrategy;
  /** Share that replaces an empty PSI bin (fixed, STATS.md). */
  readonly psiEpsilon: number;
  readonly alpha: number;
  readonly psiWarning: number;
  readonly psiDrift: number;
  readonly correction: MultipleTestingCorrection;
  readonly extremeSigmas: number;
  readonly label: string | null;
  readonly maxCategories: number;
}

/** One file's side of a column: how many values it has and how many are missing. */
export interface SideCounts {
  /** Rows with a value. */
  readonly count: number;
  /** Rows without one (empty, NA, ..., and for numbers also ±Infinity). */
  readonly missing: number;
}

export interface NumericSide extends SideCounts {
  /** How many of `missing` were ±Infinity in the file. */
  readonly nonFinite: number;
  readonly mean: number;
  /** Sample standard deviation (ddof 1); null with fewer than 2 values. */
  readonly std: number | null;
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

export interface CategoricalSide extends SideCounts {
  /** Distinct categories present. */
  readonly categories: number;
}

/** One PSI bin; `null` edges are unbounded (-Infinity below, +Infinity above). */
export interface PsiBinSummary {
  /** Inclusive lower edge, null for -Infinity. */
  readonly lower: number | null;
  /** Exclusive upper edge (inclusive for the last bin), null for +Infinity. */
  readonly upper: number | null;
  /** Shares before the epsilon replacement. */
  readonly referenceShare: number;
  readonly currentShare: number;
  /** The bin's term of the PSI, with the epsilon replacement. */
  readonly contribution: number;
}

export interface KsSummary {
  readonly statistic: number;
  readonly pValue: number;
  readonly method: KsTwoSampleMethod;
}

export interface ChiSquareSummary {
  readonly statistic: number;
  readonly pValue: number;
  readonly dof: number;
}

/** Current values far from the reference (a warning signal, not a rejection; seed). */
export interface ExtremeValuesSummary {
  readonly sigmas: number;
  /** Reference mean ± sigmas · reference sd. */
  readonly lowerLimit: number;
  readonly upperLimit: number;
  /** Current values beyond those limits. */
  readonly beyondSigmas: number;
  /** Current values below the reference minimum or above its maximum. */
  readonly outsideRange: number;
}

interface DriftColumnBase {
  readonly name: string;
  /** The column's PSI (numeric: over `psiBins`; categorical: one bin per category). */
  readonly psi: number;
  /** The test's p-value after `options.correction`; absent when the correction is `none`. */
  readonly adjustedPValue?: number;
  readonly status: DriftStatus;
  /** The rules that set the status; empty when `ok`. */
  readonly triggers: readonly DriftTrigger[];
  /** Something the reader must know about this column (e.g. it was compared as categories). */
  readonly note?: string;
}

export interface NumericDriftColumn extends DriftColumnBase {
  readonly kind: 'numeric';
  readonly reference: NumericSide;
  readonly current: NumericSide;
  readonly ks: KsSummary;
  readonly psiBins: readonly PsiBinSummary[];
  readonly wasserstein: number;
  /** Jensen-Shannon distance (base 2) over the PSI bins' shares before the epsilon. */
  readonly jensenShannon: number;
  /** Null when the reference has fewer than 2 values (no standard deviation). */
  readonly extremeValues: ExtremeValuesSummary | null;
}

export interface CategoryShare {
  readonly category: string;
  readonly referenceShare: number;
  readonly currentShare: number;
  readonly contribution: number;
}

export interface CategoricalDriftColumn extends DriftColumnBase {
  readonly kind: 'categorical';
  readonly reference: CategoricalSide;
  readonly current: CategoricalSide;
  readonly chiSquare: ChiSquareSummary;
  /** Up to `options.maxCategories` categories, largest PSI contribution first. */
  readonly psiCategories: readonly CategoryShare[];
  /** Categories left out of `psiCategories`. */
  readonly omittedCategories: number;
  /** Categories seen in the current file but never in the reference. */
  readonly newCategories: number;
  /** Reference categories absent from the current file. */
  readonly vanishedCategories: number;
  /** Set when one file read the column as numbers and the other as text. */
  readonly kindMismatch?: Omit<KindMismatch, 'name'>;
}

export type DriftColumn = NumericDriftColumn | CategoricalDriftColumn;

/** Why a column was not drift-tested. */
export type SkipReason = 'only-in-reference' | 'only-in-current' | 'no-data' | 'no-reference-data' | 'no-current-data';

export interface SkippedColumn {
  readonly name: string;
  readonly reason: SkipReason;
  /** A sentence naming the file(s). */
  readonly message: string;
  /** Null when the column is not in that file. */
  readonly reference: SideCounts | null;
  readonly current: SideCounts | null;
}

export interface LabelClassShare {
  readonly label: string;
  readonly count: number;
  /** count / rows (missing labels count in the denominator, as pandas). */
  readonly share: number;
}

/** The seed's label check on one file: every class present, largest class share < 0.9. */
export interface LabelSide {
  readonly rows: number;
  readonly missing: number;
  /** Distinct classes present. */
  readonly classCount: number;
  /** Up to `options.maxCategories` classes, most frequent first. */
  readonly classes: readonly LabelClassShare[];
  readonly largestShare: number;
  /** Every class seen in either file is present in this one. */
  readonly allPresent: boolean;
  readonly ok: boolean;
}

export interface LabelReport {
  readonly name: string;
  /** Null when the file has no such column. */
  readonly reference: LabelSide | null;
  readonly current: LabelSide | null;
  /** Both present sides pass the check. */
  readonly ok: boolean;
  /** What the check found, e.g. `class "2" absent from prod.csv` (renderers prefix the column). */
  readonly message: string;
}

export interface DriftSummary {
  /** Columns drift-tested. */
  readonly columns: number;
  readonly drifted: number;
  readonly warnings: number;
  readonly ok: number;
  /** Columns reported in `skipped`. */
  readonly skipped: number;
  /** The worst column status. */
  readonly status: DriftStatus;
  /** drifted / columns. */
  readonly shareDrifted: number;
  /** One sentence, e.g. "7 of 20 columns drifted (PSI > 0.25 or p <= 0.01)". */
  readonly verdict: string;
}

/** A loader warning (the file loaded, but something was off), with its file. */
export interface ReportDataWarning {
  readonly file: string;
  readonly column: string;
  readonly message: string;
}

export interface FileSummary {
  readonly path: string;
  /** Data rows (the header excluded). */
  readonly rows: number;
}

export interface DriftReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly report: 'drift';
  readonly reference: FileSummary;
  readonly current: FileSummary;
  readonly options: DriftReportSettings;
  /** Tested columns in reference-file order. */
  readonly columns: readonly DriftColumn[];
  readonly skipped: readonly SkippedColumn[];
  readonly label: LabelReport | null;
  readonly dataWarnings: readonly ReportDataWarning[];
  readonly summary: DriftSummary;
}

// ---------------------------------------------------------------------------------------------
// Calibration

export interface CalibrationReportOptions {
  /** Column with the predicted probability of the positive class, or the top-label confidence. */
  readonly confidence: string;
  /** Column with the outcome: 1/0 or true/false (the label, or whether the prediction was correct). */
  readonly correct: string;
  /** Bins before empty ones are dropped (default 10). */
  readonly bins?: number;
  /** Bin layout (default `uniform`). */
  readonly strategy?: CalibrationStrategy;
  /** Largest allowed |accuracy − confidence| per bin (default 0.05, the seed's 5 points). */
  readonly tolerance?: number;
}

export type CalibrationStatus = 'ok' | 'miscalibrated';

export interface CalibrationBinSummary {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  /** Mean predicted probability. */
  readonly confidence: number;
  /** Observed fraction correct / positive. */
  readonly accuracy: number;
  /** |accuracy − confidence|. */
  readonly gap: number;
  /** accuracy − confidence (positive: underconfident). */
  readonly signedGap: number;
  readonly withinTolerance: boolean;
}

export interface CalibrationReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly report: 'calibration';
  readonly path: string;
  readonly columns: { readonly confidence: string; readonly correct: string };
  readonly options: { readonly bins: number; readonly strategy: CalibrationStrategy; readonly tolerance: number };
  /** Rows used (both values present). */
  readonly rows: number;
  /** Rows left out because the confidence or the outcome was missing. */
  readonly skippedRows: number;
  /** Non-empty bins in ascending order. */
  readonly bins: readonly CalibrationBinSummary[];
  /** Expected calibration error: count-weighted mean gap. */
  readonly ece: number;
  /** Maximum calibration error: largest gap. */
  readonly mce: number;
  /** Average calibration error: unweighted mean gap over non-empty bins. */
  readonly ace: number;
  readonly brier: number;
  /** Every bin's gap within the tolerance. */
  readonly withinTolerance: boolean;
  readonly status: CalibrationStatus;
  readonly verdict: string;
}

// ---------------------------------------------------------------------------------------------
// CUSUM

export interface CusumReportOptions {
  /** The accuracy / correctness column, in time order. */
  readonly column: string;
  readonly target?: number;
  readonly sigma?: number;
  readonly k?: number;
  readonly h?: number;
  /** Leading points that estimate target and sigma when they are not given (default 30). */
  readonly warmup?: number;
}

export type CusumStatus = 'ok' | 'alarm';

export interface CusumReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly report: 'cusum';
  readonly path: string;
  readonly column: string;
  /** Rows in the file. */
  readonly rows: number;
  /** Rows without a value, left out of the series (their `statistic` entry is null). */
  readonly skippedRows: number;
  readonly target: number;
  readonly sigma: number;
  readonly k: number;
  readonly h: number;
  /** Points that estimated target / sigma (0 when both were given). */
  readonly warmup: number;
  /** Which parameters were estimated from the warm-up rather than given. */
  readonly estimated: { readonly target: boolean; readonly sigma: boolean };
  /** The warm-up had no variation, so sigma was raised to a tiny floor (see `cusum`). */
  readonly sigmaClamped: boolean;
  /** The lower CUSUM after each row (0-based), null for a row without a value. */
  /** The input series (accuracy or 1/0 correctness) per row, null for a row without a value. */
  readonly values: readonly (number | null)[];
  readonly statistic: readonly (number | null)[];
  /** Rows (0-based data rows) at which the statistic exceeded h. */
  readonly alarms: readonly number[];
  readonly status: CusumStatus;
  readonly verdict: string;
}

export type GradientReport = DriftReport | CalibrationReport | CusumReport;
