/**
 * Picking the data files and columns a report reads: a quick pick of the workspace's data files
 * (most recently used first, then the rest by path) with a "Browse..." entry, a column quick pick
 * over a file's detected columns, and the checks on file arguments given by keybindings and tests.
 * The recently used files and the last drift pair are kept per workspace.
 */
import * as vscode from 'vscode';
import { isAbsolute } from 'node:path';
import { UserFacingError } from '../commands';
import { formatMeasure } from '../core/reports/vocabulary';
import type { ColumnPreview } from '../reportRunner';
import { showQuickPickStep, type StepResult } from './quickPickStep';

/** The extensions the loaders read (core/data `SUPPORTED_EXTENSIONS`, without the dot). */
export const DATA_FILE_EXTENSIONS = ['csv', 'tsv', 'tab', 'jsonl', 'ndjson', 'parquet', 'pq'] as const;
const DATA_FILE_GLOB = `**/*.{${DATA_FILE_EXTENSIONS.join(',')}}`;
/** A drift report's side may also be a query, run on the configured database (`gradient.database.connection`). */
const QUERY_FILE_EXTENSION = 'sql';
const DRIFT_SOURCE_GLOB = `**/*.{${[...DATA_FILE_EXTENSIONS, QUERY_FILE_EXTENSION].join(',')}}`;
/** Folders that hold tools' files, never the user's data. */
const EXCLUDE_GLOB = '**/{node_modules,.git,.hg,.svn,.venv,venv,.tox,.nox,__pycache__,.mypy_cache,.pytest_cache,site-packages,.ipynb_checkpoints}/**';
/** More files than anyone scrolls through; type to filter, or Browse.... */
const MAX_FILES = 500;
const MAX_RECENT = 20;
const RECENT_KEY = 'gradient.recentDataFiles';
const DRIFT_PAIR_KEY = 'gradient.lastDriftPair';

/** The last reference / current pair of a drift report, per workspace. */
export interface DriftPair {
  readonly reference: vscode.Uri;
  readonly current: vscode.Uri;
}

/** The data files the user picked lately, most recent first, kept in the workspace state. */
export class RecentDataFiles {
  constructor(private readonly state: vscode.Memento) {}

  list(): vscode.Uri[] {
    const stored = this.state.get<unknown>(RECENT_KEY);
    return Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string').map((s) => vscode.Uri.parse(s)) : [];
  }

  async touch(...uris: vscode.Uri[]): Promise<void> {
    const keys = uris.map((u) => u.toString());
    const rest = this.list().map((u) => u.toString()).filter((s) => !keys.includes(s));
    await this.state.update(RECENT_KEY, [...keys, ...rest].slice(0, MAX_RECENT));
  }

  get lastDriftPair(): DriftPair | undefined {
    const stored = this.state.get<{ reference?: unknown; current?: unknown }>(DRIFT_PAIR_KEY);
    if (typeof stored?.reference !== 'string' || typeof stored.current !== 'string') return undefined;
    return { reference: vscode.Uri.parse(stored.reference), current: vscode.Uri.parse(stored.current) };
  }

  async rememberDriftPair(pair: DriftPair): Promise<void> {
    await this.state.update(DRIFT_PAIR_KEY, { reference: pair.reference.toString(), current: pair.current.toString() });
    await this.touch(pair.current, pair.reference);
  }
}

/** How a file is named in pickers, titles and messages: workspace-relative when it can be. */
export function fileLabel(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export function isDataFile(uri: vscode.Uri): boolean {
  const name = baseName(uri).toLowerCase();
  return DATA_FILE_EXTENSIONS.some((ext) => name.endsWith(`.${ext}`));
}

/** A `.sql` file: one side of a drift report computed on the database. */
export function isQueryFile(uri: vscode.Uri): boolean {
  return baseName(uri).toLowerCase().endsWith(`.${QUERY_FILE_EXTENSION}`);
}

/**
 * A file argument (a `Uri`, an absolute path, or a path relative to the first workspace folder)
 * as a file URI, or an error naming the argument.
 */
export function resolveDataFileArg(value: unknown, name: string): vscode.Uri {
  let uri: vscode.Uri;
  if (value instanceof vscode.Uri) {
    uri = value;
  } else if (typeof value === 'string' && value.trim() !== '') {
    if (isAbsolute(value)) {
      uri = vscode.Uri.file(value);
    } else {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) throw new UserFacingError(vscode.l10n.t('{0} is the relative path {1}, but no folder is open: give an absolute path.', name, JSON.stringify(value)));
      uri = vscode.Uri.joinPath(folder.uri, value);
    }
  } else {
    throw new UserFacingError(vscode.l10n.t('{0} must be a file path (absolute, or relative to the workspace folder), not {1}.', name, JSON.stringify(value) ?? String(value)));
  }
  return requireLocalFile(uri);
}

