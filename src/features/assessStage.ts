/**
 * GRADIENT: Assess stage — where in the lifecycle the user is and what the primary constraint is.
 * A two-step quick pick (one function per step over a State object); the answer is kept per
 * workspace and opens the stage's pattern file in the Markdown preview.
 */
import * as vscode from 'vscode';
import type { AssessmentStore } from '../assessmentStore';
import type { CatalogService } from '../catalogService';
import { Commands, registerCommand, UserFacingError } from '../commands';
import {
  CONSTRAINT_INFO,
  isAssessment,
  stageById,
  STAGES,
  type Assessment,
  type Constraint,
  type StageId,
} from '../core/lifecycle/stages';
import { showQuickPickStep } from './quickPickStep';

interface State {
  stage?: StageId;
  constraint?: Constraint;
}

interface StageItem extends vscode.QuickPickItem {
  readonly stage: StageId;
}
interface ConstraintItem extends vscode.QuickPickItem {
  readonly constraint: Constraint;
}

const TITLE = vscode.l10n.t('GRADIENT: Assess stage');

async function pickStage(state: State, previous: Assessment | undefined): Promise<'next' | 'cancelled'> {
  const items: StageItem[] = STAGES.map((stage) => ({
    stage: stage.id,
    label: `${stage.id}) ${vscode.l10n.t(stage.label)}`,
    description: previous?.stage === stage.id ? vscode.l10n.t('current') : undefined,
    detail: vscode.l10n.t(stage.description),
  }));
  const result = await showQuickPickStep({
    title: TITLE,
    step: 1,
    totalSteps: 2,
    placeholder: vscode.l10n.t('What stage are you at?'),
    items,
    activeItem: items.find((item) => item.stage === (state.stage ?? previous?.stage)),
  });
  if (typeof result !== 'object') return 'cancelled';
  state.stage = result.picked.stage;
  return 'next';
}

async function pickConstraint(state: State, previous: Assessment | undefined): Promise<'done' | 'back' | 'cancelled'> {
  const items: ConstraintItem[] = CONSTRAINT_INFO.map((info) => ({
    constraint: info.id,
    label: vscode.l10n.t(info.label),
    description: previous?.constraint === info.id ? vscode.l10n.t('current') : undefined,
    detail: vscode.l10n.t(info.description),
  }));
  const result = await showQuickPickStep({
    title: TITLE,
    step: 2,
    totalSteps: 2,
    placeholder: vscode.l10n.t("What's the primary constraint? It shapes every trade-off that follows."),
    items,
    activeItem: items.find((item) => item.constraint === previous?.constraint),
  });
  if (result === 'back' || result === 'cancelled') return result;
  state.constraint = result.picked.constraint;
  return 'done';
}

/** Runs the two steps; Back from step 2 returns to step 1; Escape anywhere returns undefined. */
async function askAssessment(previous: Assessment | undefined): Promise<Assessment | undefined> {
  const state: State = {};
  for (;;) {
    if ((await pickStage(state, previous)) === 'cancelled') return undefined;
    const outcome = await pickConstraint(state, previous);
    if (outcome === 'cancelled') return undefined;
    if (outcome === 'done' && state.stage && state.constraint) return { stage: state.stage, constraint: state.constraint };
  }
}

export function register(
  _context: vscode.ExtensionContext,
  deps: { store: AssessmentStore; catalog: CatalogService; log: vscode.LogOutputChannel },
): vscode.Disposable {
  // An argument `{ stage, constraint }` skips the questions: for keybindings, tasks and tests.
  return registerCommand(Commands.assessStage, deps.log, async (given?: unknown) => {
    if (given !== undefined && !isAssessment(given)) {
      throw new UserFacingError(vscode.l10n.t('Assess stage takes {0}, for example {1}.', '{ stage: "A".."G", constraint: "accuracy" | "latency" | "cost" | "reliability" }', '{ "stage": "E", "constraint": "latency" }'));
    }
    const assessment = given ?? (await askAssessment(deps.store.current));
    if (!assessment) return undefined;
    await deps.store.set(assessment);
    const patternFile = stageById(assessment.stage).patternFile;
    await vscode.commands.executeCommand('markdown.showPreview', deps.catalog.patternUri(patternFile));
    return assessment;
  });
}
