/** The calibration panel's charts: the reliability diagram and the confidence histogram under it. */

import * as Plot from '@observablehq/plot';
import type { CalibrationReport } from '../../src/core/reports/types';
import { formatCount, formatPointsChange, formatStatistic, reliabilityPoints, toleranceBand, type ReliabilityPoint } from '../chartData';
import { chartFigure, type ChartContext } from './plotChart';

const MARGIN_LEFT = 56;
const MARGIN_RIGHT = 20;

/** The diagram's width: square-ish, and the histogram under it uses the same so the x axes align. */
export function calibrationChartWidth(available: number): number {
  return Math.max(280, Math.min(available, 560));
}

/** What a bin's interval says, in words (the chart's titles and data table). */
const EVIDENCE_WORDS = {
  within: 'within tolerance',
  outside: 'off beyond its interval',
  uncertain: 'too few predictions to tell',
} as const;

/**
 * Accuracy against mean confidence per bin, each with its Clopper-Pearson interval as a vertical
 * bar. The diagonal is perfect calibration; the band is ±tolerance around it. A bin whose interval
 * lies wholly outside the band (the evidence says it is off) is a red diamond with its gap
 * labeled; a bin that looks off but whose interval still reaches the band is a hollow circle; the
 * others are filled circles: shape, not only color.
 */
export function reliabilityChart(report: CalibrationReport, context: ChartContext): HTMLElement {
  const { palette } = context;
  const points = reliabilityPoints(report);
  const tolerance = report.options.tolerance;
  const outside = points.filter((p) => p.evidence === 'outside');
  const looksOff = points.filter((p) => p.evidence !== 'outside' && !p.withinTolerance);
  const within = points.filter((p) => p.evidence !== 'outside' && p.withinTolerance);
  const width = calibrationChartWidth(context.width);
  const gapLabel = (p: ReliabilityPoint) => formatPointsChange(p.signedGap);
  const level = `${+((1 - report.options.alpha) * 100).toFixed(6)}%`;
  const title = (p: ReliabilityPoint) =>
    `bin ${p.label} (${formatCount(p.count)} predictions)\nconfidence ${formatStatistic(p.confidence)}, accuracy ${formatStatistic(p.accuracy)} ` +
    `(${level} interval ${formatStatistic(p.interval.lower)}–${formatStatistic(p.interval.upper)})\ngap ${gapLabel(p)}: ${EVIDENCE_WORDS[p.evidence]}`;
  const points01 = [
    { x: 0, y: 0 },
    { x: 1, y: 1 },
  ];
  const band = toleranceBand(tolerance);
  const labelStyle = { fill: palette.foreground, stroke: palette.background, strokeWidth: 3, paintOrder: 'stroke', fontWeight: 'bold' } as const;
  return chartFigure(
    {
      title: 'Reliability diagram',
      description:
        `Observed accuracy against mean confidence in each of ${points.length} bins, with its ${level} interval. The diagonal is perfect calibration; the band is ±${+(tolerance * 100).toFixed(6)} points. ` +
        `${outside.length === 0 ? 'No bin is off beyond its interval.' : `${outside.length} bin${outside.length === 1 ? ' is' : 's are'} off beyond ${outside.length === 1 ? 'its interval' : 'their intervals'} (diamonds).`}` +
        `${looksOff.length === 0 ? '' : ` ${looksOff.length} more look${looksOff.length === 1 ? 's' : ''} off with too few predictions to tell (hollow).`}`,
      legend: [
        { label: 'bin within tolerance', swatch: 'within' },
        { label: 'looks off, uncertain', swatch: 'uncertain' },
        { label: 'off beyond its interval', swatch: 'outside' },
        { label: 'perfect calibration', swatch: 'diagonal' },
        { label: `±${+(tolerance * 100).toFixed(6)} points`, swatch: 'band' },
      ],
      plot: {
        width,
        height: Math.round((width - MARGIN_LEFT - MARGIN_RIGHT) * 0.8) + 50,
        marginLeft: MARGIN_LEFT,
        marginRight: MARGIN_RIGHT,
        x: { domain: [0, 1], label: 'mean confidence →', grid: true },
        y: { domain: [0, 1], label: '↑ accuracy', grid: true },
        marks: [
          Plot.areaY(band, { x: 'x', y1: 'y1', y2: 'y2', fill: palette.foreground, fillOpacity: palette.highContrast ? 0 : 0.08 }),
          Plot.line(band, { x: 'x', y: 'y1', stroke: palette.muted, strokeDasharray: '2 3', strokeWidth: 1 }),
          Plot.line(band, { x: 'x', y: 'y2', stroke: palette.muted, strokeDasharray: '2 3', strokeWidth: 1 }),
          Plot.line(points01, { x: 'x', y: 'y', stroke: palette.muted, strokeDasharray: '6 4', strokeWidth: 1.5 }),
          Plot.line(points, { x: 'confidence', y: 'accuracy', stroke: palette.blue, strokeWidth: 1.5, strokeOpacity: 0.8 }),
          // Each bin's interval: how far its accuracy could be from the point at this many predictions.
          Plot.ruleX(points, { x: 'confidence', y1: (p: ReliabilityPoint) => p.interval.lower, y2: (p: ReliabilityPoint) => p.interval.upper, stroke: palette.muted, strokeWidth: 1.5, strokeOpacity: 0.9 }),
          Plot.link(outside, { x1: 'confidence', y1: 'confidence', x2: 'confidence', y2: 'accuracy', stroke: palette.red, strokeWidth: 2 }),
          Plot.dot(within, { x: 'confidence', y: 'accuracy', r: 4.5, fill: palette.blue, stroke: palette.highContrast ? palette.foreground : palette.background, strokeWidth: 1, title }),
          Plot.dot(looksOff, { x: 'confidence', y: 'accuracy', r: 5, fill: palette.background, stroke: palette.blue, strokeWidth: 2, title }),
          Plot.dot(outside, { x: 'confidence', y: 'accuracy', r: 7, symbol: 'diamond', fill: palette.background, stroke: palette.red, strokeWidth: 2.5, title }),
          // Gap labels beside the diamonds, on the side with room (left near confidence 1).
          Plot.text(outside.filter((p) => p.confidence <= 0.7), { x: 'confidence', y: 'accuracy', text: gapLabel, dx: 11, textAnchor: 'start', ...labelStyle }),
          Plot.text(outside.filter((p) => p.confidence > 0.7), { x: 'confidence', y: 'accuracy', text: gapLabel, dx: -11, textAnchor: 'end', ...labelStyle }),
        ],
      },
      data: {
        caption: 'Reliability per bin',
        headers: ['Bin', 'Predictions', 'Confidence', 'Accuracy', `${level} interval`, 'Gap', 'Evidence'],
        rows: points.map((p) => [
          p.label,
          formatCount(p.count),
          formatStatistic(p.confidence),
          formatStatistic(p.accuracy),
          `${formatStatistic(p.interval.lower)}–${formatStatistic(p.interval.upper)}`,
          gapLabel(p),
          EVIDENCE_WORDS[p.evidence],
        ]),
        numeric: [1, 2, 3, 5],
      },
    },
    { ...context, width },
  );
}

