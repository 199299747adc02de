/**
 * GRADIENT: Open drift report — the reference (training) file, then the current (production) file,
 * each from the workspace's data files (most recently used first) or Browse...; the last pair is
 * remembered per workspace. GRADIENT: Compare with reference... (explorer context menu on a data
 * file) takes that file as the current one and asks only for the reference.
 */
import * as vscode from 'vscode';
import { Commands, registerCommand, UserFacingError } from '../commands';
import type { ReportView } from '../protocol';
import { isDataFile, isQueryFile, pickDataFile, resolveDataFileArg, requireLocalFile, type RecentDataFiles } from './dataFilePicker';
import type { ReportPanels } from './reportPanel';

interface Deps {
  readonly log: vscode.LogOutputChannel;
  readonly reports: ReportPanels;
  readonly recent: RecentDataFiles;
}

const TITLE = vscode.l10n.t('GRADIENT: Open drift report');

/** Step 1 reference, step 2 current (Back returns to step 1); undefined when cancelled. */
async function askPair(recent: RecentDataFiles): Promise<{ reference: vscode.Uri; current: vscode.Uri } | undefined> {
  const last = recent.lastDriftPair;
  for (;;) {
    const reference = await pickDataFile(recent, {
      title: TITLE,
      step: 1,
      totalSteps: 2,
      placeholder: vscode.l10n.t('Reference data: the file the model was trained on (e.g. train.csv)'),
      preferred: last?.reference,
      preferredNote: vscode.l10n.t('last reference'),
      queries: true,
    });
    if (reference === 'cancelled' || reference === 'back') return undefined;
    const current = await pickDataFile(recent, {
      title: TITLE,
      step: 2,
      totalSteps: 2,
      placeholder: vscode.l10n.t('Current data: what the model sees now (e.g. production.csv)'),
      preferred: last?.current,
      preferredNote: vscode.l10n.t('last current'),
      exclude: reference,
      queries: true,
    });
    if (current === 'cancelled') return undefined;
    if (current !== 'back') return { reference, current };
  }
}

async function askReference(recent: RecentDataFiles, current: vscode.Uri): Promise<vscode.Uri | undefined> {
  const reference = await pickDataFile(recent, {
    title: vscode.l10n.t('GRADIENT: Compare {0} with reference', current.path.slice(current.path.lastIndexOf('/') + 1)),
    step: 1,
    totalSteps: 1,
    placeholder: vscode.l10n.t('Reference data: the file the model was trained on (e.g. train.csv)'),
    preferred: recent.lastDriftPair?.reference,
    preferredNote: vscode.l10n.t('last reference'),
    exclude: current,
    queries: isQueryFile(current),
  });
  return reference instanceof vscode.Uri ? reference : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri);
}

async function openDrift(deps: Deps, reference: vscode.Uri, current: vscode.Uri): Promise<ReportView | undefined> {
  await deps.recent.rememberDriftPair({ reference, current });
  return deps.reports.open({ kind: 'drift', reference, current });
}

export function register(_context: vscode.ExtensionContext, deps: Deps): vscode.Disposable {
  return vscode.Disposable.from(
    // `{ reference, current }` (absolute or workspace-relative paths) skips the pickers: keybindings, tasks, tests.
    registerCommand(Commands.openDriftReport, deps.log, async (arg?: unknown) => {
      if (isRecord(arg)) {
        const extra = Object.keys(arg).filter((key) => key !== 'reference' && key !== 'current');
        if (extra.length > 0) throw new UserFacingError(vscode.l10n.t('Open drift report takes {0}; unknown: {1}.', '{ reference, current }', extra.join(', ')));
        return openDrift(deps, resolveDataFileArg(arg.reference, 'reference'), resolveDataFileArg(arg.current, 'current'));
      }
      if (arg instanceof vscode.Uri) {
        const reference = await askReference(deps.recent, requireLocalFile(arg));
        return reference ? openDrift(deps, reference, arg) : undefined;
      }
      if (arg !== undefined) throw new UserFacingError(vscode.l10n.t('Open drift report takes {0}, for example {1}.', '{ reference, current }', '{ "reference": "data/train.csv", "current": "data/production.csv" }'));
      const pair = await askPair(deps.recent);
      return pair ? openDrift(deps, pair.reference, pair.current) : undefined;
    }),
    // From the explorer: the clicked file is the current one. From the palette: the active editor's data file, or asked.
    registerCommand(Commands.compareWithReference, deps.log, async (arg?: unknown) => {
      let current: vscode.Uri | undefined;
      if (arg instanceof vscode.Uri) current = requireLocalFile(arg);
      else if (typeof arg === 'string') current = resolveDataFileArg(arg, 'current');
      else if (arg !== undefined) throw new UserFacingError(vscode.l10n.t('Compare with reference takes the current data file.'));
      const active = vscode.window.activeTextEditor?.document.uri;
      current ??= active && active.scheme === 'file' && (isDataFile(active) || isQueryFile(active)) ? active : undefined;
      if (!current) {
        const picked = await pickDataFile(deps.recent, {
          title: vscode.l10n.t('GRADIENT: Compare with reference'),
          step: 1,
          totalSteps: 2,
          placeholder: vscode.l10n.t('Current data: what the model sees now (e.g. production.csv)'),
          preferred: deps.recent.lastDriftPair?.current,
          preferredNote: vscode.l10n.t('last current'),
          queries: true,
        });
        if (!(picked instanceof vscode.Uri)) return undefined;
        current = picked;
      }
      const reference = await askReference(deps.recent, current);
      return reference ? openDrift(deps, reference, current) : undefined;
    }),
  );
}