/** The worker reads files from disk: other schemes are refused with a message saying so. */
export function requireLocalFile(uri: vscode.Uri): vscode.Uri {
  if (uri.scheme !== 'file') {
    throw new UserFacingError(vscode.l10n.t('{0} is not a file on disk ({1}:): GRADIENT reads data files from the local file system; copy it into the workspace first.', uri.toString(), uri.scheme));
  }
  return uri;
}

interface FileItem extends vscode.QuickPickItem {
  readonly uri?: vscode.Uri;
  readonly browse?: true;
}

export interface PickFileOptions {
  readonly title: string;
  readonly placeholder: string;
  readonly step: number;
  readonly totalSteps: number;
  /** Listed first, marked with `preferredNote` (e.g. the last reference). */
  readonly preferred?: vscode.Uri;
  readonly preferredNote?: string;
  /** Left out of the list (the file already picked as the other side). */
  readonly exclude?: vscode.Uri;
  /** Lists `.sql` files too (a drift report's side can be a query on the configured database). */
  readonly queries?: boolean;
}

async function workspaceDataFiles(queries: boolean): Promise<vscode.Uri[]> {
  if (!vscode.workspace.workspaceFolders?.length) return [];
  const files = await vscode.workspace.findFiles(queries ? DRIFT_SOURCE_GLOB : DATA_FILE_GLOB, EXCLUDE_GLOB, MAX_FILES);
  return files.sort((a, b) => fileLabel(a).localeCompare(fileLabel(b)));
}

/**
 * One step that picks a data file. Resolves to the file, 'back' (the step's Back button), or
 * 'cancelled' (Escape, or the open dialog closed).
 */
export async function pickDataFile(recent: RecentDataFiles, options: PickFileOptions): Promise<vscode.Uri | 'back' | 'cancelled'> {
  const found = await workspaceDataFiles(options.queries === true);
  const key = (u: vscode.Uri) => u.toString();
  const skip = new Set(options.exclude ? [key(options.exclude)] : []);
  const recentKeys = new Set(recent.list().map(key));
  const ordered: vscode.Uri[] = [];
  const seen = new Set<string>(skip);
  const add = (uri: vscode.Uri | undefined) => {
    if (!uri || seen.has(key(uri))) return;
    seen.add(key(uri));
    ordered.push(uri);
  };
  add(options.preferred);
  // A recent file still in the workspace, or one browsed to outside it.
  for (const uri of recent.list()) if (found.some((f) => key(f) === key(uri)) || !vscode.workspace.getWorkspaceFolder(uri)) add(uri);
  const recentCount = ordered.length;
  for (const uri of found) add(uri);

  const describe = (uri: vscode.Uri): string => {
    const label = fileLabel(uri);
    const folder = label.includes('/') ? label.slice(0, label.lastIndexOf('/')) : '';
    const notes = [
      options.preferred && key(uri) === key(options.preferred) ? options.preferredNote : undefined,
      recentKeys.has(key(uri)) ? vscode.l10n.t('recently used') : undefined,
      isQueryFile(uri) ? vscode.l10n.t('query on the database') : undefined,
    ].filter(Boolean);
    return [folder, ...notes].filter(Boolean).join(' · ');
  };
  const items: FileItem[] = [];
  if (recentCount > 0) items.push({ label: vscode.l10n.t('recently used'), kind: vscode.QuickPickItemKind.Separator });
  ordered.forEach((uri, index) => {
    if (index === recentCount && recentCount > 0) items.push({ label: vscode.l10n.t('workspace'), kind: vscode.QuickPickItemKind.Separator });
    items.push({ uri, label: baseName(uri), description: describe(uri) });
  });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({
    browse: true,
    label: `$(folder-opened) ${vscode.l10n.t('Browse...')}`,
    description: ordered.length === 0 ? vscode.l10n.t('no CSV, TSV, JSONL or Parquet file in the workspace') : undefined,
    alwaysShow: true,
  });

  for (;;) {
    const result: StepResult<FileItem> = await showQuickPickStep({
      title: options.title,
      step: options.step,
      totalSteps: options.totalSteps,
      placeholder: options.placeholder,
      items,
      activeItem: items.find((item) => item.uri !== undefined),
    });
    if (result === 'back' || result === 'cancelled') return result;
    if (result.picked.uri) return result.picked.uri;
    const chosen = await vscode.window.showOpenDialog({
      title: options.title,
      canSelectMany: false,
      canSelectFolders: false,
      openLabel: vscode.l10n.t('Use this file'),
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      filters: {
        [vscode.l10n.t('Data files')]: [...DATA_FILE_EXTENSIONS],
        ...(options.queries ? { [vscode.l10n.t('Queries (run on gradient.database.connection)')]: [QUERY_FILE_EXTENSION] } : {}),
      },
    });
    if (chosen?.[0]) return requireLocalFile(chosen[0]);
    // The dialog was closed: back to the list.
  }
}

