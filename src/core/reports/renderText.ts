/**
 * Reports as plain text for a terminal or a CI log: a verdict line, then an aligned table.
 * No colour and no box drawing, so the output reads the same in a log file.
 */

import { bySeverity, pValueName } from './driftReport';
import {
  alignedTable,
  formatCount,
  formatMeasure,
  formatPValue,
  formatPercent,
  formatStatistic,
  formatThreshold,
  oneLine,
} from './format';
import type { CalibrationReport, CusumReport, DriftColumn, DriftReport, GradientReport } from './types';

function missingShare(side: { count: number; missing: number }): string {
  const total = side.count + side.missing;
  return total === 0 ? '-' : formatPercent(side.missing / total);
}

/** The thresholds sentence shared by the text and Markdown renderers. */
export function driftThresholds(report: DriftReport): string {
  const o = report.options;
  const p = pValueName(o.correction);
  const strategy = o.psiStrategy === 'sturges' ? 'Sturges bins of both files' : `${o.psiBins} ${o.psiStrategy} bins of the reference`;
  return (
    `drift when PSI > ${formatThreshold(o.psiDrift)} or ${p} <= ${formatThreshold(o.alpha)} ` +
    `(KS for numeric columns, chi-square for categorical); warning when PSI > ${formatThreshold(o.psiWarning)}; ` +
    `PSI over ${strategy} (empty bins ${o.psiEpsilon}); ` +
    `correction ${o.correction}; extreme values beyond ${formatThreshold(o.extremeSigmas)} reference sd`
  );
}

/** The cells of one drift column, in the order of `DRIFT_HEADER`. */
export function driftCells(column: DriftColumn, withAdjusted: boolean, arrow: string): string[] {
  const test = column.kind === 'numeric' ? column.ks : column.chiSquare;
  const cells = [
    column.status,
    column.name,
    column.kind,
    formatStatistic(column.psi),
    column.kind === 'numeric' ? 'KS' : `chi2(${column.chiSquare.dof})`,
    column.kind === 'numeric' ? formatStatistic(test.statistic) : formatMeasure(test.statistic),
    formatPValue(test.pValue),
  ];
  if (withAdjusted) cells.push(column.adjustedPValue === undefined ? '-' : formatPValue(column.adjustedPValue));
  cells.push(
    column.kind === 'numeric' ? formatMeasure(column.wasserstein) : '-',
    column.kind === 'numeric' ? formatStatistic(column.jensenShannon) : '-',
    `${missingShare(column.reference)} ${arrow} ${missingShare(column.current)}`,
    column.kind === 'numeric' ? (column.extremeValues ? formatCount(column.extremeValues.beyondSigmas) : '-') : `${column.newCategories} new`,
  );
  return cells;
}

export function driftHeader(report: DriftReport, withAdjusted: boolean): string[] {
  const header = ['status', 'column', 'kind', 'PSI', 'test', 'statistic', 'p-value'];
  if (withAdjusted) header.push('adjusted p');
  header.push('Wasserstein', 'JS', 'missing ref -> cur', `> ${formatThreshold(report.options.extremeSigmas)} sd / new`);
  return header;
}

function renderDriftText(report: DriftReport): string {
  const withAdjusted = report.options.correction !== 'none';
  const lines = [
    `GRADIENT drift: ${report.summary.status.toUpperCase()}`,
    report.summary.verdict,
    '',
    `reference: ${oneLine(report.reference.path)} (${formatCount(report.reference.rows)} rows)`,
    `current:   ${oneLine(report.current.path)} (${formatCount(report.current.rows)} rows)`,
    '',
  ];
  const header = driftHeader(report, withAdjusted);
  const align = header.map((_, j) => (j < 3 || j === 4 || j === header.length - 2 ? 'left' : 'right') as 'left' | 'right');
  const rows = bySeverity(report.columns).map((c) => driftCells(c, withAdjusted, '->').map(oneLine));
  lines.push(...alignedTable(header, rows, align));
  const notes = report.columns.filter((c) => c.note).map((c) => `  ${oneLine(c.name)}: ${oneLine(c.note!)}`);
  if (notes.length > 0) lines.push('', 'notes:', ...notes);
  if (report.skipped.length > 0) {
    lines.push('', `skipped (${report.skipped.length}):`, ...report.skipped.map((s) => `  ${oneLine(s.message)}`));
  }
  if (report.label) lines.push('', `label ${JSON.stringify(report.label.name)} ${report.label.ok ? 'ok' : 'FAILED'}: ${oneLine(report.label.message)}`);
  if (report.dataWarnings.length > 0) {
    lines.push('', 'data warnings:', ...report.dataWarnings.map((w) => `  ${oneLine(w.message)}`));
  }
  lines.push('', `thresholds: ${driftThresholds(report)}`);
  return `${lines.join('\n')}\n`;
}