/** How many predictions fall in each bin, on the reliability diagram's x axis. */
export function confidenceHistogram(report: CalibrationReport, context: ChartContext): HTMLElement {
  const { palette } = context;
  const points = reliabilityPoints(report);
  const width = calibrationChartWidth(context.width);
  return chartFigure(
    {
      title: 'Confidence histogram',
      description: `Predictions per confidence bin (${formatCount(report.rows)} in all); ◆ marks bins off beyond their interval. Sparse bins give wide intervals.`,
      plot: {
        width,
        height: 140,
        marginLeft: MARGIN_LEFT,
        marginRight: MARGIN_RIGHT,
        x: { domain: [0, 1], label: 'confidence →' },
        y: { label: '↑ predictions', grid: true, tickFormat: 's' },
        marks: [
          Plot.rectY(points, {
            x1: 'lower',
            x2: 'upper',
            y: 'count',
            fill: (p: ReliabilityPoint) => (p.evidence === 'outside' ? palette.red : palette.blue),
            fillOpacity: palette.highContrast ? 0.35 : 0.7,
            ...(palette.highContrast ? { stroke: palette.foreground, strokeWidth: 1 } : {}),
            insetLeft: 1,
            insetRight: 1,
            title: (p: ReliabilityPoint) => `bin ${p.label}: ${formatCount(p.count)} predictions (${EVIDENCE_WORDS[p.evidence]})`,
          }),
          // The diagram's diamond over bins outside tolerance: shape, not only color.
          Plot.text(
            points.filter((p) => p.evidence === 'outside'),
            { x: (p: ReliabilityPoint) => (p.lower + p.upper) / 2, y: 'count', text: () => '◆', dy: -8, fill: palette.red, fontSize: 12 },
          ),
          Plot.ruleY([0], { stroke: palette.foreground, strokeOpacity: 0.6 }),
        ],
      },
    },
    { ...context, width },
  );
}
