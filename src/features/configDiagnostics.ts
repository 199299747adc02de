/**
 * The config findings of the readiness check in the Problems panel: one diagnostic per finding,
 * on the YAML config or Python test it names (source GRADIENT, code = rule id, the other place
 * involved as related information), refreshed with the readiness check. A finding with an obvious
 * fix offers it as a quick fix: one undoable WorkspaceEdit, preferred since it is the only one.
 */
import * as vscode from 'vscode';
import type { ConfigFinding } from '../core/readiness/index';
import type { ReadinessService } from '../readinessService';
import { toRange } from './readinessView';

export const DIAGNOSTIC_SOURCE = 'GRADIENT';

interface Entry {
  readonly diagnostic: vscode.Diagnostic;
  readonly finding: ConfigFinding;
}

export class ConfigDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  readonly collection = vscode.languages.createDiagnosticCollection('gradient-readiness');
  /** The findings behind the diagnostics, by file URI, for the quick fixes. */
  private entries = new Map<string, Entry[]>();
  private rendered: ReadinessService['configs'] | null = null;

  constructor(private readonly service: ReadinessService) {}

  render(): void {
    const configs = this.service.configs;
    if (configs === this.rendered) return; // the running state changed, not the findings
    this.rendered = configs;
    const entries = new Map<string, Entry[]>();
    if (configs) {
      for (const finding of configs.check.findings) {
        const uri = fileUri(configs.folder, finding.location.file);
        const diagnostic = new vscode.Diagnostic(
          toRange(finding.location),
          finding.message,
          finding.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = finding.rule;
        if (finding.related) {
          diagnostic.relatedInformation = [
            new vscode.DiagnosticRelatedInformation(new vscode.Location(fileUri(configs.folder, finding.related.file), toRange(finding.related)), finding.related.message),
          ];
        }
        entries.set(uri.toString(), [...(entries.get(uri.toString()) ?? []), { diagnostic, finding }]);
      }
    }
    this.entries = entries;
    this.collection.clear();
    this.collection.set([...entries].map(([uri, list]) => [vscode.Uri.parse(uri), list.map((entry) => entry.diagnostic)]));
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !context.only.intersects(vscode.CodeActionKind.QuickFix)) return [];
    const folder = this.service.configs?.folder;
    if (!folder) return [];
    const actions: vscode.CodeAction[] = [];
    for (const { diagnostic, finding } of this.entries.get(document.uri.toString()) ?? []) {
      if (!finding.fix || !diagnostic.range.intersection(range)) continue;
      const action = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(fileUri(folder, finding.fix.file), toRange(finding.fix), finding.fix.newText);
      action.diagnostics = [diagnostic];
      actions.push(action);
    }
    // Each finding has at most one fix: when only one applies here, it is the one to take.
    if (actions.length === 1) actions[0].isPreferred = true;
    return actions;
  }

  dispose(): void {
    this.collection.dispose();
  }
}

function fileUri(folder: vscode.WorkspaceFolder, file: string): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, ...file.split('/'));
}

export function register(_context: vscode.ExtensionContext, deps: { readiness: ReadinessService }): vscode.Disposable {
  const diagnostics = new ConfigDiagnostics(deps.readiness);
  diagnostics.render();
  return vscode.Disposable.from(
    diagnostics,
    deps.readiness.onDidChange(() => diagnostics.render()),
    vscode.languages.registerCodeActionsProvider([{ language: 'yaml' }, { language: 'python' }, { pattern: '**/*.{yaml,yml,py}' }], diagnostics, {
      providedCodeActionKinds: ConfigDiagnostics.providedCodeActionKinds,
    }),
  );
}
