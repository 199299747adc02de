/**
 * GRADIENT's vocabulary: every word and number format a report shows to people — status names
 * and what they mean, p-value names, missing shares, roles, CUSUM parameters, the sentences that
 * explain a verdict. The report builders write their `reason` and `verdict` sentences with it, and
 * the text and Markdown renderers and the webview show the same words, so a terminal, a
 * pull-request comment and the panel never disagree. JSON keeps full precision.
 */

import { ENCODING_NAMES, type TextEncoding } from '../data/encoding';
import type { ColumnRole, DriftOptions } from './options';
import type { FileSummary } from './types';

/**
 * How a file was read, when that is worth saying: "read as Windows-1252" for a file not read as
 * UTF-8, '' for UTF-8 (the default) and Parquet. Shown next to the file in every rendering.
 *
 * @example
 * readAsText('windows-1252'); // => 'read as Windows-1252'
 */
export function readAsText(encoding: TextEncoding | undefined): string {
  return encoding === undefined || encoding === 'utf-8' ? '' : `read as ${ENCODING_NAMES[encoding]}`;
}

/** " (read as Windows-1252)" after a file name, or '' for UTF-8 and Parquet. */
export function readAsNote(encoding: FileSummary['encoding']): string {
  const text = readAsText(encoding);
  return text === '' ? '' : ` (${text})`;
}

/** "1,200 rows", or "1,200 rows, read as Windows-1252". */
export function fileDetails(file: FileSummary): string {
  return [`${formatCount(file.rows)} rows`, readAsText(file.encoding)].filter((part) => part !== '').join(', ');
}

/** p-values: 4 decimals down to 0.001, then one significant digit in exponent form. */
export function formatPValue(p: number): string {
  if (p === 0) return '0';
  if (p >= 1e-3) return p.toFixed(4);
  return p.toExponential(1);
}

/** Statistics in [0, 1] or near it (KS D, PSI, JS): 4 decimals. */
export function formatStatistic(x: number): string {
  return x.toFixed(4);
}

/**
 * Values in the data's own units (Wasserstein, means): 4 significant digits without trailing
 * zeros; from 10,000 on the whole number with thousands separators (51,740 rather than 5.174e+4);
 * an exponent only below 0.001 and from 10^15.
 */
export function formatMeasure(x: number): string {
  if (x === 0) return '0';
  const magnitude = Math.abs(x);
  if (magnitude >= 1e4 && magnitude < 1e15) return `${x < 0 ? '-' : ''}${formatCount(Math.round(magnitude))}`;
  if (magnitude >= 1e-3 && magnitude < 1e4) {
    const text = x.toPrecision(4);
    return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
  }
  return x.toExponential(3).replace(/\.?0+e/, 'e');
}

/** 1234567 -> "1,234,567" (no locale: the same output everywhere). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * An instant from a report's JSON (ISO 8601 in UTC) as people read it: "2024-04-01 00:00:24 UTC",
 * milliseconds only when there are some. Text that is not such an instant is returned as it is.
 */
export function formatInstant(iso: string): string {
  const match = /^(\d{4,}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d+)?Z$/.exec(iso);
  if (!match) return iso;
  const fraction = match[3] && /[1-9]/.test(match[3]) ? match[3] : '';
  return `${match[1]} ${match[2]}${fraction} UTC`;
}

/** A share as a percentage with one decimal: 0.0123 -> "1.2%". */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** A threshold as given (0.25 stays "0.25"). */
export function formatThreshold(x: number): string {
  return String(x);
}

/**
 * Characters a terminal acts on instead of showing, or that make a line read other than it is:
 * C0 controls and DEL (ESC starts colour, cursor and title sequences), C1 controls (U+009B is a
 * CSI to xterm and others), the bidirectional controls that reorder what follows (Trojan Source,
 * CVE-2021-42574), and the Unicode line and paragraph separators.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with every control character made visible, for anything printed: a tab or a line break
 * becomes a space (a newline stays one with `newlines: 'keep'`, for a whole rendered report), every
 * other is written `\u001b` as JSON writes it. So a column named with ESC or U+202E prints as what
 * it is instead of recolouring the terminal or reversing the line. The text and Markdown renderers
 * pass every field and their whole output through it, the CLI every stderr line; JSON too, where a
 * `\u` escape parses back to the same string.
 *
 * @example
 * escapeControls('acc\x1b[31m\u202e'); // => 'acc\\u001b[31m\\u202e'
 */
