/**
 * GRADIENT: Export report — the open report as a self-contained HTML page (the panel's rendered
 * charts and tables, inline CSS, no script, no network), as JSON (the CLI's schema) or as Markdown
 * (a pull-request comment). A save dialog picks the target; an input file of the report (by path,
 * link or inode) is never overwritten. `{ format, path, kind? }` skips the questions (tests, keybindings).
 */
import * as vscode from 'vscode';
import { isAbsolute } from 'node:path';
import { Commands, registerCommand, UserFacingError } from '../commands';
import { renderJson } from '../core/reports/renderJson';
import { renderMarkdown } from '../core/reports/renderMarkdown';
import { OutputFileError, sameFile, writeOutputFile } from '../outputFile';
import type { ExportFormat, ReportKind } from '../protocol';
import { standaloneHtml } from '../standaloneHtml';
import { EXPORT_FORMATS } from '../webviewMessages';
import { fileLabel } from './dataFilePicker';
import { isReportKind, reportTitle, requestFiles, type ReportEntry, type ReportPanels } from './reportPanel';

interface Deps {
  readonly log: vscode.LogOutputChannel;
  readonly reports: ReportPanels;
}

const EXTENSIONS: Record<ExportFormat, string> = { html: 'html', json: 'json', markdown: 'md' };
const KIND_FILE_NAMES: Record<ReportKind, string> = { drift: 'drift-report', calibration: 'calibration-report', cusum: 'concept-drift-report' };

// ---------------------------------------------------------------------------------------------
// The command

/**
 * Writes the export. A local file goes through the CLI's writer (`src/outputFile.ts`), so the
 * editor and `--out` follow the same rules: atomic replacement keeping the file's mode, links
 * followed, hard links kept, devices written in place, read-only files and folders refused.
 * Other schemes (remote or virtual file systems) have only `workspace.fs`.
 */
async function writeExport(target: vscode.Uri, text: string): Promise<void> {
  if (target.scheme !== 'file') {
    await writeExport(target, text);
    return;
  }
  // As workspace.fs.writeFile did: a `{ path }` argument may name a folder that does not exist yet.
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
  try {
    writeOutputFile(target.fsPath, text);
  } catch (error) {
    if (error instanceof OutputFileError) throw new UserFacingError(error.message);
    throw error;
  }
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const items: Array<vscode.QuickPickItem & { format: ExportFormat }> = [
    { format: 'html', label: 'HTML', detail: vscode.l10n.t('A standalone page with the charts and tables, no script, opens in any browser') },
    { format: 'json', label: 'JSON', detail: vscode.l10n.t("The CLI's schema (gradient ... --format json): for scripts and CI") },
    { format: 'markdown', label: 'Markdown', detail: vscode.l10n.t('The verdict and the table: for a pull-request comment') },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('GRADIENT: Export report'), placeHolder: vscode.l10n.t('Export the report as...') });
  return picked?.format;
}

function targetFromArg(value: unknown): vscode.Uri {
  if (typeof value !== 'string' || value.trim() === '') throw new UserFacingError(vscode.l10n.t('path must be a file path, not {0}.', JSON.stringify(value) ?? String(value)));
  if (isAbsolute(value)) return vscode.Uri.file(value);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new UserFacingError(vscode.l10n.t('path {0} is relative, but no folder is open: give an absolute path.', JSON.stringify(value)));
  return vscode.Uri.joinPath(folder.uri, value);
}

async function askTarget(entry: ReportEntry, format: ExportFormat): Promise<vscode.Uri | undefined> {
  const first = requestFiles(entry.request)[0];
  const folder = vscode.workspace.getWorkspaceFolder(first)?.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.joinPath(first, '..');
  const filters: Record<ExportFormat, Record<string, string[]>> = {
    html: { HTML: ['html', 'htm'] },
    json: { JSON: ['json'] },
    markdown: { Markdown: ['md', 'markdown'] },
  };
  return vscode.window.showSaveDialog({
    title: vscode.l10n.t('GRADIENT: Export {0}', reportTitle(entry.request)),
    defaultUri: vscode.Uri.joinPath(folder, `${KIND_FILE_NAMES[entry.request.kind]}.${EXTENSIONS[format]}`),
    filters: filters[format],
    saveLabel: vscode.l10n.t('Export'),
  });
}

