/** The concept-drift panel's charts: the input series over the lower CUSUM, sharing the x axis. */

import * as Plot from '@observablehq/plot';
import type { CusumReport } from '../../src/core/reports/types';
import { cusumSeries, cusumValues, decimate, formatCount, formatMeasure, type CusumPoint } from '../chartData';
import { chartFigure, type ChartContext } from './plotChart';

const MARGIN_LEFT = 64;
const MARGIN_RIGHT = 24;

/** Both charts: the series (when the report carries it) and the statistic with h and the alarms. */
export function cusumCharts(report: CusumReport, context: ChartContext): HTMLElement[] {
  const { palette } = context;
  const series = cusumSeries(report);
  const hasValues = cusumValues(report) !== null;
  const n = series.length;
  const buckets = Math.max(100, Math.floor(context.width));
  const alarms = series.filter((p) => p.alarm);
  const xDomain: [number, number] = [0, Math.max(1, n - 1)];
  // Rows sorted by a time column are positions in time order, not the file's rows.
  const unit = report.sortedBy === null ? 'row' : 'position';
  const x = { domain: xDomain, label: report.sortedBy === null ? 'row →' : `position in order of ${report.sortedBy} →`, tickFormat: (i: number) => formatCount(i) };
  const alarmRules = Plot.ruleX(alarms, { x: 'index', stroke: palette.red, strokeOpacity: 0.55, strokeWidth: 1 });
  const charts: HTMLElement[] = [];
  const alarmSummary = alarms.length === 0 ? 'No alarm.' : `${alarms.length} alarm${alarms.length === 1 ? '' : 's'}, the first at ${unit} ${formatCount(alarms[0].index)}.`;

  if (hasValues) {
    const points = decimate(series, (p) => p.value, buckets, (p) => p.alarm);
    charts.push(
      chartFigure(
        {
          title: `${report.column} per ${unit}`,
          description: `The monitored series (${formatCount(n)} ${unit}s) with the in-control target ${formatMeasure(report.target)}. Red rules mark alarms.`,
          legend: [
            { label: report.column, swatch: 'series' },
            { label: `target ${formatMeasure(report.target)}`, swatch: 'threshold' },
            { label: 'alarm', swatch: 'alarm' },
          ],
          plot: {
            height: 180,
            marginLeft: MARGIN_LEFT,
            marginRight: MARGIN_RIGHT,
            x,
            y: { label: `↑ ${report.column}`, grid: true },
            marks: [
              alarmRules,
              Plot.ruleY([report.target], { stroke: palette.foreground, strokeDasharray: '6 4', strokeWidth: 1.5 }),
              Plot.line(points, { x: 'index', y: 'value', stroke: palette.blue, strokeWidth: 1.25 }),
            ],
          },
        },
        context,
      ),
    );
  }

  const statistic = decimate(series, (p) => p.statistic, buckets, (p) => p.alarm);
  const yMax = Math.max(report.h * 1.15, ...alarms.map((a) => a.statistic ?? 0));
  charts.push(
    chartFigure(
      {
        title: 'Lower CUSUM statistic',
        description: `S = max(0, S + (target − x) − k) after each ${unit}; an alarm is raised when S exceeds h = ${formatMeasure(report.h)}, and S restarts from 0. ${alarmSummary}`,
        legend: [
          { label: 'CUSUM statistic', swatch: 'statistic' },
          { label: `threshold h = ${formatMeasure(report.h)}`, swatch: 'threshold' },
          { label: 'alarm (triangle)', swatch: 'alarm' },
        ],
        plot: {
          height: 200,
          marginLeft: MARGIN_LEFT,
          marginRight: MARGIN_RIGHT,
          x,
          y: { label: '↑ S', grid: true, domain: [0, yMax] },
          marks: [
            alarmRules,
            Plot.areaY(statistic, { x: 'index', y: 'statistic', fill: palette.purple, fillOpacity: palette.highContrast ? 0 : 0.15 }),
            Plot.line(statistic, { x: 'index', y: 'statistic', stroke: palette.purple, strokeWidth: 1.5 }),
            Plot.ruleY([report.h], { stroke: palette.foreground, strokeWidth: 1.5, strokeDasharray: '6 4' }),
            // At the left end: alarms cluster late in a series, the warm-up is quiet.
            Plot.text([`h = ${formatMeasure(report.h)}`], { x: xDomain[0], y: report.h, textAnchor: 'start', dx: 4, dy: -7, fill: palette.foreground, stroke: palette.background, strokeWidth: 3, paintOrder: 'stroke' }),
            Plot.dot(alarms, {
              x: 'index',
              y: 'statistic',
              symbol: 'triangle',
              r: 5,
              fill: palette.red,
              stroke: palette.highContrast ? palette.foreground : palette.background,
              strokeWidth: 1,
              title: (p: CusumPoint) => `alarm at ${unit} ${formatCount(p.index)}: S = ${formatMeasure(p.statistic ?? 0)} > h`,
            }),
            Plot.ruleY([0], { stroke: palette.foreground, strokeOpacity: 0.6 }),
          ],
        },
        data: {
          caption: 'Alarms',
          headers: ['Row', 'S at the alarm', ...(hasValues ? [report.column] : [])],
          rows: alarms.map((a) => [formatCount(a.index), formatMeasure(a.statistic ?? 0), ...(hasValues ? [a.value === null ? '—' : formatMeasure(a.value)] : [])]),
          numeric: [0, 1, 2],
          ...(alarms.length === 0 ? { note: 'No alarm was raised.' } : {}),
        },
      },
      context,
    ),
  );
  return charts;
}
