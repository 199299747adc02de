/**
 * The calibration report: does a confidence of 0.8 mean "right 80% of the time"? Reliability
 * bins, ECE / MCE / ACE, the Brier score and the seed's check (every bin within 5 points).
 */

import { loadTable, type LoadControl, type Table } from '../data/index';
import {
  averageCalibrationError,
  brierScore,
  calibrationCurve,
  expectedCalibrationError,
  maximumCalibrationError,
  clopperPearsonInterval,
  type CalibrationBin,
} from '../stats/index';
import { loadColumns, numericValues, requireColumn, requireRows } from './columnValues';
import type { TableLoader } from './loadDriftTables';
import { ReportInputError } from './reportInputError';
import { CALIBRATION_OPTIONS, resolveOptions, type OptionInput } from './options';
import { REPORT_SCHEMA_VERSION, type CalibrationBinEvidence, type CalibrationBinSummary, type CalibrationReport, type CalibrationStatus } from './types';
import { formatCount, formatPoints, formatStatistic, plural } from './vocabulary';

/** What a calibration report is computed from: the two columns, and the schema's options. */
export type CalibrationReportInput = OptionInput<typeof CALIBRATION_OPTIONS> & {
  /** Column with the predicted probability of the positive class, or the top-label confidence. */
  readonly confidence: string;
  /** Column with the outcome: 1/0 or true/false (the label, or whether the prediction was correct). */
  readonly correct: string;
};

/**
 * Reads just the two columns a calibration report needs.
 *
 * @example
 * const table = await loadCalibrationTable('predictions.csv', { confidence: 'p', correct: 'y' });
 */
export function loadCalibrationTable(
  path: string,
  options: Pick<CalibrationReportInput, 'confidence' | 'correct'>,
  control: LoadControl = {},
  load: TableLoader = loadTable,
): Promise<Table> {
  const roles = new Map([
    [options.correct, 'the outcome column'],
    [options.confidence, 'the confidence column'],
  ]);
  return loadColumns(path, roles, control, load);
}

function fixed(value: number, digits = 2): string {
  return value.toFixed(digits);
}

/** A bin's range as the verdict names it: "0.80–0.90". */
function binRange(bin: { lower: number; upper: number }): string {
  return `${fixed(bin.lower)}–${fixed(bin.upper)}`;
}

/**
 * What a bin's interval says about the band |accuracy − confidence| <= tolerance: wholly inside
 * it, wholly outside it, or straddling it. A relative slack of 1e-12 lets a bin exactly on the
 * edge (0.55 against 0.6) count as inside, as it would on paper.
 */
function binEvidence(bin: CalibrationBin, interval: { lower: number; upper: number }, tolerance: number): CalibrationBinEvidence {
  const slack = tolerance * (1 + 1e-12);
  const low = bin.confidence - slack;
  const high = bin.confidence + slack;
  if (interval.lower > high || interval.upper < low) return 'outside';
  if (interval.lower >= low && interval.upper <= high) return 'within';
  return 'uncertain';
}

/** How far a bin's interval stays from the band: 0 when it touches it. */
function distanceOutside(bin: CalibrationBinSummary, tolerance: number): number {
  return Math.max(0, bin.interval.lower - (bin.confidence + tolerance), bin.confidence - tolerance - bin.interval.upper);
}

/**
 * The status and the sentence: `miscalibrated` when some bin's interval lies wholly outside the
 * tolerance band, `ok` when none does and every observed gap is within the tolerance, otherwise
 * `insufficient` (a bin looks off, but its interval still reaches the band).
 */
function judgeCalibration(bins: readonly CalibrationBinSummary[], tolerance: number, alpha: number, ece: number): { status: CalibrationStatus; worstBin: number | null; verdict: string } {
  const points = formatPoints(tolerance);
  const level = `${+((1 - alpha) * 100).toFixed(6)}%`;
  const describe = (bin: CalibrationBinSummary) =>
    `${binRange(bin)}, ${plural(bin.count, 'prediction')}, confidence ${formatStatistic(bin.confidence)}, accuracy ${formatStatistic(bin.accuracy)} ` +
    `[${level} interval ${formatStatistic(bin.interval.lower)}–${formatStatistic(bin.interval.upper)}]`;
  const indexed = bins.map((bin, index) => ({ bin, index }));
  const outside = indexed.filter(({ bin }) => bin.evidence === 'outside');
  if (outside.length > 0) {
    const worst = outside.reduce((a, b) => (distanceOutside(b.bin, tolerance) > distanceOutside(a.bin, tolerance) ? b : a));
    return {
      status: 'miscalibrated',
      worstBin: worst.index,
      verdict:
        `Miscalibrated: ${outside.length} of ${plural(bins.length, 'bin')} ${outside.length === 1 ? `is more than ${points} off, beyond its ${level} interval` : `are more than ${points} off, beyond their ${level} intervals`} ` +
        `(worst: ${describe(worst.bin)}); ECE ${fixed(ece, 3)}.`,
    };
  }
  const offPoint = indexed.filter(({ bin }) => !bin.withinTolerance);
  if (offPoint.length > 0) {
    const worst = offPoint.reduce((a, b) => (b.bin.gap > a.bin.gap ? b : a));
    return {
      status: 'insufficient',
      worstBin: worst.index,
      verdict:
        `Not enough evidence: ${offPoint.length} of ${plural(bins.length, 'bin')} ${offPoint.length === 1 ? 'looks' : 'look'} more than ${points} off, ` +
        `but ${offPoint.length === 1 ? `its ${level} interval still reaches` : `their ${level} intervals still reach`} the band (worst: ${describe(worst.bin)}); ECE ${fixed(ece, 3)}.`,
    };
  }
  const tooFew = indexed.filter(({ bin }) => bin.tooFew);
  const fewest = tooFew.length === 0 ? null : tooFew.reduce((a, b) => (b.bin.count < a.bin.count ? b : a));
  const every = bins.length === 1 ? 'the 1 bin is' : `all ${bins.length} bins are`;
  return {
    status: 'ok',
    worstBin: fewest?.index ?? null,
    verdict:
      `Calibrated: ${every} within ${points} of ${bins.length === 1 ? 'its' : 'their'} confidence (ECE ${fixed(ece, 3)})` +
      (fewest
        ? `; ${plural(tooFew.length, 'bin has', 'bins have')} too few predictions to confirm it within ${points} (fewest: ${binRange(fewest.bin)}, ${formatCount(fewest.bin.count)}).`
        : '.'),
  };
}

