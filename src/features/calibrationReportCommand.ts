/**
 * GRADIENT: Open calibration report — a predictions file, then its confidence (probability)
 * column and its correctness / label column, chosen from the columns detected in the file's first
 * rows (the whole file is read only for the report itself). Likely columns are suggested first.
 */
import * as vscode from 'vscode';
import { Commands, registerCommand, UserFacingError } from '../commands';
import type { ColumnPreview, ReportRunner } from '../reportRunner';
import { fileLabel, pickColumn, pickDataFile, requireLocalFile, resolveDataFileArg, type RecentDataFiles } from './dataFilePicker';
import type { ReportPanels } from './reportPanel';
import { readReportSettings } from '../settings';

interface Deps {
  readonly log: vscode.LogOutputChannel;
  readonly reports: ReportPanels;
  readonly recent: RecentDataFiles;
  readonly runner: ReportRunner;
}

const TITLE = vscode.l10n.t('GRADIENT: Open calibration report');

/** A probability: numbers within [0, 1] that are not all 0/1; a telling name counts more. */
export function confidenceScore(column: ColumnPreview): number {
  if (column.kind !== 'numeric' || column.binary || column.min === undefined || column.max === undefined) return 0;
  if (column.min < 0 || column.max > 1) return 0;
  return 2 + (/prob|conf|score|proba|p_?hat|pred/i.test(column.name) ? 3 : 0);
}

/** An outcome: every value 0/1 or true/false; a telling name counts more. */
export function outcomeScore(column: ColumnPreview): number {
  if (!column.binary) return 0;
  return 2 + (/correct|label|y_?true|target|outcome|actual|hit|^is_|^y$/i.test(column.name) ? 3 : 0);
}

/** The columns of `file` from its first rows, while the status bar says so. */
export async function previewColumns(runner: ReportRunner, file: vscode.Uri): Promise<readonly ColumnPreview[]> {
  const { columns } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('GRADIENT: reading the columns of {0}', fileLabel(file)) },
    () => runner.columns({ path: file.fsPath, label: fileLabel(file) }, readReportSettings(file).data),
  );
  if (columns.length === 0) throw new UserFacingError(vscode.l10n.t('{0} has no columns: pick another file.', fileLabel(file)));
  return columns;
}

interface State {
  file?: vscode.Uri;
  columns?: readonly ColumnPreview[];
  confidence?: string;
  correct?: string;
}

/** The three steps with Back; a file given up front skips step 1. */
async function ask(deps: Deps, given: vscode.Uri | undefined): Promise<Required<Pick<State, 'file' | 'confidence' | 'correct'>> | undefined> {
  const state: State = { file: given };
  const total = 3;
  let step = given ? 2 : 1;
  for (;;) {
    if (step === 1) {
      const file = await pickDataFile(deps.recent, { title: TITLE, step: 1, totalSteps: total, placeholder: vscode.l10n.t('Predictions file: one row per prediction, with its confidence and whether it was right') });
      if (!(file instanceof vscode.Uri)) return undefined;
      state.file = file;
      state.columns = undefined;
      step = 2;
    } else if (step === 2) {
      state.columns ??= await previewColumns(deps.runner, state.file!);
      const picked = await pickColumn({
        title: TITLE,
        step: 2,
        totalSteps: total,
        placeholder: vscode.l10n.t('Confidence column: the predicted probability (0 to 1)'),
        columns: state.columns,
        score: confidenceScore,
      });
      if (picked === 'cancelled' || picked === null) return undefined;
      if (picked === 'back') {
        if (given) return undefined;
        step = 1;
        continue;
      }
      state.confidence = picked;
      step = 3;
    } else {
      const picked = await pickColumn({
        title: TITLE,
        step: 3,
        totalSteps: total,
        placeholder: vscode.l10n.t('Outcome column: 1/0 or true/false (the label, or whether the prediction was correct)'),
        columns: state.columns!,
        score: outcomeScore,
        exclude: [state.confidence!],
      });
      if (picked === 'cancelled' || picked === null) return undefined;
      if (picked === 'back') {
        step = 2;
        continue;
      }
      return { file: state.file!, confidence: state.confidence!, correct: picked };
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri);
}

function columnArg(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new UserFacingError(vscode.l10n.t('{0} must be a column name, not {1}.', name, JSON.stringify(value) ?? String(value)));
  return value;
}

export function register(_context: vscode.ExtensionContext, deps: Deps): vscode.Disposable {
  // `{ file, confidence, correct }` skips the questions; a Uri (explorer) skips the file step.
  return registerCommand(Commands.openCalibrationReport, deps.log, async (arg?: unknown) => {
    let answer: { file: vscode.Uri; confidence: string; correct: string } | undefined;
    if (isRecord(arg)) {
      const extra = Object.keys(arg).filter((key) => !['file', 'confidence', 'correct'].includes(key));
      if (extra.length > 0) throw new UserFacingError(vscode.l10n.t('Open calibration report takes {0}; unknown: {1}.', '{ file, confidence, correct }', extra.join(', ')));
      answer = { file: resolveDataFileArg(arg.file, 'file'), confidence: columnArg(arg.confidence, 'confidence'), correct: columnArg(arg.correct, 'correct') };
    } else if (arg instanceof vscode.Uri || arg === undefined) {
      answer = await ask(deps, arg && requireLocalFile(arg));
    } else {
      throw new UserFacingError(vscode.l10n.t('Open calibration report takes {0}, for example {1}.', '{ file, confidence, correct }', '{ "file": "predictions.csv", "confidence": "probability", "correct": "label" }'));
    }
    if (!answer) return undefined;
    await deps.recent.touch(answer.file);
    return deps.reports.open({ kind: 'calibration', ...answer });
  });
}
