/**
 * GRADIENT: Insert pattern snippet — every snippet of the pattern files, the current stage's first,
 * ordered by the constraint. With an editor of the snippet's language open, the snippet goes in at
 * the cursor; otherwise into its target file: appended below the content when the file exists
 * (never overwritten), or into a new unsaved editor for that path when it does not. Each insertion
 * is one undoable snippet edit with tab stops.
 */
import * as vscode from 'vscode';
import type { AssessmentStore } from '../assessmentStore';
import type { CatalogService } from '../catalogService';
import { Commands, registerCommand, UserFacingError } from '../commands';
import { orderedSnippetGroups, snippetBodyFor } from '../core/lifecycle/ordering';
import { allSnippets, type Snippet } from '../core/patterns/catalog';
import type { Constraint } from '../core/lifecycle/stages';

interface SnippetItem extends vscode.QuickPickItem {
  readonly snippet?: Snippet;
}

async function pickSnippet(deps: { store: AssessmentStore; catalog: CatalogService }): Promise<Snippet | undefined> {
  const assessment = deps.store.current;
  const groups = orderedSnippetGroups(await deps.catalog.get(), assessment);
  const items: SnippetItem[] = groups.flatMap((group, index) => [
    {
      kind: vscode.QuickPickItemKind.Separator,
      label: index === 0 && assessment ? vscode.l10n.t('{0} (stage {1})', group.patternFile.title, assessment.stage) : group.patternFile.title,
    },
    ...group.snippets.map((snippet) => ({
      snippet,
      label: snippet.title,
      description: snippet.target,
      detail: snippet.description,
    })),
  ]);
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('GRADIENT: Insert pattern snippet'),
    placeHolder: assessment
      ? vscode.l10n.t('Snippets for stage {0}, {1} first; type to filter', assessment.stage, assessment.constraint)
      : vscode.l10n.t('Type to filter; run "GRADIENT: Assess stage" to order by your stage'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.snippet;
}

async function workspaceFolderForInsert(): Promise<vscode.WorkspaceFolder> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const active = vscode.window.activeTextEditor?.document.uri;
  const owning = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  if (owning) return owning;
  if (folders.length === 1) return folders[0];
  if (folders.length === 0) {
    throw new UserFacingError(vscode.l10n.t('open a folder first: the snippet goes into a file of your workspace, or open a file of its language to insert at the cursor.'));
  }
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Which folder does the snippet go into?') });
  if (!picked) throw new vscode.CancellationError();
  return picked;
}

async function fileExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Inserts the snippet (at the cursor, or into its target file) and returns the document it went into. */
export async function insertSnippet(snippet: Snippet, constraint: Constraint | undefined, atCursor = true): Promise<vscode.TextDocument> {
  const body = snippetBodyFor(snippet, constraint);
  const active = vscode.window.activeTextEditor;
  if (atCursor && active && active.document.languageId === snippet.language) {
    await applySnippet(active, new vscode.SnippetString(body));
    return active.document;
  }

  const folder = await workspaceFolderForInsert();
  const target = vscode.Uri.joinPath(folder.uri, snippet.target);
  if (await fileExists(target)) {
    const editor = await vscode.window.showTextDocument(target);
    const text = editor.document.getText();
    const separator = text.length === 0 ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await applySnippet(editor, new vscode.SnippetString(separator + body), end);
    editor.revealRange(new vscode.Range(end, end), vscode.TextEditorRevealType.AtTop);
    return editor.document;
  }
  // Nothing is written to disk until the user saves: undo leaves no stray file behind.
  const document = await vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' }));
  const editor = await vscode.window.showTextDocument(document);
  await applySnippet(editor, new vscode.SnippetString(body), new vscode.Position(0, 0));
  return document;
}

async function applySnippet(editor: vscode.TextEditor, snippet: vscode.SnippetString, at?: vscode.Position): Promise<void> {
  const applied = await editor.insertSnippet(snippet, at, { undoStopBefore: true, undoStopAfter: true });
  if (!applied) throw new UserFacingError(vscode.l10n.t('the snippet could not be inserted into {0}: is the file read-only?', editor.document.uri.fsPath));
}

export function register(
  _context: vscode.ExtensionContext,
  deps: { store: AssessmentStore; catalog: CatalogService; log: vscode.LogOutputChannel },
): vscode.Disposable {
  // An argument `{ id }` inserts that snippet without the quick pick: for keybindings and tests.
  // `{ id, inTargetFile: true }` skips the cursor: the code review's quick fix puts a pytest test
  // into its test file, not into the training script the diagnostic is on.
  return registerCommand(Commands.insertSnippet, deps.log, async (given?: unknown) => {
    let snippet: Snippet | undefined;
    const argument = typeof given === 'object' && given !== null ? (given as { id?: unknown; inTargetFile?: unknown }) : undefined;
    if (given !== undefined) {
      const id = argument?.id;
      snippet = allSnippets(await deps.catalog.get()).find((s) => s.id === id);
      if (!snippet) throw new UserFacingError(vscode.l10n.t('there is no pattern snippet with id {0}.', JSON.stringify(id)));
    } else {
      snippet = await pickSnippet(deps);
    }
    if (!snippet) return undefined;
    try {
      return (await insertSnippet(snippet, deps.store.current?.constraint, argument?.inTargetFile !== true)).uri.toString();
    } catch (error) {
      if (error instanceof vscode.CancellationError) return undefined;
      throw error;
    }
  });
}
