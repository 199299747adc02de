/**
 * The side bar's "Readiness" section: the chosen stage's checklist as a native tree, each item in
 * its state from the readiness check (in the core's order: the constraint's items first), its
 * reason beside it, its evidence as children (a file:line opens the file at the line) and its one
 * action as an inline button: open the file, insert the missing snippet, or run the tests. The
 * view's message carries the verdict and confidence; the badge counts failing items.
 */
import * as vscode from 'vscode';
import { Commands, registerCommand, UserFacingError } from '../commands';
import { stageById } from '../core/lifecycle/stages';
import { actionText, READINESS_STATE_WORDS, type Evidence, type ReadinessItem, type ReadinessReport, type ReadinessState, type SourceLocation } from '../core/readiness/index';
import type { ReadinessService } from '../readinessService';

export const READINESS_VIEW_ID = 'gradient.readiness';

export type ReadinessNode =
  | { readonly kind: 'group'; readonly patternFile: string; readonly items: readonly ReadinessItem[] }
  | { readonly kind: 'item'; readonly item: ReadinessItem }
  | { readonly kind: 'evidence'; readonly item: ReadinessItem; readonly evidence: Evidence; readonly index: number };

/** What the view shows, flattened for the integration tests (`GradientApi.readinessView`). */
export interface ReadinessViewSnapshot {
  readonly message: string | undefined;
  readonly description: string | undefined;
  readonly nodes: readonly ReadinessNodeSnapshot[];
}
export interface ReadinessNodeSnapshot {
  readonly id: string;
  readonly label: string;
  readonly description: string | undefined;
  readonly icon: string | undefined;
  readonly contextValue: string | undefined;
  readonly command: string | undefined;
  readonly children: readonly ReadinessNodeSnapshot[];
}

/** Each state's icon, in the test colors every theme (light, dark, high contrast) defines. */
const STATE_ICONS: Record<ReadinessState, { icon: string; color: string }> = {
  pass: { icon: 'pass', color: 'testing.iconPassed' },
  fail: { icon: 'error', color: 'testing.iconFailed' },
  missing: { icon: 'circle-large-outline', color: 'list.warningForeground' },
  'not-applicable': { icon: 'circle-slash', color: 'disabledForeground' },
};

/** "Pass", "Not applicable": the core's word for the state, capitalized. */
function stateWord(state: ReadinessState): string {
  const label = vscode.l10n.t(READINESS_STATE_WORDS[state].label);
  return label.charAt(0).toUpperCase() + label.slice(1);
}

const TEST_ICONS: Record<Extract<Evidence, { kind: 'test' }>['outcome'], { icon: string; color: string }> = {
  passed: { icon: 'pass', color: 'testing.iconPassed' },
  failed: { icon: 'error', color: 'testing.iconFailed' },
  error: { icon: 'error', color: 'testing.iconErrored' },
  skipped: { icon: 'debug-step-over', color: 'testing.iconSkipped' },
  'not-run': { icon: 'circle-large-outline', color: 'testing.iconUnset' },
};

/** The root-relative location as `file:line`. */
export function locationText(location: SourceLocation): string {
  return `${location.file}:${location.range.startLine}`;
}

function evidenceLocation(evidence: Evidence): SourceLocation | undefined {
  return evidence.kind === 'finding' ? evidence.finding.location : evidence.location;
}

