/**
 * Keeps the readiness check living: a change to a test, config or record under the workspace (on
 * disk, or typed into an open YAML or Python editor), a re-assessment, a new folder or a granted
 * trust re-runs it, debounced (ReadinessService.schedule), the stale run cancelled. The first run
 * is scheduled too, so activation itself reads no file.
 */
import * as vscode from 'vscode';
import type { AssessmentStore } from '../assessmentStore';
import { isWatchedPath, WATCHED_GLOB } from '../readinessPaths';
import type { ReadinessService } from '../readinessService';
import { VsCodeWorkspaceReader } from '../workspaceReader';

export function register(_context: vscode.ExtensionContext, deps: { readiness: ReadinessService; store: AssessmentStore }): vscode.Disposable {
  const { readiness: service } = deps;
  const relevant = (uri: vscode.Uri) => {
    const folder = service.folder;
    if (!folder) return false;
    const file = new VsCodeWorkspaceReader(folder).relative(uri);
    return file !== undefined && isWatchedPath(file);
  };
  const onFile = (uri: vscode.Uri) => {
    if (relevant(uri)) service.schedule();
  };
  const watcher = vscode.workspace.createFileSystemWatcher(WATCHED_GLOB);
  service.schedule();
  return vscode.Disposable.from(
    watcher,
    watcher.onDidCreate(onFile),
    watcher.onDidChange(onFile),
    watcher.onDidDelete(onFile),
    vscode.workspace.onDidSaveTextDocument((document) => onFile(document.uri)),
    // Unsaved edits count too (the reader reads open documents), so a quick fix clears at once.
    vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
      if (contentChanges.length > 0 && (document.languageId === 'yaml' || document.languageId === 'python')) onFile(document.uri);
    }),
    // An editor closed without saving: the file on disk is what counts again.
    vscode.workspace.onDidCloseTextDocument((document) => onFile(document.uri)),
    vscode.workspace.onDidChangeWorkspaceFolders(() => service.schedule()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => service.schedule()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('gradient.readiness')) service.schedule();
    }),
    deps.store.onDidChange(() => {
      if (service.stageChoice === 'assessed') service.schedule();
    }),
  );
}
