/** The concept-drift report: verdict, the parameters used, the series over the CUSUM statistic. */

import type { CusumReport } from '../../src/core/reports/types';
import { readAsNote } from '../../src/core/reports/vocabulary';
import { cusumCharts } from '../charts/cusumCharts';
import { STATUS_WORDS, cusumParameters, cusumValues, formatCount, statusTone } from '../chartData';
import { badge, h, section } from '../dom';
import { chartContainer, facts, filePath, type ReportViewHandle, type ViewEnvironment } from './common';

export function renderCusumReport(parent: HTMLElement, report: CusumReport, env: ViewEnvironment): ReportViewHandle {
  // Sorted rows have no file row numbers: alarms are positions in time order then.
  const sortedBy = report.sortedBy;
  const position = sortedBy === null ? 'row' : 'position';
  const article = h('article', { class: 'report cusum-report', 'aria-label': 'Concept drift report' });
  parent.replaceChildren(article);
  article.append(
    h(
      'header',
      { class: 'report-header' },
      h('h1', null, 'Concept drift (CUSUM) ', badge(STATUS_WORDS[report.status].label, statusTone(report.status), STATUS_WORDS[report.status].meaning)),
      h('p', { class: 'verdict' }, report.verdict),
      facts([
        ['File', [filePath(report.path), readAsNote(report.encoding)]],
        ['Series', [h('code', null, report.column), report.series === 'bernoulli' ? ' (0/1 outcomes)' : ' (numbers)', ...(sortedBy === null ? [', in file order'] : [', sorted by ', h('code', null, sortedBy)])]],
        ['Rows', `${formatCount(report.rows)}${report.skippedRows > 0 ? `, ${formatCount(report.skippedRows)} without a value (left out)` : ''}`],
        ['Alarms', report.alarms.length === 0 ? 'none' : `${formatCount(report.alarms.length)}, first at ${position} ${formatCount(report.alarms[0])}`],
      ]),
    ),
  );
  const parameters = cusumParameters(report);
  article.append(
    section(
      'Design',
      'parameters',
      'h2',
      h(
        'table',
        { class: 'side-table parameters-table' },
        h('caption', { class: 'visually-hidden' }, 'CUSUM parameters'),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Parameter'), h('th', { scope: 'col', class: 'num' }, 'Value'), h('th', { scope: 'col' }, 'From'))),
        h('tbody', null, ...parameters.map((p) => h('tr', null, h('th', { scope: 'row' }, p.name), h('td', { class: 'num' }, p.value), h('td', null, p.source)))),
      ),
    ),
  );
  const charts = chartContainer('charts cusum-charts');
  const chartsSection = section('Series and statistic', 'cusum-series', 'h2');
  if (cusumValues(report) === null) {
    chartsSection.append(h('p', { class: 'note' }, 'This report does not carry the input series, so only the CUSUM statistic is drawn.'));
  }
  chartsSection.append(charts);
  article.append(chartsSection);
  env.charts.add(charts, (context) => cusumCharts(report, context));
  return { element: article, dispose: () => env.charts.removeWithin(article) };
}
