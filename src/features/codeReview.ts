/**
 * ML code review in the editor: the findings of `src/core/review` as diagnostics (collection
 * `gradient-review`, source GRADIENT, code = the rule, linked to its section of the pattern file,
 * the other places involved as related information) on open Python files and on the cells of
 * Jupyter notebooks (the cells, in order, are one program). Quick fixes: the finding's own fixes
 * (one undoable WorkspaceEdit each, the first preferred), "Disable <rule> for this line" (an
 * ignore comment), "Insert the <snippet> pattern" and "Open <section> in <file>".
 *
 * A document is reviewed when it opens and again `gradient.review.debounceMs` after the user
 * stops typing, in a worker thread (src/reviewRunner.ts) so the editor never waits. A change
 * cancels the review of the text before it (queued or running), and an answer about text that has
 * changed since is dropped, so a diagnostic or a fix never lands on text that has moved.
 *
 * Restricted Mode: the review parses the code as text and runs nothing from the workspace, so it
 * works in untrusted workspaces too (package.json `capabilities.untrustedWorkspaces`).
 */
import * as vscode from 'vscode';
import type { CatalogService } from '../catalogService';
import { Commands } from '../commands';
import type { Catalog } from '../core/patterns/catalog';
// Not the review's index: the host needs the contract, not the parser (which runs in the worker).
import { ignoreCommentEdit } from '../core/review/ignoreComment';
import { scriptSource } from '../core/review/sources';
import { REVIEW_RULE_IDS, reviewRule, type ReviewFinding, type ReviewFix, type ReviewRuleId, type ReviewSeverity, type ReviewSource } from '../core/review/types';
import { ReviewRunner } from '../reviewRunner';
import { DIAGNOSTIC_SOURCE } from './configDiagnostics';
import { toRange } from './readinessView';

const NOTEBOOK_TYPE = 'jupyter-notebook';
const SETTINGS = 'gradient.review';

const SEVERITY: Record<ReviewSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  note: vscode.DiagnosticSeverity.Information,
};

/** What one review reads: a Python document, or a notebook whose cells are one program. */
type Reviewed = { readonly kind: 'script'; readonly document: vscode.TextDocument } | { readonly kind: 'notebook'; readonly notebook: vscode.NotebookDocument };

interface ReviewState {
  /** Counts the changes: an answer counts only if no change came after its text was read. */
  version: number;
  /** A review is scheduled or running. */
  busy: boolean;
  timer?: NodeJS.Timeout;
  cancel?: vscode.CancellationTokenSource;
  /** The URIs its diagnostics are on (a notebook: some of its cells). */
  shown: readonly vscode.Uri[];
}

interface Entry {
  readonly diagnostic: vscode.Diagnostic;
  readonly finding: ReviewFinding;
  readonly reviewed: Reviewed;
  /** The state's version the finding was computed for: its fixes apply to that text only. */
  readonly version: number;
}

interface ReviewSettings {
  readonly enabled: boolean;
  readonly disabledRules: readonly ReviewRuleId[];
  readonly debounceMs: number;
}

function readSettings(scope: vscode.Uri): ReviewSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS, scope);
  const disabled = config.get<unknown>('disabledRules');
  const debounce = config.get<unknown>('debounceMs');
  return {
    enabled: config.get<unknown>('enabled') !== false,
    disabledRules: Array.isArray(disabled) ? REVIEW_RULE_IDS.filter((id) => disabled.includes(id)) : [],
    // A value the schema refuses (negative, text) falls back to the contributed default.
    debounceMs: typeof debounce === 'number' && debounce >= 0 ? debounce : (config.inspect<number>('debounceMs')?.defaultValue ?? 0),
  };
}

function isReviewedScript(document: vscode.TextDocument): boolean {
  return document.languageId === 'python' && (document.uri.scheme === 'file' || document.uri.scheme === 'untitled');
}

function keyOf(reviewed: Reviewed): string {
  return uriOf(reviewed).toString();
}

function uriOf(reviewed: Reviewed): vscode.Uri {
  return reviewed.kind === 'script' ? reviewed.document.uri : reviewed.notebook.uri;
}

