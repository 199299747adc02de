/**
 * The editor's readiness state, shared by the command, the side-bar checklist, the Problems panel
 * and the test runner: which folder and stage are checked, the latest report, and the config
 * findings. One evaluation at a time: a newer one cancels the stale one (its reads throw), and
 * only the newest result is kept. The answers themselves come from the core (`core/readiness`).
 */
import * as vscode from 'vscode';
import type { AssessmentStore } from './assessmentStore';
import type { CatalogService } from './catalogService';
import type { Catalog } from './core/patterns/catalog';
import { isStageId, type Constraint, type StageId } from './core/lifecycle/stages';
import type { ConfigCheck, ReadinessReport, ReadinessRequest, WorkspaceReader } from './core/readiness/index';
import { VsCodeWorkspaceReader } from './workspaceReader';

/** The core's two entry points (`assessReadiness`, `checkConfigs`), as the editor calls them. */
export interface ReadinessEngine {
  assess(reader: WorkspaceReader, request: ReadinessRequest, catalog: Catalog, root: string): Promise<ReadinessReport>;
  checkConfigs(reader: WorkspaceReader): Promise<ConfigCheck>;
}

/** Which stage the view answers for: the assessed one (following re-assessments), one stage, or all. */
export type StageChoice = 'assessed' | StageId | 'all';

/** Items the team decided do not apply (`mlops/ab-test-configured`, `mlops/*`). */
export const NOT_APPLICABLE_SETTING = 'readiness.notApplicable';
const STAGE_CHOICE_KEY = 'gradient.readiness.stage';
export const DEBOUNCE_MS = 500;

