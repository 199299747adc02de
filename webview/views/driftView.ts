/**
 * The drift report: header, PSI overview, the sortable table of every column, the selected
 * column's detail (histograms and ECDFs when the report carries distribution summaries, PSI bins
 * otherwise), and the columns that were not tested, the label check and the loader warnings.
 */

import type { CategoricalDriftColumn, DriftColumn, DriftReport, NumericDriftColumn } from '../../src/core/reports/types';
import { categoryCharts, ecdfChart, histogramChart, psiBinsChart, psiOverviewChart } from '../charts/driftCharts';
import type { ChartContext } from '../charts/plotChart';
import {
  DEFAULT_SORT,
  columnDistribution,
  correctionLabel,
  decisionPValue,
  formatCount,
  formatMeasure,
  formatPValue,
  formatPercent,
  formatStatistic,
  missingRate,
  pValueLabel,
  sortedColumnIndices,
  statusReason,
  statusTone,
} from '../chartData';
import { badge, h, section } from '../dom';
import { chartContainer, facts, filePath, type ReportViewHandle, type ViewEnvironment } from './common';
import { DriftTable } from './driftTable';

const STRATEGY_WORDS = { quantile: 'quantile bins on the reference', uniform: 'equal-width bins on the reference range', sturges: 'Sturges bins over the pooled range' } as const;

