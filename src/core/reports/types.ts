/**
 * The report objects GRADIENT computes once and shows everywhere: the CLI renders them as text,
 * Markdown or JSON, the VS Code panel posts them to the webview. Every report is plain JSON data
 * (no typed arrays, no `Infinity`, no `NaN`, no raw data), so `JSON.stringify` of a report is the
 * `--format json` output and a report can cross `postMessage` unchanged.
 *
 * Field names of the JSON schema are part of the contract: `schemaVersion`, and for drift
 * `reference`, `current`, `columns[].{name, kind, reference, current, ks, chiSquare, psi,
 * wasserstein, jensenShannon, status}`, `summary.{columns, drifted, warnings, status}`; for
 * calibration `rows`, `bins[].{lower, upper, count, confidence, accuracy, gap}`, `ece`, `mce`,
 * `ace`, `brier`, `withinTolerance`; for CUSUM `target`, `sigma`, `k`, `h`, `statistic`, `alarms`.
 * Status values keep their meaning (`ok`, `warning`, `drift`, `skipped`, `miscalibrated`,
 * `alarm`); new fields and statuses are additions. Renaming or removing a field, or changing what
 * a value means, bumps `schemaVersion`.
 *
 * Added in version 2 (issue 8): `encoding` of each file read as text (drift `reference` /
 * `current`, calibration and CUSUM at the top level).
 *
 * Version 2 (issue 7): sample-size-aware verdicts (`small` and `insufficient` statuses with a
 * `reason` per column), column roles, pooled rare categories and per-value bins, missing-share
 * checks, distribution summaries; calibration intervals per bin; CUSUM with Bernoulli series,
 * h from a target ARL₀, and k and h also in standard deviations.
 */

import type { TextEncoding } from '../data/encoding';
import type { ColumnKind } from '../data/table';
import type { KsTwoSampleMethod, PsiBinStrategy } from '../stats/index';
import type { DistributionSummary } from './distributionSummary';
import type { CalibrationOptions, ColumnRole, CusumOptions, DriftOptions } from './options';

/** Version of every report's JSON shape. */
export const REPORT_SCHEMA_VERSION = 2;

// ---------------------------------------------------------------------------------------------
// Drift

/**
 * A tested column's verdict, mildest first: `ok` (no change beyond noise), `small` (detectable
 * but small: significant, yet below the effect-size floor), `insufficient` (too few rows to tell
 * a rollback-level change from noise), `warning`, `drift`.
 */
export type DriftStatus = 'ok' | 'small' | 'insufficient' | 'warning' | 'drift';

/** The whole report's status: the worst column's, `insufficient` only when nothing worse was found. */
export type DriftSummaryStatus = 'ok' | 'insufficient' | 'warning' | 'drift';

/** How the columns' p-values are adjusted for testing many columns at once. */
export type MultipleTestingCorrection = DriftOptions['correction'];

/**
 * A rule that set a column's status:
 * - `ks` / `chi-square`: the column's test p <= alpha (with a PSI above the effect-size floor: drift; below it: small);
 * - `psi-drift` / `psi-warning`: PSI, beyond its sampling noise, above the rollback / alert level;
 * - `missing-drift`: the missing share moved by more than the rollback level (PSI of missing vs present), beyond noise;
 * - `missing-budget`: the missing share rose above the budget, beyond noise.
 */
export type DriftTrigger = 'ks' | 'chi-square' | 'psi-drift' | 'psi-warning' | 'missing-drift' | 'missing-budget';

/** The options a report used, every default filled in (the JSON's top-level `options`). */
export interface DriftReportSettings extends DriftOptions {
  /** Share that replaces an empty PSI bin (fixed, STATS.md). */
  readonly psiEpsilon: number;
  /** The label column, given or found by its name; null when there is none. */
  readonly label: string | null;
}

