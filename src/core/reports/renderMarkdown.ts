/**
 * Reports as GitHub-flavoured Markdown, for a pull-request comment: a heading with the status,
 * the verdict in bold, a table with the most severe columns first, and the thresholds used.
 */

import { bySeverity } from './driftReport';
import { cusumParameters, driftFields } from './renderText';
import type { CalibrationReport, CusumReport, DriftReport, GradientReport } from './types';
import { calibrationRule, driftRules, engineNote, fileDetails, formatCount, formatMeasure, formatPoints, formatStatistic, listPositions, escapeControls, readAsNote, statusMark } from './vocabulary';

/** Text inside a table cell: pipes escaped, one line. */
function cell(text: string): string {
  return escapeControls(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

/** A name as inline code, safe inside a table cell (backticks in the name get a longer fence). */
export function code(text: string): string {
  const clean = escapeControls(text).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || clean.startsWith(' ') || clean.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** Plain text that must not turn into Markdown (file names with `_` or `*`). */
function escapeText(text: string): string {
  return escapeControls(text).replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

function table(header: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[]): string[] {
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `|${right.map((r) => (r ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

function renderDriftMarkdown(report: DriftReport): string {
  const fields = driftFields(report);
  const ordered = bySeverity(report.columns);
  const rows = ordered.map((column) =>
    fields.map((field, j) => (j === 0 ? statusMark(column.status) : field.header === 'column' ? code(column.name) : cell(field.cell(column, '→')))),
  );
  const lines = [
    `### GRADIENT drift report: ${statusMark(report.summary.status)}`,
    '',
    `**${escapeText(report.summary.verdict)}**`,
    '',
    `Reference ${code(report.reference.path)} (${fileDetails(report.reference)}) · ` +
      `current ${code(report.current.path)} (${fileDetails(report.current)})` +
      (engineNote(report.engine) ? ` · counted by ${engineNote(report.engine)}` : ''),
    '',
    ...table(
      fields.map((f) => f.header.replace('->', '→')),
      rows,
      fields.map((f) => f.align === 'right'),
    ),
    '',
    '**Why**',
    '',
    ...ordered.map((c) => `- ${code(c.name)}: ${escapeText(c.reason)}`),
  ];
  const notes = report.columns.filter((c) => c.note);
  if (notes.length > 0) {
    lines.push('', '**Notes**', '', ...notes.map((c) => `- ${code(c.name)}: ${escapeText(c.note!)}`));
  }
  if (report.skipped.length > 0) {
    lines.push('', `**Not tested (${report.skipped.length})**`, '', ...report.skipped.map((s) => `- ${code(s.name)}: ${escapeText(s.message)}`));
  }
  if (report.label) {
    lines.push('', `**Label** ${code(report.label.name)}: ${report.label.ok ? '✅' : '❌'} ${escapeText(report.label.message)}`);
  }
  if (report.dataWarnings.length > 0) {
    lines.push('', '**Data warnings**', '', ...report.dataWarnings.map((w) => `- ${escapeText(w.message)}`));
  }
  lines.push('', `Rules: ${escapeText(driftRules(report.options))}.`);
  return `${lines.join('\n')}\n`;
}

function renderCalibrationMarkdown(report: CalibrationReport): string {
  const points = formatPoints(report.options.tolerance);
  const level = `${+((1 - report.options.alpha) * 100).toFixed(6)}% interval`;
  const rows = report.bins.map((b) => [
    `${b.lower.toFixed(2)}–${b.upper.toFixed(2)}`,
    formatCount(b.count),
    formatStatistic(b.confidence),
    formatStatistic(b.accuracy),
    `${formatStatistic(b.interval.lower)}–${formatStatistic(b.interval.upper)}`,
    formatStatistic(b.gap),
    b.evidence === 'outside' ? '❌' : b.withinTolerance ? (b.tooFew ? '✅ (too few to confirm)' : '✅') : '❔ uncertain',
  ]);
  const lines = [
    `### GRADIENT calibration report: ${statusMark(report.status)}`,
    '',
    `**${escapeText(report.verdict)}**`,
    '',
    `File ${code(report.path)}${readAsNote(report.encoding)}: confidence ${code(report.columns.confidence)}, outcome ${code(report.columns.correct)}; ` +
      `${formatCount(report.rows)} rows used` +
      (report.skippedRows > 0 ? `, ${formatCount(report.skippedRows)} skipped (missing values)` : '') +
      '.',
    '',
    ...table(['bin', 'count', 'confidence', 'accuracy', level, 'gap', `within ${points}`], rows, [false, true, true, true, true, true, false]),
    '',
    `ECE ${formatStatistic(report.ece)} · MCE ${formatStatistic(report.mce)} · ACE ${formatStatistic(report.ace)} · Brier ${formatStatistic(report.brier)}`,
    '',
    `Rule: ${escapeText(calibrationRule(report.options))}.`,
  ];
  return `${lines.join('\n')}\n`;
}

function renderCusumMarkdown(report: CusumReport): string {
  const order = report.sortedBy === null ? 'file order' : `sorted by ${code(report.sortedBy)}`;
  const lines = [
    `### GRADIENT CUSUM report: ${statusMark(report.status)}`,
    '',
    `**${escapeText(report.verdict)}**`,
    '',
    `File ${code(report.path)}${readAsNote(report.encoding)}, column ${code(report.column)} (${report.series === 'bernoulli' ? '0/1 outcomes' : 'numbers'}): ${formatCount(report.rows - report.skippedRows)} values, ${order}` +
      (report.skippedRows > 0 ? ` (${formatCount(report.skippedRows)} row${report.skippedRows === 1 ? '' : 's'} without a value skipped)` : '') +
      '.',
    '',
  ];
  if (report.alarms.length > 0) lines.push(`Alarms at positions (0-based, ${order}): ${listPositions(report.alarms)}.`, '');
  const peak = report.statistic.reduce<number>((m, s) => (s !== null && s > m ? s : m), 0);
  lines.push(`Design: ${escapeText(cusumParameters(report))}; highest statistic ${formatMeasure(peak)}.`);
  return `${lines.join('\n')}\n`;
}

/**
 * A report as Markdown (the CLI's `--format markdown`), ready to post as a pull-request comment.
 *
 * @example
 * renderMarkdown(driftReport).split('\n')[0]; // "### GRADIENT drift report: 🔴 drift"
 */
export function renderMarkdown(report: GradientReport): string {
  // Escaped as the text is: Markdown is printed to terminals too (stdout), and a pull-request page
  // would show a bidi override as reordered text.
  return escapeControls(markdownOf(report), 'keep');
}

function markdownOf(report: GradientReport): string {
  switch (report.report) {
    case 'drift':
      return renderDriftMarkdown(report);
    case 'calibration':
      return renderCalibrationMarkdown(report);
    case 'cusum':
      return renderCusumMarkdown(report);
  }
}