export function renderDriftReport(parent: HTMLElement, report: DriftReport, env: ViewEnvironment): ReportViewHandle {
  const article = h('article', { class: 'report drift-report', 'aria-label': 'Drift report' });
  parent.replaceChildren(article);
  article.append(header(report));

  if (report.columns.length > 0) {
    const overview = section('Overview', 'overview');
    const overviewCharts = chartContainer();
    overview.append(overviewCharts);
    article.append(overview);

    const sort = env.sort ?? DEFAULT_SORT;
    const names = new Set(report.columns.map((c) => c.name));
    let selected = env.selectedColumn !== undefined && names.has(env.selectedColumn) ? env.selectedColumn : undefined;
    selected ??= report.columns[sortedColumnIndices(report.columns, DEFAULT_SORT)[0]]?.name;

    const detail = h('section', { class: 'column-detail' });
    // Announces the new selection in one short sentence (not the whole detail).
    const announcer = h('span', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    const select = (name: string, fromTable: boolean) => {
      if (name === selected && detail.childElementCount > 0) return;
      selected = name;
      table.select(name);
      if (!fromTable) table.revealSelected();
      renderDetail(detail, report, name, env);
      const column = report.columns.find((c) => c.name === name);
      announcer.textContent = column ? `Showing ${column.name}: ${column.status}, PSI ${formatStatistic(column.psi)}.` : '';
      env.onViewStateChange({ selectedColumn: name });
    };
    const table = new DriftTable(report.columns, {
      correction: report.options.correction,
      extremeSigmas: report.options.extremeSigmas,
      sort,
      onSort: (order) => env.onViewStateChange({ sort: order }),
      onSelect: (name) => select(name, true),
    });
    table.select(selected);
    const columnsSection = section(
      'Columns',
      'columns',
      'h2',
      h('p', { class: 'hint' }, 'Select a column (click, or Enter on its name; arrow keys move between rows) to see its distributions below.'),
      table.element,
    );
    article.append(columnsSection, announcer, detail);
    env.charts.add(overviewCharts, (context) => psiOverviewChart(report, context, (name) => select(name, false)));
    if (selected !== undefined) {
      renderDetail(detail, report, selected, env);
      table.revealSelected();
    }
  } else {
    article.append(h('p', { class: 'empty' }, 'No column could be compared.'));
  }

  const notTested = notTestedSection(report);
  if (notTested) article.append(notTested);
  if (report.label) article.append(labelSection(report));
  if (report.dataWarnings.length > 0) {
    article.append(
      section(
        'Data warnings',
        'data-warnings',
        'h2',
        h('ul', null, ...report.dataWarnings.map((w) => h('li', null, h('code', { class: 'path' }, w.file), ' — ', w.message))),
      ),
    );
  }
  return { element: article, dispose: () => env.charts.removeWithin(article) };
}

function header(report: DriftReport): HTMLElement {
  const { summary, options } = report;
  const p = pValueLabel(options.correction);
  const testRule = `KS (numeric) or chi-square (categorical) ${p} ≤ ${options.alpha} is drift`;
  return h(
    'header',
    { class: 'report-header' },
    h('h1', null, 'Drift report ', badge(summary.status, statusTone(summary.status), `worst column status: ${summary.status}`)),
    h('p', { class: 'verdict' }, summary.verdict),
    h(
      'p',
      { class: 'counts' },
      badge(`${summary.drifted} drifted`, summary.drifted > 0 ? 'problem' : 'neutral'),
      ' ',
      badge(`${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}`, summary.warnings > 0 ? 'warning' : 'neutral'),
      ' ',
      badge(`${summary.ok} ok`, 'ok'),
      summary.skipped > 0 ? ' ' : null,
      summary.skipped > 0 ? badge(`${summary.skipped} skipped`, 'neutral') : null,
      ` of ${formatCount(summary.columns)} tested column${summary.columns === 1 ? '' : 's'}`,
    ),
    facts([
      ['Reference', [filePath(report.reference.path), ` — ${formatCount(report.reference.rows)} rows`]],
      ['Current', [filePath(report.current.path), ` — ${formatCount(report.current.rows)} rows`]],
      ['Thresholds', `PSI > ${options.psiWarning} warning, > ${options.psiDrift} drift; ${testRule}`],
      ['PSI bins', `${options.psiStrategy === 'sturges' ? 'Sturges' : options.psiBins} ${STRATEGY_WORDS[options.psiStrategy]}; empty bins count as ${options.psiEpsilon}`],
      ['Multiple testing', options.correction === 'none' ? 'no correction (each column tested at alpha)' : `${correctionLabel(options.correction)} adjustment across ${formatCount(summary.columns)} columns`],
    ]),
  );
}

function renderDetail(detail: HTMLElement, report: DriftReport, name: string, env: ViewEnvironment): void {
  env.charts.removeWithin(detail);
  const column = report.columns.find((c) => c.name === name);
  if (!column) {
    detail.replaceChildren();
    return;
  }
  const headingId = 'column-detail-heading';
  detail.setAttribute('aria-labelledby', headingId);
  const charts = chartContainer('charts detail-charts');
  detail.replaceChildren(
    h('h2', { id: headingId }, 'Column ', h('q', { class: 'column-name' }, column.name), ' ', badge(column.status, statusTone(column.status), statusReason(column))),
    h('p', { class: 'status-reason' }, `${column.status}: ${statusReason(column)}.`, column.note ? ` ${column.note}` : ''),
    column.kind === 'numeric' ? numericFacts(column, report) : categoricalFacts(column, report),
    charts,
  );
  if (column.kind === 'numeric') {
    const distribution = columnDistribution(column);
    const strategy = report.options.psiStrategy;
    if (!distribution) {
      detail.insertBefore(
        h('p', { class: 'note' }, 'This report has no distribution summary for the column, so its shape is shown by the PSI bins only.'),
        charts,
      );
    }
    env.charts.add(charts, (context) => {
      const cell = twoColumns(charts, context);
      return [
        ...(distribution ? [histogramChart(column, distribution, cell), ecdfChart(column, distribution, cell)] : []),
        ...psiBinsChart(column, cell, strategy),
      ];
    });
  } else {
    env.charts.add(charts, (context) => categoryCharts(column, twoColumns(charts, context)));
  }
}

/** Wide panels show the detail charts two per row; each is drawn at its cell's width (not scaled down). */
const TWO_COLUMNS_FROM = 900;
const COLUMN_GAP = 28;
function twoColumns(container: HTMLElement, context: ChartContext): ChartContext {
  const two = context.width >= TWO_COLUMNS_FROM;
  container.classList.toggle('two-columns', two);
  return two ? { ...context, width: Math.floor((context.width - COLUMN_GAP) / 2) } : context;
}

function testSummary(column: DriftColumn, report: DriftReport): string {
  const p = formatPValue(decisionPValue(column));
  const pName = pValueLabel(report.options.correction);
  if (column.kind === 'numeric') {
    return `PSI ${formatStatistic(column.psi)} · KS D ${formatStatistic(column.ks.statistic)}, ${pName} ${p} (${column.ks.method}) · Wasserstein ${formatMeasure(column.wasserstein)} · Jensen-Shannon ${formatStatistic(column.jensenShannon)}`;
  }
  return `PSI ${formatStatistic(column.psi)} · chi-square ${formatMeasure(column.chiSquare.statistic)} with ${column.chiSquare.dof} dof, ${pName} ${p}`;
}

function sideTable(caption: string, rows: readonly (readonly [string, string, string])[]): HTMLElement {
  return h(
    'table',
    { class: 'side-table' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, ''), h('th', { scope: 'col', class: 'num' }, 'Reference'), h('th', { scope: 'col', class: 'num' }, 'Current'))),
    h('tbody', null, ...rows.map(([label, a, b]) => h('tr', null, h('th', { scope: 'row' }, label), h('td', { class: 'num' }, a), h('td', { class: 'num' }, b)))),
  );
}

