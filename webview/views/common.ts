/** Pieces every report view shares: the header facts list and small formatting helpers. */

import { h, type Child } from '../dom';
import type { ChartSlots } from './chartSlots';
import type { SortOrder } from '../chartData';

/** What a report view needs from the panel around it. */
export interface ViewEnvironment {
  readonly charts: ChartSlots;
  /** The saved selection / sort, and how to save a change. */
  readonly selectedColumn: string | undefined;
  readonly sort: SortOrder | undefined;
  readonly onViewStateChange: (change: { selectedColumn?: string; sort?: SortOrder }) => void;
}

export interface ReportViewHandle {
  /** The rendered report (the snapshot serializes it). */
  readonly element: HTMLElement;
  dispose(): void;
}

/** A <dl> of label / value pairs; values may be nodes. */
export function facts(entries: readonly (readonly [string, Child | readonly Child[]])[]): HTMLElement {
  const dl = h('dl', { class: 'facts' });
  for (const [term, value] of entries) {
    const dd = h('dd');
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child === null || child === undefined || child === false) continue;
      dd.append(typeof child === 'string' || typeof child === 'number' ? String(child) : (child as Node));
    }
    dl.append(h('div', { class: 'fact' }, h('dt', null, term), dd));
  }
  return dl;
}

/** A file path shown in full as a tooltip, its last segments as text. */
export function filePath(path: string): HTMLElement {
  return h('code', { class: 'path', title: path }, path);
}

/** A container for charts: `ChartSlots.add` draws into it once it is in the document. */
export function chartContainer(className = 'charts'): HTMLElement {
  return h('div', { class: className });
}
