/** The drift panel's charts: the PSI overview and the selected column's distributions. */

import * as Plot from '@observablehq/plot';
import type { DistributionSummary } from '../../src/core/reports/distributionSummary';
import type { CategoricalDriftColumn, DriftReport, DriftStatus, NumericDriftColumn } from '../../src/core/reports/types';
import {
  categoryRows,
  ecdfLines,
  formatMeasure,
  formatPercent,
  formatStatistic,
  histogramBars,
  psiBinRows,
  psiOverview,
  shareDomain,
  STATUS_WORDS,
} from '../chartData';
import { BINNING_WORDS } from '../../src/core/reports/vocabulary';
import type { DriftBinning } from '../../src/core/reports/types';
import type { Palette } from '../theme';
import { chartFigure, textWidth, truncate, type ChartContext } from './plotChart';

export function statusColor(palette: Palette, status: DriftStatus): string {
  return status === 'drift' ? palette.red : status === 'warning' ? palette.yellow : status === 'ok' ? palette.green : palette.muted;
}

/** Outlines for high contrast themes, where fills alone do not separate marks. */
function outline(palette: Palette): { stroke?: string; strokeWidth?: number } {
  return palette.highContrast ? { stroke: palette.foreground, strokeWidth: 1 } : {};
}

const shareFormat = (share: number) => formatPercent(share);

/** Text that stays readable over rules and marks: a background-colored outline behind it. */
function halo(palette: Palette): { fill: string; stroke: string; strokeWidth: number; paintOrder: string } {
  return { fill: palette.foreground, stroke: palette.background, strokeWidth: 3, paintOrder: 'stroke' };
}

/** Ticks for a square-root PSI axis: the thresholds' neighbourhood, then round numbers. */
function sqrtTicks(max: number): number[] {
  const ticks = [0, 0.1, 0.25, 0.5, 1];
  const steps = [2, 5, 10, 20, 50, 100, 200, 500, 1000];
  for (const step of steps) if (step <= max) ticks.push(step);
  return ticks.filter((t) => t <= max);
}

/**
 * PSI per column as horizontal bars in severity order, colored by status and labeled with the
 * value and the status word (so the status does not rest on color), with rules at the warning
 * and drift thresholds of the report's options. `onSelect` gets a bar's column name on click.
 */