/** A column read as numbers from one file and as text from the other. */
export interface KindMismatch {
  readonly name: string;
  readonly reference: ColumnKind;
  readonly current: ColumnKind;
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
  /** Distinct values. */
  readonly distinct: number;
}

export interface CategoricalSide extends SideCounts {
  /** Distinct categories present. */
  readonly categories: number;
}

/** How a column's PSI bins were made. */
export type DriftBinning = PsiBinStrategy | 'values' | 'categories';

/** One PSI bin of a numeric column; `null` edges are unbounded (-Infinity below, +Infinity above). */
export interface PsiBinSummary {
  /** Inclusive lower edge, null for -Infinity. For a per-value bin, the value (and `upper` equals it). */
  readonly lower: number | null;
  /** Exclusive upper edge (inclusive for the last bin), null for +Infinity. */
  readonly upper: number | null;
  readonly referenceCount: number;
  readonly currentCount: number;
  /** Shares before the epsilon replacement. */
  readonly referenceShare: number;
  readonly currentShare: number;
  /** The bin's term of the PSI, with the epsilon replacement. */
  readonly contribution: number;
  /** Per-value binning only: the bin pools this many rare values (its edges are then null). */
  readonly pooled?: number;
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

/** The missing share of a column in each file, and whether its change counts. */
export interface MissingChange {
  /** Missing share of the reference and current rows. */
  readonly reference: number;
  readonly current: number;
  /** current − reference. */
  readonly change: number;
  /** Chi-square test of missing vs present between the files (1 when neither has a missing value). */
  readonly pValue: number;
  /** PSI of the two-bin distribution missing / present. */
  readonly psi: number;
}

/** The sampling noise of a column's PSI at its sample sizes and bins. */
export interface PsiNoise {
  /** PSI expected when nothing changed: (bins − 1)(1/n₁ + 1/n₂). */
  readonly expected: number;
  /** PSI that noise alone exceeds with probability alpha; null when no change is detectable (one bin). */
  readonly critical: number | null;
}

/** The smallest changes these sample sizes can detect at alpha. */
export interface DetectableChange {
  /** PSI, less its expected noise; null when no change is detectable (one bin). */
  readonly psi: number | null;
  /** KS distance (numeric columns; asymptotic). */
  readonly ks?: number;
}

interface DriftColumnBase {
  readonly name: string;
  readonly status: DriftStatus;
  /** The rules that set the status; empty for `ok` and `insufficient`. */
  readonly triggers: readonly DriftTrigger[];
  /** Why the column has its status, in one sentence. */
  readonly reason: string;
  /** The column's PSI over its bins (numeric: `psiBins`; categorical: `psiCategories`, rare levels pooled). */
  readonly psi: number;
  /** PSI less its expected sampling noise, at least 0: the effect size the status weighs. */
  readonly psiDebiased: number;
  readonly psiNoise: PsiNoise;
  /** Whether PSI is beyond its sampling noise (chi-square over the PSI bins at alpha); null when not judged (too few reference values per bin). */
  readonly psiBeyondNoise: boolean | null;
  /** The p-value the status was judged on: the column's test, after `options.correction`. */
  readonly pValue: number;
  /** The test's p-value after `options.correction`; absent when the correction is `none`. */
  readonly adjustedPValue?: number;
  readonly missing: MissingChange;
  readonly detectable: DetectableChange;
  readonly binning: DriftBinning;
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
  /** Wasserstein-1 over the reference standard deviation; null when that is 0 or undefined. */
  readonly wassersteinNormalized: number | null;
  /** Jensen-Shannon distance (base 2) over the PSI bins' shares before the epsilon. */
  readonly jensenShannon: number;
  /** Null when the reference has fewer than 2 values (no standard deviation). */
  readonly extremeValues: ExtremeValuesSummary | null;
  /** Histograms and ECDFs of both files for the column detail charts. */
  readonly distribution: DistributionSummary;
}

export interface CategoryShare {
  readonly category: string;
  readonly referenceCount: number;
  readonly currentCount: number;
  readonly referenceShare: number;
  readonly currentShare: number;
  readonly contribution: number;
  /** Present on the bucket of rare levels only: how many levels it pools (its `category` is then a description). */
  readonly pooled?: number;
}

export interface CategoricalDriftColumn extends DriftColumnBase {
  readonly kind: 'categorical';
  readonly reference: CategoricalSide;
  readonly current: CategoricalSide;
  /** Chi-square test of homogeneity over the categories, rare levels pooled. */
  readonly chiSquare: ChiSquareSummary;
  /** Up to `options.maxCategories` categories (the pooled bucket included), largest PSI contribution first. */
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
export type SkipReason =
  | 'only-in-reference'
  | 'only-in-current'
  | 'no-data'
  | 'no-reference-data'
  | 'no-current-data'
  | 'identifier'
  | 'time'
  | 'ignored'
  /** a text column with more distinct values than a data source lists (DuckDB, a database) */
  | 'too-many-categories';

/** What the report compared for a time column instead of testing it. */
export interface TimeComparison {
  readonly kind: 'time-range';
  /** Earliest and latest instant in each file, ISO 8601 (UTC); null when the file has no value. */
  readonly reference: { readonly min: string; readonly max: string } | null;
  readonly current: { readonly min: string; readonly max: string } | null;
}

/** What the report compared for an identifier column instead of testing it. */
export interface IdentifierComparison {
  readonly kind: 'unseen-identifiers';
  /** Share of the current file's identifiers that never occur in the reference; null without current values. */
  readonly unseenShare: number | null;
}

export interface SkippedColumn {
  readonly name: string;
  readonly status: 'skipped';
  readonly reason: SkipReason;
  /** A sentence naming the file(s), or the role and why it was given. */
  readonly message: string;
  /** The column's role, when it was skipped for it. */
  readonly role?: ColumnRole;
  /** Whether the user set the role (setting or flag) or GRADIENT detected it. */
  readonly roleSource?: 'given' | 'detected';
  readonly comparison?: TimeComparison | IdentifierComparison;
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
  /** Whether the user named the label or GRADIENT found it by its name. */
  readonly source: 'given' | 'detected';
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
  /** Detectable but small. */
  readonly small: number;
  /** Too few rows to judge. */
  readonly insufficient: number;
  readonly ok: number;
  /** Columns reported in `skipped` (not tested, with their reason or role). */
  readonly skipped: number;
  readonly status: DriftSummaryStatus;
  /** drifted / columns. */
  readonly shareDrifted: number;
  /** One sentence, e.g. "2 of 5 columns drifted; 1 warns; 3 columns not tested (1 identifier, 2 time)." */
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
  /** The encoding a CSV, TSV or JSON Lines file was read with (issue 8); absent for Parquet. */
  readonly encoding?: TextEncoding;
}

export interface DriftReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly report: 'drift';
  readonly reference: FileSummary;
  readonly current: FileSummary;
  /**
   * What counted the data: `memory` (GRADIENT's loaders), `duckdb`, `postgresql`, or `exported
   * aggregates`. Every engine gives exact counts, so every statistic is exact whichever it is.
   */
  readonly engine: string;
  readonly options: DriftReportSettings;
  /** Tested columns in reference-file order. */
  readonly columns: readonly DriftColumn[];
  /** Columns not tested: roles (identifier, time, ignored) and columns without data on a side. */
  readonly skipped: readonly SkippedColumn[];
  readonly label: LabelReport | null;
  readonly dataWarnings: readonly ReportDataWarning[];
  readonly summary: DriftSummary;
}

// ---------------------------------------------------------------------------------------------
// Calibration

/**
 * `ok`: no bin is off, and every bin's accuracy is within the tolerance of its confidence;
 * `miscalibrated`: at least one bin's interval lies wholly outside the tolerance band;
 * `insufficient`: no bin is shown to be off, but some bin's accuracy is outside the band with an
 * interval too wide to tell.
 */
export type CalibrationStatus = 'ok' | 'insufficient' | 'miscalibrated';

/** What a bin's interval says about the tolerance band: inside it, outside it, or straddling it. */
export type CalibrationBinEvidence = 'within' | 'outside' | 'uncertain';

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
  /** The observed gap is within the tolerance (the seed's check at the point estimate). */
  readonly withinTolerance: boolean;
  /** Clopper-Pearson interval of the accuracy at 1 − alpha. */
  readonly interval: { readonly lower: number; readonly upper: number };
  readonly evidence: CalibrationBinEvidence;
  /** The interval is wider than the tolerance band: too few predictions to tell within the tolerance. */
  readonly tooFew: boolean;
}

