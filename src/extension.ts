/**
 * GRADIENT's entry point: builds the shared services and registers each feature. Nothing else
 * lives here; a feature is one file in `src/features/` exporting `register(context, deps)`.
 */
import * as vscode from 'vscode';
import { AssessmentStore } from './assessmentStore';
import { CatalogService } from './catalogService';
import * as assessStage from './features/assessStage';
import * as checkReadiness from './features/checkReadiness';
import * as codeReview from './features/codeReview';
import * as configDiagnostics from './features/configDiagnostics';
import * as calibrationReport from './features/calibrationReportCommand';
import * as conceptDriftReport from './features/conceptDriftReportCommand';
import { RecentDataFiles } from './features/dataFilePicker';
import * as databasePassword from './features/databasePassword';
import { DatabasePasswords } from './features/databasePassword';
import * as driftReport from './features/driftReportCommand';
import * as exportReport from './features/exportReport';
import * as insertSnippet from './features/insertSnippet';
import * as openPatternFile from './features/openPatternFile';
import * as readinessView from './features/readinessView';
import * as readinessWatcher from './features/readinessWatcher';
import { REPORT_VIEW_TYPE, ReportPanels } from './features/reportPanel';
import * as rerunReport from './features/rerunReport';
import * as runReadinessTests from './features/runReadinessTests';
import * as sidebarView from './features/sidebarView';
import * as statusBar from './features/statusBar';
import type { Assessment } from './core/lifecycle/stages';
import { assessReadiness, checkConfigs } from './core/readiness/index';
import type { ReadinessReport } from './core/readiness/index';
import type { ReportView } from './protocol';
import { ReadinessService } from './readinessService';
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
  /** The latest readiness report, once no check is running or scheduled. */
  readonly readiness: () => Promise<ReadinessReport | undefined>;
  /** What the side bar's Readiness section shows. */
  readonly readinessView: () => readinessView.ReadinessViewSnapshot;
  /** The last pytest run of Run readiness tests. */
  readonly lastTestRun: () => runReadinessTests.TestRunResult | undefined;
  /** Cancels the test run in progress, as its notification's Cancel button does. */
  readonly cancelTestRun: () => void;
  /** Resolves once the code review has no review scheduled or running: its diagnostics are current. */
  readonly reviewSettled: () => Promise<void>;
}

export function activate(context: vscode.ExtensionContext): GradientApi {
  const log = vscode.window.createOutputChannel('GRADIENT', { log: true });
  const store = new AssessmentStore(context.workspaceState);
  const runner = new ReportRunner(context.extensionUri, log);
  const passwords = new DatabasePasswords(context.secrets);
  const reports = new ReportPanels(context.extensionUri, runner, log, context.workspaceState, passwords);
  const recent = new RecentDataFiles(context.workspaceState);
  const catalog = new CatalogService(context.extensionUri);
  const readiness = new ReadinessService(
    { assess: assessReadiness, checkConfigs },
    store,
    catalog,
    context.workspaceState,
    context.storageUri ?? context.globalStorageUri,
    log,
  );
  const deps = { log, store, catalog, runner, reports, recent, readiness, passwords };
  context.subscriptions.push(
    log,
    store,
    reports,
    readiness,
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
    checkReadiness,
    configDiagnostics,
    readinessWatcher,
    databasePassword,
  ]) {
    context.subscriptions.push(feature.register(context, deps));
  }
  const readinessTree = readinessView.register(context, deps);
  const testRunner = runReadinessTests.register(context, deps);
  const review = codeReview.register(context, deps);
  context.subscriptions.push(readinessTree, testRunner, review);
  return {
    assessment: () => store.current,
    latestReport: () => reports.latest?.view,
    openReports: () => reports.openEntries().map((entry) => entry.view),
    cancelReports: () => reports.cancelAll(),
    readiness: () => readiness.settled(),
    readinessView: () => readinessTree.snapshot(),
    lastTestRun: () => testRunner.lastRun(),
    cancelTestRun: () => testRunner.cancel(),
    reviewSettled: () => review.settled(),
  };
}

export function deactivate(): void {}
