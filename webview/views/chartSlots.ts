/**
 * Places in the page that hold charts. Each slot knows how to draw itself for a palette and a
 * width; the slots are redrawn when the theme changes and when their container's width changes,
 * and only then (tables and text are never rebuilt for a theme change).
 */

import type { ChartContext } from '../charts/plotChart';
import type { Palette } from '../theme';

export type DrawCharts = (context: ChartContext) => HTMLElement | readonly HTMLElement[];

interface Slot {
  readonly container: HTMLElement;
  readonly draw: DrawCharts;
  width: number;
}

/** Width used when a container is not laid out (e.g. the panel is hidden). */
const FALLBACK_WIDTH = 640;
/** Redraw on resize only when the width changed at least this much. */
const RESIZE_STEP = 24;

export class ChartSlots {
  private slots: Slot[] = [];
  private resizeObserver: ResizeObserver | undefined;
  private resizeTimer: number | undefined;

  constructor(
    private palette: Palette,
    private readonly nonce: string | undefined,
  ) {}

  /** Draws into `container` (already in the document) now and on every theme change. */
  add(container: HTMLElement, draw: DrawCharts): void {
    const slot: Slot = { container, draw, width: 0 };
    this.slots.push(slot);
    this.draw(slot);
    this.observe(container);
  }

  /** Forgets the slots inside `root` (e.g. the previous column's detail) and empties them. */
  removeWithin(root: Node): void {
    this.slots = this.slots.filter((slot) => {
      if (!root.contains(slot.container)) return true;
      this.resizeObserver?.unobserve(slot.container);
      slot.container.replaceChildren();
      return false;
    });
  }

  setPalette(palette: Palette): void {
    this.palette = palette;
    for (const slot of this.slots) this.draw(slot);
  }

  dispose(): void {
    this.resizeObserver?.disconnect();
    if (this.resizeTimer !== undefined) clearTimeout(this.resizeTimer);
    this.slots = [];
  }

  private measure(container: HTMLElement): number {
    const width = container.clientWidth;
    return width > 0 ? width : FALLBACK_WIDTH;
  }

  private draw(slot: Slot): void {
    slot.width = this.measure(slot.container);
    const charts = slot.draw({ palette: this.palette, width: slot.width, nonce: this.nonce });
    slot.container.replaceChildren(...(Array.isArray(charts) ? charts : [charts as HTMLElement]));
  }

  private observe(container: HTMLElement): void {
    if (typeof ResizeObserver === 'undefined') return;
    this.resizeObserver ??= new ResizeObserver(() => {
      if (this.resizeTimer !== undefined) clearTimeout(this.resizeTimer);
      this.resizeTimer = window.setTimeout(() => this.onResize(), 120);
    });
    this.resizeObserver.observe(container);
  }

  private onResize(): void {
    this.resizeTimer = undefined;
    for (const slot of this.slots) {
      if (Math.abs(this.measure(slot.container) - slot.width) >= RESIZE_STEP) this.draw(slot);
    }
  }
}