export class ReadinessService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the report, the config findings or the running state change. */
  readonly onDidChange = this.changed.event;

  private folderChoice: vscode.WorkspaceFolder | undefined;
  private latest: ReadinessReport | undefined;
  private latestConfigs: { folder: vscode.WorkspaceFolder; check: ConfigCheck } | undefined;
  private lastError: string | undefined;
  private pending: vscode.CancellationTokenSource | undefined;
  private running: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(
    private readonly engine: ReadinessEngine,
    private readonly store: AssessmentStore,
    private readonly catalog: CatalogService,
    private readonly state: vscode.Memento,
    private readonly storage: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get report(): ReadinessReport | undefined {
    return this.latest;
  }

  /** The findings of the folder's configs: the report's when there is one, else the last config check's. */
  get configs(): { folder: vscode.WorkspaceFolder; check: ConfigCheck } | undefined {
    return this.latestConfigs;
  }

  /** Why the last evaluation failed, if it did. */
  get error(): string | undefined {
    return this.lastError;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  get stageChoice(): StageChoice {
    const stored = this.state.get<unknown>(STAGE_CHOICE_KEY);
    return stored === 'all' || isStageId(stored) ? stored : 'assessed';
  }

  async setStageChoice(choice: StageChoice): Promise<void> {
    await this.state.update(STAGE_CHOICE_KEY, choice === 'assessed' ? undefined : choice);
    this.latest = undefined;
    this.changed.fire();
  }

  /** The stage the next evaluation answers for; undefined when it follows an assessment not made yet. */
  resolvedStage(): { stage: StageId | 'all'; constraint: Constraint | null } | undefined {
    const assessment = this.store.current;
    const choice = this.stageChoice;
    if (choice === 'assessed') return assessment ? { stage: assessment.stage, constraint: assessment.constraint } : undefined;
    return { stage: choice, constraint: assessment?.constraint ?? null };
  }

  /** The folder checked: the one picked last, else the first. */
  get folder(): vscode.WorkspaceFolder | undefined {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (this.folderChoice && folders.some((f) => f.uri.toString() === this.folderChoice?.uri.toString())) return this.folderChoice;
    return folders[0];
  }

  set folder(folder: vscode.WorkspaceFolder | undefined) {
    if (folder?.uri.toString() !== this.folderChoice?.uri.toString()) this.latest = undefined;
    this.folderChoice = folder;
  }

  /**
   * Where the editor's pytest runs write their JUnit XML: extension storage, never the workspace.
   * A run of every test writes `all.xml` (and drops the item runs); a run of one item's tests
   * writes `item-<hash>.xml` beside it, so it does not hide the other tests' last results.
   */
  junitUri(folder: vscode.WorkspaceFolder, itemId?: string): vscode.Uri {
    return vscode.Uri.joinPath(this.junitFolder(folder), itemId === undefined ? 'all.xml' : `item-${hash(itemId)}.xml`);
  }

  junitFolder(folder: vscode.WorkspaceFolder): vscode.Uri {
    return vscode.Uri.joinPath(this.storage, 'readiness', hash(folder.uri.toString()));
  }

  /** Forgets the runs of single items (after a run of every test, which supersedes them). */
  async dropItemRuns(folder: vscode.WorkspaceFolder): Promise<void> {
    for (const [name] of await this.junitFiles(folder)) {
      if (name.startsWith('item-')) await vscode.workspace.fs.delete(vscode.Uri.joinPath(this.junitFolder(folder), name));
    }
  }

  private async junitFiles(folder: vscode.WorkspaceFolder): Promise<[string, vscode.FileType][]> {
    try {
      return (await vscode.workspace.fs.readDirectory(this.junitFolder(folder))).filter(([name, type]) => type === vscode.FileType.File && /^(all|item-[0-9a-f]+)\.xml$/.test(name));
    } catch {
      return []; // no run yet
    }
  }

  /** Re-evaluates after DEBOUNCE_MS without another request (file changes come in bursts). */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.evaluate().catch(() => undefined);
    }, DEBOUNCE_MS);
  }

  /**
   * Checks the folder's readiness for the chosen stage (or only its configs when no stage can be
   * answered yet) and returns the report. Cancels an evaluation still running. Rejects with the
   * reason when the core fails; a superseded evaluation resolves to the newer one's result.
   */
  async evaluate(): Promise<ReadinessReport | undefined> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.pending?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.pending = source;
    const generation = ++this.generation;
    const run = this.run(source.token, generation);
    this.running = run.then(
      () => undefined,
      () => undefined,
    );
    this.changed.fire();
    try {
      await run;
    } catch (error) {
      if (error instanceof vscode.CancellationError || generation !== this.generation) return this.settled();
      throw error;
    } finally {
      if (generation === this.generation) {
        this.running = undefined;
        this.pending = undefined;
        this.changed.fire();
      }
      source.dispose();
    }
    return this.latest;
  }

  /** The report once no evaluation is running or scheduled (for tests and the command). */
  async settled(): Promise<ReadinessReport | undefined> {
    for (let i = 0; i < 100 && (this.running || this.timer); i++) {
      if (this.running) await this.running;
      else await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS / 5));
    }
    return this.latest;
  }

  private async run(token: vscode.CancellationToken, generation: number): Promise<void> {
    const folder = this.folder;
    if (!folder) {
      this.latest = undefined;
      this.latestConfigs = undefined;
      return;
    }
    const reader = new VsCodeWorkspaceReader(folder, token);
    const stage = this.resolvedStage();
    try {
      if (!stage) {
        const check = await this.engine.checkConfigs(reader);
        if (generation !== this.generation) return;
        this.latest = undefined;
        this.latestConfigs = { folder, check };
        this.lastError = undefined;
        return;
      }
      const [catalog, junit] = await Promise.all([this.catalog.get(), this.readJunit(folder)]);
      const notApplicable = vscode.workspace.getConfiguration('gradient', folder.uri).get<unknown>(NOT_APPLICABLE_SETTING);
      const request: ReadinessRequest = {
        ...stage,
        ...(junit ? { junit } : {}),
        ...(Array.isArray(notApplicable) ? { notApplicable: notApplicable.filter((id): id is string => typeof id === 'string') } : {}),
      };
      const report = await this.engine.assess(reader, request, catalog, folder.uri.scheme === 'file' ? folder.uri.fsPath : folder.uri.toString());
      if (generation !== this.generation) return;
      this.latest = report;
      this.latestConfigs = { folder, check: report.configs };
      this.lastError = undefined;
    } catch (error) {
      if (error instanceof vscode.CancellationError || generation !== this.generation) throw new vscode.CancellationError();
      this.lastError = error instanceof Error ? error.message : String(error);
      this.log.error('readiness check failed', error);
      throw error;
    }
  }

  /** The editor's runs, oldest first (the run of every test, then single items' runs by time). */
  private async readJunit(folder: vscode.WorkspaceFolder): Promise<ReadinessRequest['junit']> {
    const runs: { source: string; xml: string; mtime: number }[] = [];
    for (const [name] of await this.junitFiles(folder)) {
      const uri = vscode.Uri.joinPath(this.junitFolder(folder), name);
      try {
        const [bytes, stat] = await Promise.all([vscode.workspace.fs.readFile(uri), vscode.workspace.fs.stat(uri)]);
        const source = name === 'all.xml' ? vscode.l10n.t("the editor's last test run") : vscode.l10n.t("the editor's last run of one item's tests");
        runs.push({ source, xml: new TextDecoder().decode(bytes), mtime: name === 'all.xml' ? -1 : stat.mtime });
      } catch {
        // removed meanwhile
      }
    }
    runs.sort((a, b) => a.mtime - b.mtime);
    return runs.length > 0 ? runs.map(({ source, xml }) => ({ source, xml })) : undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.pending?.cancel();
    this.changed.dispose();
  }
}

/** A short stable name for a folder's files in storage (FNV-1a). */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
