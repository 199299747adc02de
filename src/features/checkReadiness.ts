/**
 * GRADIENT: Check readiness — answers the chosen stage's checklist from the workspace (the
 * assessed stage, one stage, or all), shows it in the side bar's Readiness section and sums it up
 * in a notification with a Show button. GRADIENT: Choose readiness stage changes the stage the
 * section follows. An argument `{ stage }` ('assessed', 'all' or A-G) skips the pick (tests, walkthrough).
 */
import * as vscode from 'vscode';
import type { AssessmentStore } from '../assessmentStore';
import { Commands, registerCommand, UserFacingError } from '../commands';
import { isStageId, STAGES } from '../core/lifecycle/stages';
import type { ReadinessReport } from '../core/readiness/index';
import type { ReadinessService, StageChoice } from '../readinessService';
import { READINESS_VIEW_ID } from './readinessView';

interface ChoiceItem extends vscode.QuickPickItem {
  readonly choice?: StageChoice;
}

async function pickStage(store: AssessmentStore, current: StageChoice): Promise<StageChoice | undefined> {
  const assessment = store.current;
  const items: ChoiceItem[] = [];
  if (assessment) {
    items.push({
      choice: 'assessed',
      label: vscode.l10n.t('$(pulse) Assessed stage: {0}) {1}', assessment.stage, vscode.l10n.t(stageLabel(assessment.stage))),
      description: vscode.l10n.t('constraint {0}; follows re-assessments', assessment.constraint),
    });
  } else {
    items.push({ label: vscode.l10n.t('$(pulse) Assess stage first…'), description: vscode.l10n.t('then check the stage you pick') });
  }
  items.push({ choice: 'all', label: vscode.l10n.t('$(list-tree) All stages'), description: vscode.l10n.t('every checklist item of every pattern file') });
  items.push({ kind: vscode.QuickPickItemKind.Separator, label: vscode.l10n.t('One stage') });
  for (const stage of STAGES) items.push({ choice: stage.id, label: `${stage.id}) ${vscode.l10n.t(stage.label)}`, description: stage.patternFile });
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('GRADIENT: Check readiness'),
    placeHolder: vscode.l10n.t('Which stage is done? (now: {0})', current === 'assessed' ? vscode.l10n.t('the assessed stage') : current === 'all' ? vscode.l10n.t('all stages') : current),
  });
  if (!picked) return undefined;
  if (picked.choice) return picked.choice;
  const assessed = await vscode.commands.executeCommand<unknown>(Commands.assessStage);
  return assessed ? 'assessed' : undefined;
}

function stageLabel(id: string): string {
  return STAGES.find((stage) => stage.id === id)?.label ?? id;
}

function choiceFromArgument(argument: unknown): StageChoice | undefined {
  if (argument === undefined) return undefined;
  const stage = typeof argument === 'object' && argument !== null ? (argument as { stage?: unknown }).stage : argument;
  if (stage === 'assessed' || stage === 'all' || isStageId(stage)) return stage;
  throw new UserFacingError(vscode.l10n.t('{0} is not a stage: use "assessed", "all" or a letter A-G.', JSON.stringify(stage)));
}

async function pickFolder(service: ReadinessService): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) throw new UserFacingError(vscode.l10n.t('open a folder first: the readiness check reads its tests and configs.'));
  if (folders.length === 1) {
    service.folder = folders[0];
    return;
  }
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Which folder is checked?') });
  if (!picked) throw new vscode.CancellationError();
  service.folder = picked;
}

/** "Stage E: Not ready ... Confidence 62%: 5 pass, 2 fail, 1 missing." */
export function summary(report: ReadinessReport): string {
  const count = (state: string) => report.items.filter((item) => item.state === state).length;
  const where = report.stage === 'all' ? vscode.l10n.t('All stages') : vscode.l10n.t('Stage {0}', report.stage);
  return vscode.l10n.t(
    '{0}: {1} Confidence {2}% ({3} pass, {4} fail, {5} missing).',
    where,
    report.verdict,
    Math.round(report.confidence * 100),
    count('pass'),
    count('fail'),
    count('missing'),
  );
}

async function checkAndShow(service: ReadinessService, notify: boolean): Promise<ReadinessReport | undefined> {
  const report = await vscode.window.withProgress({ location: { viewId: READINESS_VIEW_ID } }, () => service.evaluate());
  if (!report) throw new UserFacingError(vscode.l10n.t('no stage to check: run "GRADIENT: Assess stage" first, or check all stages.'));
  if (notify) {
    const show = vscode.l10n.t('Show');
    const message = vscode.l10n.t('GRADIENT readiness · {0}', summary(report));
    const notice = report.status === 'ready' ? vscode.window.showInformationMessage(message, show) : vscode.window.showWarningMessage(message, show);
    void notice.then((answer) => {
      if (answer === show) void vscode.commands.executeCommand(`${READINESS_VIEW_ID}.focus`);
    });
  }
  return report;
}

export function register(
  _context: vscode.ExtensionContext,
  deps: { readiness: ReadinessService; store: AssessmentStore; log: vscode.LogOutputChannel },
): vscode.Disposable {
  const { readiness: service, store, log } = deps;
  return vscode.Disposable.from(
    registerCommand(Commands.checkReadiness, log, async (argument?: unknown) => {
      let choice = choiceFromArgument(argument);
      if (choice === undefined) {
        await pickFolder(service);
        choice = await pickStage(store, service.stageChoice);
        if (choice === undefined) return undefined;
      } else if (!service.folder) {
        await pickFolder(service);
      }
      await service.setStageChoice(choice);
      return checkAndShow(service, true);
    }),
    registerCommand(Commands.chooseReadinessStage, log, async (argument?: unknown) => {
      const choice = choiceFromArgument(argument) ?? (await pickStage(store, service.stageChoice));
      if (choice === undefined) return undefined;
      await service.setStageChoice(choice);
      return checkAndShow(service, false);
    }),
  );
}
