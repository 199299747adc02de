/**
 * GRADIENT's entry point: builds the shared services and registers each feature. Nothing else
 * lives here; a feature is one file in `src/features/` exporting `register(context, deps)`.
 */
import * as vscode from 'vscode';
import { AssessmentStore } from './assessmentStore';
import { CatalogService } from './catalogService';
import * as assessStage from './features/assessStage';
import * as calibrationReport from './features/calibrationReportCommand';
import * as conceptDriftReport from './features/conceptDriftReportCommand';
import { RecentDataFiles } from './features/dataFilePicker';
import * as driftReport from './features/driftReportCommand';
import * as exportReport from './features/exportReport';
import * as insertSnippet from './features/insertSnippet';
import * as openPatternFile from './features/openPatternFile';
import { REPORT_VIEW_TYPE, ReportPanels } from './features/reportPanel';
import * as rerunReport from './features/rerunReport';
import * as sidebarView from './features/sidebarView';
import * as statusBar from './features/statusBar';
import type { Assessment } from './core/lifecycle/stages';
import type { ReportView } from './protocol';
import { ReportRunner } from './reportRunner';

/** What other extensions (and GRADIENT's own integration tests) may read. */
export interface GradientApi {
  /** The workspace's stage assessment, if the user has made one. */
  readonly assessment: () => Assessment | undefined;
  /** The report computed last (open, rerun or settings change), if any. */
  readonly latestReport: () => ReportView | undefined;
  /** The reports shown in open panels. */
  readonly openReports: () => readonly ReportView[];
  /** Cancels the reports being computed, as their notification's Cancel button does. */
  readonly cancelReports: () => void;
}

export function activate(context: vscode.ExtensionContext): GradientApi {
  const log = vscode.window.createOutputChannel('GRADIENT', { log: true });
  const store = new AssessmentStore(context.workspaceState);
  const runner = new ReportRunner(context.extensionUri, log);
  const reports = new ReportPanels(context.extensionUri, runner, log, context.workspaceState);
  const recent = new RecentDataFiles(context.workspaceState);
  const deps = { log, store, catalog: new CatalogService(context.extensionUri), runner, reports, recent };
  context.subscriptions.push(
    log,
    store,
    reports,
    // Report panels come back after a window reload, recomputed from the same files.
    vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, { deserializeWebviewPanel: (panel, state) => reports.restore(panel, state) }),
  );
  for (const feature of [
    assessStage,
    statusBar,
    insertSnippet,
    openPatternFile,
    driftReport,
    calibrationReport,
    conceptDriftReport,
    rerunReport,
    exportReport,
    sidebarView,
  ]) {
    context.subscriptions.push(feature.register(context, deps));
  }
  return {
    assessment: () => store.current,
    latestReport: () => reports.latest?.view,
    openReports: () => reports.openEntries().map((entry) => entry.view),
    cancelReports: () => reports.cancelAll(),
  };
}

export function deactivate(): void {}
