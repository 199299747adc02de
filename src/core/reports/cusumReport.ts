/**
 * The concept-drift report: Page's lower CUSUM over an accuracy or correctness series, with the
 * rows where it raised an alarm.
 */

import { loadTable, type LoadControl, type Table } from '../data/index';
import { cusum } from '../stats/index';
import { loadColumns, numericValues, requireColumn, requireRows } from './columnValues';
import type { TableLoader } from './loadDriftTables';
import { ReportInputError } from './reportInputError';
import { REPORT_SCHEMA_VERSION, type CusumReport, type CusumReportOptions } from './types';

export const CUSUM_DEFAULT_WARMUP = 30;

/**
 * Reads just the series column.
 *
 * @example
 * const table = await loadCusumTable('daily_accuracy.csv', { column: 'accuracy' });
 */
export function loadCusumTable(
  path: string,
  options: Pick<CusumReportOptions, 'column'>,
  control: LoadControl = {},
  load: TableLoader = loadTable,
): Promise<Table> {
  return loadColumns(path, new Map([[options.column, 'the series column']]), control, load);
}

function shortNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(4).replace(/\.?0+$/, '');
}

/**
 * Runs the lower CUSUM (STATS.md `cusum_lower`) down the rows of `options.column`: numbers, or
 * true/false read as 1/0. Rows without a value are skipped (their `statistic` is null) and alarm
 * positions are 0-based data rows of the file. Target and sigma not given are estimated from the
 * first `warmup` values (default 30); k defaults to 0.5 sigma and h to 5 sigma.
 *
 * @example
 * buildCusumReport(table, { column: 'correct', target: 0.9, sigma: 0.3 }).alarms; // => [412, 530]
 */
export function buildCusumReport(table: Table, options: CusumReportOptions): CusumReport {
  const file = table.source;
  const column = requireColumn(table, options.column, 'the series column');
  requireRows(table);
  const values = numericValues(table, column, 'the series must hold accuracies, or 1/0 (true/false) for correct/incorrect', true);
  const rowOf: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) rowOf.push(i);
  const series = Float64Array.from(rowOf, (row) => values[row]);
  const needsWarmup = options.target === undefined || options.sigma === undefined;
  const warmup = options.warmup ?? CUSUM_DEFAULT_WARMUP;
  if (!Number.isInteger(warmup) || warmup < 2) throw new RangeError(`buildCusumReport: warmup must be an integer of at least 2 (got ${warmup})`);
  if (needsWarmup && series.length < warmup) {
    throw new ReportInputError({
      file,
      column: options.column,
      message:
        `${file}, column ${JSON.stringify(options.column)}: ${series.length} value${series.length === 1 ? '' : 's'}, ` +
        `fewer than the ${warmup}-point warm-up that estimates the target and sigma: give both the target and sigma, or a shorter warm-up`,
    });
  }
  for (const [name, value] of [['sigma', options.sigma], ['k', options.k], ['h', options.h]] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) throw new RangeError(`buildCusumReport: ${name} must be a non-negative number (got ${value})`);
  }
  if (options.target !== undefined && !Number.isFinite(options.target)) throw new RangeError(`buildCusumReport: target must be a number (got ${options.target})`);
  if (options.sigma === 0 && (options.k === undefined || options.h === undefined)) {
    throw new RangeError('buildCusumReport: sigma must be positive unless both k and h are given');
  }

  const result = cusum(series, {
    ...(options.target !== undefined ? { target: options.target } : {}),
    ...(options.sigma !== undefined ? { sigma: options.sigma } : {}),
    ...(options.k !== undefined ? { k: options.k } : {}),
    ...(options.h !== undefined ? { h: options.h } : {}),
    warmup,
  });
  const statistic: (number | null)[] = new Array<number | null>(values.length).fill(null);
  rowOf.forEach((row, j) => (statistic[row] = result.statistic[j]));
  const alarms = result.alarms.map((j) => rowOf[j]);
  const where = `below target ${shortNumber(result.target)} (k ${shortNumber(result.k)}, h ${shortNumber(result.h)})`;
  const verdict =
    alarms.length === 0
      ? `No alarm: the CUSUM of ${JSON.stringify(options.column)} stayed within h over ${series.length} values ${where}.`
      : `${alarms.length} alarm${alarms.length === 1 ? '' : 's'}: ${JSON.stringify(options.column)} drifted ${where}; first at row index ${alarms[0]}.`;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    report: 'cusum',
    path: file,
    column: options.column,
    rows: table.rowCount,
    skippedRows: table.rowCount - series.length,
    target: result.target,
    sigma: result.sigma,
    k: result.k,
    h: result.h,
    warmup: result.warmup,
    estimated: { target: options.target === undefined, sigma: options.sigma === undefined },
    sigmaClamped: result.sigmaClamped,
    values: Array.from(values, (value) => (Number.isNaN(value) ? null : value)),
    statistic,
    alarms,
    status: alarms.length === 0 ? 'ok' : 'alarm',
    verdict,
  };
}
