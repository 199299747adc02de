/**
 * GRADIENT: Rerun report — computes the open report again on the same files with the current
 * settings (the files may have changed on disk). The panel keeps the previous report on screen
 * until the new one is ready; a cancelled rerun leaves it as it was. `{ kind }` picks the panel.
 */
import * as vscode from 'vscode';
import { Commands, registerCommand, UserFacingError } from '../commands';
import { isReportKind, type ReportPanels } from './reportPanel';

export function register(_context: vscode.ExtensionContext, deps: { log: vscode.LogOutputChannel; reports: ReportPanels }): vscode.Disposable {
  return registerCommand(Commands.rerunReport, deps.log, async (arg?: unknown) => {
    let kind;
    if (typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri)) {
      const given = (arg as { kind?: unknown }).kind;
      if (!isReportKind(given) || Object.keys(arg).some((key) => key !== 'kind')) {
        throw new UserFacingError(vscode.l10n.t('Rerun report takes {0}, not {1}.', '{ kind: "drift" | "calibration" | "cusum" }', JSON.stringify(arg)));
      }
      kind = given;
    }
    return deps.reports.rerun(kind);
  });
}
