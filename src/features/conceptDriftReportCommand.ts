/**
 * GRADIENT: Open concept-drift report — CUSUM over an accuracy or correctness column of a file,
 * in file order or sorted by a time column chosen from the file's columns. k and h (in standard
 * deviations) and the warm-up come from the settings.
 */
import * as vscode from 'vscode';
import { Commands, registerCommand, UserFacingError } from '../commands';
import type { ColumnPreview, ReportRunner } from '../reportRunner';
import { previewColumns } from './calibrationReportCommand';
import { pickColumn, pickDataFile, requireLocalFile, resolveDataFileArg, type RecentDataFiles } from './dataFilePicker';
import type { ReportPanels } from './reportPanel';

interface Deps {
  readonly log: vscode.LogOutputChannel;
  readonly reports: ReportPanels;
  readonly recent: RecentDataFiles;
  readonly runner: ReportRunner;
}

const TITLE = vscode.l10n.t('GRADIENT: Open concept-drift report');

/** An accuracy (numbers in [0, 1]) or a correctness flag; a telling name counts more. */
export function seriesScore(column: ColumnPreview): number {
  const named = /acc|correct|hit|success|score/i.test(column.name) ? 3 : 0;
  if (column.binary) return 2 + named;
  if (column.kind === 'numeric' && column.min !== undefined && column.max !== undefined && column.min >= 0 && column.max <= 1) return 2 + named;
  return column.kind === 'numeric' ? named : 0;
}

/** A time: a telling name, or dates. */
export function timeScore(column: ColumnPreview): number {
  const named = /time|date|day|^ts$|timestamp|step|batch|week|hour|epoch|period/i.test(column.name) ? 3 : 0;
  const dates = column.kind === 'categorical' && column.examples.length > 0 && column.examples.every((e) => Number.isFinite(Date.parse(e))) ? 2 : 0;
  return named + dates;
}

interface Answer {
  file: vscode.Uri;
  column: string;
  timeColumn?: string;
}

async function ask(deps: Deps, given: vscode.Uri | undefined): Promise<Answer | undefined> {
  let file = given;
  let columns: readonly ColumnPreview[] | undefined;
  let column: string | undefined;
  let step = given ? 2 : 1;
  for (;;) {
    if (step === 1) {
      const picked = await pickDataFile(deps.recent, { title: TITLE, step: 1, totalSteps: 3, placeholder: vscode.l10n.t('A file with an accuracy per batch, or a correct/incorrect flag per prediction') });
      if (!(picked instanceof vscode.Uri)) return undefined;
      file = picked;
      columns = undefined;
      step = 2;
    } else if (step === 2) {
      columns ??= await previewColumns(deps.runner, file!);
      const picked = await pickColumn({
        title: TITLE,
        step: 2,
        totalSteps: 3,
        placeholder: vscode.l10n.t('Series column: accuracy (0 to 1) or correct (1/0, true/false)'),
        columns,
        score: seriesScore,
      });
      if (picked === 'cancelled' || picked === null) return undefined;
      if (picked === 'back') {
        if (given) return undefined;
        step = 1;
        continue;
      }
      column = picked;
      step = 3;
    } else {
      const picked = await pickColumn({
        title: TITLE,
        step: 3,
        totalSteps: 3,
        placeholder: vscode.l10n.t('Order: the rows as they are in the file, or sorted by a time column'),
        columns: columns!,
        score: timeScore,
        exclude: [column!],
        noneLabel: vscode.l10n.t('File order'),
        noneDetail: vscode.l10n.t('The rows are already in time order'),
      });
      if (picked === 'cancelled') return undefined;
      if (picked === 'back') {
        step = 2;
        continue;
      }
      return picked === null ? { file: file!, column: column! } : { file: file!, column: column!, timeColumn: picked };
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri);
}

export function register(_context: vscode.ExtensionContext, deps: Deps): vscode.Disposable {
  // `{ file, column, timeColumn? }` skips the questions; a Uri (explorer) skips the file step.
  return registerCommand(Commands.openConceptDriftReport, deps.log, async (arg?: unknown) => {
    let answer: Answer | undefined;
    if (isRecord(arg)) {
      const extra = Object.keys(arg).filter((key) => !['file', 'column', 'timeColumn'].includes(key));
      if (extra.length > 0) throw new UserFacingError(vscode.l10n.t('Open concept-drift report takes {0}; unknown: {1}.', '{ file, column, timeColumn? }', extra.join(', ')));
      if (typeof arg.column !== 'string' || arg.column === '') throw new UserFacingError(vscode.l10n.t('column must be a column name, not {0}.', JSON.stringify(arg.column) ?? String(arg.column)));
      if (arg.timeColumn !== undefined && (typeof arg.timeColumn !== 'string' || arg.timeColumn === '')) {
        throw new UserFacingError(vscode.l10n.t('timeColumn must be a column name, not {0}.', JSON.stringify(arg.timeColumn)));
      }
      answer = { file: resolveDataFileArg(arg.file, 'file'), column: arg.column, ...(arg.timeColumn !== undefined ? { timeColumn: arg.timeColumn as string } : {}) };
    } else if (arg instanceof vscode.Uri || arg === undefined) {
      answer = await ask(deps, arg && requireLocalFile(arg));
    } else {
      throw new UserFacingError(vscode.l10n.t('Open concept-drift report takes {0}, for example {1}.', '{ file, column, timeColumn? }', '{ "file": "accuracy_stream.csv", "column": "accuracy", "timeColumn": "date" }'));
    }
    if (!answer) return undefined;
    await deps.recent.touch(answer.file);
    return deps.reports.open({ kind: 'cusum', ...answer });
  });
}
