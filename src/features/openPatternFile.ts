/** GRADIENT: Open pattern file — any pattern file in the Markdown preview, the current stage's first. */
import * as vscode from 'vscode';
import type { AssessmentStore } from '../assessmentStore';
import type { CatalogService } from '../catalogService';
import { Commands, registerCommand } from '../commands';
import { patternFileFor } from '../core/lifecycle/ordering';
import { STAGES } from '../core/lifecycle/stages';

export function register(
  _context: vscode.ExtensionContext,
  deps: { store: AssessmentStore; catalog: CatalogService; log: vscode.LogOutputChannel },
): vscode.Disposable {
  return registerCommand(Commands.openPatternFile, deps.log, async () => {
    const catalog = await deps.catalog.get();
    const assessment = deps.store.current;
    const current = assessment ? patternFileFor(catalog, assessment) : undefined;
    const files = [...catalog.patternFiles].sort((a, b) => Number(b === current) - Number(a === current));
    const picked = await vscode.window.showQuickPick(
      files.map((file) => ({
        file: file.file,
        label: file.title,
        description: file === current ? vscode.l10n.t('current stage') : `patterns/${file.file}`,
        detail: vscode.l10n.t('Stages {0} · {1} snippets', file.stages.map((id) => `${id}) ${STAGES.find((s) => s.id === id)?.label}`).join(', '), file.snippets.length),
      })),
      { title: vscode.l10n.t('GRADIENT: Open pattern file'), matchOnDescription: true },
    );
    if (picked) await vscode.commands.executeCommand('markdown.showPreview', deps.catalog.patternUri(picked.file));
  });
}
