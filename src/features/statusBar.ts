/**
 * The assessment in the status bar (`GRADIENT: E · latency`): the tooltip lists the stage's
 * checklist in the constraint's order; a click re-runs the assessment.
 */
import * as vscode from 'vscode';
import type { AssessmentStore } from '../assessmentStore';
import type { CatalogService } from '../catalogService';
import { Commands } from '../commands';
import { orderedChecklist } from '../core/lifecycle/ordering';
import { formatAssessment, stageById, type Assessment } from '../core/lifecycle/stages';

export function register(
  _context: vscode.ExtensionContext,
  deps: { store: AssessmentStore; catalog: CatalogService; log: vscode.LogOutputChannel },
): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('gradient.assessment', vscode.StatusBarAlignment.Left, 100);
  item.name = vscode.l10n.t('GRADIENT stage');
  item.command = Commands.assessStage;

  let generation = 0;
  const render = async (assessment: Assessment | undefined) => {
    const current = ++generation;
    if (!assessment) {
      item.text = '$(pulse) GRADIENT';
      item.tooltip = vscode.l10n.t('GRADIENT: assess your ML lifecycle stage');
      item.accessibilityInformation = { label: vscode.l10n.t('GRADIENT: no stage assessed yet. Activate to assess.') };
      item.show();
      return;
    }
    const stage = stageById(assessment.stage);
    item.text = `$(pulse) GRADIENT: ${formatAssessment(assessment)}`;
    item.accessibilityInformation = {
      label: vscode.l10n.t('GRADIENT stage {0}, {1}, constraint {2}. Activate to re-assess.', stage.id, stage.label, assessment.constraint),
    };
    item.show();
    try {
      const checklist = orderedChecklist(await deps.catalog.get(), assessment);
      if (current !== generation) return; // a newer assessment already rendered
      const tooltip = new vscode.MarkdownString();
      tooltip.appendMarkdown(`**${stage.id}) ${vscode.l10n.t(stage.label)}** · ${vscode.l10n.t('constraint')}: ${assessment.constraint}\n\n`);
      for (const entry of checklist) tooltip.appendMarkdown(`- ${escapeMarkdown(entry.text)}\n`);
      tooltip.appendMarkdown(`\n${vscode.l10n.t('Click to re-assess.')}`);
      item.tooltip = tooltip;
    } catch (error) {
      deps.log.warn('status bar checklist unavailable', error);
      item.tooltip = vscode.l10n.t('Click to re-assess.');
    }
  };

  void render(deps.store.current);
  return vscode.Disposable.from(item, deps.store.onDidChange((assessment) => void render(assessment)));
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+\-.!|]/g, (c) => `\\${c}`);
}
