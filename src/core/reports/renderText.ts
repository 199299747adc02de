/**
 * Reports as plain text for a terminal or a CI log: a verdict line, then an aligned table, then
 * the reason for every column that is not ok. No colour and no box drawing, so the output reads
 * the same in a log file. Every word comes from `vocabulary.ts`.
 */

import { bySeverity } from './driftReport';
import type { CalibrationReport, CusumReport, DriftColumn, DriftReport, GradientReport } from './types';
import {
  STATUS_WORDS,
  calibrationRule,
  driftRules,
  formatCount,
  formatMeasure,
  formatPValue,
  formatPercent,
  formatPoints,
  formatRunLength,
  formatStatistic,
  listPositions,
  escapeControls,
  missingChangeText,
  pValueName,
  engineNote,
  fileDetails,
  readAsNote,
  sigmaUnits,
} from './vocabulary';

export type Align = 'left' | 'right';

/**
 * Rows of cells as an aligned plain-text table: each column padded to its widest cell, two
 * spaces between columns, no trailing spaces. Widths count code points, so names with accents
 * stay aligned (wide CJK characters do not: terminals disagree on them).
 */
export function alignedTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[]): string[] {
  const all = [header, ...rows];
  const width = (s: string) => [...s].length;
  const widths = header.map((_, j) => Math.max(...all.map((row) => width(row[j] ?? ''))));
  return all.map((row) =>
    row
      .map((cell, j) => {
        const pad = ' '.repeat(widths[j] - width(cell));
        return align[j] === 'right' ? pad + cell : j === row.length - 1 ? cell : cell + pad;
      })
      .join('  ')
      // Not `.replace(/\s+$/, '')`: that regex is quadratic in a run of spaces before a last cell.
      .trimEnd(),
  );
}

/** One column of the drift table: its header, how it aligns, and its cell. */
interface DriftField {
  readonly header: string;
  readonly align: Align;
  readonly cell: (column: DriftColumn, arrow: string) => string;
}

/** The drift table's fields; the adjusted p-value only when a correction was applied. */
export function driftFields(report: DriftReport): DriftField[] {
  const fields: DriftField[] = [
    { header: 'status', align: 'left', cell: (c) => STATUS_WORDS[c.status].label },
    { header: 'column', align: 'left', cell: (c) => c.name },
    { header: 'kind', align: 'left', cell: (c) => c.kind },
    { header: 'PSI', align: 'right', cell: (c) => formatStatistic(c.psi) },
    { header: 'PSI - noise', align: 'right', cell: (c) => formatStatistic(c.psiDebiased) },
    { header: 'test', align: 'left', cell: (c) => (c.kind === 'numeric' ? 'KS' : `chi2(${c.chiSquare.dof})`) },
    { header: 'statistic', align: 'right', cell: (c) => (c.kind === 'numeric' ? formatStatistic(c.ks.statistic) : formatMeasure(c.chiSquare.statistic)) },
    { header: 'p-value', align: 'right', cell: (c) => formatPValue(c.kind === 'numeric' ? c.ks.pValue : c.chiSquare.pValue) },
  ];
  if (report.options.correction !== 'none') {
    fields.push({ header: pValueName(report.options.correction), align: 'right', cell: (c) => formatPValue(c.pValue) });
  }
  fields.push(
    { header: 'n ref', align: 'right', cell: (c) => formatCount(c.reference.count) },
    { header: 'n cur', align: 'right', cell: (c) => formatCount(c.current.count) },
    { header: 'missing ref -> cur', align: 'left', cell: (c, arrow) => missingChangeText(c.missing.reference, c.missing.current, arrow) },
    { header: 'W / sd', align: 'right', cell: (c) => (c.kind === 'numeric' && c.wassersteinNormalized !== null ? formatStatistic(c.wassersteinNormalized) : '-') },
    {
      header: `> ${formatMeasure(report.options.extremeSigmas)} sd / new`,
      align: 'right',
      cell: (c) => (c.kind === 'numeric' ? (c.extremeValues ? formatCount(c.extremeValues.beyondSigmas) : '-') : `${formatCount(c.newCategories)} new`),
    },
  );
  return fields;
}

function renderDriftText(report: DriftReport): string {
  const lines = [
    `GRADIENT drift: ${STATUS_WORDS[report.summary.status].label.toUpperCase()}`,
    report.summary.verdict,
    '',
    `reference: ${escapeControls(report.reference.path)} (${fileDetails(report.reference)})`,
    `current:   ${escapeControls(report.current.path)} (${fileDetails(report.current)})`,
    ...(engineNote(report.engine) ? [`counted:   ${engineNote(report.engine)}`] : []),
    '',
  ];
  const fields = driftFields(report);
  const ordered = bySeverity(report.columns);
  lines.push(...alignedTable(fields.map((f) => f.header), ordered.map((c) => fields.map((f) => escapeControls(f.cell(c, '->')))), fields.map((f) => f.align)));
  lines.push('', 'why:', ...ordered.map((c) => `  ${escapeControls(c.name)}: ${STATUS_WORDS[c.status].label}: ${escapeControls(c.reason)}`));
  const notes = report.columns.filter((c) => c.note).map((c) => `  ${escapeControls(c.name)}: ${escapeControls(c.note!)}`);
  if (notes.length > 0) lines.push('', 'notes:', ...notes);
  if (report.skipped.length > 0) {
    lines.push('', `not tested (${report.skipped.length}):`, ...report.skipped.map((s) => `  ${escapeControls(s.message)}`));
  }
  if (report.label) lines.push('', `label ${JSON.stringify(report.label.name)} ${report.label.ok ? 'ok' : 'FAILED'}: ${escapeControls(report.label.message)}`);
  if (report.dataWarnings.length > 0) {
    lines.push('', 'data warnings:', ...report.dataWarnings.map((w) => `  ${escapeControls(w.message)}`));
  }
  lines.push('', `rules: ${driftRules(report.options)}`);
  return `${lines.join('\n')}\n`;
}

