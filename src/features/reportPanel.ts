/**
 * The one report panel mechanism: a `WebviewPanel` per report kind (drift, calibration, concept
 * drift), reused when a report of that kind is opened again, so there is always one place to look
 * and "the open report" of Export / Rerun is never ambiguous.
 *
 * A report is computed first (in the worker, with a cancellable progress notification) and only
 * then shown: a cancelled or failed run leaves no panel, and a failed rerun keeps the previous
 * report on screen with the error. Panels do not retain their context when hidden: the webview
 * restores from its own state and the host re-posts the report on `ready`. Changing a
 * `gradient.*` setting recomputes every open report.
 */
import * as vscode from 'vscode';
import { Commands, UserFacingError } from '../commands';
import type { HostMessage, InitialState, ReportKind, ReportView } from '../protocol';
import type { GradientReport, ReportJob } from '../core/reports/index';
import { queryingMessage } from '../core/reports/vocabulary';
import { CredentialsError, type ReportRunner, type RunProgress } from '../reportRunner';
import type { DatabasePasswords } from './databasePassword';
import { onDidChangeReportSettings, readReportSettings, type ReportSettings } from '../settings';
import { buildWebviewHtml, webviewOptions } from '../webviewHtml';
import { parseWebviewMessage } from '../webviewMessages';
import { fileLabel, isQueryFile } from './dataFilePicker';

export const REPORT_VIEW_TYPE = 'gradient.report';

/** What a report is computed from: the files and columns the user picked (settings are read per run). */
export type ReportRequest =
  | { readonly kind: 'drift'; readonly reference: vscode.Uri; readonly current: vscode.Uri }
  | { readonly kind: 'calibration'; readonly file: vscode.Uri; readonly confidence: string; readonly correct: string }
  | { readonly kind: 'cusum'; readonly file: vscode.Uri; readonly column: string; readonly timeColumn?: string };

/** The key under which the requests of the open panels are kept, so panels come back after a reload. */
const OPEN_REQUESTS_KEY = 'gradient.openReportRequests';

/** A request as plain JSON (URIs as strings), for the workspace state. */
function serializeRequest(request: ReportRequest): Record<string, string> {
  switch (request.kind) {
    case 'drift':
      return { kind: 'drift', reference: request.reference.toString(), current: request.current.toString() };
    case 'calibration':
      return { kind: 'calibration', file: request.file.toString(), confidence: request.confidence, correct: request.correct };
    case 'cusum':
      return { kind: 'cusum', file: request.file.toString(), column: request.column, ...(request.timeColumn !== undefined ? { timeColumn: request.timeColumn } : {}) };
  }
}

/** The request back from the workspace state, or undefined when it is not one (an older or damaged entry). */
export function deserializeRequest(value: unknown): ReportRequest | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const text = (key: string) => (typeof v[key] === 'string' && v[key] !== '' ? (v[key] as string) : undefined);
  const uri = (key: string) => {
    const raw = text(key);
    return raw === undefined ? undefined : vscode.Uri.parse(raw, true);
  };
  try {
    switch (v.kind) {
      case 'drift': {
        const reference = uri('reference');
        const current = uri('current');
        return reference && current ? { kind: 'drift', reference, current } : undefined;
      }
      case 'calibration': {
        const file = uri('file');
        const confidence = text('confidence');
        const correct = text('correct');
        return file && confidence && correct ? { kind: 'calibration', file, confidence, correct } : undefined;
      }
      case 'cusum': {
        const file = uri('file');
        const column = text('column');
        const timeColumn = text('timeColumn');
        return file && column ? { kind: 'cusum', file, column, ...(timeColumn !== undefined ? { timeColumn } : {}) } : undefined;
      }
    }
  } catch {
    // A string that is no URI: treat the entry as absent.
  }
  return undefined;
}

/** A computed report with what it was computed from. */
export interface ReportEntry {
  readonly request: ReportRequest;
  readonly view: ReportView;
}