export function psiOverviewChart(report: DriftReport, context: ChartContext, onSelect: (name: string) => void): HTMLElement {
  const { palette } = context;
  const overview = psiOverview(report);
  const { psiWarning, psiDrift } = report.options;
  const names = overview.rows.map((r) => r.name);
  const labelChars = 32;
  const marginLeft = Math.min(260, Math.max(70, Math.max(0, ...names.map((n) => textWidth(truncate(n, labelChars)))) + 14));
  const rowHeight = names.length > 25 ? 16 : 20;
  const limitNote = overview.omitted > 0 ? ` The ${overview.rows.length} most severe of ${overview.rows.length + overview.omitted} columns are drawn; the table lists all.` : '';
  const label = (r: { psi: number; status: DriftStatus }) => (r.status === 'ok' ? formatStatistic(r.psi) : `${formatStatistic(r.psi)} ${STATUS_WORDS[r.status].label}`);
  // PSI has no upper bound; past ~1.5 a square-root scale keeps the two thresholds apart.
  const sqrt = overview.domainMax > 1.5;
  const domainMax = overview.domainMax * (sqrt ? 1.35 : 1.18);
  return chartFigure(
    {
      title: 'PSI per column',
      description: `Population stability index of each column, most severe first. Warning above ${psiWarning}, drift above ${psiDrift} (dashed and solid rules).${limitNote}`,
      legend: [
        { label: 'drift', swatch: 'drift' },
        { label: 'warning', swatch: 'warning' },
        { label: 'ok', swatch: 'ok' },
        ...(overview.rows.some((r) => r.status === 'small' || r.status === 'insufficient') ? [{ label: 'insufficient data or detectable but small', swatch: 'neutral' as const }] : []),
      ],
      plot: {
        height: names.length * rowHeight + 56,
        marginLeft,
        marginTop: 28,
        marginRight: 16,
        x: {
          type: sqrt ? 'sqrt' : 'linear',
          domain: [0, domainMax],
          label: sqrt ? 'PSI (square-root scale) →' : 'PSI →',
          grid: true,
          nice: false,
          ...(sqrt ? { ticks: sqrtTicks(domainMax), tickFormat: (t: number) => String(t) } : {}),
        },
        y: { domain: names, label: null, tickFormat: (name: string) => truncate(name, labelChars), tickSize: 0 },
        marks: [
          Plot.barX(overview.rows, {
            x: 'psi',
            y: 'name',
            fill: (r) => statusColor(palette, r.status),
            fillOpacity: palette.highContrast ? 0.35 : 0.85,
            ...outline(palette),
            insetTop: 2,
            insetBottom: 2,
            title: (r) => `${r.name}\nPSI ${formatStatistic(r.psi)} (${r.status})`,
          }),
          Plot.ruleX([0], { stroke: palette.foreground, strokeOpacity: 0.6 }),
          Plot.ruleX([psiWarning], { stroke: palette.yellow, strokeWidth: 1.5, strokeDasharray: '5 3' }),
          Plot.ruleX([psiDrift], { stroke: palette.red, strokeWidth: 1.5 }),
          // Labels on the outer sides of their rules, so they do not collide when the rules are close.
          Plot.text([`warning ${psiWarning}`], { x: psiWarning, frameAnchor: 'top', dy: -10, dx: -4, textAnchor: 'end', fill: palette.foreground }),
          Plot.text([`drift ${psiDrift}`], { x: psiDrift, frameAnchor: 'top', dy: -10, dx: 4, textAnchor: 'start', fill: palette.foreground }),
          Plot.text(overview.rows, {
            x: 'psi',
            y: 'name',
            text: label,
            textAnchor: 'start',
            dx: 5,
            ...halo(palette),
          }),
        ],
      },
      data: {
        caption: 'PSI per column, most severe first',
        headers: ['Column', 'PSI', 'Status'],
        rows: overview.rows.map((r) => [r.name, formatStatistic(r.psi), STATUS_WORDS[r.status].label]),
        numeric: [1],
        ...(overview.omitted > 0 ? { note: `${overview.omitted} more columns in the table below.` } : {}),
      },
      afterRender: (svg) => {
        const bars = svg.querySelectorAll('g[aria-label="bar"] rect');
        bars.forEach((bar, i) => {
          const row = overview.rows[i];
          if (!row) return;
          bar.classList.add('selectable');
          bar.addEventListener('click', () => onSelect(row.name));
        });
      },
    },
    context,
  );
}