const maybe = (x: number | null) => (x === null ? '—' : formatMeasure(x));

function numericFacts(column: NumericDriftColumn, report: DriftReport): HTMLElement {
  const { reference: r, current: c } = column;
  const ev = column.extremeValues;
  return h(
    'div',
    { class: 'column-facts' },
    h('p', { class: 'tests' }, testSummary(column, report)),
    sideTable(`Summary of ${column.name} in each file`, [
      ['Values', formatCount(r.count), formatCount(c.count)],
      ['Missing', `${formatCount(r.missing)} (${formatPercent(missingRate(r))})`, `${formatCount(c.missing)} (${formatPercent(missingRate(c))})`],
      ['Mean', formatMeasure(r.mean), formatMeasure(c.mean)],
      ['Std. dev.', maybe(r.std), maybe(c.std)],
      ['Min', formatMeasure(r.min), formatMeasure(c.min)],
      ['Median', formatMeasure(r.median), formatMeasure(c.median)],
      ['Max', formatMeasure(r.max), formatMeasure(c.max)],
    ]),
    ev
      ? h(
          'p',
          { class: 'extremes' },
          `${formatCount(ev.beyondSigmas)} current value${ev.beyondSigmas === 1 ? '' : 's'} beyond ${ev.sigmas} reference standard deviations (outside [${formatMeasure(ev.lowerLimit)}, ${formatMeasure(ev.upperLimit)}]); ${formatCount(ev.outsideRange)} outside the reference range [${formatMeasure(r.min)}, ${formatMeasure(r.max)}].`,
        )
      : null,
  );
}

function categoricalFacts(column: CategoricalDriftColumn, report: DriftReport): HTMLElement {
  const { reference: r, current: c } = column;
  return h(
    'div',
    { class: 'column-facts' },
    h('p', { class: 'tests' }, testSummary(column, report)),
    sideTable(`Summary of ${column.name} in each file`, [
      ['Values', formatCount(r.count), formatCount(c.count)],
      ['Missing', `${formatCount(r.missing)} (${formatPercent(missingRate(r))})`, `${formatCount(c.missing)} (${formatPercent(missingRate(c))})`],
      ['Categories', formatCount(r.categories), formatCount(c.categories)],
    ]),
    h(
      'p',
      { class: 'extremes' },
      `${formatCount(column.newCategories)} categor${column.newCategories === 1 ? 'y' : 'ies'} new in the current file, ${formatCount(column.vanishedCategories)} no longer present.`,
      column.kindMismatch ? ` Read as ${column.kindMismatch.reference} in the reference and ${column.kindMismatch.current} in the current file, so compared as categories.` : '',
    ),
  );
}

function notTestedSection(report: DriftReport): HTMLElement | null {
  if (report.skipped.length === 0) return null;
  return section(
    'Not tested',
    'skipped',
    'h2',
    h(
      'ul',
      { class: 'skipped-list' },
      ...report.skipped.map((s) => h('li', null, h('strong', null, s.name), ' — ', s.message)),
    ),
  );
}

function labelSection(report: DriftReport): HTMLElement {
  const label = report.label!;
  const sides = [
    ['Reference', label.reference],
    ['Current', label.current],
  ] as const;
  const classes = [...new Set(sides.flatMap(([, side]) => side?.classes.map((c) => c.label) ?? []))];
  const shareOf = (side: (typeof sides)[number][1], cls: string) => {
    const found = side?.classes.find((c) => c.label === cls);
    return found ? `${formatPercent(found.share)} (${formatCount(found.count)})` : side ? '0' : '—';
  };
  return section(
    `Label check: ${label.name}`,
    'label-check',
    'h2',
    h('p', null, badge(label.ok ? 'ok' : 'check', label.ok ? 'ok' : 'warning'), ' ', label.message),
    h(
      'table',
      { class: 'side-table' },
      h('caption', { class: 'visually-hidden' }, `Class shares of ${label.name}`),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Class'), ...sides.map(([name]) => h('th', { scope: 'col', class: 'num' }, name)))),
      h(
        'tbody',
        null,
        ...classes.slice(0, 20).map((cls) => h('tr', null, h('th', { scope: 'row' }, cls), ...sides.map(([, side]) => h('td', { class: 'num' }, shareOf(side, cls))))),
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, 'Largest class'),
          ...sides.map(([, side]) => h('td', { class: 'num' }, side ? formatPercent(side.largestShare) : '—')),
        ),
      ),
    ),
  );
}