/**
 * Builds the calibration report of `table` from its confidence and outcome columns.
 *
 * Rows missing either value are left out (`skippedRows`). A confidence outside [0, 1], an outcome
 * other than 1/0/true/false, a missing column or a table without rows is a `ReportInputError`
 * naming the file, the row and the column. Numbers equal
 * `sklearn.calibration.calibration_curve(y, p, n_bins=bins, strategy=strategy)` and
 * `sklearn.metrics.brier_score_loss(y, p)`. Each bin's accuracy gets a Clopper-Pearson interval at
 * 1 − alpha (`scipy.stats.binomtest(k, n).proportion_ci(method='exact')`), and the status
 * weighs the seed's 5-point tolerance against it (see `judgeCalibration`).
 *
 * @example
 * buildCalibrationReport(table, { confidence: 'p', correct: 'y' }).verdict;
 * // "Calibrated: all 10 bins are within 5 points of their confidence (ECE 0.012)."
 */
export function buildCalibrationReport(table: Table, input: CalibrationReportInput): CalibrationReport {
  const { confidence: confidenceName, correct: correctName, ...schemaOptions } = input;
  const options = resolveOptions('calibration', CALIBRATION_OPTIONS, schemaOptions);
  const { bins, strategy, tolerance, alpha } = options;
  const file = table.source;
  if (confidenceName === correctName) {
    throw new ReportInputError({
      file,
      column: confidenceName,
      message: `the confidence and the outcome must be two different columns of ${file}, not both ${JSON.stringify(confidenceName)}`,
    });
  }
  const confidenceColumn = requireColumn(table, confidenceName, 'the confidence column');
  const correctColumn = requireColumn(table, correctName, 'the outcome column');
  requireRows(table);
  const confidence = numericValues(table, confidenceColumn, 'the confidence column must hold probabilities between 0 and 1', false);
  const correct = numericValues(table, correctColumn, 'the outcome column must hold 1/0 or true/false', true);

  let used = 0;
  for (let i = 0; i < table.rowCount; i++) if (!Number.isNaN(confidence[i]) && !Number.isNaN(correct[i])) used++;
  if (used === 0) {
    throw new ReportInputError({
      file,
      message: `${file} has no row with both ${JSON.stringify(confidenceName)} and ${JSON.stringify(correctName)}: every row misses one of them`,
    });
  }
  const p = new Float64Array(used);
  const y = new Float64Array(used);
  for (let i = 0, j = 0; i < table.rowCount; i++) {
    const pi = confidence[i];
    const yi = correct[i];
    if (Number.isNaN(pi) || Number.isNaN(yi)) continue;
    if (!(pi >= 0 && pi <= 1)) {
      throw new ReportInputError({
        file,
        column: confidenceName,
        message: `${file} row ${i + 1}, column ${JSON.stringify(confidenceName)}: ${pi} is not a probability: the confidence column must hold values between 0 and 1`,
      });
    }
    if (yi !== 0 && yi !== 1) {
      throw new ReportInputError({
        file,
        column: correctName,
        message: `${file} row ${i + 1}, column ${JSON.stringify(correctName)}: ${yi} is not an outcome: the outcome column must hold 1/0 or true/false`,
      });
    }
    p[j] = pi;
    y[j] = yi;
    j++;
  }

  const curve = calibrationCurve(y, p, { bins, strategy });
  const ece = expectedCalibrationError(curve);
  const summaries = curve.bins.map((b): CalibrationBinSummary => {
    // Outcomes are 0/1, so accuracy · count is the number of successes (rounding removes the division's error).
    const interval = clopperPearsonInterval(Math.round(b.accuracy * b.count), b.count, 1 - alpha);
    return {
      lower: b.lower,
      upper: b.upper,
      count: b.count,
      confidence: b.confidence,
      accuracy: b.accuracy,
      gap: b.gap,
      signedGap: b.signedGap,
      withinTolerance: b.gap <= tolerance * (1 + 1e-12),
      interval,
      evidence: binEvidence(b, interval, tolerance),
      tooFew: interval.upper - interval.lower > 2 * tolerance,
    };
  });
  const { status, worstBin, verdict } = judgeCalibration(summaries, tolerance, alpha, ece);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    report: 'calibration',
    path: file,
    ...(table.encoding ? { encoding: table.encoding } : {}),
    columns: { confidence: confidenceName, correct: correctName },
    options,
    rows: used,
    skippedRows: table.rowCount - used,
    bins: summaries,
    ece,
    mce: maximumCalibrationError(curve),
    ace: averageCalibrationError(curve),
    brier: brierScore(y, p),
    withinTolerance: summaries.every((b) => b.withinTolerance),
    worstBin,
    status,
    verdict,
  };
}
