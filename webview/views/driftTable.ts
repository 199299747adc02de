/**
 * The drift panel's table of every tested column: a semantic <table> (not `vscode-table`, see the
 * report in the design notes) with a button in each header for sorting (`aria-sort` on the <th>)
 * and a button per row for selecting the column. Rows are built once; sorting moves the existing
 * <tr> nodes, so hundreds of columns re-sort in a few milliseconds.
 *
 * Keyboard: Tab reaches the header buttons and the selected row's button (one tab stop for all
 * rows); Up/Down/Home/End move between rows; Enter or Space selects.
 */

import type { DriftColumn, MultipleTestingCorrection } from '../../src/core/reports/types';
import {
  driftRowCells,
  firstDirection,
  pValueName,
  sortedColumnIndices,
  statusTone,
  type DriftRowCells,
  type SortKey,
  type SortOrder,
} from '../chartData';
import { h, plainBadge } from '../dom';

interface HeaderSpec {
  readonly key: SortKey;
  readonly label: string;
  readonly title: string;
  readonly numeric: boolean;
}

/**
 * Seven columns, so the table fits an 800-pixel panel with the status visible: the effect (PSI),
 * the evidence (p), the sample sizes and the missing share; the selected column's detail below
 * holds the test statistic, Wasserstein, Jensen-Shannon and the extreme values.
 */
function headers(correction: MultipleTestingCorrection): HeaderSpec[] {
  return [
    { key: 'name', label: 'Column', title: 'Column name', numeric: false },
    { key: 'kind', label: 'Kind', title: 'numeric or categorical', numeric: false },
    { key: 'psi', label: 'PSI', title: 'Population stability index (hover a value for the part beyond sampling noise)', numeric: true },
    { key: 'p', label: pValueName(correction), title: 'p-value of the test the status was judged on (KS for numbers, chi-square for categories)', numeric: true },
    { key: 'n', label: 'n ref / cur', title: 'Values in the reference and in the current file', numeric: true },
    { key: 'missing', label: 'Missing Δ', title: 'Change of the missing-value share, in percentage points', numeric: true },
    { key: 'status', label: 'Status', title: 'drift, warning, insufficient data, detectable but small or ok (hover for the reason)', numeric: false },
  ];
}

export interface DriftTableOptions {
  readonly correction: MultipleTestingCorrection;
  readonly sort: SortOrder;
  readonly onSort: (order: SortOrder) => void;
  readonly onSelect: (name: string) => void;
}

export class DriftTable {
  readonly element: HTMLElement;
  private readonly tbody: HTMLTableSectionElement;
  private readonly rows: HTMLTableRowElement[];
  private readonly rowButtons: HTMLButtonElement[];
  private readonly headerCells = new Map<SortKey, HTMLTableCellElement>();
  private readonly announcer: HTMLElement;
  private order: SortOrder;
  private ordered: number[] = [];
  private selected = -1;