/** A column as a quick-pick row: its kind and a glimpse of its sampled values. */
export function describeColumn(column: ColumnPreview): string {
  if (column.kind === 'numeric' && column.min !== undefined && column.max !== undefined) {
    if (column.binary) return vscode.l10n.t('numbers · 0/1');
    return vscode.l10n.t('numbers · {0} to {1}', short(column.min), short(column.max));
  }
  if (column.kind === 'categorical') {
    if (column.binary) return vscode.l10n.t('text · {0}', column.examples.join('/'));
    return vscode.l10n.t('text · {0}', column.examples.map((e) => JSON.stringify(e.length > 20 ? `${e.slice(0, 19)}…` : e)).join(', '));
  }
  if (column.kind === 'numeric') return vscode.l10n.t('numbers');
  return vscode.l10n.t('no values in the first rows');
}

/** Whole numbers as written (ids, counts), others as the reports write measures (`5e-10`, not `5.00e-1`). */
function short(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e15 ? String(value) : formatMeasure(value);
}

interface ColumnItem extends vscode.QuickPickItem {
  readonly column?: string;
  readonly none?: true;
}

export interface PickColumnOptions {
  readonly title: string;
  readonly placeholder: string;
  readonly step: number;
  readonly totalSteps: number;
  readonly columns: readonly ColumnPreview[];
  /** Higher is a better fit; the best one is listed first and marked "suggested". 0 or less: unlikely. */
  readonly score: (column: ColumnPreview) => number;
  /** Columns to leave out (already picked). */
  readonly exclude?: readonly string[];
  /** A first entry meaning "no column" (e.g. file order), with this label. */
  readonly noneLabel?: string;
  readonly noneDetail?: string;
}

/** One step that picks a column: resolves to its name, null for the "no column" entry, 'back' or 'cancelled'. */
export async function pickColumn(options: PickColumnOptions): Promise<string | null | 'back' | 'cancelled'> {
  const candidates = options.columns.filter((c) => !options.exclude?.includes(c.name));
  const scored = candidates.map((column, index) => ({ column, index, score: options.score(column) }));
  const best = scored.reduce<(typeof scored)[number] | undefined>((top, s) => (s.score > 0 && (!top || s.score > top.score) ? s : top), undefined);
  const ordered = best ? [best, ...scored.filter((s) => s !== best)] : scored;
  const items: ColumnItem[] = [];
  if (options.noneLabel) items.push({ none: true, label: options.noneLabel, detail: options.noneDetail });
  for (const { column } of ordered) {
    items.push({
      column: column.name,
      label: column.name,
      description: [best?.column === column ? vscode.l10n.t('suggested') : undefined, describeColumn(column)].filter(Boolean).join(' · '),
    });
  }
  const result = await showQuickPickStep({
    title: options.title,
    step: options.step,
    totalSteps: options.totalSteps,
    placeholder: options.placeholder,
    items,
    activeItem: items[0],
  });
  if (result === 'back' || result === 'cancelled') return result;
  return result.picked.none ? null : result.picked.column!;
}