/** Overlaid histograms over the pooled range: reference filled, current as an outline. */
export function histogramChart(column: NumericDriftColumn, distribution: DistributionSummary, context: ChartContext): HTMLElement {
  const { palette } = context;
  const bars = histogramBars(distribution);
  const reference = bars.filter((b) => b.side === 'reference');
  const current = bars.filter((b) => b.side === 'current');
  const { edges } = distribution.histogram;
  // The current histogram's outline as a step line that starts and ends on the baseline.
  const outlinePoints = [
    { x: edges[0], y: 0 },
    ...current.map((b) => ({ x: b.x1, y: b.share })),
    { x: edges[edges.length - 1], y: current[current.length - 1]?.share ?? 0 },
    { x: edges[edges.length - 1], y: 0 },
  ];
  return chartFigure(
    {
      title: 'Histograms',
      description: `Share of each file's values of ${column.name} in ${reference.length} equal-width bins over the range of both files.`,
      legend: [
        { label: 'reference', swatch: 'reference' },
        { label: 'current', swatch: 'current-line' },
      ],
      plot: {
        height: 220,
        marginLeft: 48,
        x: { label: `${truncate(column.name, 40)} →`, domain: [edges[0], edges[edges.length - 1]] },
        y: { label: '↑ share of values (%)', grid: true, percent: true },
        marks: [
          Plot.rectY(reference, {
            x1: 'x1',
            x2: 'x2',
            y: 'share',
            fill: palette.reference,
            fillOpacity: palette.highContrast ? 0.3 : 0.45,
            ...(palette.highContrast ? { stroke: palette.reference, strokeWidth: 1 } : {}),
            insetLeft: 0.5,
            insetRight: 0.5,
            title: (b) => `reference: ${shareFormat(b.share)} in [${formatMeasure(b.x1)}, ${formatMeasure(b.x2)})`,
          }),
          Plot.line(outlinePoints, { x: 'x', y: 'y', curve: 'step-after', stroke: palette.current, strokeWidth: 2 }),
          Plot.rectY(current, {
            x1: 'x1',
            x2: 'x2',
            y: 'share',
            fill: 'transparent',
            title: (b) => `current: ${shareFormat(b.share)} in [${formatMeasure(b.x1)}, ${formatMeasure(b.x2)})`,
          }),
          Plot.ruleY([0], { stroke: palette.foreground, strokeOpacity: 0.6 }),
        ],
      },
      data: {
        caption: `Histograms of ${column.name}`,
        headers: ['Bin', 'Reference', 'Current'],
        rows: reference.map((b, j) => [`[${formatMeasure(b.x1)}, ${formatMeasure(b.x2)}${j === reference.length - 1 ? ']' : ')'}`, shareFormat(b.share), shareFormat(current[j]?.share ?? 0)]),
        numeric: [1, 2],
      },
    },
    context,
  );
}

/** Both empirical CDFs as step lines, with the Kolmogorov-Smirnov distance drawn where it occurs. */
export function ecdfChart(column: NumericDriftColumn, distribution: DistributionSummary, context: ChartContext): HTMLElement {
  const { palette } = context;
  const { points, ks } = ecdfLines(distribution);
  const reference = points.filter((p) => p.side === 'reference');
  const current = points.filter((p) => p.side === 'current');
  const ksText = ks ? `D = ${formatStatistic(ks.gap)} at ${formatMeasure(ks.x)}` : '';
  const xs = distribution.ecdf.x;
  const right = ks ? ks.x > (xs[0] + xs[xs.length - 1]) / 2 : false;
  return chartFigure(
    {
      title: 'Empirical CDFs',
      description: `Share of values at or below each value of ${column.name}, per file. The KS statistic is the largest vertical gap${ks ? `: ${ksText}` : ''}.`,
      legend: [
        { label: 'reference', swatch: 'reference' },
        { label: 'current (dashed)', swatch: 'current-dashed' },
        { label: 'KS distance', swatch: 'ks' },
      ],
      plot: {
        height: 220,
        marginLeft: 48,
        x: { label: `${truncate(column.name, 40)} →` },
        // With percent: true the domain is in percent.
        y: { label: '↑ share at or below (%)', domain: [0, 100], grid: true, percent: true },
        marks: [
          Plot.line(reference, { x: 'x', y: 'y', curve: 'step-after', stroke: palette.reference, strokeWidth: 2 }),
          Plot.line(current, { x: 'x', y: 'y', curve: 'step-after', stroke: palette.current, strokeWidth: 2, strokeDasharray: '6 3' }),
          ...(ks
            ? [
                Plot.ruleX([ks], { x: 'x', y1: 'y1', y2: 'y2', stroke: palette.foreground, strokeWidth: 3, title: () => `KS ${ksText}` }),
                Plot.dot([ks], { x: 'x', y: 'y1', r: 3, fill: palette.foreground }),
                Plot.dot([ks], { x: 'x', y: 'y2', r: 3, fill: palette.foreground }),
                Plot.text([ks], {
                  x: 'x',
                  y: (d: { y1: number; y2: number }) => (d.y1 + d.y2) / 2,
                  text: () => ksText,
                  textAnchor: right ? 'end' : 'start',
                  dx: right ? -8 : 8,
                  fill: palette.foreground,
                  stroke: palette.background,
                  strokeWidth: 4,
                  paintOrder: 'stroke',
                  fontWeight: 'bold',
                }),
              ]
            : []),
        ],
      },
      data: {
        caption: `Empirical CDFs of ${column.name}`,
        headers: ['Value', 'Reference', 'Current'],
        rows: xs.map((x, k) => [formatMeasure(x), formatPercent(distribution.ecdf.reference[k]), formatPercent(distribution.ecdf.current[k])]),
        numeric: [0, 1, 2],
        note: ks ? `KS distance ${ksText}.` : undefined,
      },
    },
    context,
  );
}