/** Above this many characters of JSON the report is not put in the page's attribute but posted on `ready`. */
const MAX_INLINE_STATE = 2_000_000;
const SNAPSHOT_TIMEOUT_MS = 20_000;
const READY_TIMEOUT_MS = 15_000;
const SETTINGS_DEBOUNCE_MS = 400;
/** A report that took longer than this is shown without taking the focus: the user may be typing elsewhere by now. */
const FOCUS_IF_FASTER_MS = 1500;

export function reportTitle(request: ReportRequest): string {
  switch (request.kind) {
    case 'drift':
      return vscode.l10n.t('Drift: {0} → {1}', baseName(request.reference), baseName(request.current));
    case 'calibration':
      return vscode.l10n.t('Calibration: {0}', baseName(request.file));
    case 'cusum':
      return vscode.l10n.t('Concept drift: {0}', baseName(request.file));
  }
}

const KIND_NAMES: Record<ReportKind, string> = { drift: 'drift', calibration: 'calibration', cusum: 'concept-drift' };

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** The files a request reads. */
export function requestFiles(request: ReportRequest): vscode.Uri[] {
  return request.kind === 'drift' ? [request.reference, request.current] : [request.file];
}

/** Two `.sql` files: the drift report runs them on the configured database. */
function isDatabaseRequest(request: ReportRequest): request is Extract<ReportRequest, { kind: 'drift' }> {
  return request.kind === 'drift' && isQueryFile(request.reference) && isQueryFile(request.current);
}

async function readQuery(uri: vscode.Uri): Promise<string> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    throw new UserFacingError(vscode.l10n.t('{0} could not be read ({1}): check the path.', fileLabel(uri), error instanceof Error ? error.message : String(error)));
  }
}

async function toJob(request: ReportRequest, settings: ReportSettings, passwords: DatabasePasswords): Promise<ReportJob> {
  const file = (uri: vscode.Uri) => ({ path: uri.fsPath, label: fileLabel(uri) });
  switch (request.kind) {
    case 'drift': {
      const job = { kind: 'drift' as const, reference: file(request.reference), current: file(request.current), options: settings.drift, data: settings.data };
      if (isQueryFile(request.reference) !== isQueryFile(request.current)) {
        throw new UserFacingError(vscode.l10n.t('{0} and {1}: compare two queries (.sql) or two data files, not one of each.', fileLabel(request.reference), fileLabel(request.current)));
      }
      if (!isDatabaseRequest(request)) return job;
      const connection = passwords.connection(request.reference);
      const [referenceSql, currentSql] = await Promise.all([readQuery(request.reference), readQuery(request.current)]);
      return { ...job, from: { kind: 'database', connection, referenceSql, currentSql, env: await passwords.environment(connection) } };
    }
    case 'calibration':
      return { kind: 'calibration', file: file(request.file), confidence: request.confidence, correct: request.correct, options: settings.calibration, data: settings.data };
    case 'cusum':
      return { kind: 'cusum', file: file(request.file), column: request.column, timeColumn: request.timeColumn ?? null, options: settings.cusum, data: settings.data };
  }
}

/** "train.csv: 120,000 rows · production.csv: 80,000 rows" while loading, then "Computing ...". */
class ProgressText {
  private readonly files = new Map<string, { rows: number; bytes: number; total: number }>();
  private reported = 0;

  constructor(private readonly expectedFiles: number) {}

  /** The message and the increment (percent of the whole run) since the last call. */
  update(progress: RunProgress): { message: string; increment: number } {
    let done: number;
    let message: string;
    if (progress.phase === 'loading') {
      this.files.set(progress.file, { rows: progress.rows, bytes: progress.bytes, total: progress.totalBytes });
      const shares = [...this.files.values()].map((f) => (f.total > 0 ? f.bytes / f.total : 0));
      done = (90 * shares.reduce((a, b) => a + b, 0)) / this.expectedFiles;
      message = [...this.files].map(([file, f]) => vscode.l10n.t('{0}: {1} rows', file, f.rows.toLocaleString('en-US'))).join(' · ');
    } else if (progress.phase === 'querying') {
      // An engine that holds the data has no bytes to count: two rounds, each half the way.
      done = progress.round === 'profile' ? 30 : 60;
      message = queryingMessage(progress.engine, progress.round);
    } else {
      done = 90;
      message = vscode.l10n.t('computing statistics over {0} rows', progress.rows.toLocaleString('en-US'));
    }
    const increment = Math.max(0, done - this.reported);
    this.reported = Math.max(this.reported, done);
    return { message, increment };
  }
}