  constructor(
    private readonly columns: readonly DriftColumn[],
    private readonly options: DriftTableOptions,
  ) {
    this.order = options.sort;
    const specs = headers(options.correction);
    const headerRow = h('tr');
    for (const spec of specs) {
      const indicator = h('span', { class: 'sort-indicator', 'aria-hidden': 'true' });
      const sortButton = h('button', { type: 'button', class: 'sort-button', title: `Sort by ${spec.title}` }, spec.label, indicator);
      sortButton.addEventListener('click', () => this.onHeader(spec.key));
      const th = h('th', { scope: 'col', class: spec.numeric ? 'num' : undefined }, sortButton);
      this.headerCells.set(spec.key, th);
      headerRow.append(th);
    }
    this.rowButtons = [];
    this.rows = columns.map((column, index) => this.buildRow(column, driftRowCells(column, options.correction), index));
    this.tbody = h('tbody');
    this.tbody.addEventListener('click', (event) => {
      const row = (event.target as Element).closest('tr');
      if (!row || !this.tbody.contains(row)) return;
      this.options.onSelect(this.columns[Number(row.dataset.index)].name);
    });
    this.tbody.addEventListener('keydown', (event) => this.onKey(event));
    this.announcer = h('span', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    const table = h(
      'table',
      { class: 'drift-table' },
      h('caption', { class: 'visually-hidden' }, `All ${columns.length} tested columns. Sort with the header buttons; select a column to see its distributions below.`),
      h('thead', null, headerRow),
      this.tbody,
    );
    this.element = h('div', { class: 'table-scroll', tabindex: '-1' }, table, this.announcer);
    this.applySort(false);
  }

  get sortOrder(): SortOrder {
    return this.order;
  }

  sortBy(order: SortOrder, announce = true): void {
    this.order = order;
    this.applySort(announce);
  }

  /** Marks `name`'s row as selected (no event). */
  select(name: string | undefined): void {
    const index = name === undefined ? -1 : this.columns.findIndex((c) => c.name === name);
    if (this.selected >= 0) {
      this.rows[this.selected].classList.remove('selected');
      this.rowButtons[this.selected].removeAttribute('aria-current');
    }
    this.selected = index;
    if (index >= 0) {
      this.rows[index].classList.add('selected');
      this.rowButtons[index].setAttribute('aria-current', 'true');
    }
    this.updateTabStop();
  }

  /** Scrolls the selected row into the table's view without moving the page. */
  revealSelected(): void {
    if (this.selected < 0) return;
    const row = this.rows[this.selected];
    const box = this.element;
    const top = row.offsetTop;
    const header = this.tbody.previousElementSibling as HTMLElement | null;
    const headerHeight = header?.offsetHeight ?? 0;
    if (top - headerHeight < box.scrollTop) box.scrollTop = top - headerHeight;
    else if (top + row.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = top + row.offsetHeight - box.clientHeight;
  }

  private buildRow(column: DriftColumn, cells: DriftRowCells, index: number): HTMLTableRowElement {
    const rowButton = h('button', { type: 'button', class: 'row-button', tabindex: '-1', title: cells.name.title }, cells.name.text);
    this.rowButtons.push(rowButton);
    const td = (key: Exclude<keyof DriftRowCells, 'name' | 'status'>, numeric: boolean) =>
      h('td', { class: numeric ? 'num' : undefined, title: cells[key].title }, cells[key].text);
    return h(
      'tr',
      { 'data-index': index, class: `status-${column.status}` },
      h('th', { scope: 'row', class: 'name' }, rowButton),
      td('kind', false),
      td('psi', true),
      td('p', true),
      td('n', true),
      td('missing', true),
      h('td', { class: 'status' }, plainBadge(cells.status.text, statusTone(column.status), cells.status.title)),
    );
  }

  private onHeader(key: SortKey): void {
    const direction = this.order.key === key ? (this.order.direction === 'ascending' ? 'descending' : 'ascending') : firstDirection(key);
    this.order = { key, direction };
    this.applySort(true);
    this.options.onSort(this.order);
  }

  private applySort(announce: boolean): void {
    this.ordered = sortedColumnIndices(this.columns, this.order);
    // Moving existing rows: no cell is rebuilt.
    this.tbody.replaceChildren(...this.ordered.map((i) => this.rows[i]));
    for (const [key, th] of this.headerCells) {
      const indicator = th.querySelector('.sort-indicator');
      if (key === this.order.key) {
        th.setAttribute('aria-sort', this.order.direction);
        if (indicator) indicator.textContent = this.order.direction === 'ascending' ? ' ▲' : ' ▼';
      } else {
        th.removeAttribute('aria-sort');
        if (indicator) indicator.textContent = '';
      }
    }
    this.updateTabStop();
    if (announce) {
      const label = this.headerCells.get(this.order.key)?.querySelector('button')?.firstChild?.textContent ?? this.order.key;
      this.announcer.textContent = `Sorted by ${label}, ${this.order.direction}.`;
    }
  }

  /** One tab stop for the rows: the selected row, or the first one. */
  private updateTabStop(): void {
    const stop = this.selected >= 0 ? this.selected : this.ordered[0];
    this.rowButtons.forEach((b, i) => (b.tabIndex = i === stop ? 0 : -1));
  }

  private onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    if (!target.classList.contains('row-button')) return;
    const index = this.rowButtons.indexOf(target as HTMLButtonElement);
    const position = this.ordered.indexOf(index);
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(this.ordered.length - 1, position + 1);
        break;
      case 'ArrowUp':
        next = Math.max(0, position - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = this.ordered.length - 1;
        break;
      case 'PageDown':
        next = Math.min(this.ordered.length - 1, position + 10);
        break;
      case 'PageUp':
        next = Math.max(0, position - 10);
        break;
      default:
        return;
    }
    event.preventDefault();
    const button = this.rowButtons[this.ordered[next]];
    this.rowButtons.forEach((b) => (b.tabIndex = b === button ? 0 : -1));
    button.focus();
  }
}