/** Reference and current shares in each PSI bin, side by side, and each bin's PSI term. */
export function psiBinsChart(column: NumericDriftColumn, context: ChartContext, binning: DriftBinning): HTMLElement[] {
  const { palette } = context;
  const rows = psiBinRows(column.psiBins);
  const labels = rows.map((r) => r.label);
  const long = rows.flatMap((r) => [
    { label: r.label, side: 'reference', share: r.referenceShare },
    { label: r.label, side: 'current', share: r.currentShare },
  ]);
  const perBin = (context.width - 60) / Math.max(1, rows.length);
  const rotate = perBin < 80 ? -30 : 0;
  const marginBottom = rotate ? 64 : 34;
  const sideColor = (side: string) => (side === 'reference' ? palette.reference : palette.current);
  const shares = chartFigure(
    {
      title: 'PSI bins',
      description: `Share of each file's values of ${column.name} in the ${rows.length} PSI bins (${BINNING_WORDS[binning]}).`,
      legend: [
        { label: 'reference', swatch: 'reference' },
        { label: 'current', swatch: 'current' },
      ],
      plot: {
        height: 200 + (rotate ? 30 : 0),
        marginLeft: 48,
        marginBottom,
        fx: { domain: labels, label: null, axis: 'bottom', padding: 0.15, tickRotate: rotate },
        x: { domain: ['reference', 'current'], axis: null },
        y: { label: '↑ share of values (%)', grid: true, percent: true, domain: shareDomain(long.map((d) => d.share)).map((v) => v * 100) },
        marks: [
          Plot.barY(long, {
            fx: 'label',
            x: 'side',
            y: 'share',
            fill: (d) => sideColor(d.side),
            fillOpacity: palette.highContrast ? 0.35 : 0.85,
            ...(palette.highContrast ? { stroke: palette.foreground, strokeWidth: 1 } : {}),
            title: (d) => `${d.side} ${formatPercent(d.share)} in ${d.label}`,
          }),
          Plot.ruleY([0], { stroke: palette.foreground, strokeOpacity: 0.6 }),
        ],
      },
      data: {
        caption: `PSI bins of ${column.name}`,
        headers: ['Bin', 'Reference', 'Current', 'PSI term'],
        rows: rows.map((r) => [r.label, formatPercent(r.referenceShare), formatPercent(r.currentShare), formatStatistic(r.contribution)]),
        numeric: [1, 2, 3],
      },
    },
    context,
  );
  return [shares, contributionChart(column.name, rows, column.psi, context, rotate)];
}

