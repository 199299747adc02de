/**
 * The readiness core's `WorkspaceReader` over `vscode.workspace.fs`, for one workspace folder, so
 * remote and virtual workspaces read the same way as local ones. Open documents are read from the
 * editor, unsaved edits included: a quick fix clears its diagnostic at once, before the save.
 */
import * as vscode from 'vscode';
import { globToRegExp, type WorkspaceReader } from './core/readiness/index';
// Not in the index: the same cap as the CLI's reader.
import { MAX_LISTED_FILES } from './core/readiness/workspace';
import { isSkippedPath, SKIPPED_FOLDER_GLOBS } from './readinessPaths';

export class VsCodeWorkspaceReader implements WorkspaceReader {
  /** `token`: a newer check started; every later read throws, so the stale one stops early. */
  constructor(
    readonly folder: vscode.WorkspaceFolder,
    private readonly token?: vscode.CancellationToken,
  ) {}

  private listing: Promise<string[]> | undefined;

  /** Matches the globs the way the CLI's reader does (the core's globToRegExp), over one listing. */
  async findFiles(globs: readonly string[]): Promise<readonly string[]> {
    this.throwIfCancelled();
    this.listing ??= this.list();
    const patterns = globs.map(globToRegExp);
    return (await this.listing).filter((file) => patterns.some((pattern) => pattern.test(file)));
  }

  /**
   * Every file of the folder, once per reader, skipping what the CLI skips: the core's
   * SKIPPED_FOLDERS, any folder holding `pyvenv.cfg` (a virtualenv by another name), plus the
   * user's `files.exclude`.
   */
  private async list(): Promise<string[]> {
    const exclude = `{${[...SKIPPED_FOLDER_GLOBS, ...userExcludes(this.folder)].join(',')}}`;
    const pattern = (glob: string) => new vscode.RelativePattern(this.folder, glob);
    const [all, venvs] = await Promise.all([
      vscode.workspace.findFiles(pattern('**/*'), exclude, MAX_LISTED_FILES, this.token),
      vscode.workspace.findFiles(pattern('**/pyvenv.cfg'), exclude, undefined, this.token),
    ]);
    this.throwIfCancelled();
    const venvFolders = venvs.map((uri) => this.relative(uri)?.replace(/\/?pyvenv\.cfg$/, '')).filter((folder): folder is string => !!folder);
    const files: string[] = [];
    for (const uri of all) {
      const file = this.relative(uri);
      if (file === undefined || isSkippedPath(file) || venvFolders.some((folder) => file.startsWith(`${folder}/`))) continue;
      files.push(file);
    }
    return files.sort();
  }

  async readText(file: string): Promise<string | undefined> {
    this.throwIfCancelled();
    const uri = this.uri(file);
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open) return open.getText();
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      if (error instanceof vscode.FileSystemError && (error.code === 'FileNotFound' || error.code === 'FileIsADirectory')) return undefined;
      throw error;
    }
  }

  private throwIfCancelled(): void {
    if (this.token?.isCancellationRequested) throw new vscode.CancellationError();
  }

  /** The file of a root-relative path (`/` separators) in this folder. */
  uri(file: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder.uri, ...file.split('/'));
  }

  /** The root-relative path of a file in this folder, or undefined for a file elsewhere. */
  relative(uri: vscode.Uri): string | undefined {
    const root = this.folder.uri;
    if (uri.scheme !== root.scheme || uri.authority !== root.authority) return undefined;
    const prefix = root.path.endsWith('/') ? root.path : `${root.path}/`;
    return uri.path.startsWith(prefix) ? uri.path.slice(prefix.length) : undefined;
  }
}

/** The user's `files.exclude` globs that are on, except those with braces (VS Code's globs do not nest them). */
function userExcludes(folder: vscode.WorkspaceFolder): string[] {
  const excludes = vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, unknown>>('exclude') ?? {};
  return Object.entries(excludes)
    .filter(([glob, on]) => on === true && !/[{}]/.test(glob))
    .map(([glob]) => glob);
}