/** The document a finding, related place or edit is in: the script, or the notebook's cell `cell`. */
function documentUri(reviewed: Reviewed, cell: number | undefined): vscode.Uri | undefined {
  if (reviewed.kind === 'script') return reviewed.document.uri;
  const index = cell ?? 0;
  return index < reviewed.notebook.cellCount ? reviewed.notebook.cellAt(index).document.uri : undefined;
}

/** The text the review reads. A notebook's code cells in another language (R, SQL) are not Python: they go as non-code, keeping the indices. */
function sourceOf(reviewed: Reviewed): ReviewSource {
  const file = vscode.workspace.asRelativePath(uriOf(reviewed), false);
  if (reviewed.kind === 'script') return scriptSource(file, reviewed.document.getText());
  return {
    file,
    cells: reviewed.notebook.getCells().map((cell) => ({
      index: cell.index,
      kind: cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId === 'python' ? 'code' : 'markdown',
      text: cell.document.getText(),
    })),
  };
}

/** Where a rule's code link goes: its pattern file at the section's heading (`#L<line>`, which the opener selects). */
function sectionUri(catalog: CatalogService, loaded: Catalog | undefined, rule: ReviewRuleId): vscode.Uri {
  const { file, section } = reviewRule(rule).pattern;
  const line = loaded?.patternFiles.find((candidate) => candidate.file === file)?.sections.find((heading) => heading.title === section)?.line;
  const uri = catalog.patternUri(file);
  return line ? uri.with({ fragment: `L${line}` }) : uri;
}