export function escapeControls(text: string, newlines: 'keep' | 'space' = 'space'): string {
  return text.replace(CONTROL_CHARACTERS, (c) =>
    c === '\n' && newlines === 'keep' ? c : '\t\n\v\f\r'.includes(c) ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Statuses

/** Every status a report or a column can have. */
export type Status = 'ok' | 'small' | 'insufficient' | 'warning' | 'drift' | 'skipped' | 'miscalibrated' | 'alarm';

/** The words for each status, and what it claims. */
export const STATUS_WORDS: Readonly<Record<Status, { readonly label: string; readonly meaning: string }>> = {
  ok: { label: 'ok', meaning: 'no change beyond what sampling noise explains' },
  small: { label: 'detectable but small', meaning: 'a real change, but below the effect-size floor' },
  insufficient: { label: 'insufficient data', meaning: 'too few rows to tell a material change from noise' },
  warning: { label: 'warning', meaning: 'a change worth a look: PSI above the alert level, or missing values above the budget' },
  drift: { label: 'drift', meaning: 'a material change, with evidence strong enough at these sample sizes' },
  skipped: { label: 'not tested', meaning: 'not compared as a feature (its role, or no data on one side)' },
  miscalibrated: { label: 'miscalibrated', meaning: 'a bin is off by more than the tolerance beyond its uncertainty' },
  alarm: { label: 'alarm', meaning: 'the CUSUM crossed its threshold' },
};

/** Severity for sorting, mildest first; statuses of one report compare meaningfully. */
export const STATUS_RANK: Readonly<Record<Status, number>> = {
  skipped: -1,
  ok: 0,
  small: 1,
  insufficient: 2,
  warning: 3,
  drift: 4,
  miscalibrated: 4,
  alarm: 4,
};

/** The look a status has: green, neutral grey, yellow, red. */
export type StatusTone = 'ok' | 'neutral' | 'warning' | 'problem';

export function statusTone(status: Status): StatusTone {
  switch (status) {
    case 'ok':
      return 'ok';
    case 'small':
    case 'insufficient':
    case 'skipped':
      return 'neutral';
    case 'warning':
      return 'warning';
    default:
      return 'problem';
  }
}

/** A status as Markdown: a coloured mark before the words (the words carry the meaning). */
export function statusMark(status: Status): string {
  const mark = { ok: '🟢', neutral: '⚪', warning: '🟡', problem: '🔴' }[statusTone(status)];
  return `${mark} ${STATUS_WORDS[status].label}`;
}

// ---------------------------------------------------------------------------------------------
// Tests, bins, roles

type Correction = DriftOptions['correction'];

/** "p", "Bonferroni-adjusted p", "BH-adjusted p". */
export function pValueName(correction: Correction): string {
  return correction === 'none' ? 'p' : correction === 'bonferroni' ? 'Bonferroni-adjusted p' : 'BH-adjusted p';
}

/** "none", "Bonferroni", "Benjamini-Hochberg". */
export function correctionName(correction: Correction): string {
  return correction === 'none' ? 'none' : correction === 'bonferroni' ? 'Bonferroni' : 'Benjamini-Hochberg';
}

/** How a column's PSI bins were made, in words. */
export const BINNING_WORDS = {
  quantile: 'quantile bins of the reference',
  uniform: "equal-width bins over the reference's range",
  sturges: "Sturges bins over both files' range",
  values: 'one bin per value (few distinct values), rare values pooled',
  categories: 'one bin per category, rare categories pooled',
} as const;

/** What each role means in a drift report. */
export const ROLE_WORDS: Readonly<Record<ColumnRole, string>> = {
  feature: 'feature: drift-tested',
  identifier: 'identifier: not a feature; the report gives the share of identifiers never seen in the reference',
  time: "time: not a feature; the report gives each file's time range",
  label: 'label: its class balance is checked, it is not drift-tested',
  ignore: 'ignored',
};

/** The name shown for the bucket of pooled rare levels. */
export function pooledName(levels: number, what: 'categories' | 'values'): string {
  const singular = what === 'categories' ? 'category' : 'value';
  return `${formatCount(levels)} rare ${levels === 1 ? singular : what} (pooled)`;
}

// ---------------------------------------------------------------------------------------------
// Missing values

/** The share of a side's rows without a value. */
export function missingShare(side: { readonly count: number; readonly missing: number }): number {
  const rows = side.count + side.missing;
  return rows === 0 ? 0 : side.missing / rows;
}

/** "0.6% → 97.5%" (arrow "->" for plain text). */
export function missingChangeText(reference: number, current: number, arrow = '→'): string {
  return `${formatPercent(reference)} ${arrow} ${formatPercent(current)}`;
}

/** A change of a share in percentage points, signed: 0.032 -> "+3.2 pp", -0.005 -> "−0.5 pp". */
export function formatPointsChange(change: number): string {
  const points = Math.round(change * 1000) / 10;
  if (points === 0) return '0 pp';
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pp`;
}

// ---------------------------------------------------------------------------------------------
// CUSUM

/** k or h in both units: "0.15 (0.5 σ)". */
export function sigmaUnits(value: number, sigmas: number): string {
  return `${formatMeasure(value)} (${formatMeasure(sigmas)} σ)`;
}

/** An average run length, rounded for reading: 20,000; 1.2 million. */
export function formatRunLength(points: number): string {
  if (!Number.isFinite(points)) return 'never';
  if (points >= 1e6) return `${+(points / 1e6).toPrecision(3)} million`;
  return formatCount(Math.round(points));
}

/** "12, 40, 41 and 7 more" */
export function listPositions(positions: readonly number[], max = 20): string {
  const shown = positions.slice(0, max).join(', ');
  return positions.length > max ? `${shown} and ${positions.length - max} more` : shown;
}

// ---------------------------------------------------------------------------------------------
// Small grammar

/** "1 column", "3 columns". */
export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${formatCount(count)} ${count === 1 ? word : pluralWord}`;
}

/** A tolerance in percentage points: 0.05 -> "5 points". */
export function formatPoints(share: number): string {
  const points = +(share * 100).toFixed(6);
  return `${points} point${points === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------------------------------------
// Rules, as the reports state them

/** The drift rules in brief, for the panel's header (the full sentence is `driftRules`). */
export function driftRulesBrief(options: DriftOptions): string {
  const p = pValueName(options.correction);
  return (
    `drift: ${p} ≤ ${formatThreshold(options.alpha)} with PSI ≥ ${formatThreshold(options.minEffect)} beyond noise, or PSI > ${formatThreshold(options.psiDrift)} beyond noise · ` +
    `warning: PSI > ${formatThreshold(options.psiWarning)} beyond noise, or missing share > ${formatPercent(options.missingBudget)}`
  );
}

/** The drift rules of a report's options, in one sentence (text, Markdown and the panel's header). */
export function driftRules(options: DriftOptions & { readonly psiEpsilon: number }): string {
  const p = pValueName(options.correction);
  const strategy = options.psiStrategy === 'sturges' ? "Sturges bins over both files' range" : `${options.psiBins} ${options.psiStrategy} bins of the reference`;
  return (
    `drift when the column's test (KS for numbers, chi-square for categories) has ${p} ≤ ${formatThreshold(options.alpha)} ` +
    `and PSI, less its expected noise, is at least ${formatThreshold(options.minEffect)} (smaller: detectable but small), ` +
    `or PSI beyond its noise is above ${formatThreshold(options.psiDrift)}, or the missing share moves that much; ` +
    `warning when PSI beyond its noise is above ${formatThreshold(options.psiWarning)}, or the missing share rises above ${formatPercent(options.missingBudget)}; ` +
    `insufficient data when these sample sizes cannot detect a PSI of ${formatThreshold(options.psiDrift)}; ` +
    `PSI over ${strategy} (one bin per value when a column has no more distinct values; rare categories and values pooled; empty bins ${options.psiEpsilon}); ` +
    `correction ${options.correction}; extreme values beyond ${formatThreshold(options.extremeSigmas)} reference sd`
  );
}

/** The calibration rule of a report's options, in one sentence. */
export function calibrationRule(options: { readonly bins: number; readonly strategy: string; readonly tolerance: number; readonly alpha: number }): string {
  const points = formatPoints(options.tolerance);
  return (
    `${options.bins} ${options.strategy} bins (empty bins dropped); a bin is off when its ${+((1 - options.alpha) * 100).toFixed(6)}% Clopper-Pearson interval ` +
    `lies wholly outside ${points} of its confidence; calibrated when no bin is off and every bin is within ${points}`
  );
}

/** What an engine that holds the data is doing, for progress in the CLI and the editor. */
export function queryingMessage(engine: string, round: 'profile' | 'comparison'): string {
  return round === 'profile' ? `${engine}: profiling every column (round 1 of 2)` : `${engine}: counting what the comparison needs (round 2 of 2)`;
}

const ENGINE_NAMES: Readonly<Record<string, string>> = { duckdb: 'DuckDB', postgresql: 'PostgreSQL', 'exported aggregates': 'exported query results' };

/** Which engine counted the data, when it was not memory: "DuckDB (every statistic exact)"; empty for memory. */
export function engineNote(engine: string): string {
  return engine === 'memory' ? '' : `${ENGINE_NAMES[engine] ?? engine} (every statistic exact)`;
}
