/** The calibration report: verdict, the four named metrics, the reliability diagram and histogram. */

import type { CalibrationReport } from '../../src/core/reports/types';
import { confidenceHistogram, reliabilityChart } from '../charts/calibrationCharts';
import { STATUS_WORDS, calibrationMetrics, formatCount, statusTone } from '../chartData';
import { calibrationRule, readAsNote } from '../../src/core/reports/vocabulary';
import { badge, h, section } from '../dom';
import { chartContainer, facts, filePath, type ReportViewHandle, type ViewEnvironment } from './common';

export function renderCalibrationReport(parent: HTMLElement, report: CalibrationReport, env: ViewEnvironment): ReportViewHandle {
  const article = h('article', { class: 'report calibration-report', 'aria-label': 'Calibration report' });
  parent.replaceChildren(article);
  const outside = report.bins.filter((b) => b.evidence === 'outside').length;
  const looksOff = report.bins.filter((b) => b.evidence !== 'outside' && !b.withinTolerance).length;
  article.append(
    h(
      'header',
      { class: 'report-header' },
      h('h1', null, 'Calibration report ', badge(STATUS_WORDS[report.status].label, statusTone(report.status), STATUS_WORDS[report.status].meaning)),
      h('p', { class: 'verdict' }, report.verdict),
      facts([
        ['File', [filePath(report.path), readAsNote(report.encoding)]],
        ['Columns', [h('code', null, report.columns.confidence), ' (confidence), ', h('code', null, report.columns.correct), ' (outcome)']],
        ['Rows', `${formatCount(report.rows)} used${report.skippedRows > 0 ? `, ${formatCount(report.skippedRows)} left out (missing confidence or outcome)` : ''}`],
        ['Rule', calibrationRule(report.options)],
        ['Bins', `${report.options.bins} ${report.options.strategy} bins, ${report.bins.length} non-empty: ${outside} off beyond ${outside === 1 ? 'its interval' : 'their intervals'}, ${looksOff} ${looksOff === 1 ? 'looks' : 'look'} off but ${looksOff === 1 ? 'is' : 'are'} uncertain, ${report.bins.length - outside - looksOff} within the tolerance`],
      ]),
    ),
  );
  const metrics = h('dl', { class: 'metrics' });
  for (const metric of calibrationMetrics(report)) {
    metrics.append(
      h('div', { class: `metric metric-${metric.id}` }, h('dt', null, metric.name), h('dd', { class: 'metric-value' }, metric.value), h('dd', { class: 'metric-explanation' }, metric.explanation)),
    );
  }
  article.append(section('Metrics', 'metrics-section', 'h2', metrics));
  const charts = chartContainer('charts calibration-charts');
  article.append(section('Reliability', 'reliability', 'h2', charts));
  env.charts.add(charts, (context) => [reliabilityChart(report, context), confidenceHistogram(report, context)]);
  return { element: article, dispose: () => env.charts.removeWithin(article) };
}
