/**
 * The GRADIENT side bar (activity-bar container "GRADIENT"): the current stage and constraint,
 * the latest report's verdict with its most drifted columns, and buttons to open the full report,
 * rerun it, start a new drift report or assess the stage. The view caches its last state and
 * re-posts it whenever it becomes visible again (its page is not kept while hidden).
 */
import * as vscode from 'vscode';
import type { AssessmentStore } from '../assessmentStore';
import { Commands } from '../commands';
import { bySeverity } from '../core/reports/driftReport';
import { stageById } from '../core/lifecycle/stages';
import type { SidebarState } from '../protocol';
import { buildWebviewHtml, webviewOptions } from '../webviewHtml';
import { parseWebviewMessage } from '../webviewMessages';
import { reportTitle, type ReportEntry, type ReportPanels } from './reportPanel';

export const SIDEBAR_VIEW_ID = 'gradient.sidebar';
const TOP_COLUMNS = 5;

/** The side bar's whole state, from the assessment and the latest report. */
export function sidebarState(store: AssessmentStore, latest: ReportEntry | undefined): SidebarState {
  const assessment = store.current;
  return {
    assessment: assessment ? { ...assessment, stageLabel: stageById(assessment.stage).label } : null,
    latest: latest ? latestSummary(latest) : null,
  };
}

function latestSummary({ request, view }: ReportEntry): NonNullable<SidebarState['latest']> {
  const report = view.report;
  const title = reportTitle(request);
  switch (report.report) {
    case 'drift':
      return {
        kind: 'drift',
        title,
        status: report.summary.status,
        verdict: report.summary.verdict,
        topColumns: bySeverity(report.columns)
          .slice(0, TOP_COLUMNS)
          .map((c) => ({ name: c.name, status: c.status, psi: c.psi })),
      };
    case 'calibration':
      return { kind: 'calibration', title, status: report.status, verdict: report.verdict, topColumns: [] };
    case 'cusum':
      return { kind: 'cusum', title, status: report.status, verdict: report.verdict, topColumns: [] };
  }
}

class SidebarViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private state: SidebarState;
  private readonly viewDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: AssessmentStore,
    private readonly reports: ReportPanels,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.state = sidebarState(store, reports.latest);
  }

  /** Recomputes the state and posts it if the view is showing (else it goes out on the next show). */
  update(): void {
    this.state = sidebarState(this.store, this.reports.latest);
    this.post();
  }

  private post(): void {
    if (this.view?.visible) void this.view.webview.postMessage({ type: 'sidebar', state: this.state });
  }

  resolveWebviewView(webviewView: vscode.WebviewView): void {
    vscode.Disposable.from(...this.viewDisposables.splice(0)).dispose();
    this.view = webviewView;
    webviewView.webview.options = webviewOptions({
      dist: vscode.Uri.joinPath(this.extensionUri, 'dist'),
      media: vscode.Uri.joinPath(this.extensionUri, 'media'),
    });
    webviewView.webview.html = buildWebviewHtml(
      webviewView.webview,
      { script: vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'), style: vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.css') },
      { view: 'sidebar', state: this.state },
      'GRADIENT',
    );
    this.viewDisposables.push(
      webviewView.onDidChangeVisibility(() => this.post()),
      webviewView.onDidDispose(() => {
        if (this.view === webviewView) this.view = undefined;
      }),
      webviewView.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
    );
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw, (reason) => this.log.warn(`side bar: ignored a message: ${reason}`));
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.post();
        return;
      case 'openReport':
        try {
          this.reports.revealLatest();
        } catch (error) {
          void vscode.window.showErrorMessage(vscode.l10n.t('GRADIENT: {0}', error instanceof Error ? error.message : String(error)));
        }
        return;
      case 'rerun':
        // The side bar shows the latest report, so that is the one to run again.
        void vscode.commands.executeCommand(Commands.rerunReport, this.state.latest ? { kind: this.state.latest.kind } : undefined);
        return;
      case 'newDriftReport':
        void vscode.commands.executeCommand(Commands.openDriftReport);
        return;
      case 'assessStage':
        void vscode.commands.executeCommand(Commands.assessStage);
        return;
      case 'export':
        void vscode.commands.executeCommand(Commands.exportReport, { format: message.format });
        return;
      default:
        this.log.warn(`side bar: ignored a ${message.type} message (report panels only)`);
    }
  }

  dispose(): void {
    vscode.Disposable.from(...this.viewDisposables.splice(0)).dispose();
  }
}

export function register(
  context: vscode.ExtensionContext,
  deps: { store: AssessmentStore; reports: ReportPanels; log: vscode.LogOutputChannel },
): vscode.Disposable {
  const provider = new SidebarViewProvider(context.extensionUri, deps.store, deps.reports, deps.log);
  return vscode.Disposable.from(
    provider,
    vscode.window.registerWebviewViewProvider(SIDEBAR_VIEW_ID, provider),
    deps.store.onDidChange(() => provider.update()),
    deps.reports.onDidChangeLatest(() => provider.update()),
  );
}