export class ReadinessTreeProvider implements vscode.TreeDataProvider<ReadinessNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ReadinessNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly service: ReadinessService) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: ReadinessNode): ReadinessNode[] {
    const report = this.service.report;
    if (!report) return [];
    if (!node) {
      if (report.stage !== 'all') return report.items.map((item) => ({ kind: 'item', item }));
      // Every stage: one group per pattern file, in the order the core gave the items.
      const groups = new Map<string, ReadinessItem[]>();
      for (const item of report.items) groups.set(item.patternFile, [...(groups.get(item.patternFile) ?? []), item]);
      return [...groups].map(([patternFile, items]) => ({ kind: 'group', patternFile, items }));
    }
    if (node.kind === 'group') return node.items.map((item) => ({ kind: 'item', item }));
    if (node.kind === 'item') return node.item.evidence.map((evidence, index) => ({ kind: 'evidence', item: node.item, evidence, index }));
    return [];
  }

  getTreeItem(node: ReadinessNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group':
        return this.groupItem(node.patternFile, node.items);
      case 'item':
        return this.itemItem(node.item);
      case 'evidence':
        return this.evidenceItem(node.item, node.evidence, node.index);
    }
  }

  private groupItem(patternFile: string, items: readonly ReadinessItem[]): vscode.TreeItem {
    const tree = new vscode.TreeItem(patternFile, vscode.TreeItemCollapsibleState.Expanded);
    tree.id = `group:${patternFile}`;
    const failing = items.filter((item) => item.state === 'fail').length;
    const passing = items.filter((item) => item.state === 'pass').length;
    tree.description = vscode.l10n.t('{0} of {1} pass', passing, items.length) + (failing > 0 ? vscode.l10n.t(', {0} fail', failing) : '');
    tree.iconPath = new vscode.ThemeIcon('book');
    tree.contextValue = 'readiness-group';
    return tree;
  }

  private itemItem(item: ReadinessItem): vscode.TreeItem {
    const state = STATE_ICONS[item.state];
    const collapsible =
      item.evidence.length === 0
        ? vscode.TreeItemCollapsibleState.None
        : item.state === 'fail'
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
    const tree = new vscode.TreeItem(item.text, collapsible);
    tree.id = `item:${item.id}`;
    tree.description = item.reason;
    tree.iconPath = new vscode.ThemeIcon(state.icon, new vscode.ThemeColor(state.color));
    tree.contextValue = `readiness-${item.action?.kind ?? 'none'}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${stateWord(item.state)}** · `);
    tooltip.appendText(item.text);
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(item.reason);
    if (item.constraints.length > 0) tooltip.appendMarkdown(`\n\n${vscode.l10n.t('Constraints')}: ${item.constraints.join(', ')}`);
    tooltip.appendMarkdown(`\n\n${vscode.l10n.t('Pattern')}: \`${item.patternFile}\` · \`${item.id}\``);
    if (item.action) {
      tooltip.appendMarkdown(`\n\n${vscode.l10n.t('Next')}: `);
      tooltip.appendText(`${item.action.title} (${actionText(item.action)})`);
    }
    tree.tooltip = tooltip;
    tree.accessibilityInformation = { label: vscode.l10n.t('{0}: {1}. {2}', stateWord(item.state), item.text, item.reason) };
    return tree;
  }

  private evidenceItem(item: ReadinessItem, evidence: Evidence, index: number): vscode.TreeItem {
    const tree = new vscode.TreeItem(evidence.text, vscode.TreeItemCollapsibleState.None);
    tree.id = `evidence:${item.id}#${index}`;
    const location = evidenceLocation(evidence);
    switch (evidence.kind) {
      case 'file':
        tree.iconPath = new vscode.ThemeIcon('file-code');
        break;
      case 'test': {
        const icon = TEST_ICONS[evidence.outcome];
        tree.iconPath = new vscode.ThemeIcon(icon.icon, new vscode.ThemeColor(icon.color));
        tree.description = vscode.l10n.t(evidence.outcome);
        break;
      }
      case 'value':
        tree.iconPath = new vscode.ThemeIcon('symbol-numeric');
        break;
      case 'finding':
        tree.iconPath = new vscode.ThemeIcon(
          evidence.finding.severity === 'error' ? 'error' : 'warning',
          new vscode.ThemeColor(evidence.finding.severity === 'error' ? 'problemsErrorIcon.foreground' : 'problemsWarningIcon.foreground'),
        );
        if (!evidence.text.includes(evidence.finding.rule)) tree.description = evidence.finding.rule;
        break;
    }
    if (location) {
      const where = locationText(location);
      // The core's text usually names the file already ("configs/x.yaml: rollback, valid").
      if (!evidence.text.includes(location.file)) tree.description = tree.description ? `${tree.description} · ${where}` : where;
      const uri = this.service.folder ? vscode.Uri.joinPath(this.service.folder.uri, ...location.file.split('/')) : undefined;
      // No resourceUri: its file decorations would color a valid config red when another line of it has a problem.
      if (uri) {
        tree.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [uri, { selection: toRange(location) }] };
      }
    }
    tree.tooltip = evidence.text;
    tree.contextValue = `readiness-evidence-${evidence.kind}`;
    return tree;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** A core range (1-based lines, end exclusive; readiness and review alike) as a VS Code range (0-based lines). */
export function toRange(location: Pick<SourceLocation, 'range'>): vscode.Range {
  const { startLine, startColumn, endLine, endColumn } = location.range;
  return new vscode.Range(Math.max(0, startLine - 1), startColumn, Math.max(0, endLine - 1), endColumn);
}

/** "Stage E · latency" or "All stages", with the folder when there are several. */
export function stageDescription(report: ReadinessReport, folders: number, folderName: string | undefined): string {
  const stage = report.stage === 'all' ? vscode.l10n.t('All stages') : vscode.l10n.t('Stage {0}', report.stage);
  const constraint = report.constraint ? ` · ${report.constraint}` : '';
  return `${stage}${constraint}${folders > 1 && folderName ? ` · ${folderName}` : ''}`;
}