class ReportPanel implements vscode.Disposable {
  private ready = false;
  private readyWaiters: Array<() => void> = [];
  private readonly snapshots = new Map<number, { resolve: (html: string) => void; reject: (error: Error) => void }>();
  private readonly disposables: vscode.Disposable[] = [];
  /** When the panel was last active, to find "the open report". */
  lastActive = Date.now();
  busy: string | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    public entry: ReportEntry,
    private readonly owner: ReportPanels,
  ) {
    this.render();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (webviewPanel.active) this.lastActive = Date.now();
        // Without retainContextWhenHidden the page is gone while hidden; it says `ready` when back.
        if (!webviewPanel.visible) this.ready = false;
        this.owner.updateContext();
      }),
    );
  }

  get kind(): ReportKind {
    return this.entry.request.kind;
  }

  /** A fresh page (new nonce) with the current report in its initial state. */
  private render(): void {
    this.ready = false;
    const json = JSON.stringify(this.entry.view);
    const state: InitialState = { view: 'panel', report: json.length <= MAX_INLINE_STATE ? this.entry.view : null };
    this.panel.title = reportTitle(this.entry.request);
    this.panel.webview.html = buildWebviewHtml(this.panel.webview, this.owner.assets, state, this.panel.title);
  }

  show(entry: ReportEntry, reveal: boolean, preserveFocus = false): void {
    this.entry = entry;
    this.busy = undefined;
    this.panel.title = reportTitle(entry.request);
    if (this.ready) void this.post({ type: 'report', view: entry.view });
    else this.render();
    if (reveal) this.panel.reveal(undefined, preserveFocus);
  }

  post(message: HostMessage): Thenable<boolean> {
    return this.panel.webview.postMessage(message);
  }

  setBusy(message: string | undefined): void {
    this.busy = message;
    if (message !== undefined && this.ready) void this.post({ type: 'progress', message });
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw, (reason) => this.owner.log.warn(`report panel: ignored a message: ${reason}`));
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        void this.post({ type: 'report', view: this.entry.view });
        if (this.busy !== undefined) void this.post({ type: 'progress', message: this.busy });
        for (const wake of this.readyWaiters.splice(0)) wake();
        return;
      case 'rerun':
        void vscode.commands.executeCommand(Commands.rerunReport, { kind: this.kind });
        return;
      case 'export':
        void vscode.commands.executeCommand(Commands.exportReport, { kind: this.kind, format: message.format });
        return;
      case 'snapshot': {
        const pending = this.snapshots.get(message.requestId);
        this.snapshots.delete(message.requestId);
        pending?.resolve(message.html);
        return;
      }
      default:
        this.owner.log.warn(`report panel: ignored a ${message.type} message (side-bar only)`);
    }
  }

  /** The page's rendered report (charts as SVG), revealing the panel first if it is hidden. */
  async snapshot(): Promise<string> {
    if (!this.panel.visible || !this.ready) {
      this.panel.reveal(undefined, true);
      await this.whenReady();
    }
    const requestId = this.owner.nextRequestId();
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.snapshots.delete(requestId);
        reject(new UserFacingError(vscode.l10n.t('the report panel did not send its charts within {0} s: keep it open and try the export again.', SNAPSHOT_TIMEOUT_MS / 1000)));
      }, SNAPSHOT_TIMEOUT_MS);
      this.snapshots.set(requestId, {
        resolve: (html) => {
          clearTimeout(timer);
          resolve(html);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      void this.post({ type: 'requestSnapshot', requestId });
    });
  }

  private whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new UserFacingError(vscode.l10n.t('the report panel did not load within {0} s: close it and open the report again.', READY_TIMEOUT_MS / 1000))), READY_TIMEOUT_MS);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  dispose(): void {
    for (const pending of this.snapshots.values()) pending.reject(new UserFacingError(vscode.l10n.t('the report panel was closed before it sent its charts.')));
    this.snapshots.clear();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

export interface OpenOptions {
  /** Settings changes recompute in the status bar, without a notification to cancel. */
  readonly quiet?: boolean;
}

/** Every open report panel, the latest report, and the runs that compute them. */
export class ReportPanels implements vscode.Disposable {
  readonly assets: { script: vscode.Uri; style: vscode.Uri };
  private readonly panels = new Map<ReportKind, ReportPanel>();
  /** One run at a time per kind: a new one cancels the one before. */
  private readonly running = new Map<ReportKind, { source: vscode.CancellationTokenSource; started: number }>();
  private settingsChangedAt = 0;
  private latestEntry: ReportEntry | undefined;
  private readonly latestChanged = new vscode.EventEmitter<ReportEntry>();
  private readonly disposables: vscode.Disposable[] = [];
  private requestCounter = 0;
  private settingsTimer: ReturnType<typeof setTimeout> | undefined;

  /** Fires with every report computed (open, rerun, settings change). */
  readonly onDidChangeLatest = this.latestChanged.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly runner: ReportRunner,
    readonly log: vscode.LogOutputChannel,
    private readonly workspaceState: vscode.Memento,
    private readonly passwords: DatabasePasswords,
  ) {
    this.assets = {
      script: vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'),
      style: vscode.Uri.joinPath(extensionUri, 'dist', 'webview.css'),
    };
    this.disposables.push(
      this.latestChanged,
      onDidChangeReportSettings(() => {
        this.settingsChangedAt = Date.now();
        clearTimeout(this.settingsTimer);
        this.settingsTimer = setTimeout(() => void this.recomputeAll(), SETTINGS_DEBOUNCE_MS);
      }),
    );
  }

  get latest(): ReportEntry | undefined {
    return this.latestEntry;
  }

  /** The reports shown in open panels. */
  openEntries(): ReportEntry[] {
    return [...this.panels.values()].map((p) => p.entry);
  }

  nextRequestId(): number {
    return ++this.requestCounter;
  }

  /**
   * Computes the report and shows it in its kind's panel. Resolves to undefined when cancelled
   * (nothing shown); rejects with a message naming the file and column when the data is unusable.
   */
  async open(request: ReportRequest, options: OpenOptions = {}): Promise<ReportView | undefined> {
    const view = await this.compute(request, options);
    if (!view) return undefined;
    this.showEntry({ request, view }, true, true, view.elapsedMs > FOCUS_IF_FASTER_MS);
    return view;
  }

  /** Runs the panel's (or the latest) report again on the same files, with the current settings. */
  async rerun(kind?: ReportKind, options: OpenOptions = {}): Promise<ReportView | undefined> {
    const panel = kind ? this.panels.get(kind) : this.activePanel();
    const request = panel?.entry.request ?? (kind ? (this.latestEntry?.request.kind === kind ? this.latestEntry.request : undefined) : this.latestEntry?.request);
    if (!request) throw new UserFacingError(vscode.l10n.t('there is no report to rerun: open a drift, calibration or concept-drift report first.'));
    const target = this.panels.get(request.kind);
    target?.setBusy(vscode.l10n.t('Recomputing…'));
    try {
      const view = await this.compute(request, options);
      if (!view) {
        // Cancelled: the previous report stays, without the progress line.
        if (target && this.panels.get(request.kind) === target && !this.running.has(request.kind)) target.show(target.entry, false);
        return undefined;
      }
      // A settings recompute of a panel closed meanwhile shows nothing.
      if (options.quiet && !this.panels.has(request.kind)) return undefined;
      this.showEntry({ request, view }, !options.quiet, true, view.elapsedMs > FOCUS_IF_FASTER_MS);
      return view;
    } catch (error) {
      if (target) {
        target.busy = undefined;
        void target.post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
      }
      throw error;
    }
  }

  /** The panel Export and Rerun act on: the active one, else the one active last. */
  activePanel(kind?: ReportKind): ReportPanel | undefined {
    if (kind) return this.panels.get(kind);
    const panels = [...this.panels.values()];
    return panels.find((p) => p.panel.active) ?? panels.sort((a, b) => b.lastActive - a.lastActive)[0];
  }

  /** Shows the latest report's panel (re-creating it from the cached report if it was closed). */
  revealLatest(): void {
    if (!this.latestEntry) throw new UserFacingError(vscode.l10n.t('there is no report yet: open a drift, calibration or concept-drift report first.'));
    const panel = this.panels.get(this.latestEntry.request.kind);
    if (panel) panel.panel.reveal(undefined, false);
    else this.showEntry(this.latestEntry, true, false);
  }

  /** Cancels every run in progress (its notification closes, nothing is shown). */
  cancelAll(): void {
    for (const { source } of this.running.values()) source.cancel();
  }

  updateContext(): void {
    void vscode.commands.executeCommand('setContext', 'gradient.reportOpen', this.panels.size > 0);
  }

  private webviewOptions(): vscode.WebviewOptions {
    return webviewOptions({ dist: vscode.Uri.joinPath(this.extensionUri, 'dist'), media: vscode.Uri.joinPath(this.extensionUri, 'media') });
  }

  /** `adopt`: a panel VS Code restored after a reload, to show the entry in instead of a new one. */
  private showEntry(entry: ReportEntry, reveal: boolean, announce = true, preserveFocus = false, adopt?: vscode.WebviewPanel): void {
    const existing = this.panels.get(entry.request.kind);
    if (existing && existing.panel !== adopt) {
      existing.show(entry, reveal, preserveFocus);
      adopt?.dispose();
    } else {
      const panel =
        adopt ??
        vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, reportTitle(entry.request), { viewColumn: vscode.ViewColumn.Active, preserveFocus }, {
          ...this.webviewOptions(),
          retainContextWhenHidden: false,
          enableFindWidget: true,
        });
      panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'activity.svg');
      const reportPanel = new ReportPanel(panel, entry, this);
      this.panels.set(entry.request.kind, reportPanel);
      panel.onDidDispose(() => {
        reportPanel.dispose();
        if (this.panels.get(reportPanel.kind) === reportPanel) this.panels.delete(reportPanel.kind);
        this.updateContext();
        // The request stays stored: a window reload disposes the panels too, and forgetting them
        // then would race the storage flush that must keep them for `restore`.
      });
      this.updateContext();
    }
    void this.persistOpenRequests();
    if (announce) {
      this.latestEntry = entry;
      this.latestChanged.fire(entry);
    }
  }

  /**
   * Keeps the latest request of each kind of panel in the workspace state, for `restore` after a
   * window reload (a panel's own state holds only its kind). Only one panel per kind exists, so
   * the entry of a closed panel is harmless and is replaced by the next one.
   */
  private persistOpenRequests(): Thenable<void> {
    const stored = this.workspaceState.get<Record<string, unknown>>(OPEN_REQUESTS_KEY) ?? {};
    const open = Object.fromEntries([...this.panels].map(([kind, panel]) => [kind, serializeRequest(panel.entry.request)]));
    return this.workspaceState.update(OPEN_REQUESTS_KEY, { ...stored, ...open });
  }

  /**
   * Brings back a report panel VS Code restored after a window reload (`WebviewPanelSerializer`):
   * the page shows "Computing the report…" while the report is computed again from the same files
   * with the current settings (they may have changed since), then the report. A panel whose request
   * is unknown, or whose files are gone, says so and offers nothing to click.
   */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    panel.webview.options = this.webviewOptions();
    const kind = typeof state === 'object' && state !== null ? (state as { kind?: unknown }).kind : undefined;
    const stored = this.workspaceState.get<Record<string, unknown>>(OPEN_REQUESTS_KEY) ?? {};
    const request = isReportKind(kind) ? deserializeRequest(stored[kind]) : undefined;
    panel.webview.html = buildWebviewHtml(panel.webview, this.assets, { view: 'panel', report: null }, panel.title);
    const fail = (message: string) => {
      // The page says `ready` once its script runs; only then can it show the error.
      const listener = panel.webview.onDidReceiveMessage((raw: unknown) => {
        if (parseWebviewMessage(raw)?.type !== 'ready') return;
        listener.dispose();
        void panel.webview.postMessage({ type: 'error', message } satisfies HostMessage);
      });
      panel.onDidDispose(() => listener.dispose());
    };
    if (!request) {
      this.log.warn(`a restored report panel has no request to recompute (kind ${JSON.stringify(kind)}; stored kinds: ${Object.keys(stored).join(', ') || 'none'})`);
      fail(vscode.l10n.t('GRADIENT cannot tell which files this report was made from: open the report again.'));
      return;
    }
    try {
      const view = await this.compute(request, { quiet: true });
      if (!view) {
        fail(vscode.l10n.t('The report was not computed again: open it again or press Rerun.'));
        return;
      }
      this.showEntry({ request, view }, false, true, true, panel);
    } catch (error) {
      this.log.warn(`restoring the ${request.kind} report failed: ${error instanceof Error ? error.message : String(error)}`);
      fail(error instanceof Error ? error.message : String(error));
    }
  }

  private async compute(request: ReportRequest, options: OpenOptions): Promise<ReportView | undefined> {
    try {
      return await this.computeOnce(request, options);
    } catch (error) {
      // The database refused the login: ask for the password once, keep it, and run again.
      if (!(error instanceof CredentialsError) || !isDatabaseRequest(request) || options.quiet) throw error;
      const connection = this.passwords.connection(request.reference);
      if (!(await this.passwords.ask(connection, error.message))) throw error;
      return this.computeOnce(request, options);
    }
  }

  private async computeOnce(request: ReportRequest, options: OpenOptions): Promise<ReportView | undefined> {
    const settings = readReportSettings(requestFiles(request)[0]);
    const job = await toJob(request, settings, this.passwords);
    this.running.get(request.kind)?.source.cancel();
    const source = new vscode.CancellationTokenSource();
    const run = { source, started: Date.now() };
    this.running.set(request.kind, run);
    const started = Date.now();
    const title = vscode.l10n.t('GRADIENT: {0} report', KIND_NAMES[request.kind]);
    try {
      const report: GradientReport = await vscode.window.withProgress(
        { location: options.quiet ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification, title, cancellable: !options.quiet },
        (progress, token) => {
          const link = token.onCancellationRequested(() => source.cancel());
          const text = new ProgressText(requestFiles(request).length);
          return this.runner
            .report(job, {
              token: source.token,
              onProgress: (p) => {
                const { message, increment } = text.update(p);
                progress.report({ message, increment });
                this.panels.get(request.kind)?.setBusy(message);
              },
            })
            .finally(() => link.dispose());
        },
      );
      return { report, computedAt: new Date().toISOString(), elapsedMs: Date.now() - started };
    } catch (error) {
      if (error instanceof vscode.CancellationError) return undefined;
      throw error;
    } finally {
      if (this.running.get(request.kind) === run) this.running.delete(request.kind);
      source.dispose();
    }
  }

  private async recomputeAll(): Promise<void> {
    for (const panel of [...this.panels.values()]) {
      // A run that started after the change already reads the new settings: let it finish.
      const running = this.running.get(panel.kind);
      if (running && running.started >= this.settingsChangedAt) continue;
      try {
        await this.rerun(panel.kind, { quiet: true });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.log.warn(`recomputing the ${panel.kind} report after a settings change failed: ${message}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('GRADIENT: {0}', message));
      }
    }
  }

  dispose(): void {
    clearTimeout(this.settingsTimer);
    this.cancelAll();
    for (const panel of [...this.panels.values()]) panel.panel.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

/** The kinds Export / Rerun accept as `{ kind }`. */
export function isReportKind(value: unknown): value is ReportKind {
  return value === 'drift' || value === 'calibration' || value === 'cusum';
}