function renderCalibrationText(report: CalibrationReport): string {
  const lines = [
    `GRADIENT calibration: ${STATUS_WORDS[report.status].label.toUpperCase()}`,
    report.verdict,
    '',
    `file ${escapeControls(report.path)}${readAsNote(report.encoding)}: confidence ${JSON.stringify(report.columns.confidence)}, outcome ${JSON.stringify(report.columns.correct)}; ` +
      `${formatCount(report.rows)} rows used` +
      (report.skippedRows > 0 ? `, ${formatCount(report.skippedRows)} skipped (missing values)` : ''),
    '',
  ];
  const level = `${+((1 - report.options.alpha) * 100).toFixed(6)}% interval`;
  const header = ['bin', 'count', 'confidence', 'accuracy', level, 'gap', `within ${formatPoints(report.options.tolerance)}`];
  const rows = report.bins.map((b) => [
    `${b.lower.toFixed(2)}-${b.upper.toFixed(2)}`,
    formatCount(b.count),
    formatStatistic(b.confidence),
    formatStatistic(b.accuracy),
    `${formatStatistic(b.interval.lower)}-${formatStatistic(b.interval.upper)}`,
    formatStatistic(b.gap),
    b.evidence === 'outside' ? 'NO' : b.withinTolerance ? (b.tooFew ? 'yes (too few to confirm)' : 'yes') : 'uncertain',
  ]);
  lines.push(...alignedTable(header, rows, ['left', 'right', 'right', 'right', 'right', 'right', 'left']));
  lines.push(
    '',
    `ECE ${formatStatistic(report.ece)}  MCE ${formatStatistic(report.mce)}  ACE ${formatStatistic(report.ace)}  Brier ${formatStatistic(report.brier)}`,
    `rule: ${calibrationRule(report.options)}`,
  );
  return `${lines.join('\n')}\n`;
}

/** The CUSUM design in one sentence, shared by the text and Markdown renderers. */
export function cusumParameters(report: CusumReport): string {
  const estimated = (flag: boolean, bound: string) => (flag ? ` (the ${bound} 90% bound from the first ${report.warmup} values)` : '');
  const sigma =
    report.series === 'bernoulli'
      ? `sigma ${formatMeasure(report.sigma)} (√(p(1 − p)) of a 0/1 series)`
      : `sigma ${formatMeasure(report.sigma)}${estimated(report.estimated.sigma, 'upper')}`;
  const h = report.hSource === 'arl0' ? `, set for an in-control ARL of at least ${formatRunLength(report.options.arl0)}` : ', as given';
  const delay = report.detection.delay === null ? '' : `; a drop of ${formatMeasure(report.detection.shift)} is caught after ${formatRunLength(report.detection.delay)} values on average`;
  return (
    `target ${formatMeasure(report.target)}${estimated(report.estimated.target, 'lower')}, ${sigma}, ` +
    `k ${sigmaUnits(report.k, report.kSigmas)}, h ${sigmaUnits(report.h, report.hSigmas)}${h}; ` +
    `in-control ARL ${formatRunLength(report.arl0)} (${formatPercent(report.falseAlarmChance)} chance of a false alarm over this series)${delay}`
  );
}

function renderCusumText(report: CusumReport): string {
  const order = report.sortedBy === null ? 'file order' : `sorted by ${JSON.stringify(report.sortedBy)}`;
  const lines = [
    `GRADIENT cusum: ${STATUS_WORDS[report.status].label.toUpperCase()}`,
    report.verdict,
    '',
    `file ${escapeControls(report.path)}${readAsNote(report.encoding)}: column ${JSON.stringify(report.column)} (${report.series === 'bernoulli' ? '0/1 outcomes' : 'numbers'}), ${formatCount(report.rows - report.skippedRows)} values, ${order}` +
      (report.skippedRows > 0 ? ` (${formatCount(report.skippedRows)} row${report.skippedRows === 1 ? '' : 's'} without a value skipped)` : ''),
    `design: ${cusumParameters(report)}`,
  ];
  if (report.alarms.length > 0) lines.push(`alarms at positions (0-based, ${order}): ${listPositions(report.alarms)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * A report as plain text (the CLI's default `--format text`).
 *
 * @example
 * renderText(driftReport).split('\n')[0]; // "GRADIENT drift: DRIFT"
 */
export function renderText(report: GradientReport): string {
  // Fields are escaped one by one to stay on their line; the whole pass catches every sentence
  // that quotes a name (JSON.stringify leaves C1 and bidi controls raw).
  return escapeControls(textOf(report), 'keep');
}

function textOf(report: GradientReport): string {
  switch (report.report) {
    case 'drift':
      return renderDriftText(report);
    case 'calibration':
      return renderCalibrationText(report);
    case 'cusum':
      return renderCusumText(report);
  }
}
