/**
 * Reports as GitHub-flavoured Markdown, for a pull-request comment: a heading with the status,
 * the verdict in bold, a table with the most severe columns first, and the thresholds used.
 */

import { bySeverity } from './driftReport';
import { formatCount, formatMeasure, formatStatistic, oneLine } from './format';
import { cusumParameters, driftCells, driftHeader, driftThresholds } from './renderText';
import type { CalibrationReport, CusumReport, DriftReport, GradientReport } from './types';

const STATUS_MARK: Record<string, string> = {
  drift: '🔴 drift',
  warning: '🟡 warning',
  ok: '🟢 ok',
  miscalibrated: '🔴 miscalibrated',
  alarm: '🔴 alarm',
};

/** Text inside a table cell: pipes escaped, one line. */
function cell(text: string): string {
  return oneLine(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

/** A name as inline code, safe inside a table cell (backticks in the name get a longer fence). */
export function code(text: string): string {
  const clean = oneLine(text).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || clean.startsWith(' ') || clean.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** Plain text that must not turn into Markdown (file names with `_` or `*`). */
function escapeText(text: string): string {
  return oneLine(text).replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

function table(header: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[]): string[] {
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `|${right.map((r) => (r ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

function renderDriftMarkdown(report: DriftReport): string {
  const withAdjusted = report.options.correction !== 'none';
  const header = driftHeader(report, withAdjusted).map((h) => (h === 'missing ref -> cur' ? 'missing ref → cur' : h));
  const right = header.map((_, j) => !(j < 3 || j === 4 || j === header.length - 2));
  const rows = bySeverity(report.columns).map((column) => {
    const cells = driftCells(column, withAdjusted, '→').map(cell);
    cells[0] = STATUS_MARK[column.status];
    cells[1] = code(column.name);
    return cells;
  });
  const lines = [
    `### GRADIENT drift report: ${STATUS_MARK[report.summary.status]}`,
    '',
    `**${escapeText(report.summary.verdict)}**`,
    '',
    `Reference ${code(report.reference.path)} (${formatCount(report.reference.rows)} rows) · ` +
      `current ${code(report.current.path)} (${formatCount(report.current.rows)} rows)`,
    '',
    ...table(header, rows, right),
  ];
  const notes = report.columns.filter((c) => c.note);
  if (notes.length > 0) {
    lines.push('', '**Notes**', '', ...notes.map((c) => `- ${code(c.name)}: ${escapeText(c.note!)}`));
  }
  if (report.skipped.length > 0) {
    lines.push('', `**Skipped (${report.skipped.length})**`, '', ...report.skipped.map((s) => `- ${code(s.name)}: ${escapeText(s.message)}`));
  }
  if (report.label) {
    lines.push('', `**Label** ${code(report.label.name)}: ${report.label.ok ? '✅' : '❌'} ${escapeText(report.label.message)}`);
  }
  if (report.dataWarnings.length > 0) {
    lines.push('', '**Data warnings**', '', ...report.dataWarnings.map((w) => `- ${escapeText(w.message)}`));
  }
  lines.push('', `Thresholds: ${escapeText(driftThresholds(report))}.`);
  return `${lines.join('\n')}\n`;
}

function renderCalibrationMarkdown(report: CalibrationReport): string {
  const points = `${+(report.options.tolerance * 100).toFixed(6)} points`;
  const rows = report.bins.map((b) => [
    `${b.lower.toFixed(2)}–${b.upper.toFixed(2)}`,
    formatCount(b.count),
    formatStatistic(b.confidence),
    formatStatistic(b.accuracy),
    formatStatistic(b.gap),
    b.withinTolerance ? '✅' : '❌',
  ]);
  const lines = [
    `### GRADIENT calibration report: ${STATUS_MARK[report.status]}`,
    '',
    `**${escapeText(report.verdict)}**`,
    '',
    `File ${code(report.path)}: confidence ${code(report.columns.confidence)}, outcome ${code(report.columns.correct)}; ` +
      `${formatCount(report.rows)} rows used` +
      (report.skippedRows > 0 ? `, ${formatCount(report.skippedRows)} skipped (missing values)` : '') +
      '.',
    '',
    ...table(['bin', 'count', 'confidence', 'accuracy', 'gap', `within ${points}`], rows, [false, true, true, true, true, false]),
    '',
    `ECE ${formatStatistic(report.ece)} · MCE ${formatStatistic(report.mce)} · ACE ${formatStatistic(report.ace)} · Brier ${formatStatistic(report.brier)}`,
    '',
    `Thresholds: ${report.options.bins} ${report.options.strategy} bins (empty bins dropped); every bin within ${points} of its confidence.`,
  ];
  return `${lines.join('\n')}\n`;
}

function renderCusumMarkdown(report: CusumReport): string {
  const shown = report.alarms.slice(0, 20).join(', ');
  const more = report.alarms.length > 20 ? ` and ${report.alarms.length - 20} more` : '';
  const lines = [
    `### GRADIENT CUSUM report: ${STATUS_MARK[report.status]}`,
    '',
    `**${escapeText(report.verdict)}**`,
    '',
    `File ${code(report.path)}, column ${code(report.column)}: ${formatCount(report.rows - report.skippedRows)} values` +
      (report.skippedRows > 0 ? ` (${formatCount(report.skippedRows)} row${report.skippedRows === 1 ? '' : 's'} without a value skipped)` : '') +
      '.',
    '',
  ];
  if (report.alarms.length > 0) lines.push(`Alarms at rows (0-based): ${shown}${more}.`, '');
  const peak = report.statistic.reduce<number>((m, s) => (s !== null && s > m ? s : m), 0);
  lines.push(`Parameters: ${escapeText(cusumParameters(report))}; highest statistic ${formatMeasure(peak)}.`);
  return `${lines.join('\n')}\n`;
}

/**
 * A report as Markdown (the CLI's `--format markdown`), ready to post as a pull-request comment.
 *
 * @example
 * renderMarkdown(driftReport).split('\n')[0]; // "### GRADIENT drift report: 🔴 drift"
 */
export function renderMarkdown(report: GradientReport): string {
  switch (report.report) {
    case 'drift':
      return renderDriftMarkdown(report);
    case 'calibration':
      return renderCalibrationMarkdown(report);
    case 'cusum':
      return renderCusumMarkdown(report);
  }
}
