/**
 * The calibration report: does a confidence of 0.8 mean "right 80% of the time"? Reliability
 * bins, ECE / MCE / ACE, the Brier score and the seed's check (every bin within 5 points).
 */

import { loadTable, type LoadControl, type Table } from '../data/index';
import {
  averageCalibrationError,
  brierScore,
  calibrationCurve,
  calibrationWithinTolerance,
  expectedCalibrationError,
  maximumCalibrationError,
  type CalibrationStrategy,
} from '../stats/index';
import { loadColumns, numericValues, requireColumn, requireRows } from './columnValues';
import type { TableLoader } from './loadDriftTables';
import { ReportInputError } from './reportInputError';
import { REPORT_SCHEMA_VERSION, type CalibrationReport, type CalibrationReportOptions } from './types';

export const CALIBRATION_DEFAULTS = { bins: 10, strategy: 'uniform' as CalibrationStrategy, tolerance: 0.05 };

const STRATEGIES: readonly CalibrationStrategy[] = ['uniform', 'quantile'];

/**
 * Reads just the two columns a calibration report needs.
 *
 * @example
 * const table = await loadCalibrationTable('predictions.csv', { confidence: 'p', correct: 'y' });
 */
export function loadCalibrationTable(
  path: string,
  options: Pick<CalibrationReportOptions, 'confidence' | 'correct'>,
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

/**
 * Builds the calibration report of `table` from its confidence and outcome columns.
 *
 * Rows missing either value are left out (`skippedRows`). A confidence outside [0, 1], an outcome
 * other than 1/0/true/false, a missing column or a table without rows is a `ReportInputError`
 * naming the file, the row and the column. Numbers equal
 * `sklearn.calibration.calibration_curve(y, p, n_bins=bins, strategy=strategy)` and
 * `sklearn.metrics.brier_score_loss(y, p)`.
 *
 * @example
 * buildCalibrationReport(table, { confidence: 'p', correct: 'y' }).verdict;
 * // "Calibrated: all 10 bins within 5 points of their confidence (ECE 0.012)."
 */
export function buildCalibrationReport(table: Table, options: CalibrationReportOptions): CalibrationReport {
  const bins = options.bins ?? CALIBRATION_DEFAULTS.bins;
  const strategy = options.strategy ?? CALIBRATION_DEFAULTS.strategy;
  const tolerance = options.tolerance ?? CALIBRATION_DEFAULTS.tolerance;
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`buildCalibrationReport: bins must be a positive integer (got ${bins})`);
  if (!STRATEGIES.includes(strategy)) throw new RangeError(`buildCalibrationReport: strategy must be uniform or quantile (got ${strategy})`);
  if (!(tolerance >= 0 && tolerance <= 1)) throw new RangeError(`buildCalibrationReport: tolerance must be between 0 and 1 (got ${tolerance})`);
  const file = table.source;
  if (options.confidence === options.correct) {
    throw new ReportInputError({
      file,
      column: options.confidence,
      message: `the confidence and the outcome must be two different columns of ${file}, not both ${JSON.stringify(options.confidence)}`,
    });
  }
  const confidenceColumn = requireColumn(table, options.confidence, 'the confidence column');
  const correctColumn = requireColumn(table, options.correct, 'the outcome column');
  requireRows(table);
  const confidence = numericValues(table, confidenceColumn, 'the confidence column must hold probabilities between 0 and 1', false);
  const correct = numericValues(table, correctColumn, 'the outcome column must hold 1/0 or true/false', true);

  let used = 0;
  for (let i = 0; i < table.rowCount; i++) if (!Number.isNaN(confidence[i]) && !Number.isNaN(correct[i])) used++;
  if (used === 0) {
    throw new ReportInputError({
      file,
      message: `${file} has no row with both ${JSON.stringify(options.confidence)} and ${JSON.stringify(options.correct)}: every row misses one of them`,
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
        column: options.confidence,
        message: `${file} row ${i + 1}, column ${JSON.stringify(options.confidence)}: ${pi} is not a probability: the confidence column must hold values between 0 and 1`,
      });
    }
    if (yi !== 0 && yi !== 1) {
      throw new ReportInputError({
        file,
        column: options.correct,
        message: `${file} row ${i + 1}, column ${JSON.stringify(options.correct)}: ${yi} is not an outcome: the outcome column must hold 1/0 or true/false`,
      });
    }
    p[j] = pi;
    y[j] = yi;
    j++;
  }

  const curve = calibrationCurve(y, p, { bins, strategy });
  const check = calibrationWithinTolerance(curve, { tolerance });
  const offending = new Set(check.offendingBins.map((b) => b.index));
  const ece = expectedCalibrationError(curve);
  const points = `${+(tolerance * 100).toFixed(6)} points`;
  let verdict: string;
  if (check.withinTolerance) {
    verdict = `Calibrated: ${curve.bins.length === 1 ? 'the 1 bin is' : `all ${curve.bins.length} bins are`} within ${points} of ${curve.bins.length === 1 ? 'its' : 'their'} confidence (ECE ${fixed(ece, 3)}).`;
  } else {
    const worst = check.offendingBins[0];
    verdict =
      `Miscalibrated: ${check.offendingBins.length} of ${curve.bins.length} bins are more than ${points} off ` +
      `(worst: ${fixed(worst.lower)}-${fixed(worst.upper)}, confidence ${fixed(worst.confidence, 3)}, accuracy ${fixed(worst.accuracy, 3)}); ECE ${fixed(ece, 3)}.`;
  }
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    report: 'calibration',
    path: file,
    columns: { confidence: options.confidence, correct: options.correct },
    options: { bins, strategy, tolerance },
    rows: used,
    skippedRows: table.rowCount - used,
    bins: curve.bins.map((b) => ({
      lower: b.lower,
      upper: b.upper,
      count: b.count,
      confidence: b.confidence,
      accuracy: b.accuracy,
      gap: b.gap,
      signedGap: b.signedGap,
      withinTolerance: !offending.has(b.index),
    })),
    ece,
    mce: maximumCalibrationError(curve),
    ace: averageCalibrationError(curve),
    brier: brierScore(y, p),
    withinTolerance: check.withinTolerance,
    status: check.withinTolerance ? 'ok' : 'miscalibrated',
    verdict,
  };
}
