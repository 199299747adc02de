/**
 * One chart: an Observable Plot SVG inside a <figure> with a visible title, a one-line
 * description, an HTML legend and the chart's numbers in a collapsible data table. The SVG is an
 * image to assistive technology (role="img", aria-label, aria-description); the table carries the
 * data; each mark element has a <title> for pointer users.
 *
 * CSP: Plot adds a <style> element to its SVG. It gets the page's nonce (from <body data-nonce>)
 * before the SVG is attached, so the style applies; without a nonce it is removed (style.css has
 * the same rules for `.gradient-plot`).
 */

import * as Plot from '@observablehq/plot';
import { h, type Child } from '../dom';
import type { Palette } from '../theme';

export interface ChartContext {
  readonly palette: Palette;
  /** Width available to the chart, in CSS pixels. */
  readonly width: number;
  readonly nonce: string | undefined;
}

export interface DataTable {
  readonly caption: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Right-align these columns (numbers). */
  readonly numeric?: readonly number[];
  /** Shown under the table when rows were left out. */
  readonly note?: string;
}

/** A legend entry: the swatch look comes from style.css (`.swatch-<kind>`), i.e. from --vscode-* variables. */
export interface LegendItem {
  readonly label: string;
  readonly swatch: 'reference' | 'current' | 'current-line' | 'current-dashed' | 'drift' | 'warning' | 'ok' | 'band' | 'diagonal' | 'outside' | 'within' | 'uncertain' | 'neutral' | 'alarm' | 'threshold' | 'series' | 'statistic' | 'ks';
}

export interface ChartSpec {
  readonly title: string;
  /** One or two sentences: what the chart shows and what to look for (also the SVG's aria-description). */
  readonly description: string;
  readonly plot: Plot.PlotOptions;
  readonly legend?: readonly LegendItem[];
  readonly data?: DataTable;
  /** Called with the SVG after rendering (e.g. to make bars clickable). */
  readonly afterRender?: (svg: SVGSVGElement) => void;
}

export const PLOT_CLASS = 'gradient-plot';

/** Gives Plot's <style> elements the page nonce (or drops them without one). */
export function authorizeStyles(node: Element, nonce: string | undefined): void {
  for (const style of Array.from(node.querySelectorAll('style'))) {
    if (nonce) {
      style.nonce = nonce;
      style.setAttribute('nonce', nonce);
    } else {
      style.remove();
    }
  }
}

export function legend(items: readonly LegendItem[]): HTMLElement {
  return h(
    'ul',
    { class: 'chart-legend' },
    ...items.map((item) => h('li', null, h('span', { class: `swatch swatch-${item.swatch}`, 'aria-hidden': 'true' }), item.label)),
  );
}

export function dataTable(table: DataTable): HTMLElement {
  const numeric = new Set(table.numeric ?? []);
  return h(
    'details',
    { class: 'chart-data' },
    h('summary', null, 'Data'),
    h(
      'table',
      { class: 'data-table' },
      h('caption', null, table.caption),
      h('thead', null, h('tr', null, ...table.headers.map((header, j) => h('th', { scope: 'col', class: numeric.has(j) ? 'num' : undefined }, header)))),
      h(
        'tbody',
        null,
        ...table.rows.map((row) => h('tr', null, ...row.map((cell, j) => h(j === 0 ? 'th' : 'td', { scope: j === 0 ? 'row' : undefined, class: numeric.has(j) ? 'num' : undefined }, cell)))),
      ),
    ),
    table.note ? h('p', { class: 'note' }, table.note) : null,
  );
}

/** Renders `spec` into a new <figure>. A chart that fails to draw becomes a message, not a blank page. */
export function chartFigure(spec: ChartSpec, context: ChartContext, ...extra: Child[]): HTMLElement {
  const figure = h('figure', { class: 'chart' });
  const caption = h('figcaption', null, h('span', { class: 'chart-title' }, spec.title), h('span', { class: 'chart-description' }, spec.description));
  figure.append(caption);
  if (spec.legend && spec.legend.length > 0) figure.append(legend(spec.legend));
  try {
    const svg = Plot.plot({
      width: Math.max(240, Math.floor(context.width)),
      className: PLOT_CLASS,
      ariaLabel: spec.title,
      ariaDescription: spec.description,
      ...spec.plot,
    });
    authorizeStyles(svg, context.nonce);
    if (svg instanceof SVGSVGElement) {
      svg.setAttribute('role', 'img');
      spec.afterRender?.(svg);
    }
    figure.append(svg);
  } catch (error) {
    figure.append(h('p', { class: 'chart-error', role: 'note' }, `This chart could not be drawn: ${error instanceof Error ? error.message : String(error)}`));
  }
  if (spec.data) figure.append(dataTable(spec.data));
  for (const child of extra) if (child) figure.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  return figure;
}

/** Shortens a long label for an axis (the full text stays in the mark's title and the data table). */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** An approximate text width in pixels for margins (Plot does not measure text). */
export function textWidth(text: string, fontSize = 11): number {
  return [...text].length * fontSize * 0.6;
}