function renderCalibrationText(report: CalibrationReport): string {
  const tolerancePoints = `${+(report.options.tolerance * 100).toFixed(6)} points`;
  const lines = [
    `GRADIENT calibration: ${report.status.toUpperCase()}`,
    report.verdict,
    '',
    `file ${oneLine(report.path)}: confidence ${JSON.stringify(report.columns.confidence)}, outcome ${JSON.stringify(report.columns.correct)}; ` +
      `${formatCount(report.rows)} rows used` +
      (report.skippedRows > 0 ? `, ${formatCount(report.skippedRows)} skipped (missing values)` : ''),
    '',
  ];
  const header = ['bin', 'count', 'confidence', 'accuracy', 'gap', `within ${tolerancePoints}`];
  const rows = report.bins.map((b) => [
    `${b.lower.toFixed(2)}-${b.upper.toFixed(2)}`,
    formatCount(b.count),
    formatStatistic(b.confidence),
    formatStatistic(b.accuracy),
    formatStatistic(b.gap),
    b.withinTolerance ? 'yes' : 'NO',
  ]);
  lines.push(...alignedTable(header, rows, ['left', 'right', 'right', 'right', 'right', 'left']));
  lines.push(
    '',
    `ECE ${formatStatistic(report.ece)}  MCE ${formatStatistic(report.mce)}  ACE ${formatStatistic(report.ace)}  Brier ${formatStatistic(report.brier)}`,
    `bins: ${report.options.bins} ${report.options.strategy} (empty bins dropped); tolerance ${tolerancePoints} per bin`,
  );
  return `${lines.join('\n')}\n`;
}

/** "12, 40, 41 and 7 more" */
function listRows(rows: readonly number[], max = 20): string {
  const shown = rows.slice(0, max).join(', ');
  return rows.length > max ? `${shown} and ${rows.length - max} more` : shown;
}

/** The CUSUM parameters sentence shared by the text and Markdown renderers. */
export function cusumParameters(report: CusumReport): string {
  const estimated = (flag: boolean) => (flag ? ` (estimated from the first ${report.warmup} values)` : '');
  return (
    `target ${formatMeasure(report.target)}${estimated(report.estimated.target)}, ` +
    `sigma ${formatMeasure(report.sigma)}${estimated(report.estimated.sigma)}${report.sigmaClamped ? ' (raised from 0: the warm-up never varied)' : ''}, ` +
    `k ${formatMeasure(report.k)}, h ${formatMeasure(report.h)}`
  );
}

function renderCusumText(report: CusumReport): string {
  const lines = [
    `GRADIENT cusum: ${report.status.toUpperCase()}`,
    report.verdict,
    '',
    `file ${oneLine(report.path)}: column ${JSON.stringify(report.column)}, ${formatCount(report.rows - report.skippedRows)} values` +
      (report.skippedRows > 0 ? ` (${formatCount(report.skippedRows)} row${report.skippedRows === 1 ? '' : 's'} without a value skipped)` : ''),
    `parameters: ${cusumParameters(report)}`,
  ];
  if (report.alarms.length > 0) lines.push(`alarms at rows (0-based): ${listRows(report.alarms)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * A report as plain text (the CLI's default `--format text`).
 *
 * @example
 * renderText(driftReport).split('\n')[0]; // "GRADIENT drift: DRIFT"
 */
export function renderText(report: GradientReport): string {
  switch (report.report) {
    case 'drift':
      return renderDriftText(report);
    case 'calibration':
      return renderCalibrationText(report);
    case 'cusum':
      return renderCusumText(report);
  }
}
