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
  STATUS_WORDS,
  columnDistribution,
  correctionName,
  formatCount,
  formatMeasure,
  formatPValue,
  formatPercent,
  formatStatistic,
  missingShare,
  pValueName,
  sortedColumnIndices,
  statusTone,
} from '../chartData';
import { BINNING_WORDS, ROLE_WORDS, driftRules, driftRulesBrief, engineNote, fileDetails } from '../../src/core/reports/vocabulary';
import { badge, h, section } from '../dom';
import { chartContainer, facts, filePath, type ReportViewHandle, type ViewEnvironment } from './common';
import { DriftTable } from './driftTable';


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
      announcer.textContent = column ? `Showing ${column.name}: ${STATUS_WORDS[column.status].label}, PSI ${formatStatistic(column.psi)}.` : '';
      env.onViewStateChange({ selectedColumn: name });
    };
    const table = new DriftTable(report.columns, {
      correction: report.options.correction,
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
  const count = (n: number, status: keyof typeof STATUS_WORDS, always = false) =>
    n > 0 || always ? [badge(`${formatCount(n)} ${STATUS_WORDS[status].label}`, n > 0 ? statusTone(status) : 'neutral', STATUS_WORDS[status].meaning), ' '] : [];
  return h(
    'header',
    { class: 'report-header' },
    h('h1', null, 'Drift report ', badge(STATUS_WORDS[summary.status].label, statusTone(summary.status), STATUS_WORDS[summary.status].meaning)),
    h('p', { class: 'verdict' }, summary.verdict),
    h(
      'p',
      { class: 'counts' },
      ...count(summary.drifted, 'drift', true),
      ...count(summary.warnings, 'warning', true),
      ...count(summary.insufficient, 'insufficient'),
      ...count(summary.small, 'small'),
      ...count(summary.ok, 'ok', true),
      `of ${formatCount(summary.columns)} tested column${summary.columns === 1 ? '' : 's'}`,
      summary.skipped > 0 ? '; ' : null,
      summary.skipped > 0 ? badge(`${formatCount(summary.skipped)} not tested`, 'neutral', STATUS_WORDS.skipped.meaning) : null,
    ),
    facts([
      ['Reference', [filePath(report.reference.path), ` — ${fileDetails(report.reference)}`]],
      ['Current', [filePath(report.current.path), ` — ${fileDetails(report.current)}`]],
      ...(engineNote(report.engine) ? [['Counted by', engineNote(report.engine)] as [string, string]] : []),
      ['Rules', h('details', { class: 'rules' }, h('summary', null, driftRulesBrief(options)), h('p', null, `${driftRules(options)}.`))],
      ['Multiple testing', options.correction === 'none' ? 'no correction (each column tested at alpha)' : `${correctionName(options.correction)} adjustment across ${formatCount(summary.columns)} columns`],
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
    h('h2', { id: headingId }, 'Column ', h('q', { class: 'column-name' }, column.name), ' ', badge(STATUS_WORDS[column.status].label, statusTone(column.status), STATUS_WORDS[column.status].meaning)),
    h('p', { class: 'status-reason' }, h('strong', null, `${STATUS_WORDS[column.status].label}: `), `${column.reason}.`, column.note ? ` ${column.note}` : ''),
    column.kind === 'numeric' ? numericFacts(column, report) : categoricalFacts(column, report),
    charts,
  );
  if (column.kind === 'numeric') {
    const distribution = columnDistribution(column);
    const strategy = column.binning;
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

/** The column's effect and evidence in one line: what the verdict weighed. */
function testSummary(column: DriftColumn, report: DriftReport): string {
  const p = `${pValueName(report.options.correction)} ${formatPValue(column.pValue)}`;
  const psi = `PSI ${formatStatistic(column.psi)} (${formatStatistic(column.psiDebiased)} beyond the ${formatStatistic(column.psiNoise.expected)} expected from noise; ${BINNING_WORDS[column.binning]})`;
  if (column.kind === 'numeric') {
    const w = column.wassersteinNormalized === null ? '' : ` (${formatStatistic(column.wassersteinNormalized)} reference sd)`;
    return `${psi} · KS D ${formatStatistic(column.ks.statistic)}, ${p} (${column.ks.method}) · Wasserstein ${formatMeasure(column.wasserstein)}${w} · Jensen-Shannon ${formatStatistic(column.jensenShannon)}`;
  }
  return `${psi} · chi-square ${formatMeasure(column.chiSquare.statistic)} with ${column.chiSquare.dof} dof, ${p}`;
}

/** The smallest change these sample sizes can detect, beside what was seen. */
function detectableSummary(column: DriftColumn): string {
  const psi = column.detectable.psi === null ? 'no change is detectable (every level too rare on one side)' : `PSI ${formatStatistic(column.detectable.psi)}`;
  const ks = column.detectable.ks === undefined ? '' : `, KS distance ${formatStatistic(column.detectable.ks)}`;
  return `Smallest change detectable at these sizes: ${psi}${ks}.`;
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
    h('p', { class: 'detectable muted' }, detectableSummary(column)),
    sideTable(`Summary of ${column.name} in each file`, [
      ['Values', formatCount(r.count), formatCount(c.count)],
      ['Missing', `${formatCount(r.missing)} (${formatPercent(missingShare(r))})`, `${formatCount(c.missing)} (${formatPercent(missingShare(c))})`],
      ['Distinct', formatCount(r.distinct), formatCount(c.distinct)],
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
    h('p', { class: 'detectable muted' }, detectableSummary(column)),
    sideTable(`Summary of ${column.name} in each file`, [
      ['Values', formatCount(r.count), formatCount(c.count)],
      ['Missing', `${formatCount(r.missing)} (${formatPercent(missingShare(r))})`, `${formatCount(c.missing)} (${formatPercent(missingShare(c))})`],
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

/** The columns not drift-tested: each with its role (and who set it) and what was compared instead. */
function notTestedSection(report: DriftReport): HTMLElement | null {
  if (report.skipped.length === 0) return null;
  return section(
    'Not tested',
    'skipped',
    'h2',
    h('p', { class: 'hint' }, 'Identifier and time columns are not features: GRADIENT compares what matters for them instead. Set a role in the gradient.drift.columnRoles setting (or --role in the CLI) to change it.'),
    h(
      'ul',
      { class: 'skipped-list' },
      ...report.skipped.map((s) =>
        h(
          'li',
          null,
          h('strong', null, s.name),
          s.role ? ' ' : null,
          s.role ? badge(s.role, 'neutral', ROLE_WORDS[s.role]) : null,
          s.roleSource === 'given' ? h('span', { class: 'muted' }, ' set by you') : null,
          ' — ',
          s.message,
        ),
      ),
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