export interface CalibrationReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly report: 'calibration';
  readonly path: string;
  /** The encoding the file was read with, when it is text (issue 8). */
  readonly encoding?: TextEncoding;
  readonly columns: { readonly confidence: string; readonly correct: string };
  readonly options: CalibrationOptions;
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
  /** Every bin's observed gap within the tolerance. */
  readonly withinTolerance: boolean;
  /** Index into `bins` of the bin the verdict names (the worst off, or the least certain); null when none. */
  readonly worstBin: number | null;
  readonly status: CalibrationStatus;
  readonly verdict: string;
}

// ---------------------------------------------------------------------------------------------
// CUSUM

export type CusumStatus = 'ok' | 'alarm';

/** How the series is modelled: 0/1 outcomes (sigma from the target) or a numeric series (sigma given or estimated). */
export type CusumSeriesKind = 'bernoulli' | 'numeric';

export interface CusumReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly report: 'cusum';
  readonly path: string;
  /** The encoding the file was read with, when it is text (issue 8). */
  readonly encoding?: TextEncoding;
  readonly column: string;
  /** The column the rows were sorted by (time order); null when the file order was used. */
  readonly sortedBy: string | null;
  readonly options: CusumOptions;
  readonly series: CusumSeriesKind;
  /** Rows in the file. */
  readonly rows: number;
  /** Rows without a value, left out of the series (their `statistic` entry is null). */
  readonly skippedRows: number;
  /** In-control mean, in the series' units. */
  readonly target: number;
  /** In-control standard deviation, in the series' units. */
  readonly sigma: number;
  /** Allowance per point, in the series' units (`kSigmas` · sigma). */
  readonly k: number;
  /** Decision threshold, in the series' units (`hSigmas` · sigma). */
  readonly h: number;
  readonly kSigmas: number;
  readonly hSigmas: number;
  /** Where h came from: given, or solved for the in-control average run length `options.arl0`. */
  readonly hSource: 'given' | 'arl0';
  /** In-control average run length of this design: points between false alarms on average. */
  readonly arl0: number;
  /**
   * The drop `k` is tuned for (2k standard deviations below the target), in the series' units,
   * and the average number of points from its start to the alarm; null with k = 0.
   */
  readonly detection: { readonly shift: number; readonly delay: number | null };
  /** Chance of at least one false alarm over this many points if the series stayed in control: 1 − e^(−n / ARL₀). */
  readonly falseAlarmChance: number;
  /** Points that estimated the target or sigma (0 when nothing was estimated). */
  readonly warmup: number;
  /** Which parameters were estimated from the warm-up rather than given or derived. */
  readonly estimated: { readonly target: boolean; readonly sigma: boolean };
  /** The input series (accuracy or 1/0 correctness) per row, null for a row without a value. */
  readonly values: readonly (number | null)[];
  /** The lower CUSUM after each row (0-based), null for a row without a value. */
  readonly statistic: readonly (number | null)[];
  /** Rows (0-based positions in the series' order, see `sortedBy`) at which the statistic exceeded h. */
  readonly alarms: readonly number[];
  readonly status: CusumStatus;
  readonly verdict: string;
}

export type GradientReport = DriftReport | CalibrationReport | CusumReport;
