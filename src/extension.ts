/**
 * GRADIENT's entry point: builds the shared services and registers each feature. Nothing else
 * lives here; a feature is one file in `src/features/` exporting `register(context, deps)`.
 */
import * as vscode from 'vscode';
import { AssessmentStore } from './assessmentStore';
import { CatalogService } from './catalogService';
import * as assessStage from './features/assessStage';
import * as insertSnippet from './features/insertSnippet';
import * as openPatternFile from './features/openPatternFile';
import * as statusBar from './features/statusBar';
import type { Assessment } from './core/lifecycle/stages';

/** What other extensions (and GRADIENT's own integration tests) may read. */
export interface GradientApi {
  /** The workspace's stage assessment, if the user has made one. */
  readonly assessment: () => Assessment | undefined;
}

export function activate(context: vscode.ExtensionContext): GradientApi {
  const log = vscode.window.createOutputChannel('GRADIENT', { log: true });
  const store = new AssessmentStore(context.workspaceState);
  const deps = { log, store, catalog: new CatalogService(context.extensionUri) };
  context.subscriptions.push(log, store);
  for (const feature of [assessStage, statusBar, insertSnippet, openPatternFile]) {
    context.subscriptions.push(feature.register(context, deps));
  }
  return { assessment: () => store.current };
}

export function deactivate(): void {}
