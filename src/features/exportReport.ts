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
import { escapeHtml } from '../webviewHtml';
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
// The standalone HTML page

/** Light and dark values for the VS Code theme variables a webview's CSS may use. */
const THEME_COLORS: Record<string, readonly [string, string]> = {
  'foreground': ['#3b3b3b', '#cccccc'],
  'editor-foreground': ['#3b3b3b', '#cccccc'],
  'editor-background': ['#ffffff', '#1f1f1f'],
  'sideBar-background': ['#f8f8f8', '#181818'],
  'panel-background': ['#f8f8f8', '#181818'],
  'descriptionForeground': ['#717171', '#9d9d9d'],
  'disabledForeground': ['#9d9d9d', '#6e6e6e'],
  'errorForeground': ['#a1260d', '#f48771'],
  'textLink-foreground': ['#005fb8', '#4daafc'],
  'textLink-activeForeground': ['#005fb8', '#4daafc'],
  'focusBorder': ['#005fb8', '#0078d4'],
  'contrastBorder': ['transparent', 'transparent'],
  'panel-border': ['#e5e5e5', '#2b2b2b'],
  'widget-border': ['#e5e5e5', '#313131'],
  'editorWidget-border': ['#c8c8c8', '#454545'],
  'editorGroup-border': ['#e5e5e5', '#2b2b2b'],
  'tree-tableColumnsBorder': ['#61616120', '#cccccc20'],
  'tree-tableOddRowsBackground': ['#0f0f0f0a', '#cccccc0a'],
  'charts-foreground': ['#616161', '#cccccc'],
  'charts-lines': ['#61616180', '#cccccc80'],
  'charts-red': ['#e51400', '#f14c4c'],
  'charts-blue': ['#1a85ff', '#3794ff'],
  'charts-yellow': ['#bf8803', '#cca700'],
  'charts-orange': ['#d18616', '#d18616'],
  'charts-green': ['#388a34', '#89d185'],
  'charts-purple': ['#652d90', '#b180d7'],
  'testing-iconPassed': ['#388a34', '#73c991'],
  'testing-iconFailed': ['#e51400', '#f14c4c'],
  'editorError-foreground': ['#e51400', '#f14c4c'],
  'editorWarning-foreground': ['#bf8803', '#cca700'],
  'editorInfo-foreground': ['#1a85ff', '#3794ff'],
  'problemsErrorIcon-foreground': ['#e51400', '#f14c4c'],
  'problemsWarningIcon-foreground': ['#bf8803', '#cca700'],
  'badge-background': ['#cccccc', '#616161'],
  'badge-foreground': ['#3b3b3b', '#f8f8f8'],
  'button-background': ['#005fb8', '#0078d4'],
  'button-foreground': ['#ffffff', '#ffffff'],
  'button-secondaryBackground': ['#e5e5e5', '#313131'],
  'button-secondaryForeground': ['#3b3b3b', '#cccccc'],
  'list-hoverBackground': ['#f2f2f2', '#2a2d2e'],
  'input-background': ['#ffffff', '#313131'],
  'input-foreground': ['#3b3b3b', '#cccccc'],
  'input-border': ['#cecece', '#3c3c3c'],
  'textCodeBlock-background': ['#f2f2f2', '#2b2b2b'],
  'textBlockQuote-background': ['#f2f2f2', '#2b2b2b'],
  'textPreformat-foreground': ['#3b3b3b', '#d0d0d0'],
  'editorHoverWidget-background': ['#f8f8f8', '#202020'],
};
const FONTS: Record<string, string> = {
  'font-family': 'system-ui, -apple-system, "Segoe UI", Ubuntu, "Droid Sans", sans-serif',
  'font-size': '13px',
  'font-weight': 'normal',
  'editor-font-family': 'ui-monospace, "SF Mono", Menlo, Consolas, "Droid Sans Mono", monospace',
  'editor-font-size': '13px',
  'editor-font-weight': 'normal',
};

/** `--vscode-*` variables for a page outside VS Code: every name the CSS or markup uses gets a value. */
function themeVariables(used: ReadonlySet<string>, dark: boolean): string {
  const names = new Set([...Object.keys(THEME_COLORS), ...Object.keys(FONTS), ...used]);
  const lines: string[] = [];
  for (const name of names) {
    let value = FONTS[name] ?? THEME_COLORS[name]?.[dark ? 1 : 0];
    if (value === undefined) {
      const lower = name.toLowerCase();
      const [fg, bg, border] = dark ? ['#cccccc', '#1f1f1f', '#2b2b2b'] : ['#3b3b3b', '#ffffff', '#e5e5e5'];
      value = lower.includes('background') ? bg : lower.includes('border') ? border : lower.includes('font') ? 'inherit' : fg;
    }
    lines.push(`--vscode-${name}: ${value};`);
  }
  return lines.join(' ');
}

/**
 * The snapshot without anything that could run or fetch: script / iframe / object / embed / link /
 * meta / base / form elements, `on*` handlers and `javascript:` URLs. The page's CSP forbids
 * scripts and network anyway; this keeps the file clean for any viewer.
 */
export function sanitizeSnapshot(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<\/?(?:script|iframe|object|embed|link|meta|base|form|frame|frameset)\b[^>]*>/gi, '')
    .replace(/\s+on[a-z]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi, '')
    .replace(/\s+(?:href|src|xlink:href|action|formaction)\s*=\s*(?:"\s*(?:javascript|vbscript|data:text\/html)[^"]*"|'\s*(?:javascript|vbscript|data:text\/html)[^']*'|(?:javascript|vbscript):[^\s>]*)/gi, '');
}

/**
 * A report's rendered snapshot as a standalone page: inline CSS, no script. The page takes the
 * theme the panel had (the snapshot's `vscode-dark` / `vscode-light` class), or else the viewer's.
 */
export function standaloneHtml(snapshot: string, css: string, title: string, generator: string): string {
  const body = sanitizeSnapshot(snapshot);
  const used = new Set([...`${css}\n${body}`.matchAll(/--vscode-([\w-]+)/g)].map((m) => m[1]));
  const theme = /class="gradient-snapshot\s+(vscode-[\w-]+)/.exec(body)?.[1];
  const dark = theme === 'vscode-dark' || theme === 'vscode-high-contrast';
  const variables =
    theme === undefined
      ? `:root { color-scheme: light dark; ${themeVariables(used, false)} }\n@media (prefers-color-scheme: dark) { :root { ${themeVariables(used, true)} } }`
      : `:root { color-scheme: ${dark ? 'dark' : 'light'}; ${themeVariables(used, dark)} }`;
  const safeCss = css.replace(/<\/style/gi, '<\\/style').replace(/@import[^;]*;/g, '').replace(/url\(\s*(['"]?)(?!data:)[^)]*\1\s*\)/g, 'none');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:;">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="generator" content="${escapeHtml(generator)}">
<title>${escapeHtml(title)}</title>
<style>
${variables}
html, body { background: var(--vscode-editor-background); color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
body { margin: 0 auto; max-width: 1200px; padding: 16px 24px; }
</style>
<style>
${safeCss}
</style>
</head>
<body class="gradient-export${theme ? ` ${theme}` : ''}">
${body}
</body>
</html>
`;
}

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