export class CodeReview implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  readonly collection = vscode.languages.createDiagnosticCollection('gradient-review');
  /** By the reviewed document's URI (a script, or the notebook). */
  private readonly states = new Map<string, ReviewState>();
  /** The findings behind the diagnostics, by the URI they are on (a script, a cell), for the quick fixes. */
  private readonly entries = new Map<string, Entry[]>();
  private readonly settledEmitter = new vscode.EventEmitter<void>();
  private failureShown = false;
  private readonly listeners: vscode.Disposable;

  constructor(
    private readonly runner: ReviewRunner,
    private readonly catalog: CatalogService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.listeners = vscode.Disposable.from(
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (isReviewedScript(document)) this.schedule({ kind: 'script', document }, 0);
      }),
      vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
        if (contentChanges.length === 0) return;
        if (isReviewedScript(document)) {
          this.schedule({ kind: 'script', document });
          return;
        }
        const notebook = notebookOfCell(document);
        if (notebook) this.schedule({ kind: 'notebook', notebook });
      }),
      // A language change closes and reopens the document: a file that stops being Python loses its diagnostics.
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri.toString())),
      vscode.workspace.onDidOpenNotebookDocument((notebook) => {
        if (notebook.notebookType === NOTEBOOK_TYPE) this.schedule({ kind: 'notebook', notebook }, 0);
      }),
      // Cells added, removed or moved (their text changes come through the cells' documents, above).
      vscode.workspace.onDidChangeNotebookDocument(({ notebook, contentChanges }) => {
        if (notebook.notebookType === NOTEBOOK_TYPE && contentChanges.length > 0) this.schedule({ kind: 'notebook', notebook });
      }),
      vscode.workspace.onDidCloseNotebookDocument((notebook) => this.forget(notebook.uri.toString())),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SETTINGS)) this.scheduleAll();
      }),
      vscode.languages.registerCodeActionsProvider([{ language: 'python' }], this, { providedCodeActionKinds: CodeReview.providedCodeActionKinds }),
    );
  }

  /** Reviews `reviewed` after `delayMs` (the debounce when typing; 0 on open), superseding any review of it in progress. */
  schedule(reviewed: Reviewed, delayMs?: number): void {
    const settings = readSettings(uriOf(reviewed));
    const key = keyOf(reviewed);
    if (!settings.enabled) {
      this.forget(key);
      return;
    }
    const state = this.states.get(key) ?? { version: 0, busy: false, shown: [] };
    this.states.set(key, state);
    state.version++;
    state.busy = true;
    clearTimeout(state.timer);
    state.cancel?.cancel();
    const version = state.version;
    state.timer = setTimeout(() => void this.run(reviewed, state, version, settings), delayMs ?? settings.debounceMs);
  }

  /** Reviews every open Python document and notebook again (or clears them all when the review is off). */
  scheduleAll(): void {
    for (const document of vscode.workspace.textDocuments) if (isReviewedScript(document)) this.schedule({ kind: 'script', document }, 0);
    for (const notebook of vscode.workspace.notebookDocuments) if (notebook.notebookType === NOTEBOOK_TYPE) this.schedule({ kind: 'notebook', notebook }, 0);
  }

  /** Stops reviewing a document (closed, or the review turned off) and removes its diagnostics. */
  forget(key: string): void {
    const state = this.states.get(key);
    if (!state) return;
    this.states.delete(key);
    clearTimeout(state.timer);
    state.cancel?.cancel();
    this.showEntries(state, new Map());
    this.settledEmitter.fire();
  }

  /** Resolves once no review is scheduled or running. */
  settled(): Promise<void> {
    const idle = () => ![...this.states.values()].some((state) => state.busy);
    if (idle()) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = this.settledEmitter.event(() => {
        if (!idle()) return;
        listener.dispose();
        resolve();
      });
    });
  }

  private async run(reviewed: Reviewed, state: ReviewState, version: number, settings: ReviewSettings): Promise<void> {
    const current = () => this.states.get(keyOf(reviewed)) === state && state.version === version;
    state.timer = undefined;
    const cancel = new vscode.CancellationTokenSource();
    state.cancel = cancel;
    try {
      const source = sourceOf(reviewed);
      const report = await this.runner.review([source], { disabled: settings.disabledRules }, cancel.token);
      const catalog = await this.catalog.get().catch(() => undefined);
      if (!current()) return;
      for (const error of report.errors) this.log.warn(`code review: ${error.file}: ${error.message}`);
      const entries = new Map<string, { uri: vscode.Uri; entries: Entry[] }>();
      for (const finding of report.findings) {
        const uri = documentUri(reviewed, finding.cell);
        if (!uri) continue;
        const diagnostic = this.diagnosticFor(reviewed, finding, catalog);
        const group = entries.get(uri.toString()) ?? { uri, entries: [] };
        group.entries.push({ diagnostic, finding, reviewed, version });
        entries.set(uri.toString(), group);
      }
      this.showEntries(state, entries);
    } catch (error) {
      if (error instanceof vscode.CancellationError || !current()) return;
      this.log.warn(`code review of ${keyOf(reviewed)} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!this.failureShown) {
        this.failureShown = true;
        void vscode.window.showErrorMessage(vscode.l10n.t('GRADIENT: the code review failed ({0}). Details are in the GRADIENT log.', error instanceof Error ? error.message : String(error)));
      }
    } finally {
      cancel.dispose();
      if (state.cancel === cancel) state.cancel = undefined;
      if (state.version === version) {
        state.busy = false;
        this.settledEmitter.fire();
      }
    }
  }

  private diagnosticFor(reviewed: Reviewed, finding: ReviewFinding, catalog: Catalog | undefined): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(toRange(finding), finding.message, SEVERITY[finding.severity]);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = { value: finding.rule, target: sectionUri(this.catalog, catalog, finding.rule) };
    const related = (finding.related ?? []).flatMap((place) => {
      const uri = documentUri(reviewed, place.cell);
      return uri ? [new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(place)), place.message)] : [];
    });
    if (related.length > 0) diagnostic.relatedInformation = related;
    return diagnostic;
  }

  /** Replaces a document's diagnostics (on the script, or on its notebook's cells) with `entries`. */
  private showEntries(state: ReviewState, entries: ReadonlyMap<string, { uri: vscode.Uri; entries: Entry[] }>): void {
    for (const uri of state.shown) {
      if (entries.has(uri.toString())) continue;
      this.collection.delete(uri);
      this.entries.delete(uri.toString());
    }
    for (const [key, group] of entries) {
      this.collection.set(group.uri, group.entries.map((entry) => entry.diagnostic));
      this.entries.set(key, group.entries);
    }
    state.shown = [...entries.values()].map((group) => group.uri);
  }

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    if (context.only && !context.only.intersects(vscode.CodeActionKind.QuickFix)) return [];
    const entries = (this.entries.get(document.uri.toString()) ?? []).filter((entry) => entry.diagnostic.range.intersection(range));
    if (entries.length === 0) return [];
    const catalog = await this.catalog.get().catch(() => undefined);
    return entries.flatMap((entry) => this.actionsFor(document, entry, catalog));
  }

  private actionsFor(document: vscode.TextDocument, entry: Entry, catalog: Catalog | undefined): vscode.CodeAction[] {
    const { diagnostic, finding } = entry;
    const action = (title: string, preferred = false) => {
      const created = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      created.diagnostics = [diagnostic];
      if (preferred) created.isPreferred = true;
      return created;
    };
    const actions: vscode.CodeAction[] = [];
    // A fix is in the coordinates of the text reviewed: offered only while that text is current.
    if (this.states.get(keyOf(entry.reviewed))?.version === entry.version) {
      finding.fixes.forEach((fix, index) => {
        const edit = this.fixEdit(entry.reviewed, fix);
        if (!edit) return;
        const fixAction = action(fix.title, index === 0);
        fixAction.edit = edit;
        actions.push(fixAction);
      });
    }
    const line = diagnostic.range.start.line;
    const ignore = line < document.lineCount ? ignoreCommentEdit(document.lineAt(line).text, finding.rule) : undefined;
    if (ignore) {
      const disable = action(vscode.l10n.t('Disable {0} for this line', finding.rule));
      disable.edit = new vscode.WorkspaceEdit();
      disable.edit.replace(document.uri, new vscode.Range(line, ignore.start, line, ignore.end), ignore.newText);
      actions.push(disable);
    }
    const { pattern } = reviewRule(finding.rule);
    if (pattern.snippet) {
      const snippet = catalog?.patternFiles.flatMap((file) => file.snippets).find((candidate) => candidate.id === pattern.snippet);
      const insert = action(vscode.l10n.t('Insert the "{0}" pattern', snippet?.title ?? pattern.snippet));
      insert.command = { command: Commands.insertSnippet, title: insert.title, arguments: [{ id: pattern.snippet, inTargetFile: true }] };
      actions.push(insert);
    }
    const section = sectionUri(this.catalog, catalog, finding.rule);
    const heading = /^L(\d+)$/.exec(section.fragment);
    const open = action(vscode.l10n.t('Open "{0}" in {1}', pattern.section, pattern.file));
    const at = heading ? new vscode.Range(Number(heading[1]) - 1, 0, Number(heading[1]) - 1, 0) : undefined;
    open.command = { command: 'vscode.open', title: open.title, arguments: [section.with({ fragment: '' }), at ? { selection: at } : {}] };
    actions.push(open);
    return actions;
  }

  /** A finding's fix as one WorkspaceEdit; a notebook's edits go to their cells' documents. */
  private fixEdit(reviewed: Reviewed, fix: ReviewFix): vscode.WorkspaceEdit | undefined {
    const edit = new vscode.WorkspaceEdit();
    for (const change of fix.edits) {
      const uri = documentUri(reviewed, change.cell);
      if (!uri) return undefined;
      edit.replace(uri, toRange(change), change.newText);
    }
    return edit;
  }

  dispose(): void {
    this.listeners.dispose();
    for (const key of [...this.states.keys()]) this.forget(key);
    this.runner.dispose();
    this.collection.dispose();
    this.settledEmitter.dispose();
  }
}

/** The notebook a cell's document belongs to, if it is a Jupyter notebook's. */
function notebookOfCell(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  return vscode.workspace.notebookDocuments.find((notebook) => notebook.notebookType === NOTEBOOK_TYPE && notebook.getCells().some((cell) => cell.document === document));
}

export function register(context: vscode.ExtensionContext, deps: { log: vscode.LogOutputChannel; catalog: CatalogService }): CodeReview {
  // The worker starts with the first review, not here.
  const review = new CodeReview(new ReviewRunner(context.extensionUri, deps.log), deps.catalog, deps.log);
  review.scheduleAll();
  return review;
}