function contributionChart(
  name: string,
  rows: readonly { label: string; contribution: number }[],
  psi: number,
  context: ChartContext,
  rotate: number,
  horizontal = false,
): HTMLElement {
  const { palette } = context;
  const labels = rows.map((r) => r.label);
  const title = (r: { label: string; contribution: number }) => `${r.label}: ${formatStatistic(r.contribution)} of PSI ${formatStatistic(psi)}`;
  const fill = palette.purple;
  const plot: Plot.PlotOptions = horizontal
    ? {
        height: rows.length * 18 + 40,
        marginLeft: Math.min(200, Math.max(60, ...labels.map((l) => textWidth(truncate(l, 28)) + 12))),
        marginRight: 50,
        x: { label: 'PSI term →', grid: true },
        y: { domain: labels, label: null, tickFormat: (l: string) => truncate(l, 28), tickSize: 0 },
        marks: [
          Plot.barX(rows, { x: 'contribution', y: 'label', fill, fillOpacity: palette.highContrast ? 0.35 : 0.85, ...outline(palette), insetTop: 2, insetBottom: 2, title }),
          Plot.text(rows, { x: 'contribution', y: 'label', text: (r) => formatStatistic(r.contribution), textAnchor: 'start', dx: 4, ...halo(palette) }),
          Plot.ruleX([0], { stroke: palette.foreground, strokeOpacity: 0.6 }),
        ],
      }
    : {
        height: 160 + (rotate ? 30 : 0),
        marginLeft: 48,
        marginBottom: rotate ? 64 : 34,
        x: { domain: labels, label: null, tickRotate: rotate, padding: 0.25 },
        y: { label: '↑ PSI term', grid: true },
        marks: [
          Plot.barY(rows, { x: 'label', y: 'contribution', fill, fillOpacity: palette.highContrast ? 0.35 : 0.85, ...outline(palette), title }),
          Plot.ruleY([0], { stroke: palette.foreground, strokeOpacity: 0.6 }),
        ],
      };
  return chartFigure(
    {
      title: horizontal ? 'PSI contribution per category' : 'PSI contribution per bin',
      description: `Each ${horizontal ? 'category' : 'bin'}'s term (current − reference) · ln(current / reference); the terms add up to the PSI of ${name}, ${formatStatistic(psi)}.`,
      plot,
    },
    context,
  );
}

/** Reference and current share of each category side by side (largest PSI contribution first). */
export function categoryCharts(column: CategoricalDriftColumn, context: ChartContext): HTMLElement[] {
  const { palette } = context;
  const { rows, omitted } = categoryRows(column);
  const labels = rows.map((r) => r.category);
  const long = rows.flatMap((r) => [
    { category: r.category, side: 'reference', share: r.referenceShare },
    { category: r.category, side: 'current', share: r.currentShare },
  ]);
  const marginLeft = Math.min(220, Math.max(60, ...labels.map((l) => textWidth(truncate(l, 30)) + 12)));
  const omittedNote = omitted > 0 ? ` The last row pools the ${omitted} categories not drawn one by one.` : '';
  const shares = chartFigure(
    {
      title: 'Category shares',
      description: `Share of each file's values of ${column.name} per category, largest PSI contribution first.${omittedNote}`,
      legend: [
        { label: 'reference', swatch: 'reference' },
        { label: 'current', swatch: 'current' },
      ],
      plot: {
        height: rows.length * 30 + 50,
        marginLeft,
        marginRight: 56,
        fy: { domain: labels, label: null, tickFormat: (l: string) => truncate(l, 30), padding: 0.15 },
        y: { domain: ['reference', 'current'], axis: null },
        // With percent: true the domain is in percent.
        x: { label: 'share of values (%) →', grid: true, percent: true, domain: shareDomain(long.map((d) => d.share)).map((v) => v * 100) },
        marks: [
          Plot.barX(long, {
            fy: 'category',
            y: 'side',
            x: 'share',
            fill: (d) => (d.side === 'reference' ? palette.reference : palette.current),
            fillOpacity: palette.highContrast ? 0.35 : 0.85,
            ...(palette.highContrast ? { stroke: palette.foreground, strokeWidth: 1 } : {}),
            title: (d) => `${d.category}\n${d.side}: ${formatPercent(d.share)}`,
          }),
          Plot.text(long, { fy: 'category', y: 'side', x: 'share', text: (d) => formatPercent(d.share), textAnchor: 'start', dx: 4, fontSize: 9, ...halo(palette) }),
          Plot.ruleX([0], { stroke: palette.foreground, strokeOpacity: 0.6 }),
        ],
      },
      data: {
        caption: `Category shares of ${column.name}`,
        headers: ['Category', 'Reference', 'Current', 'PSI term'],
        rows: rows.map((r) => [r.category, formatPercent(r.referenceShare), formatPercent(r.currentShare), formatStatistic(r.contribution)]),
        numeric: [1, 2, 3],
        ...(omitted > 0 ? { note: `The "other" row pools ${omitted} categories.` } : {}),
      },
    },
    context,
  );
  const contributions = contributionChart(column.name, rows.map((r) => ({ label: r.category, contribution: r.contribution })), column.psi, context, 0, true);
  return [shares, contributions];
}
