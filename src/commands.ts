/**
 * Command ids, in one place; `test/unit/manifest.test.ts` checks they match package.json.
 * `registerCommand` turns every failure into a clear error message instead of a silent rejection.
 */
import * as vscode from 'vscode';

export const Commands = {
  assessStage: 'gradient.assessStage',
  insertSnippet: 'gradient.insertSnippet',
  openPatternFile: 'gradient.openPatternFile',
  openDriftReport: 'gradient.openDriftReport',
  compareWithReference: 'gradient.compareWithReference',
  openCalibrationReport: 'gradient.openCalibrationReport',
  openConceptDriftReport: 'gradient.openConceptDriftReport',
  exportReport: 'gradient.exportReport',
  rerunReport: 'gradient.rerunReport',
  checkReadiness: 'gradient.checkReadiness',
  chooseReadinessStage: 'gradient.chooseReadinessStage',
  runReadinessTests: 'gradient.runReadinessTests',
  openReadinessItem: 'gradient.openReadinessItem',
  insertReadinessSnippet: 'gradient.insertReadinessSnippet',
  forgetDatabasePassword: 'gradient.forgetDatabasePassword',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

/** An error whose message is written for the user: shown as is, without a stack trace. */
export class UserFacingError extends Error {}

export function registerCommand(
  id: CommandId,
  log: vscode.LogOutputChannel,
  handler: (...args: unknown[]) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      // Escape in a dialog or a cancelled run: nothing to report.
      if (error instanceof vscode.CancellationError) return undefined;
      const message = error instanceof Error ? error.message : String(error);
      log.error(`${id} failed`, error instanceof Error && !(error instanceof UserFacingError) ? error : message);
      void vscode.window.showErrorMessage(vscode.l10n.t('GRADIENT: {0}', message));
      return undefined;
    }
  });
}