/** The verdict and confidence line shown above the checklist. */
export function verdictLine(report: ReadinessReport): string {
  const stage = report.stage === 'all' ? '' : `${stageById(report.stage).id}) ${vscode.l10n.t(stageById(report.stage).label)}: `;
  return vscode.l10n.t('{0}{1} Confidence {2}%.', stage, report.verdict, Math.round(report.confidence * 100));
}

/** The item a command was invoked on: a tree node (inline button, context menu) or `{ id }`. */
export function itemFromArgument(service: ReadinessService, argument: unknown): ReadinessItem {
  const node = argument as Partial<ReadinessNode> & { id?: unknown };
  if (node && typeof node === 'object' && (node.kind === 'item' || node.kind === 'evidence') && node.item) return node.item;
  const id = node && typeof node === 'object' ? node.id : undefined;
  const item = service.report?.items.find((candidate) => candidate.id === id);
  if (!item) throw new UserFacingError(vscode.l10n.t('there is no readiness item {0}: run "GRADIENT: Check readiness" first.', JSON.stringify(id)));
  return item;
}

export function register(
  _context: vscode.ExtensionContext,
  deps: { readiness: ReadinessService; log: vscode.LogOutputChannel },
): vscode.Disposable & { snapshot(): ReadinessViewSnapshot } {
  const { readiness: service, log } = deps;
  const provider = new ReadinessTreeProvider(service);
  const view = vscode.window.createTreeView(READINESS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });

  const render = () => {
    const report = service.report;
    const folders = vscode.workspace.workspaceFolders?.length ?? 0;
    void vscode.commands.executeCommand('setContext', 'gradient.assessed', service.resolvedStage() !== undefined);
    if (report) {
      view.description = stageDescription(report, folders, service.folder?.name);
      view.message = verdictLine(report);
      const failing = report.items.filter((item) => item.state === 'fail').length;
      view.badge = failing > 0 ? { value: failing, tooltip: vscode.l10n.t('{0} readiness items fail', failing) } : undefined;
    } else {
      view.description = undefined;
      view.badge = undefined;
      // An empty tree shows the welcome content; a message would hide it.
      view.message = service.error ? vscode.l10n.t('The readiness check failed: {0}', service.error) : service.busy && service.resolvedStage() ? vscode.l10n.t('Checking readiness…') : undefined;
    }
    provider.refresh();
  };

  const snapshotOf = (node: ReadinessNode): ReadinessNodeSnapshot => {
    const tree = provider.getTreeItem(node);
    return {
      id: tree.id ?? '',
      label: typeof tree.label === 'string' ? tree.label : (tree.label?.label ?? ''),
      description: typeof tree.description === 'string' ? tree.description : undefined,
      icon: tree.iconPath instanceof vscode.ThemeIcon ? tree.iconPath.id : undefined,
      contextValue: tree.contextValue,
      command: tree.command?.command,
      children: provider.getChildren(node).map(snapshotOf),
    };
  };

  render();
  const disposable = vscode.Disposable.from(
    provider,
    view,
    service.onDidChange(render),
    // The living view: the first time it shows, check the chosen stage.
    view.onDidChangeVisibility(({ visible }) => {
      if (visible && !service.report && !service.busy) service.schedule();
    }),
    registerCommand(Commands.openReadinessItem, log, async (argument?: unknown) => {
      const item = itemFromArgument(service, argument);
      const location = item.action?.kind === 'open' ? item.action.location : item.evidence.map(evidenceLocation).find((l) => l !== undefined);
      if (!location) throw new UserFacingError(vscode.l10n.t('"{0}" names no file to open.', item.text));
      const folder = service.folder;
      if (!folder) throw new UserFacingError(vscode.l10n.t('open a folder first.'));
      const editor = await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, ...location.file.split('/')), { selection: toRange(location) });
      return editor.document.uri.toString();
    }),
    registerCommand(Commands.insertReadinessSnippet, log, async (argument?: unknown) => {
      const item = itemFromArgument(service, argument);
      if (item.action?.kind !== 'insert-snippet') throw new UserFacingError(vscode.l10n.t('"{0}" has no snippet to insert.', item.text));
      return vscode.commands.executeCommand(Commands.insertSnippet, { id: item.action.snippet });
    }),
  );
  return Object.assign(disposable, {
    snapshot: (): ReadinessViewSnapshot => ({
      message: view.message,
      description: view.description,
      nodes: provider.getChildren().map(snapshotOf),
    }),
  });
}