export function register(context: vscode.ExtensionContext, deps: Deps): vscode.Disposable {
  const generator = `GRADIENT ${String((context.extension.packageJSON as { version?: unknown }).version ?? '')}`.trim();
  const readCss = async (): Promise<string> => {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview.css')));
    } catch (error) {
      deps.log.warn('export: dist/webview.css is missing; the page gets the base styles only', error);
      return '';
    }
  };

  return registerCommand(Commands.exportReport, deps.log, async (arg?: unknown) => {
    const given = typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) ? (arg as Record<string, unknown>) : {};
    const extra = Object.keys(given).filter((key) => !['format', 'path', 'kind'].includes(key));
    if (extra.length > 0) throw new UserFacingError(vscode.l10n.t('Export report takes {0}; unknown: {1}.', '{ format, path, kind? }', extra.join(', ')));
    if (given.format !== undefined && !(EXPORT_FORMATS as readonly unknown[]).includes(given.format)) {
      throw new UserFacingError(vscode.l10n.t('format must be one of {0}, not {1}.', EXPORT_FORMATS.join(', '), JSON.stringify(given.format)));
    }
    if (given.kind !== undefined && !isReportKind(given.kind)) throw new UserFacingError(vscode.l10n.t('kind must be drift, calibration or cusum, not {0}.', JSON.stringify(given.kind)));
    const kind = given.kind as ReportKind | undefined;

    const panel = deps.reports.activePanel(kind);
    const entry = panel?.entry ?? (kind === undefined || deps.reports.latest?.request.kind === kind ? deps.reports.latest : undefined);
    if (!entry) throw new UserFacingError(vscode.l10n.t('there is no report to export: open a drift, calibration or concept-drift report first.'));
    const format = (given.format as ExportFormat | undefined) ?? (await pickFormat());
    if (!format) return undefined;
    const target = given.path !== undefined ? targetFromArg(given.path) : await askTarget(entry, format);
    if (!target) return undefined;
    if (target.scheme === 'file') {
      const input = requestFiles(entry.request).find((file) => sameFile(file.fsPath, target.fsPath));
      if (input) throw new UserFacingError(vscode.l10n.t('{0} is an input of the report: exporting there would overwrite your data. Choose another file name.', fileLabel(input)));
    }

    let text: string;
    if (format === 'json') {
      text = renderJson(entry.view.report);
    } else if (format === 'markdown') {
      text = renderMarkdown(entry.view.report);
    } else {
      const reportPanel = panel ?? (deps.reports.revealLatest(), deps.reports.activePanel(entry.request.kind));
      if (!reportPanel) throw new UserFacingError(vscode.l10n.t('the HTML export needs the report panel: open the report first.'));
      const snapshot = await reportPanel.snapshot();
      if (snapshot.trim() === '') throw new UserFacingError(vscode.l10n.t('the report panel sent an empty page: wait until the charts show, then export again.'));
      text = standaloneHtml(snapshot, await readCss(), `GRADIENT · ${reportTitle(entry.request)}`, generator);
    }
    await writeExport(target, text);
    deps.log.info(`exported the ${entry.request.kind} report as ${format} to ${target.fsPath}`);
    if (given.path === undefined) {
      const open = vscode.l10n.t('Open');
      void vscode.window.showInformationMessage(vscode.l10n.t('GRADIENT: exported the report to {0}.', fileLabel(target)), open).then((choice) => {
        if (choice === open) void vscode.commands.executeCommand('vscode.open', target);
      });
    }
    return target.fsPath;
  });
}
