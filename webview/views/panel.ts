/**
 * The report panel: a toolbar (Rerun, Export HTML / JSON / Markdown), a progress bar and an
 * error banner for reruns, and the report view for the report's kind. A rerun keeps the old
 * report visible until the new one arrives.
 */

import type { ExportFormat, ReportView, WebviewMessage } from '../../src/protocol';
import { button, h } from '../dom';
import { snapshotHtml } from '../snapshot';
import type { Palette } from '../theme';
import type { PanelViewState } from '../vscodeApi';
import { renderCalibrationReport } from './calibrationView';
import { ChartSlots } from './chartSlots';
import type { ReportViewHandle, ViewEnvironment } from './common';
import { renderCusumReport } from './cusumView';
import { renderDriftReport } from './driftView';

export interface PanelHost {
  post(message: WebviewMessage): void;
  viewState(): PanelViewState;
  saveViewState(state: PanelViewState): void;
}

const EXPORTS: readonly (readonly [ExportFormat, string])[] = [
  ['html', 'HTML'],
  ['json', 'JSON'],
  ['markdown', 'Markdown'],
];

export class ReportPanel {
  private readonly charts: ChartSlots;
  private readonly content: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly status: HTMLElement;
  private readonly error: HTMLElement;
  private readonly actionButtons: HTMLElement[] = [];
  private view: ReportViewHandle | undefined;
  private state: PanelViewState;

  constructor(
    root: HTMLElement,
    private readonly host: PanelHost,
    palette: Palette,
    nonce: string | undefined,
  ) {
    this.charts = new ChartSlots(palette, nonce);
    this.state = host.viewState();
    const rerun = button('Rerun', () => this.host.post({ type: 'rerun' }), { title: 'Compute the report again from the same files' });
    this.actionButtons.push(rerun);
    const exportGroup = h('div', { class: 'toolbar-group', role: 'group', 'aria-label': 'Export' }, h('span', { class: 'toolbar-label', 'aria-hidden': 'true' }, 'Export'));
    for (const [format, label] of EXPORTS) {
      const exportButton = button(label, () => this.host.post({ type: 'export', format }), { secondary: true, title: `Export the report as ${label}` });
      exportButton.setAttribute('aria-label', `Export as ${label}`);
      this.actionButtons.push(exportButton);
      exportGroup.append(exportButton);
    }
    this.status = h('span', { class: 'toolbar-status', role: 'status', 'aria-live': 'polite' });
    const toolbar = h('div', { class: 'toolbar', role: 'group', 'aria-label': 'Report actions' }, rerun, exportGroup, this.status);
    this.progress = h('vscode-progress-bar', { class: 'progress', hidden: true, 'aria-label': 'Computing the report' });
    this.error = h('div', { class: 'error-banner', role: 'alert', hidden: true });
    this.content = h('main', { class: 'report-content' });
    // Progress and errors sit in the sticky top with the toolbar: visible wherever the page is scrolled.
    const top = h('div', { class: 'panel-top' }, toolbar, this.progress, this.error);
    root.replaceChildren(top, this.content);
  }

  showReport(view: ReportView | null): void {
    this.progress.hidden = true;
    this.status.textContent = '';
    this.error.hidden = true;
    this.error.replaceChildren();
    this.setActionsEnabled(view !== null);
    this.view?.dispose();
    this.view = undefined;
    if (view === null) {
      this.content.replaceChildren(h('p', { class: 'empty' }, 'Computing the report…'));
      this.progress.hidden = false;
      return;
    }
    const env: ViewEnvironment = {
      charts: this.charts,
      selectedColumn: this.state.selectedColumn,
      sort: this.state.sort,
      onViewStateChange: (change) => this.saveState(change),
    };
    const { report } = view;
    if (this.state.kind !== report.report) this.saveState({ kind: report.report });
    try {
      switch (report.report) {
        case 'drift':
          this.view = renderDriftReport(this.content, report, env);
          break;
        case 'calibration':
          this.view = renderCalibrationReport(this.content, report, env);
          break;
        case 'cusum':
          this.view = renderCusumReport(this.content, report, env);
          break;
        default:
          this.content.replaceChildren(h('p', { class: 'empty' }, 'This version of GRADIENT cannot show this report.'));
      }
    } catch (error) {
      this.content.replaceChildren(h('p', { class: 'chart-error', role: 'alert' }, `The report could not be shown: ${error instanceof Error ? error.message : String(error)}`));
    }
    if (this.view) {
      const footer = h('p', { class: 'computed-at muted' }, `Computed ${formatTime(view.computedAt)} in ${formatElapsed(view.elapsedMs)}.`);
      this.view.element.append(footer);
    }
  }

  showProgress(message: string): void {
    this.progress.hidden = false;
    this.status.textContent = message;
    this.error.hidden = true;
    this.setActionsEnabled(false);
  }

  showError(message: string): void {
    this.progress.hidden = true;
    this.status.textContent = '';
    this.error.replaceChildren(h('strong', null, 'The report could not be computed. '), message);
    this.error.hidden = false;
    this.setActionsEnabled(true);
  }

  setPalette(palette: Palette): void {
    this.charts.setPalette(palette);
  }

  /** The rendered report for the HTML export; null before the first report. */
  snapshot(): string | null {
    return this.view ? snapshotHtml(this.view.element) : null;
  }

  private setActionsEnabled(enabled: boolean): void {
    for (const b of this.actionButtons) b.toggleAttribute('disabled', !enabled);
  }

  private saveState(change: Partial<PanelViewState>): void {
    this.state = { ...this.state, ...change };
    this.host.saveViewState(this.state);
  }
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

function formatElapsed(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
